"""What commands return, and how it shows: the CLI's text, plain, and JSON, collapsible."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from .engine import Engine
    from .sessions.console import ConsoleSession
    from .sessions.events import EventRecorder

QUESTION = "Are you sure you want to continue?"


class CliText(str):
    """Text the docker CLI would print (an id, a name, a report), shown without quotes."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class IdList(list):
    """``-q`` output: a list of ids (shown one per line, like the CLI)."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("\n".join(self) if self else "[]")


class InspectResult(dict):
    """One object of ``docker inspect``: the engine's JSON as a dict, collapsible in JupyterLab."""

    def _repr_json_(self) -> tuple[dict, dict]:
        return dict(self), {"expanded": False, "root": self.get("Name") or self.get("Id", "")[:19]}


class InspectResults(list):
    """``docker inspect`` of several objects: a list of dicts, collapsible in JupyterLab."""

    def _repr_json_(self) -> tuple[list, dict]:
        return list(self), {"expanded": False, "root": "inspect"}


class InfoResult(dict):
    """``docker info``: the engine's ``/info`` JSON as a dict, collapsible in JupyterLab.

    As text (``.text``, and its plain repr) it is the CLI's ``Server:`` section.
    """

    @property
    def text(self) -> str:
        """The CLI's ``Server:`` section for this information (then the engine's warnings)."""
        from .infotext import server_text

        return server_text(self)

    def _repr_json_(self) -> tuple[dict, dict]:
        return dict(self), {"expanded": False, "root": "info"}

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)


class DiskUsage(dict):
    """``docker system df -v``: a DataFrame per section, keyed by the CLI's type names.

    ``usage["Images"]``, ``usage["Containers"]``, ``usage["Local Volumes"]``, ``usage["Build Cache"]``
    hold the CLI's columns and text, each with its typed twin (``.docker.typed``); shown, each
    table sits under the CLI's heading, and ``.text`` is what the CLI prints.
    """

    def __init__(self, frames: dict[str, pd.DataFrame], build_cache_size: int) -> None:
        super().__init__(frames)
        self.build_cache_size = build_cache_size

    @property
    def text(self) -> str:
        """The CLI's ``system df -v`` text: each table, aligned as the CLI aligns it, under its heading."""
        from .diskusage import sections_text

        return sections_text(self, self.build_cache_size).rstrip("\n")

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)

    def _repr_html_(self) -> str:
        from html import escape

        from .diskusage import BUILD_CACHE, SECTION_TITLES
        from .humanize import human_size

        parts = []
        for section, frame in self.items():
            title = SECTION_TITLES.get(section, section)
            if section == BUILD_CACHE:
                title = f"{title} {human_size(self.build_cache_size, 4)}"
            parts.append(f"<h4>{escape(title)}</h4>{frame.to_html(index=False, escape=True)}")
        return "".join(parts)


def lines(items: list[str]) -> CliText | None:
    """The CLI's output of one line per item; ``None`` (nothing shown) when there are none."""
    return CliText("\n".join(items)) if items else None


def as_words(result: Any) -> list[str]:
    """The words a result stands for inside ``$( … )``, as the CLI's printed output would split."""
    if result is None:
        return []
    if isinstance(result, pd.DataFrame):
        return result.to_string(index=False).split()
    if isinstance(result, (InfoResult, DiskUsage)):
        return result.text.split()
    if isinstance(result, (list, tuple)) and all(isinstance(item, str) for item in result):
        return [word for item in result for word in item.split()]
    if isinstance(result, dict):
        import json

        return json.dumps(result).split()
    return str(result).split()


@dataclass
class PanelRequest:
    """What ``ps --panel`` (``images --panel``, ``service ls --panel``) returns: the panel to make.

    :func:`dockerwidgets.display.present` turns it into the widget, so no command imports one.
    """

    kind: str  # "containers", "images" or "services"
    engine: Engine | None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class ConsoleRequest:
    """What a streaming command returns: a running session, shown by :func:`~dockerwidgets.display.present` as a console."""

    session: ConsoleSession
    tty: bool
    sig_proxy: bool
    title: str


@dataclass
class StatsRequest:
    """What ``docker stats`` without ``--no-stream`` returns: the live stats to show.

    :func:`dockerwidgets.display.present` turns it into a :class:`~dockerwidgets.widgets.stats.StatsView`.
    """

    engine: Engine | None
    containers: list[str]  # names asked for; empty: every running container (every one with all), followed by events
    all: bool = False
    no_trunc: bool = False
    format: str | None = None


class Confirmation:
    """A question the CLI would ask (``Are you sure you want to continue? [y/N]``), as an object.

    Nothing happens until :meth:`confirm` is called, by code or by its Yes button;
    :meth:`cancel` (or the No button) drops it. :func:`dockerwidgets.display.present`
    hands it to the user as a :class:`~dockerwidgets.widgets.confirmation.Prompt` (the same
    question, with Yes and No buttons when displayed).
    """

    def __init__(self, warning: str, action: Callable[[], Any]) -> None:
        self.warning = warning
        self._action = action
        self.state = "pending"  # then "confirmed" or "cancelled"
        self.result: Any = None
        self.outcome = ""  # what the view shows under the question once answered
        self._listeners: list[Callable[[str], Any]] = []

    def confirm(self) -> Any:
        """Do the action (once) and return its result."""
        if self.state != "pending":
            raise RuntimeError(f"this confirmation is already {self.state}")
        self.state = "confirmed"
        self.result = self._action()
        self._answered(str(self.result))
        return self.result

    def cancel(self) -> None:
        """Drop the action: nothing is done."""
        if self.state == "pending":
            self.state = "cancelled"
            self._answered("Cancelled: nothing was removed.")

    def on_answer(self, listener: Callable[[str], Any]) -> None:
        """Call *listener* with the outcome's text when the question is answered (or failed)."""
        self._listeners.append(listener)

    def _answered(self, text: str) -> None:
        self.outcome = text
        for listener in self._listeners:
            listener(text)

    def __repr__(self) -> str:
        return f"{self.warning}\n{QUESTION} [y/N] (call .confirm() to go on, or pass -f)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


@dataclass
class EventsRequest:
    """What ``docker events`` without ``--until`` returns: a running follower of the engine's events, to show live.

    :func:`~dockerwidgets.display.present` makes it an :class:`~dockerwidgets.widgets.events.EventsView`;
    *template* is the ``--format`` template (``None``: the CLI's columns).
    """

    session: EventRecorder
    template: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)


class CopyResult(CliText):
    """``docker cp``: the CLI's closing line (``Successfully copied 52.4MB to /tmp/out``), with its numbers.

    ``copied`` is the archive's bytes moved (what the CLI counts), ``destination`` where they went.
    """

    copied: int
    destination: str

    def __new__(cls, text: str, copied: int, destination: str) -> CopyResult:
        result = super().__new__(cls, text)
        result.copied = copied
        result.destination = destination
        return result


class TarArchive(bytes):
    """``docker cp CONTAINER:SRC -`` kept in memory: the tar's bytes (``tarfile.open(fileobj=io.BytesIO(data))``)."""

    source: str

    def __new__(cls, data: bytes, source: str) -> TarArchive:
        archive = super().__new__(cls, data)
        archive.source = source
        return archive

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from .humanize import human_size

        printer.text(f"<tar archive of {self.source}, {human_size(len(self))}>")
