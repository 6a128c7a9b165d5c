"""The terminal's kernel side without an engine: the output batches (UTF-8 and escapes split
anywhere), the pump's rate bound and repaint order, the emulator's text and repaint, the
resizer's dedupe and first-resize retry."""

from __future__ import annotations

import itertools
import threading
import time
from types import SimpleNamespace

import pytest

from dockerwidgets.sessions.emulator import TerminalEmulator
from dockerwidgets.sessions.tty import TtyResizer
from dockerwidgets.terminal import FlowWindow, OutputBatch, utf8_safe_end

SAMPLE = "é—日本 🐳 \x1b[1;31mred\x1b[0m \x1b[2;5Hmoved\x1b]0;title\x07 ok\r\n".encode()


@pytest.mark.parametrize(
    ("data", "end"),
    [
        (b"", 0),
        (b"abc", 3),
        ("é".encode(), 2),
        ("é".encode()[:1], 0),
        (b"a" + "日".encode()[:2], 1),
        (b"a" + "🐳".encode()[:3], 1),
        (b"a" + "🐳".encode(), 5),
        (b"\x80\x80\x80\x80", 4),  # not UTF-8: nothing to wait for
    ],
)
def test_the_safe_end_never_splits_a_sequence(data, end):
    assert utf8_safe_end(data) == end


def test_batches_never_end_inside_a_utf8_sequence_whatever_the_reads():
    for size in range(1, 9):
        batch, sent = OutputBatch(), []
        for start in range(0, len(SAMPLE), size):
            batch.add(SAMPLE[start : start + size])
            piece = batch.take()
            if piece:
                piece.decode("utf-8")  # each batch is whole UTF-8 on its own (xterm.js #6003)
                sent.append(piece)
        sent.append(batch.take(final=True))
        assert b"".join(sent) == SAMPLE
        assert batch.bytes_in == batch.bytes_out == len(SAMPLE)


def test_an_escape_split_across_batches_draws_the_same_screen():
    whole = TerminalEmulator(40, 5)
    whole.feed(SAMPLE.decode())
    for size in (1, 2, 3, 7):
        split = TerminalEmulator(40, 5)
        text = SAMPLE.decode()
        for start in range(0, len(text), size):
            split.feed(text[start : start + size])
        assert split.screen_lines() == whole.screen_lines() and split.cursor == whole.cursor


def test_the_emulator_text_is_the_screen_and_its_scrollback():
    emulator = TerminalEmulator(20, 4, history=100)
    assert emulator.text == ""
    emulator.feed("out\r\nerr\r\n/ # ")
    assert emulator.text == "out\nerr\n/ # "  # the prompt keeps its space
    for n in range(10):
        emulator.feed(f"line {n}\r\n")
    assert emulator.text.endswith("line 8\nline 9\n") and emulator.text.startswith("out\n")
    emulator.feed("\x1b[2J\x1b[H~\r\n~\x1b[1;1H")  # a full-screen program draws over the screen
    assert emulator.screen_lines()[:2] == ["~", "~"] and emulator.cursor == (0, 0)


def test_the_repaint_draws_the_same_screen_in_a_fresh_terminal():
    emulator = TerminalEmulator(20, 4, history=100)
    for n in range(7):
        emulator.feed(f"line {n}\r\n")
    emulator.feed("$ ab\x1b[2D")
    fresh = TerminalEmulator(20, 4, history=100)
    fresh.feed(emulator.repaint().decode())
    assert fresh.screen_lines() == emulator.screen_lines()
    assert fresh.cursor == emulator.cursor == (2, 3)
    assert fresh.text == emulator.text


def test_the_repaint_keeps_colours_and_attributes():
    emulator = TerminalEmulator(30, 4, history=10)
    emulator.feed(
        "\x1b[31mred\x1b[0m plain \x1b[1;44mbold on blue\x1b[0m\r\n"
        "\x1b[38;5;200mX\x1b[38;2;1;2;3mY\x1b[7;4;3mZ\x1b[0m \u5bbd\u5b57\r\n"
        "line3\r\nline4\r\nline5\r\n\x1b[32mgo"
    )
    fresh = TerminalEmulator(30, 4, history=10)
    fresh.feed(emulator.repaint().decode())
    assert fresh.text == emulator.text and fresh.cursor == emulator.cursor
    old, new = emulator._screen, fresh._screen
    assert all(old.buffer[y][x] == new.buffer[y][x] for y in range(4) for x in range(30))
    for before, after in zip(old.history.top, new.history.top, strict=True):
        assert [before[x] for x in range(30)] == [after[x] for x in range(30)]
    assert new.cursor.attrs.fg == "green"  # what the program writes next is still green


def test_bounded_scrollback():
    emulator = TerminalEmulator(20, 4, history=50)
    for n in range(1000):
        emulator.feed(f"{n}\r\n")
    assert len(emulator.text.splitlines()) <= 50 + 4


# the pump, on fakes
class FakeView:
    def __init__(self) -> None:
        self.sent: list[tuple[float, dict, bytes | None]] = []

    def send(self, content, buffers=None):
        self.sent.append((time.monotonic(), content, buffers[0] if buffers else None))


class FakeSession:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.emulator = TerminalEmulator(40, 5)
        self.ended = False
        self.kind, self.name, self.status, self.stdin = "container", "fake", "attached", True
        self._output, self._end, self.gates = [], [], []

    def subscribe(self, on_output=None, on_end=None):
        self._output.append(on_output)
        self._end.append(on_end)
        return lambda: None

    def add_gate(self, gate):
        self.gates.append(gate)
        return lambda: self.gates.remove(gate)

    def read(self, text: str) -> None:
        """What the session's reader does: pass the gates, then take the output."""
        for gate in self.gates:
            gate()
        self.say(text)

    def say(self, text: str) -> None:
        with self.lock:
            self.emulator.feed(text)
            for listener in self._output:
                listener("stdout", text)

    def end(self) -> None:
        self.ended = True
        for listener in self._end:
            listener()


def make_pump(session):
    from dockerwidgets.widgets.terminal import OutputPump

    box = SimpleNamespace(view=FakeView(), status_line=SimpleNamespace(value=""), disable=lambda: None)
    pump = OutputPump(session, box)
    pump.start()
    return pump, box.view


def test_the_pump_sends_at_most_thirty_messages_a_second_and_loses_nothing():
    session = FakeSession()
    pump, view = make_pump(session)
    said = []
    started = time.monotonic()
    while time.monotonic() - started < 1.0:
        chunk = f"chunk {len(said)} é\r\n"
        said.append(chunk)
        session.say(chunk)
        time.sleep(0.0005)
    session.end()
    pump._thread.join(5)
    outputs = [(t, data) for t, content, data in view.sent if content["type"] == "output"]
    elapsed = time.monotonic() - started
    assert len(said) > 200 and len(outputs) <= 30 * elapsed + 2  # batched, never one per chunk
    assert b"".join(data for _, data in outputs) == "".join(said).encode()
    assert view.sent[-1][1] == {"type": "ended"}


def test_a_lone_echo_goes_at_once():
    session = FakeSession()
    pump, view = make_pump(session)
    time.sleep(0.1)
    typed = time.monotonic()
    session.say("x")
    deadline = time.monotonic() + 2
    while not any(c["type"] == "output" for _, c, _ in view.sent) and time.monotonic() < deadline:
        time.sleep(0.001)
    sent_at = next(t for t, c, _ in view.sent if c["type"] == "output")
    assert sent_at - typed < 0.02
    pump.stop()


def test_a_repaint_goes_to_the_view_that_asked_in_order_with_the_output():
    session = FakeSession()
    pump, view = make_pump(session)
    session.say("before\r\n")
    pump.request_repaint("v2")
    session.say("after\r\n")
    time.sleep(0.2)
    session.end()
    pump._thread.join(5)
    kinds = [c["type"] for _, c, _ in view.sent]
    at = kinds.index("repaint")
    assert view.sent[at][1]["view"] == "v2" and b"before" in view.sent[at][2]
    # what v2 draws: the repaint, then only the output sent after it; the same screen as the kernel's
    drawn = TerminalEmulator(40, 5)
    drawn.feed(view.sent[at][2].decode())
    for _, content, data in view.sent[at + 1 :]:
        if content["type"] == "output":
            drawn.feed(data.decode())
    assert drawn.screen_lines() == session.emulator.screen_lines() and drawn.cursor == session.emulator.cursor
    assert drawn.text.count("after") == 1
    pump.request_repaint("v3")  # after the end: at once, from the caller
    assert view.sent[-1][1] == {"type": "repaint", "view": "v3"} and b"after" in view.sent[-1][2]


# flow control
def test_the_window_limits_what_is_unacknowledged():
    flow = FlowWindow(window=100, stall=1.0, clock=lambda: now[0])
    now = [0.0]
    assert flow.room() is None  # no view acknowledges yet: no limit
    flow.sent_bytes(150)
    flow.ack(50)
    assert flow.room() == 0
    flow.ack(120)
    assert flow.room() == 70
    flow.ack(10_000)  # never beyond what was sent
    assert flow.acked == 150 and flow.room() == 100


def test_a_silent_view_stops_limiting_after_the_stall_time():
    now = [0.0]
    flow = FlowWindow(window=100, stall=1.0, clock=lambda: now[0])
    flow.ack(0)
    flow.sent_bytes(100)
    assert flow.room() == 0
    now[0] = 0.5
    assert flow.room() == 0
    now[0] = 1.2
    assert flow.room() is None and not flow.active  # the page was closed: send on
    flow.ack(100)
    assert flow.active and flow.room() == 100  # a view is back


def test_a_flood_goes_at_the_views_pace_and_nothing_is_lost():
    from dockerwidgets.widgets import terminal

    session = FakeSession()
    pump, view = make_pump(session)
    pump._flow.window = 4096
    limit, terminal.BATCH_LIMIT = terminal.BATCH_LIMIT, 16384
    try:
        pump.ack(0)  # a view is there
        said, stop, inflights = [], threading.Event(), []

        def reader():
            for n in range(3000):
                said.append(f"line {n:05d} é\r\n")
                session.read(said[-1])
            session.end()
            stop.set()

        def slow_view():  # acknowledges what it got, a little at a time
            while not stop.is_set() or pump._flow.acked < pump._flow.sent:
                outputs = [c["end"] for _, c, _ in view.sent if c["type"] == "output"]
                inflights.append(pump._flow.sent - pump._flow.acked)
                if outputs:
                    pump.ack(outputs[-1])
                time.sleep(0.01)

        threads = [threading.Thread(target=reader), threading.Thread(target=slow_view)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        pump._thread.join(5)
    finally:
        terminal.BATCH_LIMIT = limit
    outputs = [data for _, c, data in view.sent if c["type"] == "output"]
    assert b"".join(outputs) == "".join(said).encode()
    assert pump.reader_waits > 0  # the reader waited for the view instead of piling up
    assert max(inflights) <= 4096  # never more than the window in flight


def test_a_closed_page_does_not_hold_the_program():
    from dockerwidgets.widgets import terminal

    session = FakeSession()
    pump, view = make_pump(session)
    pump._flow.window, pump._flow.stall = 1024, 0.3
    limit, terminal.BATCH_LIMIT = terminal.BATCH_LIMIT, 2048
    try:
        pump.ack(0)  # a view was there, then never acknowledges again
        started = time.monotonic()
        for n in range(500):
            session.read(f"line {n:05d}\r\n")
        session.end()
        pump._thread.join(5)
    finally:
        terminal.BATCH_LIMIT = limit
    assert time.monotonic() - started < 3
    outputs = [data for _, c, data in view.sent if c["type"] == "output"]
    assert b"".join(outputs) == "".join(f"line {n:05d}\r\n" for n in range(500)).encode()


# the resizer, on a fake engine
def test_sizes_are_deduplicated_and_only_the_last_is_sent():
    calls = []
    gate, entered = threading.Event(), threading.Event()

    def resize(rows, cols):
        entered.set()
        gate.wait(2)
        calls.append((cols, rows))

    resizer = TtyResizer(resize)
    resizer.request(80, 24)
    assert entered.wait(2)
    for cols in range(81, 90):
        resizer.request(cols, 24)  # while the first is under way: only the last one counts
    resizer.request(0, 0)  # a hidden terminal's size: ignored
    gate.set()
    assert resizer.wait_idle(5)
    resizer.request(89, 24)  # the same again: not sent
    assert resizer.wait_idle(5)
    assert calls == [(80, 24), (89, 24)] and resizer.applied == (89, 24)
    resizer.stop()
    assert not [t for t in threading.enumerate() if t.name == "dockerwidgets-tty-resize"]


def test_the_first_resize_is_retried_ten_times_as_the_cli_does():
    attempts = []

    def not_ready(rows, cols):
        attempts.append(time.monotonic())
        if len(attempts) < 4:
            raise OSError("the TTY is not ready")

    resizer = TtyResizer(not_ready)
    resizer.request(100, 30)
    assert resizer.wait_idle(5)
    assert len(attempts) == 4 and resizer.applied == (100, 30)
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert all(gap >= 0.01 * (n + 1) * 0.9 for n, gap in enumerate(gaps))

    failing = []
    never = TtyResizer(lambda rows, cols: failing.append(1) or (_ for _ in ()).throw(OSError("no tty")))
    never.request(100, 30)
    assert never.wait_idle(5)
    assert len(failing) == 11 and never.applied is None and never.error == "no tty"
    never.request(101, 30)  # later resizes are tried once (the first never took)... then retried as a first
    assert never.wait_idle(5)
    never.stop()


def test_a_flood_costs_the_reader_nothing_and_the_screen_is_its_last_lines():
    emulator = TerminalEmulator(80, 24, history=100)
    lines = [f"line {n:07d} " + "x" * 60 + "\r\n" for n in range(200_000)]  # about 15 MB
    started = time.perf_counter()
    for start in range(0, len(lines), 100):
        emulator.feed("".join(lines[start : start + 100]))
    assert time.perf_counter() - started < 5  # queued, not drawn: pyte draws ~0.1-0.3 MB/s
    assert emulator.screen_lines()[-2].startswith("line 0199999") and emulator.skipped > 0
    assert emulator.text.endswith("line 0199999 " + "x" * 60 + "\n")
