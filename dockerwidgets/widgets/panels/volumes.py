"""VolumePanel: ``%docker volume ls`` as a live table, with who uses each volume, create, remove and prune.

Create takes the name (empty: the engine names it) and the driver from the boxes beside it;
remove and prune ask first (prune with the CLI's own warning). Every call goes through
``ops.volumes`` on the panel's worker; the rows change by the engine's volume events (and the
container events that change who mounts what).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .base import PAGE_SIZE, Panel
from .datamodels import VolumeModel

__all__ = ["VolumePanel"]


class VolumePanel(Panel):
    """The engine's volumes, live: filter, sort, page; create, remove (asked first), prune, inspect."""

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
        """*filters*: the engine's (``volume ls --filter``); *events*: a dashboard's hub per engine name."""
        model = VolumeModel(
            engine, filters=filters, engines=engines, ops=ops, live=live, page_size=page_size, events=events
        )
        self.name_box = w.Text(placeholder="new volume's name (empty: random)", layout=w.Layout(width="240px"))
        self.driver_box = w.Text(placeholder="driver (local)", layout=w.Layout(width="120px"))
        super().__init__(model)

    @property
    def filters(self) -> dict[str, list[str]]:
        """The engine-side filters of the list (``volume ls --filter``)."""
        return self.model.filters

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, driver, container"

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

    def create(self, name: str = "", driver: str = "", timeout: float | None = None) -> str:
        """Create a volume as the create button does, wait for it to show, and return the message line."""
        self.name_box.value, self.driver_box.value = name, driver
        self.act("create")
        self.wait(timeout)
        return self.message
