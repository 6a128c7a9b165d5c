"""``docker events`` (and ``system events``): the engine's events between two moments as a DataFrame, or live.

With ``--until`` the answer is what happened (a DataFrame, the CLI's text in its columns and
the typed twin; ``--format`` gives the CLI's lines as text). Without it the events are
followed live: an :class:`~dockerwidgets.results.EventsRequest` that the display turns into a
widget (newest first, bounded, ``.frame``, ``.stop()``).
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser
from ..engine import Engine
from ..errors import fail
from ..eventlog import TemplateError, check_format, events_frame, format_events
from ..goconv import go_int
from ..ops import events as ops
from ..results import CliText, EventsRequest
from ..timestamps import TimestampError, cli_timestamp
from .containers import parse_filters
from .registry import command

_events = CommandParser("events", "no arguments", "docker events [OPTIONS]")
_events.add_argument("--since", help="Show all events created since timestamp")
_events.add_argument("--until", help="Stream events until this timestamp")
_events.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
_events.add_argument("--format", help="Format output using a custom template ('json' or a Go template)")
_events.add_argument("--keep", type=go_int, default=1000, help="Live: how many of the newest events to keep (our flag)")


def _moment(value: str | None) -> str | None:
    """The CLI's text for a ``--since``/``--until`` value; its own line when it cannot read it."""
    if not value:
        return None
    try:
        return cli_timestamp(value)
    except TimestampError as exc:
        raise fail(str(exc)) from None


@command("events", "system events")
def events(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker events``: with ``--until`` the events of that span (a DataFrame, or ``--format`` text); else live."""
    ns = _events.parse(args)
    filters = parse_filters(ns.filter)
    template = None
    if ns.format:
        try:
            template = check_format(ns.format)
        except TemplateError as exc:
            raise fail(f"Error parsing format: {exc.go_error}") from None
    since, until = _moment(ns.since), _moment(ns.until)
    if until is None:
        if ns.keep < 1:
            raise fail(f'invalid argument "{ns.keep}" for "--keep" flag: keep at least 1 event')
        session = ops.follow_events(engine, since=since, filters=filters, keep=ns.keep)
        return EventsRequest(session, template, filters)
    happened = ops.past_events(engine, until, since=since, filters=filters)
    if template is not None:
        try:
            return CliText(format_events(template, happened)) if happened else None
        except TemplateError as exc:
            raise fail(exc.go_error) from None
    return events_frame(happened)
