"""Go's ``time.Time.String()``: how the CLI prints a moment in its ``CreatedAt`` fields and ``docker info``.

``2026-11-29 16:40:49 +0000 UTC``: the date, the time (its fraction without trailing zeros, none
when zero), the zone's offset and its name.
"""

from __future__ import annotations

import time

from .timestamps import rfc3339_seconds

GO_ZERO_TIME = "0001-01-01 00:00:00 +0000 UTC"


def go_time_text(seconds: int, nanos: int = 0, utc: bool = False) -> str:
    """A moment as Go prints it: in the local zone (``time.Unix(s, 0).String()`` on the CLI's machine), or in UTC."""
    moment = time.gmtime(seconds) if utc else time.localtime(seconds)
    offset = moment.tm_gmtoff or 0
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    fraction = f".{nanos:09d}".rstrip("0") if nanos else ""
    zone = "UTC" if utc else moment.tm_zone
    return f"{time.strftime('%Y-%m-%d %H:%M:%S', moment)}{fraction} {sign}{hours:02d}{minutes:02d} {zone}"


def rfc3339_time_text(timestamp: str | None) -> str:
    """An engine's RFC 3339 timestamp as Go prints the decoded ``time.Time`` (shown in UTC, nanoseconds kept)."""
    seconds = rfc3339_seconds(timestamp)
    if seconds is None or timestamp is None:
        return GO_ZERO_TIME
    digits = "".join(char for char in timestamp.rstrip("Z").partition(".")[2][:9] if char.isdigit())
    nanos = int(digits.ljust(9, "0")) if digits else 0
    return go_time_text(int(seconds), nanos, utc=True)
