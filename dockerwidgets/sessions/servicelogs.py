"""A service's logs as the CLI prints them: each line given its task's ``web.1.x4f…@node    | `` prefix.

The engine sends a service's log lines with their details (``com.docker.swarm.task.id=…,…
message``); :class:`LogPrefixer` turns one such line into the CLI's, :func:`prefixed_text`
a whole (multiplexed) reply, and :class:`PrefixedLogStream` a followed stream, frame by
frame, still multiplexed so a console shows stderr apart. The frames are split by
:class:`~dockerwidgets.terminal.Demultiplexer`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from ..humanize import truncate_id
from ..terminal import HEADER, STREAMS, Demultiplexer

_CODES = {name: code for code, name in STREAMS.items()}


@dataclass(frozen=True)
class LogFormat:
    """How ``service logs`` writes a line (its flags): ``--timestamps``, ``--details``, ``--no-resolve`` …"""

    timestamps: bool = False
    details: bool = False
    no_resolve: bool = False
    no_task_ids: bool = False
    no_trunc: bool = False


class LogPrefixer:
    """Turns the engine's detailed log lines (``k=v,… message``) into the CLI's ``web.1.x4f…@node    | message``.

    *slots* maps task ids to slots, *nodes* and *services* ids to the names shown (ids with
    ``--no-resolve``); *slot_of* tells the slot of a task that started after the tasks were
    listed (``0`` if unknown); *padding* is the width of the largest slot number.
    """

    def __init__(
        self,
        padding: int,
        slots: dict[str, int],
        nodes: dict[str, str],
        services: dict[str, str],
        form: LogFormat | None = None,
        slot_of: Callable[[str], int] | None = None,
    ) -> None:
        self.padding, self.form = padding, form or LogFormat()
        self.slots, self.nodes, self.services = dict(slots), nodes, services
        self._slot_of = slot_of
        self._cache: dict[tuple[str, str, str], str] = {}

    def line(self, payload: bytes) -> bytes:
        """One line of the engine's stream as the CLI prints it (unchanged when it has no task context)."""
        timestamps = self.form.timestamps
        parts = payload.split(b" ", 2 if timestamps else 1)
        if len(parts) != (3 if timestamps else 2):
            return payload
        stamp, details_text, message = parts if timestamps else [b"", *parts]
        details = {}
        for pair in details_text.decode("utf-8", "replace").split(","):
            key, sep, value = pair.partition("=")
            if not sep:
                return payload
            details[unquote_plus(key)] = unquote_plus(value)
        context = tuple(details.pop(f"com.docker.swarm.{k}.id", None) for k in ("node", "service", "task"))
        if None in context:
            return payload
        prefix = self._prefix(*context)  # type: ignore[arg-type]
        out = (stamp + b" " if timestamps else b"") + f"{prefix}    | ".encode()
        if self.form.details:
            out += ",".join(sorted(f"{k}={v}" for k, v in details.items())).encode() + b" "
        return out + message

    def _prefix(self, node_id: str, service_id: str, task_id: str) -> str:
        key = (node_id, service_id, task_id)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        slot = self.slots.get(task_id)
        if slot is None:  # a task started after the logs were opened
            try:
                slot = self._slot_of(task_id) if self._slot_of else 0
            except Exception:
                slot = 0
            self.slots[task_id] = slot
        form = self.form
        service = self.services.get(service_id, service_id)
        name = f"{service}.{slot}"
        if not form.no_task_ids:
            name += "." + (task_id if form.no_trunc else truncate_id(task_id))
        padding = " " * max(self.padding - len(str(slot)), 0)
        self._cache[key] = text = f"{name}@{self.nodes.get(node_id, node_id)}{padding}"
        return text


def prefixed_text(content: bytes, prefixer: LogPrefixer | None, tty: bool = False) -> str:
    """A whole logs reply as text: a TTY service's bytes as they are, else each frame's line (prefixed)."""
    if tty:
        return content.decode("utf-8", "replace")
    chunks = [prefixer.line(payload) if prefixer else payload for _, payload in Demultiplexer().feed(content)]
    return b"".join(chunks).decode("utf-8", "replace")


class PrefixedLogStream:
    """A service's multiplexed log stream with each line given the CLI's task prefix, still multiplexed."""

    def __init__(self, inner: Any, prefixer: LogPrefixer) -> None:
        self._inner, self._prefixer, self._demux = inner, prefixer, Demultiplexer()

    def read(self) -> bytes:
        """The next formatted frames (``b""`` at the end)."""
        while True:
            data = self._inner.read()
            if not data:
                return b""
            out = bytearray()
            for name, payload in self._demux.feed(data):
                line = self._prefixer.line(payload)
                out += HEADER.pack(_CODES.get(name, 1), len(line)) + line
            if out:
                return bytes(out)

    def send(self, data: bytes) -> None:
        """Logs take no input."""
        raise OSError("this stream takes no input")

    def shutdown_write(self) -> None:
        """Nothing to half-close."""

    def close(self) -> None:
        """Close the engine's stream."""
        self._inner.close()
