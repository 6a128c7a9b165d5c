"""Following containers' stats streams: one reader thread per container, a bounded history, callbacks.

Each container's ``GET /containers/{id}/stats?stream=1`` (a JSON object a line, about one a
second, ``precpu_stats`` filled from the previous one) is read by a thread of its own on a
client whose pool holds every stream. Each sample becomes a :class:`~dockerwidgets.stats.StatsEntry`
(the CLI's formulas), replaces the container's latest, and is appended to one ring of
history rows that drops what is older than ``history_seconds`` (and never holds more than
:data:`MAX_ROWS`). Listeners are called from the reader threads; they should only take note.

Without names, the containers are the running ones (every one with ``all``), as the CLI's
``docker stats``: the engine's events stream is followed (:class:`~dockerwidgets.sessions.events.EventFollower`,
subscribed before the first list so no start is missed), and each burst of events is
answered by one list: new containers get a stream, gone ones (stopped, or removed with
``all``) lose theirs. :meth:`StatsSampler.stop` closes the streams and joins every thread.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import transport
from ..engine import Engine
from ..errors import UsageError, fail, one_line
from ..ops import containers as container_ops
from ..ops import stats as ops
from ..stats import TYPED_COLUMNS, StatsEntry, entry_of, no_sample, stats_frame, typed_frame
from .events import EventFollower

DEFAULT_HISTORY_SECONDS = 600.0
MAX_ROWS = 500_000  # a hard bound on history rows whatever the setting (about 80 MB)
MAX_LINE = 1 << 20  # a stats object is ~2 KB: a line longer than this is not one
POOL_SIZE = 256  # streams side by side on the sampler's own client
HISTORY_COLUMNS = ["time", "container", *TYPED_COLUMNS]


@dataclass
class _Followed:
    """One container followed: what it was asked by, its stream, its reader, its latest sample."""

    ref: str
    latest: StatsEntry
    stream: Any = None
    thread: threading.Thread | None = None
    ended: bool = False
    samples: int = 0


class StatsSampler:
    """The live stats of some containers (*containers*), or of the running ones (all with *all*), followed."""

    def __init__(
        self,
        engine: Engine,
        containers: Sequence[str] | None = None,
        all: bool = False,
        history_seconds: float = DEFAULT_HISTORY_SECONDS,
        on_error: Callable[[str], Any] | None = None,
    ) -> None:
        self.engine = engine
        self.names = list(dict.fromkeys(containers or []))
        self.all = all
        self.history_seconds = float(history_seconds)
        self.samples = 0  # samples taken (what a view compares to know there is news)
        self._on_error = on_error or (lambda message: None)
        self._listeners: list[Callable[[], Any]] = []
        self._lock = threading.RLock()
        self._followed: dict[str, _Followed] = {}  # by full id, in the order they came
        self._ring: collections.deque[tuple] = collections.deque(maxlen=MAX_ROWS)
        self._lines: dict[str, tuple[collections.deque, ...]] = {}  # name -> times, CPU %, memory: the plot's columns
        self._client: Any = None
        self._follower: EventFollower | None = None
        self._stopped = False
        self._started = False

    # --- life ---------------------------------------------------------------------------------

    def start(self) -> StatsSampler:
        """Open the streams (named containers: all must exist, else one line and nothing left running)."""
        if self._started:
            return self
        self._started = True
        self._client = self.engine.pooled_client(POOL_SIZE)
        try:
            if self.names:
                self._start_named()
            else:
                self._follower = EventFollower(
                    self.engine, {"type": ["container"]}, self._reconcile, self._report
                ).start()
                self._reconcile()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_named(self) -> None:
        errors: list[str] = []
        for ref in self.names:
            try:
                stream = ops.open_stream(self.engine, self._client, ref)
            except UsageError as exc:
                errors.append(str(exc))
                continue
            self._follow(ref, ref, stream)
        if errors:
            raise fail("; ".join(errors))

    def stop(self, timeout: float = 5.0) -> None:
        """Close every stream and the events follower, join every thread; safe to call more than once."""
        with self._lock:
            self._stopped = True
            followed = list(self._followed.values())
        if self._follower is not None:
            self._follower.close(timeout)
        for each in followed:
            self._close_stream(each)
        for each in followed:
            if each.thread is not None and each.thread is not threading.current_thread():
                each.thread.join(timeout)
        if self._client is not None:
            self._client.close()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stopped

    @property
    def threads(self) -> list[threading.Thread]:
        """The threads still running (readers and the events follower's)."""
        with self._lock:
            threads = [each.thread for each in self._followed.values() if each.thread is not None]
        if self._follower is not None:  # the follower's reader and refresher
            threads += [getattr(self._follower, name, None) for name in ("_reader", "_refresher")]
        return [thread for thread in threads if thread is not None and thread.is_alive()]

    def subscribe(self, listener: Callable[[], Any]) -> None:
        """Call *listener* (no arguments, from a reader thread) after each sample and each change of containers."""
        self._listeners.append(listener)

    # --- what it holds ------------------------------------------------------------------------

    def entries(self) -> list[StatsEntry]:
        """The latest sample of each container followed, in the order they came (``--`` before the first)."""
        with self._lock:
            return [each.latest for each in self._followed.values()]

    def frame(self, trunc: bool = True) -> pd.DataFrame:
        """The current table: the CLI's columns and text, its typed twin."""
        return stats_frame(self.entries(), trunc)

    @property
    def containers(self) -> list[str]:
        """Names of the containers followed now."""
        return [entry.name.lstrip("/") or entry.container for entry in self.entries()]

    def history(self) -> pd.DataFrame:
        """Every sample still in the ring, tidy: ``time`` (UTC), ``container`` (its name), then the typed columns."""
        with self._lock:
            rows = list(self._ring)
        entries = [row[1] for row in rows]
        frame = typed_frame(entries)
        frame.insert(0, "container", [entry.name.lstrip("/") for entry in entries])
        frame.insert(0, "time", pd.to_datetime([row[0] for row in rows], unit="s", utc=True))
        return frame

    def series(self) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per container name: times (unix seconds), CPU % and memory used (bytes) of the history, as arrays (what a plot draws)."""
        horizon = time.time() - self.history_seconds
        out: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        with self._lock:
            for name in list(self._lines):
                times, cpu, memory = self._lines[name]
                while times and times[0] < horizon:
                    times.popleft(), cpu.popleft(), memory.popleft()
                if not times:
                    del self._lines[name]
                    continue
                count = len(times)
                out[name] = tuple(np.fromiter(values, dtype=np.float64, count=count) for values in (times, cpu, memory))
        return out

    @property
    def history_rows(self) -> int:
        """Rows the ring holds now."""
        return len(self._ring)

    # --- following ----------------------------------------------------------------------------

    def _reconcile(self) -> None:
        """One list of the containers: a stream for each new one, none for those gone (the CLI's start/die/destroy)."""
        if self._stopped:
            return
        listed = container_ops.list_containers(self.engine, all=self.all)
        wanted = {container["Id"]: container for container in listed}
        with self._lock:
            gone = [key for key in self._followed if key not in wanted]
            new = [key for key in reversed(list(wanted)) if key not in self._followed]  # oldest first, as events come
        for key in gone:
            with self._lock:
                each = self._followed.pop(key, None)
            if each is not None:
                self._close_stream(each)
                if each.thread is not None and each.thread is not threading.current_thread():
                    each.thread.join(5.0)
        for key in new:
            container = wanted[key]
            try:
                stream = ops.open_stream(self.engine, self._client, key)
            except UsageError:
                continue  # gone between the list and the stream: the next event burst says so
            name = (container.get("Names") or [""])[0]
            self._follow(key[:12], key, stream, name)
        if gone or new:
            self._notify()

    def _follow(self, ref: str, key: str, stream: Any, name: str = "") -> None:
        each = _Followed(ref=ref, latest=no_sample(ref, id=key if len(key) == 64 else "", name=name), stream=stream)
        each.thread = threading.Thread(target=self._read, args=(each,), name=f"dockerwidgets-stats-{ref}", daemon=True)
        with self._lock:
            if self._stopped:
                stream.close()
                return
            self._followed[key] = each
        each.thread.start()

    def _read(self, each: _Followed) -> None:
        stream, pending = each.stream, b""
        while not self._stopped:
            chunk = stream.read()
            if not chunk:
                break
            pending += chunk
            if b"\n" not in pending:
                if len(pending) > MAX_LINE:
                    pending = b""
                continue
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.strip():
                    try:
                        self._take(each, transport.parse(line))
                    except Exception as exc:  # a sample the formulas cannot read: say so, keep reading
                        self._report(f"stats of {each.ref}: {one_line(exc)}")
        each.ended = True
        with self._lock:
            if not self._stopped:
                each.latest = no_sample(each.ref, each.latest.id, each.latest.name)
        self._notify()

    def _take(self, each: _Followed, sample: dict) -> None:
        entry = entry_of(sample, each.ref)
        with self._lock:
            each.latest = entry
            each.samples += 1
            self.samples += 1
            self._keep(entry)
        self._notify()

    def _keep(self, entry: StatsEntry) -> None:
        """Append *entry* to the history (the ring, and its container's plot columns); drop what is too old."""
        if entry.time is None or self.history_seconds <= 0:
            return  # a container that is not running has no read time: nothing to plot
        self._ring.append((entry.time, entry))
        name = entry.name.lstrip("/") or entry.container
        line = self._lines.get(name)
        if line is None:
            line = self._lines[name] = (collections.deque(maxlen=MAX_ROWS), collections.deque(maxlen=MAX_ROWS),
                                        collections.deque(maxlen=MAX_ROWS))  # fmt: skip
        line[0].append(entry.time)
        line[1].append(entry.cpu_percent)
        line[2].append(float(entry.mem_used))
        horizon = time.time() - self.history_seconds
        while self._ring and self._ring[0][0] < horizon:
            self._ring.popleft()

    def _close_stream(self, each: _Followed) -> None:
        stream, each.stream = each.stream, None
        if stream is not None:
            try:
                stream.close()
            except Exception:
                pass

    def _notify(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception as exc:
                self._report(one_line(exc))

    def _report(self, message: str) -> None:
        if not self._stopped:
            self._on_error(message)
