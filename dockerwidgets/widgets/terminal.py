"""The terminal users get for every TTY session (``run -it``, ``start -ai``, ``attach``, ``exec -it``):
the console's headless API on a terminal emulator, and a view on xterm.js.

* :class:`Terminal` has :class:`~dockerwidgets.widgets.console.Console`'s API (``send``, ``eof``,
  ``interrupt``, ``detach``, ``wait``, ``text``, ``bytes_received``, ``exit_code``, ``status``,
  ``close``); its ``text`` is the session's emulator (pyte): the screen as a terminal shows it,
  plus a bounded scrollback.
* :class:`TerminalView` is one anywidget (``static/terminal.js``, built from ``js/terminal.js``
  by ``scripts/build-js``): keystrokes come in as raw input and go to the stream as bytes (so
  Ctrl+C, Tab, arrows, Esc, Ctrl+P Ctrl+Q do what they do in the CLI); sizes go to the engine
  through a :class:`~dockerwidgets.sessions.tty.TtyResizer`; a view that (re)connects gets the
  emulator's screen repainted.
* The output pump (a thread per view model) sends the output as binary messages, batched: at
  most ``RATE`` a second, never ending inside a UTF-8 sequence; the session's reader never
  touches a widget.
"""

from __future__ import annotations

import contextlib
import pathlib
import threading
import weakref
from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from ..ops import streams
from ..sessions.console import ConsoleSession
from ..sessions.tty import TtyResizer
from ..settings import console_settings
from ..terminal import FlowWindow, OutputBatch
from .console import Console, control_buttons

STATIC = pathlib.Path(__file__).resolve().parent / "static"
RATE = 30.0  # output messages a second, at most
BATCH_LIMIT = 2 * 1024 * 1024  # output held for a browser that is behind before the reader waits


class TerminalView(anywidget.AnyWidget):
    """xterm.js in the cell; ``on_input(bytes)``, ``on_resize(cols, rows)``, ``on_ready(view, cols, rows)``
    and ``on_ack(upto)`` are called (on the kernel's message thread) for what the front end sends."""

    _esm = STATIC / "terminal.js"
    _css = STATIC / "terminal.css"

    scrollback = traitlets.Int(1000).tag(sync=True)
    height_px = traitlets.Int(360).tag(sync=True)

    def __init__(
        self,
        on_input: Callable[[bytes], Any],
        on_resize: Callable[[int, int], Any],
        on_ready: Callable[[str, int, int], Any],
        on_ack: Callable[[int], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._on_input, self._on_resize, self._on_ready = on_input, on_resize, on_ready
        self._on_ack = on_ack
        self.on_msg(self._message)

    def _message(self, _widget: Any, content: dict, buffers: list | None = None) -> None:
        """One message from the front end: ``input``, ``resize``, ``ready`` or ``ack``."""
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "input":
            data = content.get("data", "")
            raw = data.encode("latin-1", "replace") if content.get("binary") else data.encode("utf-8", "replace")
            if raw:
                self._on_input(raw)
        elif kind == "resize":
            self._on_resize(int(content.get("cols", 0)), int(content.get("rows", 0)))
        elif kind == "ack":
            if self._on_ack is not None:
                self._on_ack(int(content.get("upto", 0)))
        elif kind == "ready":
            self._on_ready(str(content.get("view", "")), int(content.get("cols", 0)), int(content.get("rows", 0)))

    def __repr__(self) -> str:
        return "<terminal view>"


class TerminalBox(w.VBox):
    """Status line, the terminal, and Ctrl+C / Ctrl+D / Detach buttons; its plain-text form names the terminal."""

    def __init__(self, terminal: Terminal) -> None:
        session = terminal.session
        self._title = terminal.title
        self.status_line = w.Label()
        self.view = TerminalView(
            on_input=lambda data: self._safely(lambda: session.send(data)),
            on_resize=lambda cols, rows: _resize(session, terminal.resizer, cols, rows),
            on_ready=self._ready,
            on_ack=lambda upto: self.pump.ack(upto),
            scrollback=min(max(console_settings.scrollback, 100), 100_000),
        )
        self.buttons = control_buttons(terminal, self._safely)
        self.controls = w.HBox(self.buttons)
        super().__init__([self.status_line, self.view, self.controls])
        self._resizer = terminal.resizer
        self.pump = OutputPump(session, self)
        self.pump.start()

    def _ready(self, view: str, cols: int, rows: int) -> None:
        """A view (re)connected at *cols* × *rows*: size the TTY, then repaint that view."""
        _resize(self.pump.session, self._resizer, cols, rows)
        self.pump.request_repaint(view)

    def _safely(self, action: Callable[[], Any]) -> None:
        """Run an action; a failure shows in the status line instead of a traceback."""
        try:
            action()
        except Exception as exc:
            self.status_line.value = f"{self.pump.status_text()} — {' '.join(str(exc).split())}"

    def disable(self) -> None:
        """The stream has ended: nothing to press any more."""
        for button in self.buttons:
            button.disabled = True

    def close(self) -> None:
        """Stop the pump, then close this box's own widgets (with their layouts and styles)."""
        self.pump.stop()
        for widget in (self.status_line, self.view, *self.buttons, self.controls):
            _close_widget(widget)
        layout = self.layout
        super().close()
        layout.close()

    def __repr__(self) -> str:
        return f"<terminal {self._title}>"


class OutputPump:
    """The view's thread: woken by the session's output, it sends what came as one binary message,
    at most ``RATE`` a second (the first after a quiet spell at once, so an echo is not delayed),
    repaints views that asked, and updates the status line.

    Flow control: each output message carries the offset it ends at, and the views acknowledge
    what xterm.js has parsed. At most a :class:`~dockerwidgets.terminal.FlowWindow` of bytes is
    unacknowledged; beyond it the batch waits, and beyond ``BATCH_LIMIT`` the session's reader
    waits too (a gate), so a flood goes at the browser's pace, the kernel's memory stays bounded
    and another cell's reply is not queued behind megabytes on the websocket.
    """

    def __init__(self, session: ConsoleSession, box: TerminalBox, rate: float = RATE) -> None:
        self.session = session
        self._box = box
        self._interval = 1.0 / rate
        self._batch = OutputBatch()
        self._flow = FlowWindow()
        self._room_changed = threading.Condition()  # an ack came, the batch was taken, or the pump stops
        self._repaints: list[str] = []
        self._done = False  # the pump has sent its last output: repaints are sent by whoever asks
        self._dirty = threading.Event()
        self._hurry = threading.Event()  # the stream ended, or the view closes: no more throttling
        self._stopped = False
        self.messages_sent = 0
        self._acks = 0
        self.reader_waits = 0  # how often the reader waited for the browser (flow control)
        self._unsubscribe = session.subscribe(on_output=self._heard, on_end=self._ending)
        self._remove_gate = session.add_gate(self._gate)
        self._thread = threading.Thread(target=self._loop, name="dockerwidgets-terminal-pump", daemon=True)

    def start(self) -> None:
        self._dirty.set()  # the first round shows the status
        self._thread.start()

    @property
    def bytes_sent(self) -> int:
        return self._batch.bytes_out

    def _heard(self, stream: str, text: str) -> None:
        # Called by the reader under the session's lock, in step with the emulator.
        self._batch.add(text.encode("utf-8", "replace"))
        self._dirty.set()

    def _ending(self) -> None:
        self._hurry.set()
        self._dirty.set()
        with self._room_changed:
            self._room_changed.notify_all()

    def _gate(self) -> None:
        """The reader, before each read: wait while the browser is behind by more than the limit."""
        with self._room_changed:
            waited = False
            while not self._stopped and len(self._batch) > BATCH_LIMIT and self._flow.active:
                waited = True
                self._room_changed.wait(self._flow.stall)
            if waited:
                self.reader_waits += 1

    def ack(self, upto: int) -> None:
        """A view has parsed the output up to offset *upto*."""
        with self.session.lock:
            self._flow.ack(upto)
        with self._room_changed:
            self._acks += 1
            self._room_changed.notify_all()
        self._dirty.set()

    def request_repaint(self, view: str) -> None:
        """Send *view* the emulator's screen (from the pump, in order with the output)."""
        with self.session.lock:
            done = self._done
            if not done:
                self._repaints.append(view)
        if not done:
            self._dirty.set()
        else:  # the stream has ended and everything was sent: repaint from here
            self._send_repaint(view)

    def _loop(self) -> None:
        while True:
            self._dirty.wait()
            self._dirty.clear()
            acks = self._acks
            if self._stopped:
                with self.session.lock:
                    self._done = True
                return
            ended = self.session.ended  # read first: once ended, everything said is in the batch
            with self.session.lock:  # the batch and the screen in the same state
                room = self._flow.room()
                last = ended and (room is None or len(self._batch) <= room)  # the rest fits: all of it
                data = self._batch.take(final=True) if last else self._batch.take(limit=room)
                self._flow.sent_bytes(len(data))
                end = self._flow.sent
                held = len(self._batch)
                repaints, self._repaints = self._repaints, []
                screen = self.session.emulator.repaint() if repaints and self.session.emulator else b""
            if data:
                with self._room_changed:
                    self._room_changed.notify_all()
                self._send({"type": "output", "end": end}, data)
            for view in repaints:
                self._send({"type": "repaint", "view": view}, screen)
            self._show_status()
            if last:
                with self.session.lock:
                    self._done = True
                    late, self._repaints = self._repaints, []
                for view in late:
                    self._send_repaint(view)
                self._send({"type": "ended"}, None)
                self._box.disable()
                return
            if held and room is not None and not data and room == 0:
                # The window is full: wait for a view's ack (or the stall time, after which it has none).
                with self._room_changed:
                    self._room_changed.wait_for(lambda seen=acks: self._unblocked(seen), self._flow.stall)
                self._dirty.set()
                continue
            if held and data:
                self._dirty.set()  # more is waiting: go round again after the interval
            if data:
                self._hurry.wait(self._interval)

    def _unblocked(self, acks_seen: int) -> bool:
        return self._acks != acks_seen or self._stopped

    def _send_repaint(self, view: str) -> None:
        emulator = self.session.emulator
        self._send({"type": "repaint", "view": view}, emulator.repaint() if emulator else b"")

    def _send(self, content: dict, data: bytes | None) -> None:
        with contextlib.suppress(Exception):  # a closed comm: nobody to tell
            self._box.view.send(content, [data] if data is not None else None)
            self.messages_sent += 1

    def _show_status(self) -> None:
        text = self.status_text()
        if self._box.status_line.value != text:
            with contextlib.suppress(Exception):
                self._box.status_line.value = text

    def status_text(self) -> str:
        session = self.session
        hint = ""
        if session.status == "attached" and session.stdin:
            hint = " (click the terminal to type; the detach keys detach)"
        return f"{session.kind} {session.name}: {session.status}{hint}"

    def stop(self) -> None:
        self._unsubscribe()
        self._remove_gate()
        self._stopped = True
        with self._room_changed:
            self._room_changed.notify_all()
        self._hurry.set()
        self._dirty.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()


class Terminal(Console):
    """A TTY session, headless or shown as a terminal (xterm.js) with a status line and buttons.

    ``text`` is the emulator's screen and scrollback (what the terminal shows); the TTY is sized
    to the emulator (80×24) until a view reports its own size.
    """

    def __init__(self, session: ConsoleSession, *, sig_proxy: bool = True, title: str) -> None:
        super().__init__(session, tty=True, sig_proxy=sig_proxy, title=title)
        self._finalizer.detach()  # the Console's, replaced by one that also stops the resizer
        self.resizer = TtyResizer(
            lambda rows, cols: streams.resize_tty(session, rows=rows, cols=cols),
            name=f"dockerwidgets-tty-resize-{session.target[:12]}",
        )
        self._boxes: list[TerminalBox] = []
        self._finalizer = weakref.finalize(self, _shut, session, self.resizer, self._boxes)
        session.on_end(self.resizer.stop)  # the TTY is gone: no more sizes to send
        if session.emulator is not None and session.kind in ("container", "exec"):
            self.resizer.request(*session.emulator.size)

    @property
    def size(self) -> tuple[int, int]:
        """``(cols, rows)`` of the emulator (the last size a view reported, else 80×24)."""
        emulator = self._session.emulator
        return emulator.size if emulator is not None else (0, 0)

    def resize(self, cols: int, rows: int) -> None:
        """Size the TTY (and the emulator) as a view would."""
        _resize(self._session, self.resizer, cols, rows)

    @property
    def updates_sent(self) -> int:
        """How many output messages went to the front end."""
        return self._boxes[0].pump.messages_sent if self._boxes else 0

    def widget(self) -> TerminalBox:  # type: ignore[override]
        """The terminal as a widget; built once, on first use (every display shows the same one)."""
        if not self._boxes:
            self._boxes.append(TerminalBox(self))
        return self._boxes[0]

    def __repr__(self) -> str:
        return f"<Terminal {self.title}: {self.status}>"


def console_for(session: ConsoleSession, *, tty: bool, sig_proxy: bool, title: str) -> Console:
    """What a user gets for a session: a :class:`Terminal` when it has a TTY, else the line :class:`Console`."""
    if tty and session.emulator is not None:
        return Terminal(session, sig_proxy=sig_proxy, title=title)
    return Console(session, tty=tty, sig_proxy=sig_proxy, title=title)


def _resize(session: ConsoleSession, resizer: TtyResizer, cols: int, rows: int) -> None:
    """The emulator at once (the program's redraw after SIGWINCH must meet the new size), the engine on the resizer."""
    if cols <= 0 or rows <= 0:
        return
    if session.emulator is not None:
        with session.lock:
            session.emulator.resize(cols, rows)
    resizer.request(cols, rows)


def _close_widget(widget: Any) -> None:
    for part in ("layout", "style"):
        owned = getattr(widget, part, None)
        if isinstance(owned, w.Widget):
            owned.close()
    widget.close()


def _shut(session: ConsoleSession, resizer: TtyResizer, boxes: list[TerminalBox]) -> None:
    """Close the session (the container is left as it is), the resizer, then the views."""
    session.close()
    resizer.stop()
    for box in boxes:
        box.close()
