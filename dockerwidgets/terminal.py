"""What a terminal would do with a container's output, without a terminal (pure, no I/O).

* :class:`Demultiplexer` splits the engine's multiplexed stream (non-TTY) into
  ``(stream, payload)`` frames, across reads of any size.
* :class:`Screen` keeps a bounded scrollback of lines made of ``(stream, text)`` pieces:
  ``\\r`` redraws the line in place, ``\\b`` erases, colour escapes (SGR) stay for the
  front end to render, other escapes (cursor moves, ``ESC[6n`` queries) are dropped.
  Work per chunk is bounded by the scrollback, not by the chunk's size.
* :class:`OutputBatch` holds a TTY's output for a terminal front end and gives it back in
  batches that never end inside a UTF-8 sequence (xterm.js 6.0.0 drops a character when a
  chunk does, xterm.js #6003). Escape sequences may be split: xterm.js's parser, like pyte's,
  keeps its state from one write to the next.
* :class:`FlowWindow` is the terminal's flow control: how many bytes may go to the front end
  now, given what its views acknowledged having parsed (xterm.js's watermark scheme).
* :func:`parse_detach_keys` reads the CLI's ``--detach-keys`` format.
"""

from __future__ import annotations

import re
import struct
import time
from collections import deque
from collections.abc import Callable

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
        if self._buffer:
            self._buffer += data
            buffer: bytes | bytearray = self._buffer
        else:  # nothing held back: parse the read itself, without copying it first
            buffer = data
        frames: list[tuple[str, bytes]] = []
        offset = 0
        while len(buffer) - offset >= HEADER.size:
            kind, size = HEADER.unpack_from(buffer, offset)
            end = offset + HEADER.size + size
            if end > len(buffer):
                break
            frames.append((STREAMS.get(kind, "stdout"), bytes(buffer[offset + HEADER.size : end])))
            offset = end
        if buffer is self._buffer:
            del self._buffer[:offset]
        else:
            self._buffer = bytearray(buffer[offset:])
        return frames

    @property
    def pending(self) -> int:
        """Bytes held back, waiting for the rest of their frame."""
        return len(self._buffer)


class Screen:
    """A bounded scrollback: finished lines in blocks of ``(stream, text, newlines)``, the current
    line as ``(stream, text)`` pieces.

    Whole runs of lines are kept as one block, so a chunk costs a few string operations in C,
    however many lines it holds; lines are split apart only for what is shown.
    """

    def __init__(self, scrollback: int = 3000) -> None:
        self.scrollback = max(1, scrollback)
        self.blocks: deque[tuple[str, str, int]] = deque()
        self.line_count = 0  # finished lines held in blocks
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
        first = text.find("\n")
        if first < 0:
            self._append(stream, text)
            return
        self._append(stream, text[:first])
        self._finish_line()
        last = text.rfind("\n")
        middle = text[first + 1 : last + 1]
        if middle:
            if "\r" in middle or "\b" in middle:
                for line in middle.split("\n")[:-1]:
                    self._append(stream, line)
                    self._finish_line()
            else:
                self._add_block(stream, middle, middle.count("\n"))
        self._append(stream, text[last + 1 :])

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

    def _finish_line(self) -> None:
        """End the current line: its pieces become blocks, the last one carrying the newline."""
        pieces = self.current or [("stdout", "")]
        for stream, text in pieces[:-1]:
            self.blocks.append((stream, text, 0))
        stream, text = pieces[-1]
        self._add_block(stream, text + "\n", 1)
        self.current = []
        self._carriage_return = False

    def _add_block(self, stream: str, text: str, newlines: int) -> None:
        if newlines > self.scrollback:  # one huge read: only its last lines can stay
            text = text[_start_of_last_lines(text, self.scrollback) :]
            newlines = self.scrollback
        self.blocks.append((stream, text, newlines))
        self.line_count += newlines
        while self.blocks and self.line_count - self.blocks[0][2] >= self.scrollback:
            self.line_count -= self.blocks.popleft()[2]

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

    def _shown(self) -> list[tuple[str, str]]:
        """The ``(stream, text)`` runs on screen: the last ``scrollback`` lines, then the current line."""
        excess = self.line_count - self.scrollback + (1 if self.current else 0)
        runs: list[tuple[str, str]] = []
        for stream, text, newlines in self.blocks:
            if excess > 0:
                if newlines <= excess:  # the whole block has scrolled away
                    excess -= newlines
                    continue
                text = text[_start_after_lines(text, excess) :]
                excess = 0
            runs.append((stream, text))
        runs.extend(self.current)
        return runs

    def outputs(self) -> tuple[dict, ...]:
        """The scrollback as Jupyter stream outputs, consecutive runs of a stream merged."""
        merged: list[list[str]] = []
        for stream, text in self._shown():
            if not text:
                continue
            if merged and merged[-1][0] == stream:
                merged[-1][1] += text
            else:
                merged.append([stream, text])
        return tuple({"output_type": "stream", "name": name, "text": text} for name, text in merged)

    @property
    def text(self) -> str:
        """The scrollback as plain text: both streams, colour escapes removed."""
        return _SGR.sub("", "".join(text for _, text in self._shown()))


def _start_after_lines(text: str, lines: int) -> int:
    """The index just after the first *lines* newlines of *text*."""
    index = -1
    for _ in range(lines):
        index = text.index("\n", index + 1)
    return index + 1


def _start_of_last_lines(text: str, lines: int) -> int:
    """The index where the last *lines* newline-ended lines of *text* begin."""
    index = len(text) - 1
    for _ in range(lines):
        index = text.rfind("\n", 0, index)
        if index < 0:
            return 0
    return index + 1


def utf8_safe_end(data: bytes | bytearray) -> int:
    """Where *data* may be cut so that no UTF-8 sequence is split: ``len(data)``, or the start of
    an incomplete sequence at its end."""
    end = len(data)
    for back in range(1, min(4, end) + 1):
        byte = data[end - back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back for its lead
            continue
        need = 2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4 if byte & 0xF8 == 0xF0 else 1
        return end - back if back < need else end
    return end


class OutputBatch:
    """Output bytes waiting for the front end, taken whole but for an incomplete UTF-8 tail (kept
    for the next batch, until :meth:`take` is told the output is ``final``)."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.bytes_in = 0
        self.bytes_out = 0

    def add(self, data: bytes) -> None:
        self._buffer += data
        self.bytes_in += len(data)

    def __len__(self) -> int:
        return len(self._buffer)

    def take(self, final: bool = False, limit: int | None = None) -> bytes:
        """The bytes to send now (possibly none), at most *limit* of them (cut before a split
        UTF-8 sequence; ``final`` takes everything and ignores *limit*)."""
        if final:
            end = len(self._buffer)
        elif limit is not None and limit < len(self._buffer):
            end = utf8_safe_end(memoryview(self._buffer)[: max(limit, 0)])
        else:
            end = utf8_safe_end(self._buffer)
        if not end:
            return b""
        data = bytes(self._buffer[:end])
        del self._buffer[:end]
        self.bytes_out += len(data)
        return data


class FlowWindow:
    """How much output may go to the front end now: at most ``window`` bytes that no view has
    acknowledged (a view acknowledges once xterm.js has parsed them).

    So a flood waits for the browser instead of queueing megabytes on the websocket ahead of
    every other cell's reply. No view acknowledging means no limit: before the first
    acknowledgement (headless, a view not yet drawn), and after ``stall`` seconds of waiting
    with none (the page was closed), until a view acknowledges again.
    """

    def __init__(self, window: int = 512 * 1024, stall: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.window = window
        self.stall = stall
        self._clock = clock
        self.sent = 0
        self.acked = 0
        self.active = False  # a view acknowledges
        self._waiting_since: float | None = None

    def sent_bytes(self, count: int) -> None:
        self.sent += count

    def ack(self, upto: int) -> None:
        """A view has parsed everything up to offset *upto* of what was sent."""
        self.acked = max(self.acked, min(upto, self.sent))
        self.active = True
        self._waiting_since = None

    def room(self) -> int | None:
        """Bytes that may be sent now: ``None`` for no limit, else at most the window's free part."""
        if not self.active:
            return None
        free = self.window - (self.sent - self.acked)
        if free > 0:
            self._waiting_since = None
            return free
        now = self._clock()
        if self._waiting_since is None:
            self._waiting_since = now
        elif now - self._waiting_since >= self.stall:
            self.active = False  # nobody acknowledges any more: the views are gone
            self._waiting_since = None
            return None
        return 0


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
