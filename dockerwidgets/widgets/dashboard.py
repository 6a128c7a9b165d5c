"""The dashboard: one widget, a tab per kind (containers, images, volumes, networks, and services in a Swarm).

``dockerwidgets.Dashboard(engines=…)`` or ``%docker dashboard``. Every tab is the kind's own
panel; they share **one events stream per engine** (an :class:`~dockerwidgets.sessions.eventhub.EventHub`,
opened before any list is read, so no change is missed), each panel subscribing with its
own filters. A tab's panel is made when the tab is first shown (the first tab at once), so a
dashboard costs one list until more is looked at. ``close()`` closes the panels, then the
streams, joining their threads.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from ..errors import UsageError, fail
from ..sessions.eventhub import EventHub
from .panels.base import PAGE_SIZE, Panel, close_tree

KINDS = ("containers", "images", "volumes", "networks", "services")
TITLES = {"containers": "Containers", "images": "Images", "volumes": "Volumes", "networks": "Networks",
          "services": "Services"}  # fmt: skip


def _panel_class(kind: str) -> type[Panel]:
    from . import panels

    return getattr(panels, {"containers": "ContainerPanel", "images": "ImagePanel", "volumes": "VolumePanel",
                            "networks": "NetworkPanel", "services": "ServicePanel"}[kind])  # fmt: skip


def swarm_manager(engine: Any) -> bool:
    """Whether *engine* is a manager of an active Swarm (it can list services); ``False`` if it does not say."""
    from ..ops import system

    try:
        swarm = system.info(engine).get("Swarm") or {}
    except UsageError:
        return False
    return swarm.get("LocalNodeState") == "active" and bool(swarm.get("ControlAvailable"))


class Dashboard(w.VBox):
    """Containers, images, volumes, networks (and services) of one engine or several, one tab each, live."""

    def __init__(
        self,
        engine: Any = None,
        engines: Sequence[Any] | None = None,
        kinds: Sequence[str] | None = None,
        page_size: int = PAGE_SIZE,
        lazy: bool = True,
        ops: Any = None,
    ) -> None:
        """*engines*: context names, host URLs or Engines (each tab one table with an ENGINE column);
        *kinds*: the tabs (default: all four, and services when an engine manages a Swarm)."""
        from ..engine import default_engine, resolve_engine, resolve_engines

        specs = list(engines or [])
        if specs:
            resolved = resolve_engines(specs) if specs == ["all"] else [resolve_engine(spec) for spec in specs]
            self.engines = list({each.name: each for each in resolved}.values())
        else:
            self.engines = []
        self.engine = resolve_engine(engine) if engine is not None else (
            self.engines[0] if self.engines else default_engine()
        )  # fmt: skip
        if kinds is None:
            kinds = [kind for kind in KINDS if kind != "services"]
            if any(swarm_manager(each) for each in (self.engines or [self.engine])):
                kinds.append("services")
        unknown = [kind for kind in kinds if kind not in KINDS]
        if unknown:
            raise fail(f"unknown dashboard tab: {unknown[0]} (tabs: {', '.join(KINDS)})")
        self.kinds = list(kinds)
        self.page_size = page_size
        self.ops = ops
        self.panels: dict[str, Panel] = {}
        self._closed = False
        self.message_line = w.HTML()
        self.hubs: dict[str, EventHub] = {}
        for each in self.engines or [self.engine]:  # the streams first: no change after a tab's read is missed
            hub = EventHub(each, on_error=lambda message, name=each.name: self._stream_error(name, message))
            try:
                hub.start(retry=bool(self.engines))
            except UsageError as exc:
                self._stream_error(each.name, str(exc))
                continue
            self.hubs[each.name] = hub
        self._slots = [w.VBox() for _ in self.kinds]
        self.tabs = w.Tab(children=self._slots, titles=[TITLES[kind] for kind in self.kinds])
        super().__init__([self.message_line, self.tabs])
        self.add_class("dw-dashboard")
        self.tabs.observe(self._on_tab, "selected_index")
        for kind in self.kinds if not lazy else self.kinds[:1]:
            self.panel(kind)

    def __repr__(self) -> str:
        made = ", ".join(f"{kind} ({len(panel.frame)})" for kind, panel in self.panels.items())
        return f"<Dashboard: tabs {', '.join(self.kinds)}; made: {made or 'none'}>"

    # --- the headless API --------------------------------------------------------------------

    def panel(self, kind: str) -> Panel:
        """The tab *kind*'s panel, made now if it was not yet."""
        if kind not in self.kinds:
            raise fail(f"this dashboard has no {kind} tab (tabs: {', '.join(self.kinds)})")
        made = self.panels.get(kind)
        if made is not None:
            return made
        if self._closed:
            raise fail("this dashboard is closed")
        options: dict[str, Any] = {"page_size": self.page_size, "ops": self.ops, "events": self.hubs}
        if self.engines:
            options["engines"] = self.engines
            made = _panel_class(kind)(**options)
        else:
            made = _panel_class(kind)(self.engine, **options)
        self.panels[kind] = made
        self._slots[self.kinds.index(kind)].children = (made,)
        return made

    def show(self, kind: str) -> Panel:
        """Switch to the tab *kind* (its panel made if needed) and return its panel."""
        index = self.kinds.index(kind) if kind in self.kinds else -1
        if index < 0:
            raise fail(f"this dashboard has no {kind} tab (tabs: {', '.join(self.kinds)})")
        self.tabs.selected_index = index
        return self.panel(kind)

    @property
    def selected(self) -> str:
        """The kind of the tab shown."""
        return self.kinds[self.tabs.selected_index or 0]

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """Every tab's rows (its panel's frame), each tab's panel made if needed."""
        return {kind: self.panel(kind).frame for kind in self.kinds}

    @property
    def followers(self) -> list[EventHub]:
        """The events streams: one per engine, whatever the number of tabs."""
        return list(self.hubs.values())

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every made panel's actions to end and show."""
        return all(panel.wait(timeout) for panel in list(self.panels.values()))

    def close(self) -> None:
        """Close every panel, then the streams (their threads joined), then the widgets."""
        if self._closed:
            return
        self._closed = True
        for panel in list(self.panels.values()):
            panel.close()
        for hub in self.hubs.values():
            hub.close()
        for slot in self._slots:
            close_tree(slot)
        close_tree(self.message_line)
        close_tree(self.tabs)
        close_tree(self.layout)
        super().close()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    # --- internals -----------------------------------------------------------------------------

    def _on_tab(self, change: dict) -> None:
        index = change.get("new")
        if index is None or self._closed or not 0 <= index < len(self.kinds):
            return
        try:
            self.panel(self.kinds[index])
        except UsageError as exc:  # shown, never raised into the front end's message handler
            self.message_line.value = f"<span class='dw-message'>{html.escape(str(exc))}</span>"

    def _stream_error(self, name: str, message: str) -> None:
        text = f"engine {name}: {message}" if self.engines else message
        if not self._closed:
            self.message_line.value = f"<span class='dw-message'>{html.escape(text)}</span>"
