"""ServicePanel: ``%docker service ls`` as a live table: replicas + and −, remove (asked first), tasks and logs.

It follows the engine's service, node and container events (bursts coalesced, as every
panel). A task's state reaches the swarm's manager a moment after its container's event,
so while a service is converging the panel looks again, a little later each time, until
REPLICAS reads ``N/N`` everywhere; once converged it waits on the events alone.
"""

from __future__ import annotations

import html
import shlex
import threading
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd

from ...engine import Engine
from ...errors import fail
from .base import PAGE_SIZE, Panel, as_widget
from .table import lowered, table_html

ACTIONS = ("scale up", "scale down", "remove", "tasks", "logs", "follow logs")
LOG_LINES = 200
RECHECK_SECONDS = (0.25, 0.5, 1.0, 2.0, 5.0)  # while converging: the next look, then the one after, …
TASK_COLUMNS = ("ID", "NAME", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR")


def _docker(line: Sequence[str], engine: Engine) -> Any:
    from ... import docker

    return docker(shlex.join(line), engine, show=False)


class ServicePanel(Panel):
    """The swarm's services, live: filter, sort, page; scale, remove, tasks and logs of the selection."""

    noun = "service"
    columns = ("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS")
    sort_keys: ClassVar[dict[str, str]] = {"ID": "id"}
    default_sort = ("NAME", False)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["service", "node", "container"]}

    def __init__(
        self,
        engine: Engine | None = None,
        filters: dict[str, list[str]] | None = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
    ) -> None:
        self.filters = dict(filters or {})
        self._recheck: threading.Timer | None = None
        self._recheck_step = 0
        self._recheck_lock = threading.Lock()
        self._last_replicas: list[str] = []
        self._live = live
        super().__init__(engine, page_size=page_size, live=live)

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, image, mode"

    def make_buttons(self) -> dict[str, w.Button]:
        """+ and − for the replicas, remove (danger), tasks, logs, follow logs."""
        look = {"scale up": ("+", "", "one replica more"), "scale down": ("−", "", "one replica fewer"),
                "remove": ("remove", "danger", "remove the service")}  # fmt: skip
        buttons = {}
        for name in ACTIONS:
            text, style, tip = look.get(name, (name, "", name))
            buttons[name] = w.Button(description=text, button_style=style, tooltip=tip, layout=w.Layout(width="auto"))
        return buttons

    def load(self) -> pd.DataFrame:
        """``service ls`` (with the panel's filters), as the magic returns it."""
        line = ["service", "ls"]
        for key, values in self.filters.items():
            line.extend(f"--filter={key}={value}" for value in values)
        return _docker(line, self.engine)

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Name, image, mode and ports, lower-cased."""
        if frame.empty:
            return pd.Series([], dtype=str)
        return pd.Series(lowered(frame["NAME"], frame["IMAGE"], frame["MODE"], frame["PORTS"]), index=frame.index)

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """Full service ids."""
        return frame.docker.typed["id"].tolist() if not frame.empty else []

    def row_labels(self, frame: pd.DataFrame) -> list[str]:
        """Service names."""
        return frame.docker.typed["name"].tolist() if not frame.empty else []

    def cells(self, rows: pd.DataFrame) -> tuple[dict[str, Callable[[Any], str]], dict[str, list]]:
        """REPLICAS highlighted while the service has not converged."""
        if rows.empty:
            return {}, {}
        typed = rows.docker.typed
        raw = list(zip(rows["REPLICAS"], (typed["running"] == typed["desired"]).tolist(), strict=True))
        return {"REPLICAS": _replicas_cell}, {"REPLICAS": raw}

    def resolve(self, name: str) -> str | None:
        """A name, a full id or an unambiguous id prefix."""
        if self._all.empty:
            return None
        typed = self._all.docker.typed
        ids, names = typed["id"].tolist(), typed["name"].tolist()
        if name in ids:
            return name
        if name in names:
            return ids[names.index(name)]
        matches = [sid for sid in ids if name and sid.startswith(name)]
        return matches[0] if len(matches) == 1 else None

    @property
    def converging(self) -> bool:
        """Whether some service shown has fewer tasks running than it wants."""
        if self._all.empty:
            return False
        typed = self._all.docker.typed
        return bool((typed["running"] != typed["desired"]).any())

    def refresh(self) -> None:
        """Read the services again and redraw; while one is converging, look again a little later."""
        super().refresh()
        if self._live and not self._closed:
            self._schedule_recheck()

    def close(self) -> None:
        """Stop the re-checks and the events thread, and close every widget."""
        with self._recheck_lock:
            timer, self._recheck = self._recheck, None
        if timer is not None:
            timer.cancel()
        super().close()

    # --- actions ---------------------------------------------------------------------------

    def act(self, name: str) -> Any:
        """Run action *name* on the selected services (remove asks first)."""
        if name not in ACTIONS:
            raise fail(f"unknown action: {name}")
        return getattr(self, "_" + name.replace(" ", "_"))()

    def _names(self, keys: list[str]) -> list[str]:
        labels = dict(zip(self.row_keys(self._all), self.row_labels(self._all), strict=True))
        return [labels.get(key, key[:12]) for key in keys]

    def _run(self, verb: str, line: list[str], keys: list[str]) -> Any:
        names = ", ".join(self._names(keys))
        try:
            result = _docker(line, self.engine)
        finally:
            self.refresh()
        self.say(f"{verb}: {names}")
        return result

    def _scale(self, step: int) -> Any:
        keys = self._need()
        typed = self._all.docker.typed.set_index("id")
        specs = []
        for key, name in zip(keys, self._names(keys), strict=True):
            if typed.at[key, "mode"] != "replicated":
                raise fail(f"{name}: scale can only be used with replicated or replicated-job mode")
            specs.append(f"{name}={max(int(typed.at[key, 'desired']) + step, 0)}")
        result = self._run("scale", ["service", "scale", "-d", *specs], keys)
        self.say(" ".join(str(result or "").split("\n")) if result else "nothing to scale")
        return result

    def _scale_up(self) -> Any:
        return self._scale(+1)

    def _scale_down(self) -> Any:
        return self._scale(-1)

    def _remove(self) -> None:
        keys = self._need()
        names = self._names(keys)
        self.ask(
            f"Remove {len(keys)} service(s) ({', '.join(names)})? Their tasks are stopped.",
            lambda: self._run("remove", ["service", "rm", *names], keys),
        )

    def _tasks(self) -> pd.DataFrame:
        (key,) = self._need("one")
        (name,) = self._names([key])
        frame = _docker(["service", "ps", key], self.engine)
        keys = frame.docker.typed["id"].tolist()
        self.show_detail(f"tasks: {name}", table_html(frame, TASK_COLUMNS, keys))
        self.say(f"tasks: {name}")
        return frame

    def _logs(self) -> str:
        (key,) = self._need("one")
        (name,) = self._names([key])
        text = str(_docker(["service", "logs", "--tail", str(LOG_LINES), key], self.engine) or "")
        self.show_detail(f"logs: {name} (last {LOG_LINES} lines of each task)", _pre(text or "(no output)"))
        self.say(f"logs: {name}")
        return text

    def _follow_logs(self) -> Any:
        (key,) = self._need("one")
        (name,) = self._names([key])
        console = _docker(["service", "logs", "-f", "--tail", str(LOG_LINES), key], self.engine)
        widget = as_widget(console)
        self.show_detail(f"following logs: {name}", widget if widget is not None else _pre(str(console)))
        self._detail_object = console  # closed with the area: the console, not only its view
        self.say(f"following logs: {name}")
        return console

    # --- convergence -----------------------------------------------------------------------

    def _schedule_recheck(self) -> None:
        replicas = self._all["REPLICAS"].tolist() if "REPLICAS" in self._all else []
        with self._recheck_lock:
            if replicas != self._last_replicas:
                self._recheck_step = 0  # something moved: look again soon
            self._last_replicas = replicas
            if not self.converging or self._recheck is not None or self._closed:
                return
            delay = RECHECK_SECONDS[min(self._recheck_step, len(RECHECK_SECONDS) - 1)]
            self._recheck_step += 1
            self._recheck = threading.Timer(delay, self._recheck_now)
            self._recheck.daemon = True
            self._recheck.start()

    def _recheck_now(self) -> None:
        with self._recheck_lock:
            self._recheck = None
        if not self._closed:
            try:
                self.refresh()
            except Exception as exc:  # the panel keeps working whatever happens
                self.say(f"{type(exc).__name__}: {exc}", error=True)


def _replicas_cell(value: tuple[str, bool]) -> str:
    text, done = value
    if done:
        return html.escape(text)
    return f'<span class="dw-converging" style="color:var(--jp-warn-color1,#b60)">{html.escape(text)}</span>'


def _pre(text: str) -> str:
    """Text as an escaped, scrollable ``<pre>``."""
    return f'<pre style="max-height:30em;overflow:auto;margin:0">{html.escape(text)}</pre>'
