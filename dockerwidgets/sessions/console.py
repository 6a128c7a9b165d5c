"""A console session: one stream from the engine (attach, exec, logs), read on a thread of its own.

The reader thread pumps the stream into a bounded :class:`~dockerwidgets.terminal.Screen`
(demultiplexing when the stream is framed, decoding UTF-8 incrementally, one decoder per
stream, so a character split across two reads is never broken) or, for a TTY session, into a
terminal emulator (:class:`~dockerwidgets.sessions.emulator.TerminalEmulator`, fed the text as
it is, escapes included), every raw byte into the ``save_to`` file, and tells its listeners:
``on_output(stream, text)`` for each decoded piece (under the screen's lock, so a listener is in
step with the screen: keep listeners short), ``on_end()`` once, when the stream has ended and the
outcome is known. It knows no widget: a view (``dockerwidgets.widgets``) is one listener among
any others.
"""

from __future__ import annotations

import codecs
import contextlib
import threading
from collections.abc import Callable
from typing import IO, Any

from ..engine import Engine
from ..settings import console_settings
from ..terminal import Demultiplexer, Screen
from ..transport import EngineStream
from .emulator import TerminalEmulator

EXIT_WAIT_SECONDS = 10.0  # after the stream ends: how long the engine may take to report the exit
DETACH_WAIT_SECONDS = 5.0  # after the detach keys: how long the engine may take to close the stream

OutputListener = Callable[[str, str], Any]
EndListener = Callable[[], Any]


class ConsoleSession:
    """A running stream from the engine and what it has said so far; headless, thread-safe to read."""

    def __init__(
        self,
        engine: Engine,
        stream: EngineStream,
        *,
        kind: str,
        target: str,
        multiplexed: bool,
        stdin: bool,
        detach_keys: bytes = b"",
        wait_response: Any = None,
        name: str | None = None,
        scrollback: int | None = None,
        save_to: str | None = None,
        tty: bool = False,
    ) -> None:
        self.engine = engine
        self.stream = stream
        self.kind = kind  # "container", "exec" or "logs"
        self.target = target  # container id, or exec id
        self.name = name or target[:12]  # what a person calls the target (a container's name)
        self.stdin = stdin
        self.detach_keys = detach_keys
        self.wait_response = wait_response
        scrollback = console_settings.scrollback if scrollback is None else scrollback
        self.tty = tty
        # A TTY's output is a terminal's: the emulator keeps its screen; otherwise the line screen.
        self.emulator: TerminalEmulator | None = TerminalEmulator(history=scrollback) if tty else None
        self.screen = Screen(scrollback)
        self.lock = threading.RLock()  # guards the screen (and the emulator), held while the listeners run
        self._typed = b""  # the last bytes sent, to see detach keys typed one key at a time
        self.bytes_received = 0
        self.status = "attached"
        self.exit_code: int | None = None
        self.detach_requested = False
        self._demux = Demultiplexer() if multiplexed else None
        self._decoders = {name: codecs.getincrementaldecoder("utf-8")("replace") for name in ("stdout", "stderr")}
        save_to = save_to or console_settings.save_to
        self._file: IO[bytes] | None = open(save_to, "wb") if save_to else None  # closed by _finish
        self._listeners_lock = threading.Lock()
        self._output_listeners: list[OutputListener] = []
        self._end_listeners: list[EndListener] = []
        self._gates: list[Callable[[], object]] = []
        self._ended = threading.Event()
        self.reader = threading.Thread(target=self._pump, name=f"dockerwidgets-console-{target[:12]}", daemon=True)

    def start(self) -> None:
        """Start reading (before the container starts, so no byte is missed)."""
        self.reader.start()

    # listeners
    def on_output(self, listener: OutputListener) -> Callable[[], None]:
        """Call ``listener(stream, text)`` (from the reader thread) for each piece of decoded output.

        Returns a function that unsubscribes it.
        """
        with self._listeners_lock:
            self._output_listeners.append(listener)
        return lambda: self._remove(self._output_listeners, listener)

    def on_end(self, listener: EndListener) -> Callable[[], None]:
        """Call ``listener()`` once the stream has ended and ``status``/``exit_code`` are final
        (at once, if it has already ended). Returns a function that unsubscribes it."""
        with self._listeners_lock:
            ended = self._ended.is_set()
            if not ended:
                self._end_listeners.append(listener)
        if ended:
            _call(listener)
        return lambda: self._remove(self._end_listeners, listener)

    def add_gate(self, gate: Callable[[], object]) -> Callable[[], None]:
        """Call ``gate()`` from the reader thread, holding no lock, before each read.

        A listener that cannot keep up (a terminal whose browser is behind) waits there, so the
        engine, then the program, holds the rest: a terminal's flow control. Returns a function
        that removes it.
        """
        with self._listeners_lock:
            self._gates.append(gate)
        return lambda: self._remove(self._gates, gate)

    def subscribe(
        self, on_output: OutputListener | None = None, on_end: EndListener | None = None
    ) -> Callable[[], None]:
        """Both listeners at once; returns a function that unsubscribes both."""
        undo = [self.on_output(on_output) if on_output else None, self.on_end(on_end) if on_end else None]

        def unsubscribe() -> None:
            for step in undo:
                if step is not None:
                    step()

        return unsubscribe

    def _remove(self, listeners: list, listener: Any) -> None:
        with self._listeners_lock, contextlib.suppress(ValueError):
            listeners.remove(listener)

    # reader thread
    def _pump(self) -> None:
        try:
            while True:
                for gate in tuple(self._gates):
                    _call(gate)
                data = self.stream.read()
                if not data:
                    break
                self.feed(data)
        finally:
            self._finish()

    def feed(self, data: bytes) -> None:
        """Take bytes as read from the stream (the reader thread calls this)."""
        frames = self._demux.feed(data) if self._demux is not None else [("stdout", data)]
        for name, payload in frames:
            if name == "stdin":
                continue
            self.bytes_received += len(payload)
            if self._file is not None:
                self._file.write(payload)
            self._show(name, self._decoders[name].decode(payload))
        if self._file is not None:
            self._file.flush()  # save_to holds every byte read so far, not only at the end

    def _show(self, name: str, text: str) -> None:
        if not text:
            return
        with self.lock:
            if self.emulator is not None:
                self.emulator.feed(text)
            else:
                self.screen.feed(name, text)
            for listener in tuple(self._output_listeners):
                _call(listener, name, text)

    def _finish(self) -> None:
        for name, decoder in self._decoders.items():
            self._show(name, decoder.decode(b"", final=True))
        if self._file is not None:
            self._file.close()
        self.exit_code, self.status = self._outcome()
        self.stream.close()
        if self.wait_response is not None:
            self.wait_response.close()
        with self._listeners_lock:
            self._ended.set()
            listeners, self._end_listeners = self._end_listeners, []
        for listener in listeners:
            _call(listener)

    def _outcome(self) -> tuple[int | None, str]:
        """After the stream ended: the exit code and status (``exited with code N`` or ``detached``)."""
        if self.detach_requested:
            return None, "stopped following" if self.kind == "logs" else "detached"
        try:
            if self.kind == "exec":
                info = self.engine.api.exec_inspect(self.target)
                if info.get("Running"):
                    return None, "detached"
                code = info.get("ExitCode")
            elif self.wait_response is not None:
                code = self.wait_response.exit_code(EXIT_WAIT_SECONDS)
            else:
                state = self.engine.api.inspect_container(self.target)["State"]
                if state.get("Running"):
                    return None, "ended" if self.kind == "logs" else "detached"
                code = state.get("ExitCode")
        except Exception:
            return None, "detached"
        return code, f"exited with code {code}"

    # what has been said
    @property
    def text(self) -> str:
        """The scrollback as it stands, both streams, as plain text (a TTY's: its screen and scrollback)."""
        with self.lock:
            return self.emulator.text if self.emulator is not None else self.screen.text

    def outputs(self) -> tuple[dict, ...]:
        """The scrollback as Jupyter stream outputs (what an output area shows)."""
        with self.lock:
            if self.emulator is not None:
                text = self.emulator.text
                return ({"output_type": "stream", "name": "stdout", "text": text},) if text else ()
            return self.screen.outputs()

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def wait_ended(self, timeout: float | None = None) -> bool:
        """Block until the stream has ended (and the listeners were told); ``False`` on timeout."""
        return self._ended.wait(timeout)

    # control, from any thread but the reader's
    def send(self, data: bytes) -> None:
        """Write to stdin (typing the detach keys detaches, as in the CLI)."""
        if not self.stdin:
            raise OSError("stdin is not attached (use -i)")
        if self.detach_keys:
            seen = self._typed + data  # the keys may come one message at a time, as typed
            if self.detach_keys in seen:
                self.detach_requested = True
            self._typed = seen[-(len(self.detach_keys) - 1) :] if len(self.detach_keys) > 1 else b""
        self.stream.send(data)

    def shutdown_write(self) -> None:
        """Close stdin (the write side of the stream); the output keeps coming."""
        self.stream.shutdown_write()

    def signal(self, signal: str) -> None:
        """Send *signal* to the container (a console on a container only)."""
        if self.kind != "container":
            raise OSError(f"cannot signal a {self.kind} console")
        with self.engine.errors():
            self.engine.api.kill(self.target, signal)

    def detach(self, timeout: float = DETACH_WAIT_SECONDS) -> None:
        """Leave the container running: the detach keys when stdin is attached (the engine then
        ends the stream), otherwise, or if the engine does not end it in *timeout*, close locally."""
        if self.ended:
            return
        self.detach_requested = True
        if self.stdin and self.detach_keys and self.kind != "logs":
            with contextlib.suppress(OSError):
                self.stream.send(self.detach_keys)
            self.wait_ended(timeout)
        self.close()

    def close(self) -> None:
        """Stop locally: close the stream (the container is not touched) and join the reader."""
        if not self._ended.is_set():
            self.detach_requested = True
            self.stream.close()
            if self.reader.ident is None:  # never started: end it here
                self._finish()
                return
        if self.reader.is_alive() and self.reader is not threading.current_thread():
            self.reader.join()

    def __repr__(self) -> str:
        return f"<ConsoleSession {self.kind} {self.name}: {self.status}, {self.bytes_received} bytes>"


def _call(listener: Callable[..., Any], *args: Any) -> None:
    """A listener's failure never stops the reader."""
    with contextlib.suppress(Exception):
        listener(*args)
