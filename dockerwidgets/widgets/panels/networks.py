"""NetworkPanel: ``%docker network ls`` as a live table, with the containers on each network, create, remove and prune.

Create takes the name and the driver (empty: the engine's default, bridge) from the boxes
beside it; remove and prune ask first (prune with the CLI's own warning). Every call goes
through ``ops.networks`` on the panel's worker; the rows change by the engine's network
events (create, destroy, connect, disconnect) and the container events that change who is on one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .base import PAGE_SIZE, Panel
from .datamodels import NetworkModel

__all__ = ["NetworkPanel"]


class NetworkPanel(Panel):
    """The engine's networks, live: filter, sort, page; create, remove (asked first), prune, inspect."""

    status_column = "CONTAINERS"

    def __init__(
        self,
        engine: Any = None,
        filters: dict[str, list[str]] | None = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        engines: list | None = None,
        ops: Any = None,
        events: Mapping[str, Any] | None = None,
    ) -> None:
        """*filters*: the engine's (``network ls --filter``); *events*: a dashboard's hub per engine name."""
        model = NetworkModel(
            engine, filters=filters, engines=engines, ops=ops, live=live, page_size=page_size, events=events
        )
        self.name_box = w.Text(placeholder="new network's name", layout=w.Layout(width="200px"))
        self.driver_box = w.Text(placeholder="driver (bridge)", layout=w.Layout(width="120px"))
        super().__init__(model)

    @property
    def filters(self) -> dict[str, list[str]]:
        """The engine-side filters of the list (``network ls --filter``)."""
        return self.model.filters

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, driver, id, container"

    def layout_children(self) -> list[w.Widget]:
        """The toolbar with create's boxes beside it."""
        rows = super().layout_children()
        buttons = self.buttons
        rows[1] = w.HBox(
            [self.name_box, self.driver_box, buttons["create"], buttons["remove"], buttons["prune"], buttons["inspect"]]
        )
        return rows

    def params(self, name: str) -> dict[str, Any]:
        """Create takes the name and driver boxes."""
        if name == "create":
            return {"create_name": self.name_box.value.strip(), "driver": self.driver_box.value.strip()}
        return {}

    def create(self, name: str, driver: str = "", timeout: float | None = None) -> str:
        """Create a network as the create button does, wait for it to show, and return the message line."""
        self.name_box.value, self.driver_box.value = name, driver
        self.act("create")
        self.wait(timeout)
        return self.message
