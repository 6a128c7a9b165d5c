"""The engine's events: those of a span of time (``--until``), or a live follower (a session).

*since* and *until* are the text the CLI sends (:func:`dockerwidgets.timestamps.cli_timestamp`);
*filters* the engine's filters map (``{"type": ["container"], "event": ["start"]}``), which the
engine applies (unknown keys are ignored by the engine, as with the CLI).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import transport
from ..engine import Engine
from ..sessions.events import EventRecorder


def _params(since: str | None, until: str | None, filters: dict[str, list[str]] | None) -> dict[str, Any]:
    params: dict[str, Any] = {"since": since, "until": until}
    if filters:
        params["filters"] = json.dumps(filters)
    return params


def past_events(
    engine: Engine,
    until: str,
    since: str | None = None,
    filters: dict[str, list[str]] | None = None,
) -> list[dict]:
    """The events from *since* (the engine's memory of past events, by default) to *until*, oldest first.

    Read as the engine sends them, one line at a time; the engine ends the stream at *until*
    (waiting for it when it lies ahead, as ``docker events --until`` does). An interrupt
    closes the connection.
    """
    with engine.errors():
        stream = transport.open_get(engine.api, "/events", params=_params(since, until, filters), bounded=True)
        try:
            return list(transport.json_lines(stream))
        finally:
            stream.close()


def follow_events(
    engine: Engine,
    on_events: Callable[[list[dict]], Any] | None = None,
    since: str | None = None,
    filters: dict[str, list[str]] | None = None,
    keep: int = 1000,
    on_error: Callable[[str], Any] | None = None,
) -> EventRecorder:
    """A started :class:`EventRecorder`: the newest *keep* events (from *since*, then live), each burst handed
    to *on_events* and to the recorder's other listeners."""
    recorder = EventRecorder(engine, filters or {}, on_events, since=since, keep=keep, on_error=on_error)
    return recorder.start()


__all__ = ["follow_events", "past_events"]
