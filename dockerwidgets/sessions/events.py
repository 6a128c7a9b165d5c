"""Following the engine's events stream: one blocking reader thread, one refresher, bursts coalesced.

The reader blocks on the engine's ``GET /events`` socket (no polling: an idle follower
uses no CPU). Each relevant event only raises a flag; the refresher waits on that flag,
lets a short window pass so a burst of events becomes one call, then calls
``on_change``. Events that arrive during that call cause one more call afterwards, so
nothing is missed. :meth:`EventFollower.close` closes the stream and joins both threads.
"""

from __future__ import annotations

import threading
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
    ) -> None:
        self.engine = engine
        self.filters = filters
        self.window = window
        self.events = 0  # relevant events seen
        self.refreshes = 0  # calls of on_change made
        self._on_change = on_change
        self._on_error = on_error or (lambda message: None)
        self._closed = threading.Event()
        self._pending = threading.Event()
        self._lock = threading.Lock()
        self._stream: Any = None
        self._since: int | None = None
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
                self._pending.set()  # what changed while the stream was down
            attempt = 0
            try:
                for event in stream:
                    self._since = event.get("time") or self._since
                    if changes_a_list(event):
                        self.events += 1
                        self._pending.set()
            except Exception:
                pass
            with self._lock:
                if self._stream is stream:
                    self._stream = None
            if not self._closed.is_set():
                self._on_error("the engine's events stream ended; reconnecting")
                if self._closed.wait(RECONNECT_SECONDS[0]):
                    return

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
