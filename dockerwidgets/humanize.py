"""Formatting helpers mirroring docker/go-units, moby stringid, docker/cli formatter, sortorder and Go strconv."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

__all__ = [
    "binary_size",
    "display_width",
    "ellipsis",
    "go_format_float",
    "go_quote",
    "human_duration",
    "human_size",
    "natural_key",
    "truncate_id",
]

_DIGIT_RUNS = re.compile(r"([0-9]+)")  # ASCII digits only, as sortorder's isdigit
_DECIMAL_ABBRS = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
_BINARY_ABBRS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")
_SHORT_ID_LEN = 12


def human_duration(seconds: float) -> str:
    """Return a human-readable approximation of a duration like go-units HumanDuration."""
    nanos = int(seconds * 1e9)  # time.Duration is an int64 count of nanoseconds
    secs = int(nanos / 1e9)
    if secs < 1:
        return "Less than a second"
    if secs == 1:
        return "1 second"
    if secs < 60:
        return f"{secs} seconds"
    minutes = int(nanos / 6e10)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(nanos / 3.6e12 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(nanos / 3.6e12) // 24 // 365} years"


def human_size(size: float, precision: int = 3) -> str:
    """Return a decimal size like go-units HumanSizeWithPrecision, e.g. '1.98MB'."""
    i = 0
    while size >= 1000.0 and i < len(_DECIMAL_ABBRS) - 1:
        size /= 1000.0
        i += 1
    return f"{_go_percent_g(size, precision)}{_DECIMAL_ABBRS[i]}"


def binary_size(size: float) -> str:
    """Return a binary size like go-units BytesSize (``%.4g`` in powers of 1024), e.g. '23.54GiB'."""
    i = 0
    while size >= 1024.0 and i < len(_BINARY_ABBRS) - 1:
        size /= 1024.0
        i += 1
    return f"{_go_percent_g(size, 4)}{_BINARY_ABBRS[i]}"


def _go_percent_g(value: float, precision: int) -> str:
    """Format like Go's fmt '%.*g' (precision 0 behaves as 1)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return f"{value:.{max(precision, 1)}g}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """Return the shortest round-trip digits of abs(value) and the decimal point position."""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple))
    point = len(digits) + int(exponent)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", point


def go_format_float(value: float, fmt: str = "g") -> str:
    """Format a float64 like Go: 'g' is fmt %v (FormatFloat 'g', -1), 'e' is 'e', -1, 'json' is encoding/json."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + ("0e+00" if fmt == "e" else "0")
    digits, point = _shortest_digits(value)
    exp = point - 1
    if fmt == "json":
        use_exp = abs(value) < 1e-6 or abs(value) >= 1e21
    else:
        use_exp = fmt == "e" or exp < -4 or exp >= 6
    if use_exp:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        width = 1 if fmt == "json" and exp < 0 else 2  # encoding/json turns e-07 into e-7
        return f"{sign}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):0{width}d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def truncate_id(id: str) -> str:
    """Return the short form of an ID like moby stringid.TruncateID ('sha256:' prefix dropped, 12 chars)."""
    i = id.find(":")
    if i >= 0:
        id = id[i + 1 :]
    return id[:_SHORT_ID_LEN]


def _char_width(char: str) -> int:
    """Return the display width of one character (2 for East Asian Wide/Fullwidth)."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The cells *text* takes on a terminal (East Asian wide characters take 2), as go-runewidth counts them."""
    return len(text) if text.isascii() else sum(_char_width(char) for char in text)


def ellipsis(text: str, max_width: int) -> str:
    """Truncate text to max_width display cells with a trailing '…' like docker/cli formatter.Ellipsis."""
    if max_width <= 0:
        return ""
    if max_width == 1:
        return text[:1]
    if text.isascii():
        return text if len(text) <= max_width else text[: max_width - 1] + "\u2026"
    display: list[int] = []
    width = 0
    for char in text:
        width += _char_width(char)
        display.append(width)
    if width <= max_width:
        return text
    for i in range(len(display) - 1):
        if display[i] <= max_width - 1 < display[i + 1]:
            return text[: i + 1] + "\u2026"
    return text


_GO_ESCAPES = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t", "\v": r"\v"}


def go_quote(text: str) -> str:
    """Return a double-quoted Go string literal like strconv.Quote."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0xDC80 <= code <= 0xDCFF:  # surrogateescape'd invalid UTF-8 byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def natural_key(text: str) -> list:
    """A sort key ordering strings as fvbommel/sortorder.NaturalLess (the CLI's order of names, ports, tasks).

    Runs of digits compare by value, then by fewer leading zeros (``web1`` < ``web01`` < ``web2`` < ``web10``);
    a run of digits sorts before any other character at the same place; the rest compares by code point.
    """
    parts: list = _DIGIT_RUNS.split(text)
    for index in range(1, len(parts), 2):
        digits = parts[index]
        significant = digits.lstrip("0")
        parts[index] = (int(significant or "0"), len(digits) - len(significant))
    return parts
