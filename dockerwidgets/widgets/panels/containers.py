"""ContainerPanel: ``%docker ps -a`` as a live table, the lifecycle actions one click away.

Each action is a row of :data:`.actions.ACTIONS` (``containers``) calling ``ops.containers``
on the panel's worker; the row shows ``stopping…`` until the engine's events bring its new
state. Remove, kill and a stop of several containers ask first, inside the widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .actions import actions_of
from .base import PAGE_SIZE, Panel
from .model import RUNNING_STATES, ContainerModel

__all__ = ["ACTIONS", "RUNNING_STATES", "ContainerPanel"]

ACTIONS = tuple(actions_of("containers"))


class ContainerPanel(Panel):
    """The engine's containers, live: filter, all/running, sort, page, and actions on the selection."""

    status_column = "STATUS"

    def __init__(
        self,
        engine: Any = None,
        show: str = "all",
        filters: dict[str, list[str]] | None = None,
        stop_timeout: int | None = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        engines: list | None = None,
        ops: Any = None,
        stats: Any = False,
        events: Mapping[str, Any] | None = None,
    ) -> None:
        """*engines*: context names, host URLs (``unix://``, ``tcp://``, ``ssh://``) or Engines: one table, an ENGINE column.

        *stats*: CPU % and MEM USAGE / LIMIT columns, from the live stats of the running containers (updated about once a second).
        """
        model = ContainerModel(
            engine, show=show, filters=filters, engines=engines, ops=ops, live=live, page_size=page_size,
            options={"stop_timeout": stop_timeout}, stats=stats, events=events,
        )  # fmt: skip
        self.show = w.ToggleButtons(options=["all", "running"], value=show, style={"button_width": "80px"})
        self.new_name = w.Text(placeholder="new name", layout=w.Layout(width="140px"))
        super().__init__(model)
        self._links.append(w.link((self.show, "value"), (model, "show")))

    @property
    def filters(self) -> dict[str, list[str]]:
        """The engine-side filters of the list (``ps --filter``)."""
        return self.model.filters

    @property
    def stop_timeout(self) -> int | None:
        """Seconds stop waits before it kills (the engine's default when None)."""
        return self.model.options.get("stop_timeout")

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, image, status, command"

    def layout_children(self) -> list[w.Widget]:
        """Filter row with the all/running switch; the toolbar with rename's new-name box beside it."""
        rows = super().layout_children()
        bar = [button for name, button in self.buttons.items() if name != "rename"]
        rows[0] = w.HBox([self.filter, self.show, self.sort_by, self.descending])
        rows[1] = w.HBox([*bar[:7], self.buttons["rename"], self.new_name, *bar[7:]])
        return rows

    def params(self, name: str) -> dict[str, Any]:
        """Rename takes the new-name box."""
        return {"new_name": self.new_name.value.strip()} if name == "rename" else {}
