"""What a terminal would do with a container's output, without a terminal (pure, no I/O).

* :class:`Demultiplexer` splits the engine's multiplexed stream (non-TTY) into
  ``(stream, payload)`` frames, across reads of any size.
* :class:`Screen` keeps a bounded scrollback of lines made of ``(stream, text)`` pieces:
  ``\\r`` redraws the line in place, ``\\b`` erases, colour escapes (SGR) stay for the
  front end to render, other escapes (cursor moves, ``ESC[6n`` queries) are dropped.
  Work per chunk is bounded by the scrollback, not by the chunk's size.
* :func:`parse_detach_keys` reads the CLI's ``--detach-keys`` format.
"""

from __future__ import annotations

import re
import struct
from collections import deque

STREAMS = {0: "stdin", 1: "stdout", 2: "stderr"}
HEADER = struct.Struct(">BxxxL")
DEFAULT_DETACH_KEYS = "ctrl-p,ctrl-q"

_SGR = re.compile(r"\x1b\[[0-9;]*m")
# Escapes a notebook cannot honour: CSI other than SGR, OSC, charset selection, single-char ESC.
_OTHER_ESCAPES = re.compile(
    r"\x1b\[[0-9;?<=>!]*[ -/]*[@-ln-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78cDEHM]"
)
_INCOMPLETE_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?<=>!]*[ -/]*|\][^\x07\x1b]*|[()])?$")


class Demultiplexer:
    """Incremental parser of the engine's stream framing: an 8-byte header, then the payload."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[tuple[str, bytes]]:
        """Take the next bytes read; return the whole frames they complete, in order."""
        buffer = self._buffer
        buffer += data
        frames: list[tuple[str, bytes]] = []
        offset = 0
        while len(buffer) - offset >= HEADER.size:
            kind, size = HEADER.unpack_from(buffer, offset)
            end = offset + HEADER.size + size
            if end > len(buffer):
                break
            frames.append((STREAMS.get(kind, "stdout"), bytes(buffer[offset + HEADER.size : end])))
            offset = end
        del buffer[:offset]
        return frames

    @property
    def pending(self) -> int:
        """Bytes held back, waiting for the rest of their frame."""
        return len(self._buffer)


class Screen:
    """A bounded scrollback of lines, each a list of ``(stream, text)`` pieces."""

    def __init__(self, scrollback: int = 3000) -> None:
        self.scrollback = max(1, scrollback)
        self.lines: deque[list[tuple[str, str]]] = deque(maxlen=self.scrollback)
        self.current: list[tuple[str, str]] = []
        self._carriage_return = False  # a "\r" ended the last text: the next text redraws the line
        self._held = ""  # an escape sequence cut in two by a read

    def feed(self, stream: str, text: str) -> None:
        """Add decoded text from *stream* (``"stdout"`` or ``"stderr"``)."""
        if self._held:
            text, self._held = self._held + text, ""
        if "\x1b" in text:
            tail = _INCOMPLETE_ESCAPE.search(text)
            if tail:
                text, self._held = text[: tail.start()], tail.group(0)
            text = _OTHER_ESCAPES.sub("", text)
        if not text:
            return
        newlines = text.count("\n")
        if newlines > self.scrollback:  # only the last lines can stay on screen
            parts = text.rsplit("\n", self.scrollback)[1:]
            self.current = []
            self._carriage_return = False
            self.lines.clear()
        else:
            parts = text.split("\n") if newlines else [text]
        self._append(stream, parts[0])
        for part in parts[1:]:
            self.lines.append(self.current)
            self.current = []
            self._carriage_return = False
            self._append(stream, part)

    def _append(self, stream: str, text: str) -> None:
        """Add text that holds no newline to the current line."""
        if not text:
            return
        if self._carriage_return:
            self.current = []
            self._carriage_return = False
        if text.endswith("\r"):
            text = text.rstrip("\r")
            self._carriage_return = True
        if "\r" in text:
            self.current = []
            text = text[text.rindex("\r") + 1 :]
        if "\b" in text:
            text = self._backspace(text)
        if text:
            if self.current and self.current[-1][0] == stream:
                self.current[-1] = (stream, self.current[-1][1] + text)
            else:
                self.current.append((stream, text))

    def _backspace(self, text: str) -> str:
        """Apply ``\\b`` (cursor left) the way an echoing terminal shows it: the character goes."""
        out: list[str] = []
        for char in text:
            if char != "\b":
                out.append(char)
            elif out:
                out.pop()
            elif self.current:
                stream, last = self.current[-1]
                self.current[-1] = (stream, last[:-1])
        return "".join(out)

    def tail_lines(self) -> list[list[tuple[str, str]]]:
        """The lines on screen, the unfinished current line last (when it has text)."""
        lines = list(self.lines)
        if self.current:
            lines.append(self.current)
        return lines

    def outputs(self) -> tuple[dict, ...]:
        """The scrollback as Jupyter stream outputs, consecutive pieces of a stream merged."""
        merged: list[list[str]] = []  # [name, text]
        lines = self.tail_lines()
        for index, line in enumerate(lines):
            ending = "\n" if index < len(lines) - 1 or line is not self.current else ""
            pieces = line or [("stdout", "")]
            for position, (stream, text) in enumerate(pieces):
                if position == len(pieces) - 1:
                    text += ending
                if merged and merged[-1][0] == stream:
                    merged[-1][1] += text
                elif text:
                    merged.append([stream, text])
        return tuple({"output_type": "stream", "name": name, "text": text} for name, text in merged if text)

    @property
    def text(self) -> str:
        """The scrollback as plain text: both streams, colour escapes removed."""
        rendered = "\n".join("".join(text for _, text in line) for line in self.tail_lines())
        if self.lines and not self.current:
            rendered += "\n"
        return _SGR.sub("", rendered)


def parse_detach_keys(spec: str) -> bytes:
    """The CLI's ``--detach-keys`` (``ctrl-p,ctrl-q``, ``ctrl-a,x``) as the bytes to send."""
    keys = bytearray()
    specials = {"@": 0, "[": 27, "\\": 28, "]": 29, "^": 30, "_": 31}
    for key in spec.split(","):
        key = key.strip()
        if len(key) == 1:
            keys.append(ord(key))
        elif key.lower().startswith("ctrl-") and len(key) == 6:
            char = key[5].lower()
            if "a" <= char <= "z":
                keys.append(ord(char) - ord("a") + 1)
            elif char in specials:
                keys.append(specials[char])
            else:
                raise ValueError(f"Unknown character: '{key}'")
        else:
            raise ValueError(f"Unknown character: '{key}'")
    if not keys:
        raise ValueError("Unknown character: ''")
    return bytes(keys)
