"""The console: a container's (or an exec's, or a log's) output streamed into the notebook,
with stdin, Ctrl+C, Ctrl+D and detach.

A reader thread pumps the engine's stream into a bounded :class:`~dockerwidgets.terminal.Screen`
(decoding UTF-8 incrementally, one decoder per stream, so a character split across two
reads is never broken) and, optionally, every raw byte into a file. A flusher thread sends
the screen's tail to an Output widget at most ``updates_per_second`` times a second, by
assigning ``outputs`` whole (never ``append_stdout`` per chunk). The same object works
headless: the buttons only call its methods.
"""

from __future__ import annotations

import codecs
import contextlib
import threading
import time
import weakref
from typing import IO, Any

import ipywidgets as w

from .engine import Engine
from .settings import console_settings
from .terminal import Demultiplexer, Screen
from .transport import EngineStream

EXIT_WAIT_SECONDS = 10.0  # after the stream ends: how long the engine may take to report the exit
DETACH_WAIT_SECONDS = 5.0


class Session:
    """Everything the threads touch (and nothing that refers back to the :class:`Console`)."""

    def __init__(
        self,
        engine: Engine,
        stream: EngineStream,
        *,
        kind: str,
        target: str,
        multiplexed: bool,
        stdin: bool,
        detach_keys: bytes,
        wait_response: Any = None,
        scrollback: int,
        save_to: str | None,
        updates_per_second: float,
    ) -> None:
        self.engine = engine
        self.stream = stream
        self.kind = kind  # "container", "exec" or "logs"
        self.target = target  # container id, or exec id
        self.stdin = stdin
        self.detach_keys = detach_keys
        self.wait_response = wait_response
        self.screen = Screen(scrollback)
        self.lock = threading.Lock()
        self.bytes_received = 0
        self.status = "attached"
        self.exit_code: int | None = None
        self.detach_requested = False
        self.output_widget: Any = None
        self.status_widget: Any = None
        self.on_end: list[Any] = []
        self._interval = 1.0 / max(updates_per_second, 0.1)
        self._demux = Demultiplexer() if multiplexed else None
        self._decoders = {name: codecs.getincrementaldecoder("utf-8")("replace") for name in ("stdout", "stderr")}
        self._file: IO[bytes] | None = open(save_to, "wb") if save_to else None
        self._dirty = threading.Event()
        self._ended = threading.Event()
        self.updates_sent = 0
        self.reader = threading.Thread(target=self._pump, name=f"dockerwidgets-console-{target[:12]}", daemon=True)
        self.flusher = threading.Thread(target=self._flush_loop, name="dockerwidgets-console-flush", daemon=True)

    def start(self) -> None:
        """Start pumping (call before the container starts, so no byte is missed)."""
        self.reader.start()
        self.flusher.start()

    # reader thread
    def _pump(self) -> None:
        try:
            while True:
                data = self.stream.read()
                if not data:
                    break
                self._take(data)
        finally:
            self._finish()

    def _take(self, data: bytes) -> None:
        frames = self._demux.feed(data) if self._demux is not None else [("stdout", data)]
        for name, payload in frames:
            if name == "stdin":
                continue
            self.bytes_received += len(payload)
            if self._file is not None:
                self._file.write(payload)
            text = self._decoders[name].decode(payload)
            if text:
                with self.lock:
                    self.screen.feed(name, text)
        self._dirty.set()

    def _finish(self) -> None:
        for name, decoder in self._decoders.items():
            rest = decoder.decode(b"", final=True)
            if rest:
                with self.lock:
                    self.screen.feed(name, rest)
        if self._file is not None:
            self._file.close()
        self.exit_code, self.status = self._outcome()
        self.stream.close()
        if self.wait_response is not None:
            self.wait_response.close()
        self._ended.set()
        self._dirty.set()
        for callback in self.on_end:
            with contextlib.suppress(Exception):
                callback()

    def _outcome(self) -> tuple[int | None, str]:
        """After the stream ended: the exit code and status (``exited with code N`` or ``detached``)."""
        if self.detach_requested:
            return None, "stopped following" if self.kind == "logs" else "detached"
        api = self.engine.api
        try:
            if self.kind == "exec":
                info = api.exec_inspect(self.target)
                if info.get("Running"):
                    return None, "detached"
                code = info.get("ExitCode")
            elif self.wait_response is not None:
                code = self.wait_response.exit_code(EXIT_WAIT_SECONDS)
            else:
                state = api.inspect_container(self.target)["State"]
                if state.get("Running"):
                    return None, "ended" if self.kind == "logs" else "detached"
                code = state.get("ExitCode")
        except Exception:
            return None, "detached"
        return code, f"exited with code {code}"

    # flusher thread
    def _flush_loop(self) -> None:
        while True:
            self._dirty.wait()
            self._dirty.clear()
            self.render()
            if self._ended.is_set():
                self.render()
                return
            self._ended.wait(self._interval)

    def render(self) -> None:
        """Send the screen's tail and the status to the widgets (one message each, if changed)."""
        output, status = self.output_widget, self.status_widget
        if output is not None:
            with self.lock:
                outputs = self.screen.outputs()
            if outputs != output.outputs:
                output.outputs = outputs
                self.updates_sent += 1
        if status is not None:
            text = self.status_text()
            if status.value != text:
                status.value = text

    def status_text(self) -> str:
        code = "" if self.status != "attached" else " (typing goes to stdin)" if self.stdin else ""
        return f"{self.kind} {self.target[:12]}: {self.status}{code}"

    # control, from the kernel's thread
    def send(self, data: bytes) -> None:
        if not self.stdin:
            raise OSError("stdin is not attached (use -i)")
        if self.detach_keys and self.detach_keys in data:
            self.detach_requested = True
        self.stream.send(data)

    def close(self) -> None:
        """Stop locally: close the stream (the container is not touched) and join the threads."""
        if not self._ended.is_set():
            self.detach_requested = True
            self.stream.close()
        if self.reader.is_alive() and self.reader is not threading.current_thread():
            self.reader.join()
        self._ended.set()
        self._dirty.set()
        if self.flusher.is_alive() and self.flusher is not threading.current_thread():
            self.flusher.join()

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def wait_ended(self, timeout: float | None) -> bool:
        return self._ended.wait(timeout)


class Console:
    """A live stream from the engine, headless or shown as a widget (status, output, input, buttons)."""

    def __init__(self, session: Session, *, tty: bool, sig_proxy: bool, title: str) -> None:
        self._session = session
        self.tty = tty
        self.sig_proxy = sig_proxy
        self.title = title
        self._widget: Any = None
        self._shown_in: Any = None
        self._finalizer = weakref.finalize(self, session.close)

    # headless API
    @property
    def text(self) -> str:
        """The scrollback as it stands, both streams, as plain text."""
        with self._session.lock:
            return self._session.screen.text

    @property
    def bytes_received(self) -> int:
        """All output bytes so far (stdout and stderr), beyond the scrollback too."""
        return self._session.bytes_received

    @property
    def exit_code(self) -> int | None:
        return self._session.exit_code

    @property
    def status(self) -> str:
        """``attached``, ``detached``, ``exited with code N`` (or ``ended`` for logs)."""
        return self._session.status

    @property
    def updates_sent(self) -> int:
        """How many times the output was sent to the front end."""
        return self._session.updates_sent

    def send(self, data: str | bytes) -> None:
        """Write to the container's stdin."""
        self._session.send(data.encode() if isinstance(data, str) else data)

    def eof(self) -> None:
        """End of input (Ctrl+D): the byte on a TTY, else the write side of the stream closes."""
        if self.tty:
            self.send(b"\x04")
        else:
            self._session.stream.shutdown_write()

    def interrupt(self) -> None:
        """Ctrl+C: the byte on a TTY; else SIGINT to the container (``--sig-proxy``, the default)."""
        session = self._session
        if self.tty or session.kind == "exec":
            self.send(b"\x03")
        elif self.sig_proxy and session.kind == "container":
            with session.engine.errors():
                session.engine.api.kill(session.target, "SIGINT")
        else:
            self.close()

    def detach(self) -> None:
        """Leave the container running (Ctrl+P, Ctrl+Q, or ``--detach-keys``)."""
        session = self._session
        if session.ended:
            return
        session.detach_requested = True
        if session.stdin and session.detach_keys and session.kind != "logs":
            with contextlib.suppress(OSError):
                session.stream.send(session.detach_keys)
            if session.wait_ended(DETACH_WAIT_SECONDS):
                session.close()
                return
        session.close()

    def wait(self, timeout: float | None = None) -> int | None:
        """Block until the stream ends; the exit code, or ``None`` (detached, or still running).

        A kernel interrupt while waiting stops the stream, not the container.
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
            raise
        return self.exit_code

    def close(self) -> None:
        """Stop streaming (the container is left as it is), join the threads, close the widget."""
        self._session.close()
        if self._widget is not None:  # its own widgets only (Widget.close_all would close every widget)
            for child in (*self._widget.children, *self._widget.children[2].children):
                child.close()
            self._widget.close()

    def __repr__(self) -> str:
        return f"<Console {self.title}: {self.status}, {self.bytes_received} bytes>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    # the widget
    def widget(self) -> Any:
        """The console as a widget; built once, on first use."""
        if self._widget is None:
            self._widget = _build_widget(self)
        return self._widget

    def show(self) -> None:
        """Display the widget in the current cell (once per cell)."""
        from IPython import get_ipython
        from IPython.display import display

        shell = get_ipython()
        parent = (
            shell.parent_header.get("header", {}).get("msg_id") if shell and hasattr(shell, "parent_header") else None
        )
        if parent is not None and parent == self._shown_in:
            return
        self._shown_in = parent
        display(self.widget())

    def _ipython_display_(self) -> None:
        self.show()


class ConsoleView(w.VBox):
    """The console's box; its plain-text form names the console (a stable text for notebooks)."""

    def __init__(self, children: list, title: str) -> None:
        super().__init__(children)
        self._title = title

    def __repr__(self) -> str:
        return f"<console {self._title}>"


def _build_widget(console: Console) -> Any:
    """Status line, output area, input line, Ctrl+C / Ctrl+D / Detach buttons."""
    session = console._session
    status = w.Label()
    output = w.Output(layout=w.Layout(max_height="420px", overflow="auto", border="1px solid #ccc"))
    line = w.Text(placeholder="type a line; Enter sends it", continuous_update=False, layout=w.Layout(width="60%"))
    buttons = {
        "Ctrl+C": console.interrupt,
        "Ctrl+D": console.eof,
        "Detach": console.detach,
    }
    button_widgets = []
    for label, action in buttons.items():
        button = w.Button(description=label, layout=w.Layout(width="auto"))
        button.on_click(lambda _, action=action: _safely(session, action))
        button_widgets.append(button)

    def submit(change: dict) -> None:
        if change["new"]:
            text = change["new"]
            line.value = ""
            _safely(session, lambda: console.send(text + "\n"))

    line.observe(submit, "value")
    controls = w.HBox([line, *button_widgets])
    if not session.stdin:
        line.disabled = True

    def disable() -> None:
        line.disabled = True
        for button in button_widgets:
            button.disabled = True

    session.on_end.append(disable)
    if session.ended:
        disable()
    session.output_widget, session.status_widget = output, status
    session.render()
    return ConsoleView([status, output, controls], title=console.title)


def _safely(session: Session, action: Any) -> None:
    """Run a button's action; a failure shows in the status line instead of a traceback."""
    try:
        action()
    except Exception as exc:
        if session.status_widget is not None:
            session.status_widget.value = f"{session.status_text()} — {' '.join(str(exc).split())}"


def new_session(engine: Engine, stream: EngineStream, **kwargs: Any) -> Session:
    """A session with the configured defaults (scrollback, save_to, update rate) unless given."""
    kwargs.setdefault("scrollback", console_settings.scrollback)
    kwargs.setdefault("save_to", console_settings.save_to)
    kwargs.setdefault("updates_per_second", console_settings.updates_per_second)
    return Session(engine, stream, **kwargs)
