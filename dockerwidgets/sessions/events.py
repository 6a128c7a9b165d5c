"""Following the engine's events stream: one blocking reader thread, one refresher, bursts coalesced.

The reader blocks on the engine's ``GET /events`` socket (no polling: an idle follower
uses no CPU). Each relevant event only raises a flag; the refresher waits on that flag,
lets a short window pass so a burst of events becomes one call, then calls
``on_change``. Events that arrive during that call cause one more call afterwards, so
nothing is missed. :meth:`EventFollower.close` closes the stream and joins both threads.

:class:`EventRecorder` (``%docker events`` without ``--until``) keeps the events themselves:
the newest ones in a bounded ring, and each burst handed over at most ``1 / min_interval``
times a second, however many events the burst holds. After a lost connection both ask again
from just after the last event seen (its ``timeNano``), so none is counted twice.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from ..engine import Engine
from ..errors import one_line

COALESCE_SECONDS = 0.2
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)

# Container actions that change nothing a list shows (the console's attach, exec, resize, …).
QUIET_ACTIONS = frozenset(
    {"attach", "detach", "resize", "top", "export", "copy", "archive-path", "extract-to-dir", "commit"}
)


def since_after(event: dict) -> str | None:
    """The engine's ``since`` for "just after *event*" (its ``timeNano`` + 1 ns), or ``None`` without a time."""
    nanoseconds = int(event.get("timeNano") or 0)
    if nanoseconds:
        seconds, fraction = divmod(nanoseconds + 1, 10**9)
        return f"{seconds}.{fraction:09d}"
    return str(event["time"]) if event.get("time") else None


def changes_a_list(event: dict) -> bool:
    """Whether *event* can change what ``ps``/``images`` show (``exec_*``, ``attach``, … cannot)."""
    action = str(event.get("Action") or event.get("status") or "")
    return not (action.startswith("exec_") or action.split(":", 1)[0] in QUIET_ACTIONS)


class EventFollower:
    """Calls *on_change* (from its own thread) once per burst of the engine's events matching *filters*."""

    def __init__(
        self,
        engine: Engine,
        filters: dict[str, list[str]],
        on_change: Callable[[], Any],
        on_error: Callable[[str], Any] | None = None,
        window: float = COALESCE_SECONDS,
        min_interval: float = 0.0,
        accept: Callable[[dict], bool] | None = None,
    ) -> None:
        self.engine = engine
        self.accept = accept  # a finer test of each event than the engine's filters (a volume panel's container events)
        self.filters = filters
        self.window = window
        self.min_interval = min_interval  # seconds between two calls of on_change, at least
        self.events = 0  # relevant events seen
        self.refreshes = 0  # calls of on_change made
        self._on_change = on_change
        self._on_error = on_error or (lambda message: None)
        self._closed = threading.Event()
        self._pending = threading.Event()
        self._lock = threading.Lock()
        self._stream: Any = None
        self._since: str | None = None
        self._reader = threading.Thread(target=self._read, name="dockerwidgets-events", daemon=True)
        self._refresher = threading.Thread(target=self._refresh, name="dockerwidgets-refresh", daemon=True)

    @property
    def alive(self) -> bool:
        """Whether the threads are still running."""
        return self._reader.is_alive() or self._refresher.is_alive()

    def start(self, retry: bool = False) -> EventFollower:
        """Open the stream now (so no later change is missed), then follow it in the background.

        With *retry*, an engine that does not answer yet is reported and retried in the background.
        """
        try:
            self._stream = self._open()
        except Exception as exc:
            if not retry:
                raise
            self._on_error(f"{exc}; retrying")
        self._reader.start()
        self._refresher.start()
        return self

    def close(self, timeout: float = 5.0) -> None:
        """Close the stream and join the threads; safe to call more than once."""
        self._closed.set()
        self._pending.set()  # wake the refresher so it sees the close
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close()
            except Exception:
                pass
        for thread in (self._reader, self._refresher):
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join(timeout)

    def _open(self) -> Any:
        with self.engine.errors():
            return self.engine.api.events(decode=True, filters=self.filters, since=self._since)

    def _read(self) -> None:
        attempt = 0
        while not self._closed.is_set():
            with self._lock:
                stream = self._stream
            if stream is None:
                try:
                    stream = self._open()
                except Exception as exc:
                    self._on_error(f"lost the engine's events, retrying: {exc}")
                    if self._closed.wait(RECONNECT_SECONDS[min(attempt, len(RECONNECT_SECONDS) - 1)]):
                        return
                    attempt += 1
                    continue
                with self._lock:
                    if self._closed.is_set():
                        stream.close()
                        return
                    self._stream = stream
                self._missed()  # what changed while the stream was down
            attempt = 0
            try:
                for event in stream:
                    self._since = since_after(event) or self._since
                    self._take(event)
            except Exception:
                pass
            with self._lock:
                if self._stream is stream:
                    self._stream = None
            if not self._closed.is_set():
                self._on_error("the engine's events stream ended; reconnecting")
                if self._closed.wait(RECONNECT_SECONDS[0]):
                    return

    def _missed(self) -> None:
        """After a reconnection: the events of the gap are lost, so read once more."""
        self._pending.set()

    def _take(self, event: dict) -> None:
        """One event read (on the reader thread): flag it when it can change a list."""
        if changes_a_list(event) and (self.accept is None or self.accept(event)):
            self.events += 1
            self._pending.set()

    def _refresh(self) -> None:
        while True:
            self._pending.wait()
            if self._closed.wait(self.window) or self._closed.is_set():
                return
            self._pending.clear()
            try:
                self._on_change()
            except Exception as exc:
                self._on_error(one_line(exc))
            self.refreshes += 1
            if self.min_interval and self._closed.wait(self.min_interval):
                return


class EventRecorder(EventFollower):
    """Keeps the newest *keep* events matching *filters* (from *since*, then live); hands each burst to its listeners.

    A listener (*on_events*, or one added by :meth:`listen`) runs on the refresher thread with
    the events new since its last call (oldest first, at most *keep* of them), at most once per
    *min_interval* seconds.
    """

    def __init__(
        self,
        engine: Engine,
        filters: dict[str, list[str]],
        on_events: Callable[[list[dict]], Any] | None = None,
        since: str | None = None,
        keep: int = 1000,
        on_error: Callable[[str], Any] | None = None,
        window: float = 0.1,
        min_interval: float = 0.4,
    ) -> None:
        super().__init__(engine, filters, self._flush, on_error, window=window, min_interval=min_interval)
        self._since = since
        self._listeners: list[Callable[[list[dict]], Any]] = [on_events] if on_events else []
        self._ring: deque[dict] = deque(maxlen=keep)
        self._fresh: deque[dict] = deque(maxlen=keep)
        self._ring_lock = threading.Lock()

    @property
    def keep(self) -> int:
        """How many events the ring holds at most."""
        return self._ring.maxlen or 0

    def listen(self, listener: Callable[[list[dict]], Any]) -> None:
        """Call *listener* too with each burst of new events (on the refresher thread)."""
        self._listeners.append(listener)

    def snapshot(self) -> list[dict]:
        """The events kept, oldest first."""
        with self._ring_lock:
            return list(self._ring)

    def _take(self, event: dict) -> None:
        with self._ring_lock:
            self._ring.append(event)
            self._fresh.append(event)
        self.events += 1
        self._pending.set()

    def _flush(self) -> None:
        with self._ring_lock:
            batch = list(self._fresh)
            self._fresh.clear()
        if batch:
            for listener in list(self._listeners):
                listener(batch)
