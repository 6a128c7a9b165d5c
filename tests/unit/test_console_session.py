"""The console's session without an engine or a widget: a fake stream in, listeners out."""

from __future__ import annotations

import ast
import queue
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from dockerwidgets.sessions.console import ConsoleSession

ROOT = Path(__file__).resolve().parents[2]


class FakeStream:
    """An EngineStream fed by the test: ``put`` bytes, ``end()`` for the engine closing it."""

    def __init__(self) -> None:
        self._reads: queue.Queue[bytes] = queue.Queue()
        self.sent: list[bytes] = []
        self.write_closed = False
        self.closed = False

    def put(self, data: bytes) -> None:
        self._reads.put(data)

    def end(self) -> None:
        self._reads.put(b"")

    def read(self) -> bytes:
        return self._reads.get()

    def send(self, data: bytes) -> None:
        self.sent.append(data)

    def shutdown_write(self) -> None:
        self.write_closed = True

    def close(self) -> None:
        self.closed = True
        self._reads.put(b"")


class FakeWait:
    """The engine's answer to the wait registered before the start."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.closed = False

    def exit_code(self, timeout: float) -> int:
        return self.code

    def close(self) -> None:
        self.closed = True


def frame(kind: int, payload: bytes) -> bytes:
    return struct.pack(">BxxxL", kind, len(payload)) + payload


def session_on(stream: FakeStream, **kwargs) -> ConsoleSession:
    options = {"kind": "container", "target": "0123456789abcdef", "multiplexed": False, "stdin": True,
               "detach_keys": b"\x10\x11", "wait_response": FakeWait(5), **kwargs}  # fmt: skip
    session = ConsoleSession(None, stream, **options)  # the engine is only asked when no wait was registered
    session.start()
    return session


def test_bytes_in_callbacks_out_and_the_end_once():
    stream = FakeStream()
    session = session_on(stream)
    heard, ended = [], []
    unsubscribe = session.subscribe(
        on_output=lambda name, text: heard.append((name, text)), on_end=lambda: ended.append(1)
    )
    stream.put(b"hello ")
    stream.put(b"world\n")
    stream.end()
    assert session.wait_ended(5)
    assert heard == [("stdout", "hello "), ("stdout", "world\n")]
    assert session.text == "hello world\n" and session.bytes_received == 12
    assert session.exit_code == 5 and session.status == "exited with code 5" and ended == [1]
    assert stream.closed and session.wait_response.closed
    late = []
    session.on_end(lambda: late.append(session.status))  # after the end: told at once
    assert late == ["exited with code 5"]
    unsubscribe()
    session.close()
    assert ended == [1]


def test_frames_are_demultiplexed_and_a_utf8_character_split_across_reads_stays_whole():
    stream = FakeStream()
    session = session_on(stream, multiplexed=True)
    heard = []
    session.on_output(lambda name, text: heard.append((name, text)))
    data = frame(1, b"price: \xe2\x82") + frame(2, b"oops\n") + frame(1, b"\xac\n")
    for start in range(0, len(data), 5):  # frames and characters cut at arbitrary places
        stream.put(data[start : start + 5])
    stream.end()
    assert session.wait_ended(5)
    assert session.text == "price: oops\n€\n" and "\ufffd" not in session.text
    assert [name for name, _ in heard] == ["stdout", "stderr", "stdout"]
    assert [o["name"] for o in session.outputs()] == ["stdout", "stderr", "stdout"]
    assert session.bytes_received == len("price: oops\n€\n".encode())


def test_the_screen_is_bounded_and_save_to_keeps_every_byte(tmp_path):
    stream = FakeStream()
    target = tmp_path / "out.log"
    session = session_on(stream, scrollback=5, save_to=str(target))
    expected = "".join(f"line {i}\n" for i in range(10_000)).encode()
    for start in range(0, len(expected), 4096):
        stream.put(expected[start : start + 4096])
    stream.end()
    assert session.wait_ended(5)
    assert session.text.splitlines() == [f"line {i}" for i in range(9_995, 10_000)]
    assert session.screen.line_count <= 5
    assert session.bytes_received == len(expected) and target.read_bytes() == expected


def test_typing_the_detach_keys_detaches_and_stdin_goes_to_the_stream():
    stream = FakeStream()
    session = session_on(stream)
    session.send(b"ls\n")
    session.shutdown_write()
    session.send(b"\x10\x11")
    stream.end()  # the engine ends the stream after the detach keys
    assert session.wait_ended(5)
    assert stream.sent == [b"ls\n", b"\x10\x11"] and stream.write_closed
    assert session.status == "detached" and session.exit_code is None


def test_detach_without_stdin_closes_locally_and_a_listener_failure_stops_nothing():
    stream = FakeStream()
    session = session_on(stream, stdin=False)

    def broken(name, text):
        raise RuntimeError("a listener's bug")

    session.on_output(broken)
    stream.put(b"still read\n")
    with pytest.raises(OSError, match="stdin is not attached"):
        session.send(b"x")
    import time

    deadline = time.monotonic() + 5
    while session.text != "still read\n" and time.monotonic() < deadline:
        time.sleep(0.01)
    session.detach()
    assert session.ended and session.status == "detached" and stream.closed
    assert not session.reader.is_alive()


def test_close_before_start_ends_it_too():
    stream = FakeStream()
    session = ConsoleSession(None, stream, kind="logs", target="abc", multiplexed=False, stdin=False)
    ended = []
    session.on_end(lambda: ended.append(session.status))
    session.close()
    assert ended == ["stopped following"] and stream.closed


def test_sessions_and_ops_never_import_ipywidgets():
    for module in ("dockerwidgets/sessions/console.py", "dockerwidgets/ops/streams.py"):
        tree = ast.parse((ROOT / module).read_text())
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names if "ipywidgets" in name or "widgets" in name.split(".")], module
    code = (
        "import sys, dockerwidgets.ops.streams, dockerwidgets.commands.attach; assert 'ipywidgets' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_save_to_holds_every_byte_read_while_the_stream_runs(tmp_path):
    import time

    stream = FakeStream()
    target = tmp_path / "running.log"
    session = session_on(stream, save_to=str(target))
    stream.put(b"x" * 1000)
    deadline = time.monotonic() + 5
    while target.stat().st_size < 1000 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not session.ended
    assert target.read_bytes() == b"x" * 1000  # while it runs, not only once it ended
    stream.end()
    assert session.wait_ended(5)
