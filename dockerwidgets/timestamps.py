"""Moments, pure: the engine's RFC 3339 timestamps, and the CLI's ``--since``/``--until`` values.

:func:`cli_timestamp` is a port of the CLI's ``GetTimestamp`` (moby ``api/types/time``): a
Go duration (``10m``, ``1h30m``, ``-5s``, ``300ms``) counts back from now, a date or time
(RFC 3339 with or without zone, ``2026-11-29``, ``2026-11-29T16``) reads as Go's
``time.Parse`` does with the CLI's layouts (local time when no zone is given), and unix
seconds pass through; the answer is the text the CLI sends the engine (``"1795970421.766215517"``).
Its errors are the CLI's own, Go's parse errors included, so a bad value gets the same line.
"""

from __future__ import annotations

import re
import time
from datetime import datetime

from .errors import fail
from .humanize import go_quote


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


class TimestampError(ValueError):
    """A ``--since``/``--until`` value the CLI refuses; ``str()`` is the CLI's text (without the flag's prefix)."""


_DURATION_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 10**9, "m": 60 * 10**9,
                   "h": 3600 * 10**9}  # fmt: skip
_MAX_DURATION = 1 << 63


def go_duration_ns(text: str) -> int | None:
    """Go's ``time.ParseDuration`` (``1h30m``, ``-1.5h``, ``300ms``) in nanoseconds; ``None`` where Go fails."""
    rest, negative = text, False
    if rest[:1] in ("-", "+"):
        negative, rest = rest[0] == "-", rest[1:]
    if rest == "0":
        return 0
    if not rest:
        return None
    total = 0
    while rest:
        if not (rest[0] == "." or (rest[0].isascii() and rest[0].isdigit())):
            return None
        digits = re.match(r"[0-9]*", rest).group()
        rest = rest[len(digits) :]
        whole = int(digits) if digits else 0
        fraction, scale = 0, 1
        has_fraction = False
        if rest[:1] == ".":
            rest = rest[1:]
            decimals = re.match(r"[0-9]*", rest).group()
            rest = rest[len(decimals) :]
            has_fraction = bool(decimals)
            for char in decimals:  # Go stops scaling once the fraction would overflow
                if fraction > (_MAX_DURATION - 1) // 10 or fraction * 10 + int(char) > _MAX_DURATION:
                    break
                fraction, scale = fraction * 10 + int(char), scale * 10
        if not digits and not has_fraction:
            return None
        unit = re.match(r"[^0-9.]*", rest).group()
        rest = rest[len(unit) :]
        if unit not in _DURATION_UNITS or whole >= _MAX_DURATION:
            return None
        size = _DURATION_UNITS[unit]
        if whole > _MAX_DURATION // size:
            return None
        value = whole * size + (int(float(fraction) * (float(size) / scale)) if fraction else 0)
        total += value
        if value > _MAX_DURATION or total > _MAX_DURATION:
            return None
    if not negative and total > _MAX_DURATION - 1:
        return None
    return -total if negative else total


def _go_time_quote(text: str) -> str:
    """Go's ``time`` package quoting (its errors): ``"…"``, non-ASCII and control bytes as ``\\xNN``."""
    out = ['"']
    for char in text:
        if ord(char) >= 0x80 or char < " ":
            out.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8", "surrogateescape"))
        else:
            out.append("\\" + char if char in '"\\' else char)
    return "".join(out) + '"'


# Go layouts as (literal prefix, element) chunks; the elements are the ones the CLI's layouts use.
_ELEMENT = re.compile(r"2006|01|02|15|04|05|\.999999999|Z07:00")


def _chunks(layout: str) -> list[tuple[str, str]]:
    chunks, at = [], 0
    for match in _ELEMENT.finditer(layout):
        chunks.append((layout[at : match.start()], match.group()))
        at = match.end()
    chunks.append((layout[at:], ""))
    return chunks


class _GoParseError(Exception):
    def __init__(self, layout: str, value: str, element: str, rest: str, message: str = "") -> None:
        if message:
            text = f"parsing time {_go_time_quote(value)}{message}"
        else:
            text = (f"parsing time {_go_time_quote(value)} as {_go_time_quote(layout)}: cannot parse "
                    f"{_go_time_quote(rest)} as {_go_time_quote(element)}")  # fmt: skip
        super().__init__(text)


def _getnum(text: str, fixed: bool) -> tuple[int, str] | None:
    if not text[:1].isdigit() or not text[:1].isascii():
        return None
    if not (text[1:2].isdigit() and text[1:2].isascii()):
        return None if fixed else (int(text[0]), text[1:])
    return int(text[:2]), text[2:]


def _go_atoi(text: str) -> int | None:
    body = text[1:] if text[:1] in ("-", "+") else text
    if not body or not (body.isascii() and body.isdigit()):
        return None
    return -int(body) if text[:1] == "-" else int(body)


def _nanoseconds(text: str, length: int) -> tuple[int, str]:
    """Go's ``parseNanoseconds``: ``.123`` (at most 9 digits used) as nanoseconds, and a range complaint."""
    digits = text[1 : min(length, 10)]
    value = _go_atoi(digits)
    if value is None:
        raise ValueError
    return value * 10 ** (9 - len(digits)), "fractional second" if value < 0 else ""


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year, 0 included)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def go_parse_time(layout: str, value: str, default_offset: int) -> tuple[int, int]:
    """Go's ``time.Parse`` for the CLI's layouts: ``(unix seconds, nanoseconds)``; raises ``_GoParseError``.

    *default_offset* (seconds east of UTC) applies when the value names no zone.
    """
    original = value
    year, month, day, hour, minute, second, nanos = 0, -1, -1, 0, 0, 0, 0
    offset: int | None = None
    chunks = _chunks(layout)
    for index, (prefix, element) in enumerate(chunks):
        rest = value
        for char in prefix:  # Go's skip(): the literal must match (no spaces in these layouts)
            if not rest or rest[0] != char:
                raise _GoParseError(layout, original, prefix, rest)
            rest = rest[1:]
        value = rest
        if not element:
            if value:
                raise _GoParseError(layout, original, "", value, f": extra text: {_go_time_quote(value)}")
            break
        hold, failed, out_of_range = value, False, ""
        if element == "2006":
            if len(value) < 4 or not (value[0].isascii() and value[0].isdigit()):
                failed = True
            else:
                number = _go_atoi(value[:4])
                failed, year, value = number is None, number or 0, value[4:]
        elif element in ("01", "02", "15", "04", "05"):
            got = _getnum(value, element != "15")
            if got is None:
                failed = True
            else:
                number, value = got
                if element == "01":
                    month, out_of_range = number, "" if 1 <= number <= 12 else "month"
                elif element == "02":
                    day = number
                elif element == "15":
                    hour, out_of_range = number, "" if number < 24 else "hour"
                elif element == "04":
                    minute, out_of_range = number, "" if number < 60 else "minute"
                else:
                    second, out_of_range = number, "" if number < 60 else "second"
                    following = chunks[index + 1][1] if index + 1 < len(chunks) else ""
                    if (
                        not out_of_range
                        and len(value) >= 2
                        and value[0] in ".,"
                        and value[1].isdigit()
                        and value[1].isascii()
                        and following != ".999999999"
                    ):
                        end = 2 + len(re.match(r"[0-9]*", value[2:]).group())
                        try:
                            nanos, out_of_range = _nanoseconds(value, end)
                        except ValueError:
                            failed = True
                        value = value[end:]
        elif element == ".999999999":
            if len(value) >= 2 and value[0] in ".," and value[1].isascii() and value[1].isdigit():
                end = 1 + len(re.match(r"[0-9]*", value[1:]).group())
                try:
                    nanos, out_of_range = _nanoseconds(value, end)
                except ValueError:
                    failed = True
                value = value[end:]
        elif element == "Z07:00":
            if value[:1] == "Z":
                value, offset = value[1:], 0
            elif len(value) < 6 or value[3] != ":" or value[0] not in "+-":
                failed = True
            else:
                hours, minutes = _getnum(value[1:3], True), _getnum(value[4:6], True)
                if hours is None or minutes is None:
                    failed = True
                else:
                    if hours[0] > 24:
                        out_of_range = "time zone offset hour"
                    if minutes[0] > 60:
                        out_of_range = "time zone offset minute"
                    offset = (hours[0] * 60 + minutes[0]) * 60 * (-1 if value[0] == "-" else 1)
                    value = value[6:]
        if out_of_range:
            raise _GoParseError(layout, original, element, value, f": {out_of_range} out of range")
        if failed:
            raise _GoParseError(layout, original, element, hold)
    month = 1 if month < 0 else month
    day = 1 if day < 0 else day
    if day < 1 or day > _days_in(month, year):
        raise _GoParseError(layout, original, "", value, ": day out of range")
    seconds = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    return seconds - (default_offset if offset is None else offset), nanos


def _parseable_unix_seconds(value: str) -> bool:
    """Whether the engine's ``ParseTimestamps`` reads *value* (``seconds[.fraction]``, Go's ``ParseInt`` each)."""
    whole, dot, fraction = value.partition(".")
    return _go_atoi(whole) is not None and (not dot or _go_atoi(fraction) is not None)


def local_offset(moment: float | None = None) -> int:
    """Seconds east of UTC of the local zone at *moment* (now by default), as Go's ``reference.Zone()``."""
    moment = time.time() if moment is None else moment
    return int(datetime.fromtimestamp(moment).astimezone().utcoffset().total_seconds())


def cli_timestamp(value: str, now_ns: int | None = None) -> str:
    """The CLI's ``GetTimestamp``: the text it sends the engine for a ``--since``/``--until`` *value*.

    Raises :class:`TimestampError` with the CLI's message (Go's own parse error for a value with a ``-``).
    """
    now_ns = time.time_ns() if now_ns is None else now_ns
    if value != "0":
        duration = go_duration_ns(value)
        if duration is not None:
            return str((now_ns - duration) // 10**9)
    in_location = not any(char in value for char in "zZ+") and value.count("-") != 3
    if "." in value:
        layout = "2006-01-02T15:04:05.999999999" if in_location else "2006-01-02T15:04:05.999999999Z07:00"
    elif "T" in value:
        colons = value.count(":")
        if not in_location and "z" not in value and "Z" not in value and colons > 0:
            colons -= 1
        zone = "" if in_location else "Z07:00"
        layout = ("2006-01-02T15", "2006-01-02T15:04", "2006-01-02T15:04:05")[min(colons, 2)] + zone
    else:
        layout = "2006-01-02" if in_location else "2006-01-02Z07:00"
    try:
        seconds, nanos = go_parse_time(layout, value, local_offset(now_ns / 1e9) if in_location else 0)
    except _GoParseError as exc:
        if "-" in value:
            raise TimestampError(str(exc)) from None
        if not _parseable_unix_seconds(value):
            raise TimestampError(f"failed to parse value as time or duration: {go_quote(value)}") from None
        return value
    return f"{seconds}.{nanos:09d}"


def parse_moment(value: str, flag: str = "since", now: float | None = None) -> float:
    """A ``--since``/``--until`` value as unix seconds, read as the CLI reads it (:func:`cli_timestamp`).

    A bad value gets the CLI's one line: ``invalid value for "since": …``.
    """
    try:
        text = cli_timestamp(value, None if now is None else int(now * 10**9))
    except TimestampError as exc:
        raise fail(f'invalid value for "{flag.lstrip("-")}": {exc}') from None
    return float(text)
