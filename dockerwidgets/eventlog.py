"""The engine's events as the CLI prints them and as data, pure (no I/O).

An event is the engine's JSON (``Type``, ``Action``, ``Actor.ID``, ``Actor.Attributes``,
``scope``, ``time``, ``timeNano``). :func:`cli_line` is the CLI's pretty line
(``2026-11-29T16:40:01.123456789Z container start abc… (image=busybox, name=web)``);
:func:`events_frame` is that line cut into the columns ``TIME``, ``TYPE``, ``ACTION``,
``ID``, ``ATTRIBUTES`` (the CLI's text), with the typed twin ``time`` (UTC, nanoseconds),
``type``, ``action``, ``id``, ``name``, ``image``, ``attributes`` (a dict), ``scope``.
``--format`` templates run on the event as the Go struct the CLI gives them
(``events.Message``: ``.Type``, ``.Action``, ``.Actor.ID``, ``.TimeNano``, …).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .frames import with_typed
from .gotemplate import GoStruct, TemplateError, render

EVENT_COLUMNS = ["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]
TYPED_COLUMNS = ["time", "type", "action", "id", "name", "image", "attributes", "scope"]
JSON_FORMAT = "{{json .}}"


def time_nano(event: dict) -> int:
    """The event's moment in nanoseconds (``timeNano``, else ``time`` in seconds, else 0)."""
    return int(event.get("timeNano") or 0) or int(event.get("time") or 0) * 10**9


def cli_time(nanoseconds: int) -> str:
    """Go's ``rfc3339NanoFixed`` in the local zone, as the CLI prints an event's time (``…T16:40:01.123456789Z``)."""
    seconds, fraction = divmod(nanoseconds, 10**9)
    local = time.localtime(seconds)
    offset = local.tm_gmtoff or 0
    zone = (
        "Z" if offset == 0 else f"{'+' if offset > 0 else '-'}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"
    )
    return time.strftime("%Y-%m-%dT%H:%M:%S", local) + f".{fraction:09d}{zone}"


def attributes_text(attributes: dict | None) -> str:
    """The actor's attributes as the CLI lists them: ``image=busybox, name=web`` (keys sorted)."""
    return ", ".join(f"{key}={(attributes or {})[key]}" for key in sorted(attributes or {}))


def _action(event: dict) -> str:
    return str(event.get("Action") or event.get("status") or "")


def _actor(event: dict) -> dict:
    return event.get("Actor") or {}


def cli_line(event: dict) -> str:
    """The line ``docker events`` prints for *event* (no ``--format``)."""
    nanoseconds = time_nano(event)
    actor = _actor(event)
    head = f"{cli_time(nanoseconds)} " if nanoseconds else ""
    line = f"{head}{event.get('Type') or ''} {_action(event)} {actor.get('ID') or ''}"
    attributes = attributes_text(actor.get("Attributes"))
    return f"{line} ({attributes})" if attributes else line


def message_struct(event: dict, go_type: str = "events.Message") -> GoStruct:
    """*event* as the CLI's ``events.Message`` for a template (its JSON form keeps the engine's keys)."""
    actor = _actor(event)
    attributes = actor.get("Attributes")
    actor_struct = GoStruct(
        "events.Actor",
        {"ID": actor.get("ID") or "", "Attributes": dict(attributes or {})},
        {"ID": actor.get("ID") or "", "Attributes": attributes},
    )
    fields = {
        "Status": event.get("status") or "",
        "ID": event.get("id") or "",
        "From": event.get("from") or "",
        "Type": event.get("Type") or "",
        "Action": event.get("Action") or "",
        "Actor": actor_struct,
        "Scope": event.get("scope") or "",
        "Time": int(event.get("time") or 0),
        "TimeNano": int(event.get("timeNano") or 0),
    }
    json_form: dict[str, Any] = {}
    for key, field, omit_empty in (
        ("status", "Status", True), ("id", "ID", True), ("from", "From", True), ("Type", "Type", False),
        ("Action", "Action", False), ("Actor", "Actor", False), ("scope", "Scope", True), ("time", "Time", True),
        ("timeNano", "TimeNano", True),
    ):  # fmt: skip
        if not (omit_empty and not fields[field]):
            json_form[key] = fields[field]
    return GoStruct(go_type, fields, json_form)


def check_format(format: str) -> str:
    """The template ``--format`` stands for (``json`` is ``{{json .}}``), checked as the CLI checks it.

    The CLI runs it once on an empty message, so a bad field fails before any event is read;
    raises :class:`~dockerwidgets.gotemplate.TemplateError` (``str(exc.go_error)`` is Go's text).
    """
    template = JSON_FORMAT if format == "json" else format
    render(template, message_struct({}, "*events.Message"))
    return template


def format_events(template: str, events: Sequence[dict]) -> str:
    """Each event through *template* (checked by :func:`check_format`), one line each, as the CLI prints them."""
    return "\n".join(render(template, message_struct(event)) for event in events)


def events_frame(events: Sequence[dict]) -> pd.DataFrame:
    """The events as a DataFrame (the CLI's text in ``TIME`` … ``ATTRIBUTES``) with its typed twin, in the given order."""
    actors = [_actor(event) for event in events]
    attributes = [dict(actor.get("Attributes") or {}) for actor in actors]
    nanoseconds = np.fromiter((time_nano(event) for event in events), dtype="int64", count=len(events))
    text = {
        "TIME": [cli_time(int(value)) for value in nanoseconds],
        "TYPE": [str(event.get("Type") or "") for event in events],
        "ACTION": [_action(event) for event in events],
        "ID": [str(actor.get("ID") or "") for actor in actors],
        "ATTRIBUTES": [attributes_text(items) for items in attributes],
    }
    frame = pd.DataFrame(text, columns=EVENT_COLUMNS)

    def typed() -> pd.DataFrame:
        return pd.DataFrame(
            {
                "time": pd.to_datetime(nanoseconds, unit="ns", utc=True),
                "type": text["TYPE"],
                "action": text["ACTION"],
                "id": text["ID"],
                "name": [items.get("name") for items in attributes],
                "image": [items.get("image") for items in attributes],
                "attributes": attributes,
                "scope": [event.get("scope") for event in events],
            },
            columns=TYPED_COLUMNS,
            index=frame.index,
        )

    return with_typed(frame, typed)


__all__ = [
    "EVENT_COLUMNS",
    "TemplateError",
    "attributes_text",
    "check_format",
    "cli_line",
    "cli_time",
    "events_frame",
    "format_events",
    "message_struct",
    "time_nano",
]
