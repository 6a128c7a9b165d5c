"""Go's ``strconv`` number parsing, ported: what the CLI's flags accept and its exact refusals.

pflag reads an ``int`` flag with ``strconv.ParseInt(s, 0, 64)``: ``0x10``, ``0o17``, ``0b11``,
``010`` (octal) and ``1_000`` are numbers, ``" 5"`` and ``1e3`` are not, and anything beyond
64 bits is ``value out of range``. The error's text is Go's ``NumError``
(``strconv.ParseInt: parsing "X": invalid syntax``), which the CLI puts after
``invalid argument "X" for "-t, --timeout" flag:`` (:mod:`dockerwidgets.argparsing` does that).
"""

from __future__ import annotations

from .humanize import go_quote

__all__ = ["NumError", "go_int", "parse_int", "parse_uint"]


class NumError(ValueError):
    """A number Go refuses; ``str()`` is Go's text (``strconv.ParseUint: parsing "x": invalid syntax``)."""

    def __init__(self, function: str, text: str, reason: str) -> None:
        super().__init__(f"strconv.{function}: parsing {go_quote(text)}: {reason}")
        self.function, self.text, self.reason = function, text, reason


def _underscore_ok(text: str) -> bool:
    """Go's ``underscoreOK``: underscores only between digits (or after a base prefix)."""
    saw, index = "^", 0
    if text[:1] in ("+", "-"):
        text = text[1:]
    hexadecimal = False
    if len(text) >= 2 and text[0] == "0" and text[1].lower() in "box":
        index, saw, hexadecimal = 2, "0", text[1].lower() == "x"
    for char in text[index:]:
        if "0" <= char <= "9" or (hexadecimal and "a" <= char.lower() <= "f"):
            saw = "0"
        elif char == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_uint(text: str, base: int = 10, bits: int = 64, function: str = "ParseUint") -> int:
    """Go's ``strconv.ParseUint(text, base, bits)`` (base 0: the prefix decides); :class:`NumError` as Go words it."""
    whole = text
    if not text:
        raise NumError(function, whole, "invalid syntax")
    base_zero = base == 0
    if base_zero:
        base = 10
        if text[0] == "0":
            prefix = text[1:2].lower() if len(text) >= 3 else ""
            base, text = {"b": (2, text[2:]), "o": (8, text[2:]), "x": (16, text[2:])}.get(prefix, (8, text[1:]))
    limit = (1 << bits) - 1
    value, underscores = 0, False
    for char in text:
        if char == "_" and base_zero:
            underscores = True
            continue
        if "0" <= char <= "9":
            digit = ord(char) - ord("0")
        elif "a" <= char.lower() <= "z" and char.isascii():
            digit = ord(char.lower()) - ord("a") + 10
        else:
            raise NumError(function, whole, "invalid syntax")
        if digit >= base:
            raise NumError(function, whole, "invalid syntax")
        value = value * base + digit
        if value > limit:
            raise NumError(function, whole, "value out of range")
    if underscores and not _underscore_ok(whole):
        raise NumError(function, whole, "invalid syntax")
    return value


def parse_int(text: str, base: int = 10, bits: int = 64) -> int:
    """Go's ``strconv.ParseInt(text, base, bits)``; :class:`NumError` as Go words it."""
    if not text:
        raise NumError("ParseInt", text, "invalid syntax")
    negative = text[0] == "-"
    body = text[1:] if text[0] in ("+", "-") else text
    try:
        magnitude = parse_uint(body, base, bits, "ParseInt")
    except NumError as exc:
        raise NumError("ParseInt", text, exc.reason) from None
    cutoff = 1 << (bits - 1)
    if magnitude > cutoff or (magnitude == cutoff and not negative):
        raise NumError("ParseInt", text, "value out of range")
    return -magnitude if negative else magnitude


def go_int(text: str) -> int:
    """An ``int`` flag's value, as pflag reads it (``strconv.ParseInt(s, 0, 64)``)."""
    return parse_int(text, 0, 64)
