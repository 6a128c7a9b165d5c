"""The shape VolumePanel and NetworkPanel share: a live list of named objects that a panel creates
from a name box and a driver box beside its create button, removes and prunes (asked first)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import ipywidgets as w

from .base import PAGE_SIZE, Panel


class NamedObjectPanel(Panel):
    """A panel of volumes or networks: the subclass names its model and the boxes' hints."""

    status_column = "CONTAINERS"
    model_class: ClassVar[type]
    name_hint: ClassVar[str]
    name_width: ClassVar[str] = "200px"
    driver_hint: ClassVar[str]
    filter_hint: ClassVar[str]

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
        """*filters*: the engine's (``volume ls --filter``, ``network ls --filter``); *events*: a
        dashboard's hub per engine name."""
        model = self.model_class(
            engine, filters=filters, engines=engines, ops=ops, live=live, page_size=page_size, events=events
        )
        self.name_box = w.Text(placeholder=self.name_hint, layout=w.Layout(width=self.name_width))
        self.driver_box = w.Text(placeholder=self.driver_hint, layout=w.Layout(width="120px"))
        super().__init__(model)

    @property
    def filters(self) -> dict[str, list[str]]:
        """The engine-side filters of the list."""
        return self.model.filters

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return self.filter_hint

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
        """Create one as the create button does, wait for it to show, and return the message line."""
        self.name_box.value, self.driver_box.value = name, driver
        self.act("create")
        self.wait(timeout)
        return self.message
