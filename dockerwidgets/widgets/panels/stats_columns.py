"""The containers panel's CPU % and MEM columns (``ContainerPanel(stats=True)``, ``ps --panel --stats``).

The numbers come from the same source as the live ``docker stats``: a
:class:`~dockerwidgets.sessions.stats.StatsSampler` over the running containers (no history
kept). :class:`StatsFeed` wakes when it has news and hands it on at most once a second, so
20 containers sampled every second are one redraw a second, not twenty.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ...frames import with_typed
from ...humanize import binary_size
from ...stats import StatsEntry, percentage

STATS_COLUMNS = ("CPU %", "MEM USAGE / LIMIT")
STATS_SORT_KEYS = {"CPU %": "cpu_percent", "MEM USAGE / LIMIT": "mem_used"}


def with_stats(frame: pd.DataFrame, entries: Iterable[StatsEntry]) -> pd.DataFrame:
    """*frame* (``ps -a``'s, with its typed twin) with the stats columns set from *entries*, matched by full id.

    A running container without a sample yet shows ``--``; one that is not running, nothing.
    Typed: ``cpu_percent`` (Float64), ``mem_used`` and ``mem_limit`` (Int64), NA where there is no number.
    """
    latest = {entry.id: entry for entry in entries if entry.id}
    typed = frame.docker.typed.copy() if len(frame) else pd.DataFrame(index=frame.index)
    ids = typed["id"].tolist() if "id" in typed else []
    states = typed["state"].tolist() if "state" in typed else [""] * len(ids)
    cpu_text, mem_text, cpu, used, limit = [], [], [], [], []
    for container_id, state in zip(ids, states, strict=True):
        entry = latest.get(container_id)
        if entry is not None and entry.valid:
            cpu_text.append(percentage(entry.cpu_percent))
            mem_text.append(f"{binary_size(entry.mem_used)} / {binary_size(entry.mem_limit)}")
            cpu.append(entry.cpu_percent), used.append(entry.mem_used), limit.append(entry.mem_limit)
        else:
            shown = "--" if state == "running" else ""
            cpu_text.append(shown)
            mem_text.append(shown and "-- / --")
            cpu.append(None), used.append(None), limit.append(None)
    text = frame.copy()
    text["CPU %"] = cpu_text
    text["MEM USAGE / LIMIT"] = mem_text
    typed["cpu_percent"] = pd.array(cpu, dtype="Float64")
    typed["mem_used"] = pd.array(used, dtype="Int64")
    typed["mem_limit"] = pd.array(limit, dtype="Int64")
    return with_typed(text, typed)


class StatsFeed:
    """Calls *on_news* (from its own thread) at most once every *interval* seconds while *source* has news."""

    def __init__(self, source: Any, on_news: Callable[[], Any], interval: float = 1.0) -> None:
        self.source = source
        self.interval = interval
        self._on_news = on_news
        self._news = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dockerwidgets-panel-stats", daemon=True)
        source.subscribe(self._news.set)

    def start(self) -> StatsFeed:
        """Start the source (if it is not started) and the feed."""
        start = getattr(self.source, "start", None)
        if callable(start):
            start()
        self._thread.start()
        return self

    def entries(self) -> list[StatsEntry]:
        """The source's latest samples."""
        return self.source.entries()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the source and join the feed's thread."""
        self._stop.set()
        self._news.set()
        self.source.stop()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def threads(self) -> list[threading.Thread]:
        """The feed's thread and its source's, while alive."""
        own = [self._thread] if self._thread.is_alive() else []
        return own + list(getattr(self.source, "threads", []))

    def _run(self) -> None:
        while True:
            self._news.wait()
            if self._stop.is_set():
                return
            self._news.clear()
            try:
                self._on_news()
            except Exception:
                pass  # the panel says what went wrong in its own message line
            if self._stop.wait(self.interval):
                return
