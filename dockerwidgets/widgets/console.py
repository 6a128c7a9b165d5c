"""The console users get: a :class:`~dockerwidgets.sessions.console.ConsoleSession`'s headless API
(``send``, ``eof``, ``interrupt``, ``detach``, ``wait``, ``text``, …) and its view.

The view (status line, output area, input line, Ctrl+C / Ctrl+D / Detach buttons) is built
on first display. A flusher thread of its own, woken by the session's listeners, sends the
screen's tail to the Output widget at most ``updates_per_second`` times a second, by
assigning ``outputs`` whole (never ``append_stdout`` per chunk); the session's reader never
touches a widget. The magic returns the :class:`Console` and IPython displays it, once.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..errors import fail
from ..sessions.console import ConsoleSession
from ..settings import console_settings


class Console:
    """A live stream from the engine, headless or shown as a widget (status, output, input, buttons)."""

    def __init__(self, session: ConsoleSession, *, tty: bool, sig_proxy: bool, title: str) -> None:
        self._session = session
        self.tty = tty
        self.sig_proxy = sig_proxy
        self.title = title
        self._view: ConsoleView | None = None
        self._views: list[ConsoleView] = []  # for the finalizer, which must not hold the Console
        self._finalizer = weakref.finalize(self, _shut, session, self._views)

    # headless API
    @property
    def session(self) -> ConsoleSession:
        """The session underneath (stream, reader thread, screen), for code that listens to it."""
        return self._session

    @property
    def text(self) -> str:
        """The scrollback as it stands, both streams, as plain text."""
        return self._session.text

    @property
    def bytes_received(self) -> int:
        """All output bytes so far (stdout and stderr), beyond the scrollback too."""
        return self._session.bytes_received

    @property
    def exit_code(self) -> int | None:
        return self._session.exit_code

    @property
    def status(self) -> str:
        """``attached``, ``detached``, ``exited with code N`` (``ended``, ``stopped following`` for logs)."""
        return self._session.status

    @property
    def updates_sent(self) -> int:
        """How many times the output was sent to the front end."""
        return self._view.updates_sent if self._view is not None else 0

    def send(self, data: str | bytes) -> None:
        """Write to the container's stdin."""
        self._session.send(data.encode() if isinstance(data, str) else data)

    def eof(self) -> None:
        """End of input (Ctrl+D): the byte on a TTY, else the write side of the stream closes."""
        if self.tty:
            self.send(b"\x04")
        else:
            self._session.shutdown_write()

    def interrupt(self) -> None:
        """Ctrl+C: the byte on a TTY; else SIGINT to the container (``--sig-proxy``, the default)."""
        session = self._session
        if self.tty or session.kind == "exec":
            self.send(b"\x03")
        elif self.sig_proxy and session.kind == "container":
            session.signal("SIGINT")
        else:
            self.close()

    def detach(self) -> None:
        """Leave the container running (Ctrl+P, Ctrl+Q, or ``--detach-keys``)."""
        self._session.detach()

    def wait(self, timeout: float | None = None) -> int | None:
        """Block until the stream ends; the exit code, or ``None`` (detached, or still running).

        A kernel interrupt while waiting stops the stream, not the container, and says so in one line.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while not self._session.ended:  # short waits, so a kernel interrupt is seen promptly
                left = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
                if left <= 0:
                    break
                self._session.wait_ended(left)
        except KeyboardInterrupt:
            self.close()
            raise fail(f"interrupted: stopped following {self.title}; the container is left as it was") from None
        return self.exit_code

    def close(self) -> None:
        """Stop streaming (the container is left as it is), join the threads, close the widgets."""
        self._finalizer()

    def __repr__(self) -> str:
        return f"<Console {self.title}: {self.status}, {self.bytes_received} bytes>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    # the view
    def widget(self) -> ConsoleView:
        """The console as a widget; built once, on first use."""
        if self._view is None:
            self._view = ConsoleView(self)
            self._views.append(self._view)
        return self._view

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """In a kernel, the view (IPython displays the returned console once); elsewhere, the text."""
        if _in_kernel():
            return self.widget()._repr_mimebundle_(**kwargs)
        return {"text/plain": repr(self)}


def control_buttons(console: Console, run: Callable[[Callable[[], Any]], Any]) -> list[w.Button]:
    """Ctrl+C, Ctrl+D and Detach for *console*; a click hands the action to *run* (the view's guard)."""
    actions: dict[str, Callable[[], Any]] = {
        "Ctrl+C": console.interrupt,
        "Ctrl+D": console.eof,
        "Detach": console.detach,
    }
    buttons = []
    for label, action in actions.items():
        button = w.Button(description=label, layout=w.Layout(width="auto"))
        button.on_click(lambda _, action=action: run(action))
        buttons.append(button)
    return buttons


class ConsoleView(w.VBox):
    """Status line, output area, input line and buttons; its plain-text form names the console.

    It holds the Console's actions (the buttons call them), never the reverse of a session's
    listener: the session's listeners only wake the flusher.
    """

    def __init__(self, console: Console) -> None:
        session = console.session
        self._title = console.title
        self.status_line = w.Label()
        self.output = w.Output(layout=w.Layout(max_height="420px", overflow="auto", border="1px solid #ccc"))
        self.line = w.Text(
            placeholder="type a line; Enter sends it", continuous_update=False, layout=w.Layout(width="60%")
        )
        self.buttons = control_buttons(console, self._safely)
        self.line.observe(lambda change: self._submit(console, change), "value")
        self.line.disabled = not session.stdin
        super().__init__([self.status_line, self.output, w.HBox([self.line, *self.buttons])])
        self._flusher = _Flusher(session, self)
        self._flusher.start()

    @property
    def updates_sent(self) -> int:
        return self._flusher.updates_sent

    def _submit(self, console: Console, change: dict) -> None:
        if change["new"]:
            text = change["new"]
            self.line.value = ""
            self._safely(lambda: console.send(text + "\n"))

    def _safely(self, action: Callable[[], Any]) -> None:
        """Run a button's action; a failure shows in the status line instead of a traceback."""
        try:
            action()
        except Exception as exc:
            self.status_line.value = f"{self._flusher.status_text()} — {' '.join(str(exc).split())}"

    def disable(self) -> None:
        """The stream has ended: nothing to type or press any more."""
        self.line.disabled = True
        for button in self.buttons:
            button.disabled = True

    def close(self) -> None:
        """Stop the flusher, then close this view's own widgets (never every widget)."""
        self._flusher.stop()
        controls = self.children[2]
        for child in (self.status_line, self.output, self.line, *self.buttons, controls):
            child.close()
        super().close()

    def __repr__(self) -> str:
        return f"<console {self._title}>"


class _Flusher:
    """The view's thread: woken by the session's listeners, it sends the screen's tail and the
    status to the widgets, at most ``updates_per_second`` times a second, and disables the
    controls once the stream has ended."""

    def __init__(self, session: ConsoleSession, view: ConsoleView) -> None:
        self._session = session
        self._view = view
        self._interval = 1.0 / max(console_settings.updates_per_second, 0.1)
        self._dirty = threading.Event()
        self._hurry = threading.Event()  # the stream ended, or the view closes: no more throttling
        self._stopped = False
        self.updates_sent = 0
        self._unsubscribe = session.subscribe(on_output=self._woken, on_end=self._ending)
        self._thread = threading.Thread(target=self._loop, name="dockerwidgets-console-flush", daemon=True)

    def start(self) -> None:
        self._dirty.set()  # the first render shows what was said before the view existed
        self._thread.start()

    def _woken(self, stream: str, text: str) -> None:
        self._dirty.set()

    def _ending(self) -> None:
        self._hurry.set()
        self._dirty.set()

    def _loop(self) -> None:
        while True:
            self._dirty.wait()
            self._dirty.clear()
            if self._stopped:
                return
            ended = self._session.ended  # read before rendering: once ended, the screen is final
            self._render()
            if ended:
                self._view.disable()
                return
            self._hurry.wait(self._interval)

    def _render(self) -> None:
        """One message for the output and one for the status, each only if it changed."""
        outputs = self._session.outputs()
        if outputs != self._view.output.outputs:
            self._view.output.outputs = outputs
            self.updates_sent += 1
        text = self.status_text()
        if self._view.status_line.value != text:
            self._view.status_line.value = text

    def status_text(self) -> str:
        session = self._session
        hint = " (typing goes to stdin)" if session.status == "attached" and session.stdin else ""
        return f"{session.kind} {session.name}: {session.status}{hint}"

    def stop(self) -> None:
        self._unsubscribe()
        self._stopped = True
        self._hurry.set()
        self._dirty.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()


def _shut(session: ConsoleSession, views: list[ConsoleView]) -> None:
    """Close the session (the container is left as it is), then the views."""
    session.close()
    for view in views:
        view.close()


def _in_kernel() -> bool:
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")
