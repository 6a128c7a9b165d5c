"""A TTY's size, sent to the engine as the CLI sends it (docker/cli ``cli/command/container/tty.go``).

:class:`TtyResizer` runs the resize calls on a thread of its own, started when a size is asked for
and ended once it has nothing left to send, so the kernel's message handler never waits on the
engine and an idle terminal holds no thread: only the last size asked for is sent, a size equal to the
one in place or of 0×0 is not sent again, and the first one is retried up to 10 times, 10 ms·n
apart, while the TTY is not ready yet (a container still starting).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

FIRST_RETRIES = 10
RETRY_STEP_SECONDS = 0.01

Resize = Callable[[int, int], Any]  # resize(rows, cols)


class TtyResizer:
    """Deduplicated, asynchronous resizes through *resize(rows, cols)*; :meth:`stop` joins the thread, if any."""

    def __init__(self, resize: Resize, *, name: str = "dockerwidgets-tty-resize") -> None:
        self._resize = resize
        self._lock = threading.Lock()
        self._wanted: tuple[int, int] | None = None
        self.applied: tuple[int, int] | None = None  # (cols, rows) the engine last accepted
        self.calls = 0  # resize calls made, retries included
        self.error: str | None = None  # the last failure, once retries are spent
        self._name = name
        self._idle = threading.Event()
        self._idle.set()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def request(self, cols: int, rows: int) -> None:
        """Ask for *cols* × *rows* (returns at once; a 0×0 or negative size is ignored)."""
        if cols <= 0 or rows <= 0 or self._stopped.is_set():
            return
        with self._lock:
            self._wanted = (cols, rows)
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every size asked for has been tried (for tests and scripts)."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None or self._stopped.is_set():
                    self._thread = None  # a later request starts another
                    self._idle.set()
                    return
            if wanted != self.applied:
                self._apply(wanted)

    def _apply(self, size: tuple[int, int]) -> None:
        cols, rows = size
        tries = 1 + (FIRST_RETRIES if self.applied is None else 0)
        for attempt in range(tries):
            if attempt and self._stopped.wait(RETRY_STEP_SECONDS * attempt):
                return
            self.calls += 1
            try:
                self._resize(rows, cols)
            except Exception as exc:
                self.error = " ".join(str(exc).split())
                continue
            self.applied, self.error = size, None
            return

    def stop(self) -> None:
        """End the thread (a resize under way finishes first)."""
        self._stopped.set()
        with self._lock:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self._idle.set()
