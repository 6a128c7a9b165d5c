"""Moments, pure: the engine's RFC 3339 timestamps, and the CLI's ``--since``/``--until`` values.

One parser for both: a ``--since`` given as a date reads exactly as the engine's own
timestamps do (nanoseconds kept, any zone), and a relative value (``10m``, ``1h30m``) or
unix seconds reads as the CLI's ``GetTimestamp`` does.
"""

from __future__ import annotations

import math
import re
import time
from datetime import datetime

from .errors import fail

_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$")


def rfc3339_seconds(timestamp: str | None) -> float | None:
    """An RFC 3339 timestamp (nanoseconds, ``Z`` or an offset) as unix seconds; ``None`` for none, Go's zero time or junk."""
    if not timestamp or timestamp.startswith("0001-"):
        return None
    head, _, fraction = timestamp.rstrip("Z").partition(".")
    zone = ""
    for sign in "+-":
        if sign in fraction:
            fraction, _, rest = fraction.partition(sign)
            zone = sign + rest
    if not zone and "+" in head[10:]:
        head, _, rest = head.partition("+")
        zone = "+" + rest
    try:
        moment = datetime.fromisoformat(head + (zone or "+00:00"))
    except ValueError:
        return None
    return moment.timestamp() + (float("0." + fraction) if fraction.isdigit() else 0.0)


def parse_moment(value: str, flag: str = "--since", now: float | None = None) -> float:
    """A ``--since``/``--until`` value (``10m``, ``1h30m``, unix seconds, RFC 3339) as unix seconds.

    Anything else gets the engine's one-line message.
    """
    match = _DURATION.match(value)
    if value and match and any(match.groups()):
        hours, minutes, seconds = (float(group or 0) for group in match.groups())
        return (time.time() if now is None else now) - (hours * 3600 + minutes * 60 + seconds)
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None and math.isfinite(number) and value.strip().lstrip("-").replace(".", "", 1).isdigit():
        return number
    moment = rfc3339_seconds(value)
    if moment is not None and not value.startswith("0001-"):
        return moment
    raise fail(f'invalid value for "{flag}": failed to parse value as time or duration: "{value}"')
