"""ContainerPanel: ``%docker ps -a`` as a live table, with the lifecycle actions one click away.

Every action runs the magic's own code (``dockerwidgets.docker("stop …", engine)``), so
the panel and ``%docker`` can never disagree; an action that fails shows the engine's
message in the panel's message line. Remove, kill and a stop of several containers ask
first, inside the widget.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd

from ...engine import Engine
from ...errors import fail
from .base import PAGE_SIZE, Panel, as_widget
from .jsonview import json_html
from .table import lowered, port_links

ACTIONS = ("start", "stop", "restart", "pause", "unpause", "kill", "remove", "rename", "attach", "logs", "inspect")
RUNNING_STATES = ("running", "paused", "restarting")  # what `docker ps` without -a lists
LOG_LINES = 200


class ContainerPanel(Panel):
    """The engine's containers, live: filter, all/running, sort, page, and actions on the selection."""

    noun = "container"
    columns = ("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES")
    sort_keys: ClassVar[dict[str, str]] = {"CREATED": "created", "CONTAINER ID": "id"}
    default_sort = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["container"]}

    def __init__(
        self,
        engine: Engine | None = None,
        show: str = "all",
        filters: dict[str, list[str]] | None = None,
        stop_timeout: int | None = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        engines: list | None = None,
    ) -> None:
        """*engines*: context names or :class:`Engine` objects, for one table over several (an ENGINE column)."""
        if engines:
            self.columns = ("ENGINE", *self.columns)
        self.filters = dict(filters or {})
        self.stop_timeout = stop_timeout
        self.show = w.ToggleButtons(options=["all", "running"], value=show, style={"button_width": "80px"})
        self.new_name = w.Text(placeholder="new name", layout=w.Layout(width="140px"))
        super().__init__(engine, page_size=page_size, live=live, engines=engines)
        self.show.observe(lambda _: self._goto(0), "value")

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, image, status, command"

    def make_buttons(self) -> dict[str, w.Button]:
        """One button per action; the destructive ones look it."""
        styles = {"remove": "danger", "kill": "warning", "start": "success"}
        return {
            name: w.Button(description=name, button_style=styles.get(name, ""), layout=w.Layout(width="auto"))
            for name in ACTIONS
        }

    def layout_children(self) -> list[w.Widget]:
        """Filter row, action bar (rename with its new-name box), then the shared rows."""
        rows = super().layout_children()
        bar = [button for name, button in self.buttons.items() if name != "rename"]
        rows[0] = w.HBox([self.filter, self.show, self.sort_by, self.descending])
        rows[1] = w.HBox([*bar[:7], self.buttons["rename"], self.new_name, *bar[7:]])
        return rows

    def load(self) -> pd.DataFrame:
        """``ps -a`` (with the panel's filters), as the magic returns it."""
        line = ["ps", "-a"]
        for key, values in self.filters.items():
            line.extend(f"--filter={key}={value}" for value in values)
        return self.load_line(line)

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Names, image, status and the whole command, lower-cased."""
        if frame.empty:
            return pd.Series([], dtype=str)
        typed = frame.docker.typed
        text = lowered((",".join(names) for names in typed["names"]), typed["image"], frame["STATUS"], typed["command"])
        return pd.Series(text, index=frame.index)

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """Full container ids (``engine/id`` over several engines)."""
        if frame.empty:
            return []
        typed = frame.docker.typed
        if self.engines:
            return [f"{engine}/{cid}" for engine, cid in zip(typed["engine"], typed["id"], strict=True)]
        return typed["id"].tolist()

    def row_labels(self, frame: pd.DataFrame) -> list[str]:
        """Names (the short id for a container without one)."""
        if frame.empty:
            return []
        typed = frame.docker.typed
        return [name or cid[:12] for name, cid in zip(typed["name"], typed["id"], strict=True)]

    def narrow(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Only running (and paused, restarting) containers when the switch says so."""
        if self.show.value != "running" or frame.empty:
            return frame
        return frame[frame.docker.typed["state"].isin(RUNNING_STATES).to_numpy()]

    def cells(self, rows: pd.DataFrame) -> tuple[dict[str, Callable[[Any], str]], dict[str, list]]:
        """PORTS as links to the published ports; COMMAND with the whole command as its tooltip."""
        if rows.empty:
            return {}, {}
        typed = rows.docker.typed
        commands = list(zip(rows["COMMAND"], typed["command"], strict=True))
        return {"PORTS": port_links, "COMMAND": _command_cell}, {"PORTS": typed["ports"].tolist(), "COMMAND": commands}

    def resolve(self, name: str) -> str | None:
        """A name, a full id or an unambiguous id prefix (``engine/name`` over several engines)."""
        if self._all.empty:
            return None
        typed = self._all.docker.typed
        keys = self.row_keys(self._all)
        engines = typed["engine"].tolist() if self.engines else [None] * len(keys)
        owner, sep, rest = name.lstrip("/").partition("/")
        if not (self.engines and sep and owner in set(engines)):
            owner, rest = None, name.lstrip("/")
        rows = [
            (key, cid, names)
            for key, engine, cid, names in zip(keys, engines, typed["id"], typed["names"], strict=True)
            if owner is None or engine == owner
        ]
        for matches in (
            [key for key, cid, names in rows if cid == rest or rest in names],
            [key for key, cid, _ in rows if rest and cid.startswith(rest)],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                return None
        return None

    # --- actions ---------------------------------------------------------------------------

    def act(self, name: str) -> Any:
        """Run action *name* on the selected containers (remove, kill and bulk stop ask first)."""
        if name not in ACTIONS:
            raise fail(f"unknown action: {name}")
        return getattr(self, f"_{name}")()

    def _names(self, keys: list[str]) -> str:
        labels = dict(zip(self.row_keys(self._all), self.row_labels(self._all), strict=True))
        return ", ".join(labels.get(key, key[:12]) for key in keys)

    def _run(self, verb: str, line: list[str], keys: list[str]) -> Any:
        """Run one docker line on *keys*, say what was done (by name), then redraw from the engine."""
        names = self._names(keys)
        try:
            result = self.run_on(line, keys)
        finally:
            self.refresh()
        self.say(f"{verb}: {names}")
        return result

    def _lifecycle(self, verb: str, extra: Sequence[str] = ()) -> Any:
        keys = self._need()
        return self._run(verb, [verb, *extra, *keys], keys)

    def _start(self) -> Any:
        return self._lifecycle("start")

    def _stop(self) -> Any:
        keys = self._need()
        extra = ["-t", str(self.stop_timeout)] if self.stop_timeout is not None else []
        if len(keys) > 1:
            self.ask(
                f"Stop {len(keys)} containers ({self._names(keys)})?",
                lambda: self._run("stop", ["stop", *extra, *keys], keys),
            )
            return None
        return self._run("stop", ["stop", *extra, *keys], keys)

    def _restart(self) -> Any:
        return self._lifecycle("restart")

    def _pause(self) -> Any:
        return self._lifecycle("pause")

    def _unpause(self) -> Any:
        return self._lifecycle("unpause")

    def _kill(self) -> None:
        keys = self._need()
        self.ask(
            f"Kill {len(keys)} container(s) ({self._names(keys)})?", lambda: self._run("kill", ["kill", *keys], keys)
        )

    def _remove(self) -> None:
        keys = self._need()
        self.ask(
            f"Remove {len(keys)} container(s) ({self._names(keys)})? Running ones are killed first.",
            lambda: self._run("remove", ["rm", "-f", *keys], keys),
        )

    def _rename(self) -> Any:
        (key,) = self._need("one")
        new_name = self.new_name.value.strip()
        if not new_name:
            raise fail("type the new name in the box beside rename")
        old = self._names([key])
        self._run("rename", ["rename", key, new_name], [key])
        self.say(f"renamed {old} to {new_name}")
        self.new_name.value = ""

    def _attach(self) -> Any:
        (key,) = self._need("one")
        result = self.run_on(["attach", key], [key])
        widget = as_widget(result)
        title = f"console: {self._names([key])}"
        self.show_detail(title, widget if widget is not None else _pre(str(result or "")))
        if widget is not None and not isinstance(result, w.Widget):
            self._detail_object = result  # closed with the area: the console, not only its view
        self.say(f"attached to {self._names([key])}")
        return result

    def _logs(self) -> str:
        (key,) = self._need("one")
        text = str(self.run_on(["logs", "--tail", str(LOG_LINES), key], [key]) or "")
        self.show_detail(f"logs: {self._names([key])} (last {LOG_LINES} lines)", _pre(text or "(no output)"))
        self.say(f"logs: {self._names([key])}")
        return text

    def _inspect(self) -> dict:
        (key,) = self._need("one")
        found = self.run_on(["inspect", "--type", "container", key], [key])
        self.show_detail(f"inspect: {self._names([key])}", json_html(dict(found), title=self._names([key])))
        self.say(f"inspect: {self._names([key])}")
        return found


def _command_cell(texts: tuple[str, str]) -> str:
    """The CLI's (truncated) command, the whole one as its tooltip; both escaped."""
    shown, whole = texts
    return f'<span title="{html.escape(whole)}">{html.escape(shown)}</span>'


def _pre(text: str) -> str:
    """Text as an escaped, scrollable ``<pre>``."""
    return f'<pre style="max-height:30em;overflow:auto;margin:0">{html.escape(text)}</pre>'
