"""Logs as data (``logs --frame``): each container's log read as a stream, several containers at once.

The engine does the ``--tail`` itself; the client reads the answer in pieces and keeps at
most the lines asked, so a gigabyte of log with ``--tail 1000`` costs the memory of 1000
lines. Every container is checked to exist before any log is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from .. import transport
from ..engine import Engine
from ..logframes import LogLine, LogReader
from .containers import log_query, require_containers

MAX_PARALLEL = 8


def tail_count(tail: int | str) -> int | None:
    """How many lines ``--tail`` keeps (``None``: all), as the engine reads it."""
    return tail if isinstance(tail, int) and tail >= 0 else None


def log_lines(
    engine: Engine, info: dict, tail: int | str = "all", since: str | None = None, until: str | None = None
) -> list[LogLine]:
    """The lines of the inspected container *info*, streamed from the engine (with its timestamps), oldest first."""
    reader = LogReader(multiplexed=not (info.get("Config") or {}).get("Tty"), keep=tail_count(tail))
    with engine.errors():
        stream = transport.open_get(
            engine.api,
            "/containers/{0}/logs",
            info["Id"],
            params=log_query(tail, since, until, timestamps=True),
            bounded=True,
        )
        try:
            while chunk := stream.read():
                reader.feed(chunk)
        finally:
            stream.close()
    return reader.finish()


def logs_of(
    engine: Engine,
    refs: Sequence[str],
    tail: int | str = "all",
    since: str | None = None,
    until: str | None = None,
) -> list[tuple[str, str, list[LogLine]]]:
    """``(name, id, lines)`` of each container (all checked first), their logs read in parallel."""
    infos = require_containers(engine, refs)

    def read(info: dict) -> tuple[str, str, list[LogLine]]:
        return str(info.get("Name") or "").lstrip("/"), info["Id"], log_lines(engine, info, tail, since, until)

    if len(infos) == 1:
        return [read(infos[0])]
    with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(infos)), thread_name_prefix="dockerwidgets-logs") as pool:
        return list(pool.map(read, infos))


__all__ = ["log_lines", "logs_of", "tail_count"]
