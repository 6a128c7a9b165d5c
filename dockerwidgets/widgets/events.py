"""``%docker events`` live: the engine's events as they happen, newest first, in one table.

The :class:`~dockerwidgets.sessions.events.EventRecorder` reads the stream on its own thread
and keeps the newest events in a bounded ring; it calls this view once per burst, at most a
few times a second, and the view sends the newest rows in one update. Engine text is set as
text (the panels' table widget), never as markup. Headless, ``.frame``, ``.text`` and
``.stop()`` work the same.
"""

from __future__ import annotations

import ipywidgets
import pandas as pd

from ..eventlog import attributes_text, cli_line, cli_time, events_frame, format_events, time_nano
from ..humanize import truncate_id
from ..sessions.events import EventRecorder
from .panels.view import TableView

SHOWN = 100  # rows on screen; .frame has every event kept
COLUMNS = ["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]


class EventsView(ipywidgets.VBox):
    """The live events: a status line, a Stop button and the newest events; ``.frame``, ``.text``, ``.stop()``."""

    def __init__(self, session: EventRecorder, template: str | None = None, shown: int = SHOWN) -> None:
        self.session = session
        self.template = template
        self.shown = shown
        self.draws = 0  # updates sent to the front end
        self.status = ipywidgets.Label()
        self.stop_button = ipywidgets.Button(description="Stop", icon="stop", tooltip="stop following the events")
        self.stop_button.on_click(lambda _: self.stop())
        self.table = TableView(empty="no events yet")
        super().__init__([ipywidgets.HBox([self.stop_button, self.status]), self.table])
        session.listen(self._changed)
        self._changed([])

    @property
    def events(self) -> list[dict]:
        """The events kept (the engine's JSON), oldest first."""
        return self.session.snapshot()

    @property
    def frame(self) -> pd.DataFrame:
        """The events kept, newest first, as ``%docker events --until`` gives them (with the typed twin)."""
        return events_frame(self.events[::-1])

    @property
    def text(self) -> str:
        """What the CLI would have printed so far (oldest first; ``--format``'s lines when given)."""
        events = self.events
        if self.template is not None:
            return format_events(self.template, events)
        return "\n".join(cli_line(event) for event in events)

    @property
    def running(self) -> bool:
        """Whether the events are still followed."""
        return self.session.alive

    def stop(self) -> None:
        """Stop following: close the stream, join the threads (what was kept stays)."""
        self.session.close()
        self.stop_button.disabled = True
        self._draw_status()

    def close(self) -> None:
        """Stop, then close the widgets."""
        self.stop()
        self.table.close()
        super().close()

    def _draw_status(self) -> None:
        state = "following the engine's events" if self.session.alive else "stopped"
        count = self.session.events
        kept = min(count, self.session.keep)
        self.status.value = f"{state} · {count} seen, newest {kept} kept (newest first)"

    def _changed(self, batch: list[dict]) -> None:
        """A burst arrived (on the recorder's thread): one update with the newest rows."""
        newest = self.events[-self.shown :][::-1]
        if self.template is not None:
            columns = ["EVENT"]
            cells = [[line] for line in format_events(self.template, newest).split("\n")] if newest else []
        else:
            columns = COLUMNS
            cells = [_cells(event) for event in newest]
        rows = [
            {"key": f"{time_nano(event)}-{index}", "label": cell[0], "cells": cell, "tone": "", "pending": ""}
            for index, (event, cell) in enumerate(zip(newest, cells, strict=True))
        ]
        with self.hold_sync():
            self.table.draw(columns, rows, [])
            self._draw_status()
        self.draws += 1


def _cells(event: dict) -> list[str]:
    actor = event.get("Actor") or {}
    return [
        cli_time(time_nano(event)),
        str(event.get("Type") or ""),
        str(event.get("Action") or event.get("status") or ""),
        truncate_id(str(actor.get("ID") or "")),
        attributes_text(actor.get("Attributes")),
    ]


__all__ = ["EventsView"]
