"""A container's log as rows, pure (no I/O): the engine's stream, asked with ``timestamps=1``, cut into lines.

Without a TTY the engine frames each log message (8-byte header: the stream, then the size),
so stdout and stderr are told apart; a message longer than the logger's buffer comes as
several frames, the last one ending the line, and they are joined back into one row. With a
TTY the stream is raw bytes (stdout only), one ``TIMESTAMP message\\r\\n`` per line. Every
message starts with the engine's RFC 3339 nanosecond timestamp and a space.

:class:`LogReader` keeps at most *keep* rows (``--tail``), so memory is bounded by what was
asked whatever the stream holds. :func:`logs_frame` merges the rows of several containers
in time order; a message that is a JSON object gets its parsed fields in ``fields``.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from .frames import with_typed
from .terminal import Demultiplexer

try:  # a well-kept fast parser; the standard library's when it is absent
    import orjson

    _loads = orjson.loads
    _JSON_ERRORS: tuple[type[Exception], ...] = (orjson.JSONDecodeError, ValueError)
except ImportError:  # pragma: no cover
    _loads = json.loads
    _JSON_ERRORS = (ValueError,)

LOG_COLUMNS = ["time", "container", "stream", "message", "fields"]
TYPED_LOG_COLUMNS = ["time", "container", "container_id", "stream", "message", "fields"]
MAX_PARTIAL = 1 << 20  # a line longer than this (1 MiB) is cut into rows of this size


class LogLine(NamedTuple):
    """One line of a log: the engine's timestamp text, ``stdout``/``stderr``, the message (no newline)."""

    timestamp: str
    stream: str
    message: str


def _split_stamp(payload: bytes) -> tuple[bytes, bytes]:
    """``b"2026-…Z rest"`` → ``(b"2026-…Z", b"rest")`` (no timestamp: an empty one)."""
    stamp, space, rest = payload.partition(b" ")
    if not space or not stamp[:1].isdigit():
        return b"", payload
    return stamp, rest


class LogReader:
    """Cuts the engine's log stream into :class:`LogLine` rows, keeping the newest *keep* (all when ``None``)."""

    def __init__(self, multiplexed: bool, keep: int | None = None) -> None:
        self.multiplexed = multiplexed
        self.lines: deque[LogLine] = deque(maxlen=keep)
        self.bytes_read = 0
        self._demux = Demultiplexer() if multiplexed else None
        self._partial: dict[str, tuple[bytes, bytearray]] = {}  # stream → (timestamp, text so far)
        self._raw = bytearray()  # TTY: the bytes of an unfinished line

    def feed(self, data: bytes) -> None:
        """Take the next bytes read from the stream."""
        self.bytes_read += len(data)
        if self._demux is None:
            self._raw += data
            end = self._raw.rfind(b"\n")
            if end < 0:
                if len(self._raw) > MAX_PARTIAL:
                    self._take_tty_line(bytes(self._raw))
                    self._raw.clear()
                return
            for line in bytes(self._raw[:end]).split(b"\n"):
                self._take_tty_line(line)
            del self._raw[: end + 1]
            return
        for stream, payload in self._demux.feed(data):
            self._take_frame(stream, payload)

    def finish(self) -> list[LogLine]:
        """The stream ended: what is still held becomes rows; the rows kept, oldest first."""
        if self._raw:
            self._take_tty_line(bytes(self._raw))
            self._raw.clear()
        for stream, (stamp, text) in list(self._partial.items()):
            self._add(stamp, stream, bytes(text))
        self._partial.clear()
        return list(self.lines)

    def _take_tty_line(self, line: bytes) -> None:
        stamp, message = _split_stamp(line)
        self._add(stamp, "stdout", message[:-1] if message.endswith(b"\r") else message)

    def _take_frame(self, stream: str, payload: bytes) -> None:
        stamp, message = _split_stamp(payload)
        held = self._partial.get(stream)
        if held is not None:
            stamp = held[0]
            held[1].extend(message)
            message_so_far = held[1]
        else:
            message_so_far = bytearray(message)
        if message_so_far.endswith(b"\n"):
            self._partial.pop(stream, None)
            self._add(stamp, stream, bytes(message_so_far[:-1]))
        elif len(message_so_far) > MAX_PARTIAL:
            self._partial.pop(stream, None)
            self._add(stamp, stream, bytes(message_so_far))
        else:
            self._partial[stream] = (stamp, message_so_far)

    def _add(self, stamp: bytes, stream: str, message: bytes) -> None:
        self.lines.append(LogLine(stamp.decode("ascii", "replace"), stream, message.decode("utf-8", "replace")))


def json_fields(message: str) -> dict | None:
    """The fields of a message that is a JSON object (``{"level": "info", …}``), else ``None``."""
    text = message.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    try:
        value = _loads(text)
    except _JSON_ERRORS:
        return None
    return value if isinstance(value, dict) else None


def parse_times(stamps: Sequence[str]) -> pd.Series:
    """The engine's RFC 3339 timestamps as UTC datetimes with nanoseconds (NaT for none)."""
    series = pd.Series(list(stamps), dtype=object)
    return pd.to_datetime(series, utc=True, errors="coerce", format="ISO8601").astype("datetime64[ns, UTC]")


def logs_frame(logs: Sequence[tuple[str, str, Sequence[LogLine]]]) -> pd.DataFrame:
    """The lines of several containers (``(name, id, lines)`` each) as one frame, merged in time order.

    Lines of the same moment keep their container's order (a stable sort), so one container's
    lines never swap. The typed twin adds the full ``container_id``.
    """
    stamps: list[str] = []
    names: list[str] = []
    ids: list[str] = []
    streams: list[str] = []
    messages: list[str] = []
    for name, container_id, lines in logs:
        stamps += [line.timestamp for line in lines]
        names += [name] * len(lines)
        ids += [container_id] * len(lines)
        streams += [line.stream for line in lines]
        messages += [line.message for line in lines]
    columns: dict[str, Any] = {
        "time": parse_times(stamps),
        "container": pd.Series(names, dtype=object),
        "stream": pd.Series(streams, dtype=object),
        "message": pd.Series(messages, dtype=object),
        "fields": pd.Series([json_fields(message) for message in messages], dtype=object),
    }
    frame = pd.DataFrame(columns, columns=LOG_COLUMNS)
    order = frame["time"].sort_values(kind="stable").index
    frame = frame.loc[order].reset_index(drop=True)
    typed_ids = pd.Series(ids, dtype=object).loc[order].reset_index(drop=True)

    def typed() -> pd.DataFrame:
        twin = frame.copy()
        twin.attrs = {}
        twin.insert(2, "container_id", typed_ids)
        return twin[TYPED_LOG_COLUMNS]

    return with_typed(frame, typed)


__all__ = ["LOG_COLUMNS", "LogLine", "LogReader", "json_fields", "logs_frame", "parse_times"]
