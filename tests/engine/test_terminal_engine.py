"""The terminal on the real engine: every TTY session is a Terminal; typing, sizes from a (fake)
front end, detach keys typed one at a time, exec -it, start -ai, and 100 cycles leak nothing."""

from __future__ import annotations

import gc
import os
import threading
import time

from conftest import cli, state, until
from ipywidgets.widgets.widget import _instances as widget_instances

from dockerwidgets.widgets.console import Console
from dockerwidgets.widgets.terminal import Terminal


def typed(terminal: Terminal, keys: str) -> None:
    """What the front end sends for each key typed: one input message per key."""
    view = terminal.widget().view
    for key in keys:
        view._message(view, {"type": "input", "data": key}, [])


def test_run_it_is_a_terminal_and_its_text_is_the_screen(docker):
    terminal = docker("run -it --name shell busybox sh")
    assert isinstance(terminal, Terminal) and repr(terminal) == "<Terminal shell: attached>"
    until(lambda: terminal.text.endswith("# "))
    terminal.send("echo hi\r")
    until(lambda: "\nhi\n" in terminal.text)
    terminal.send("printf 'a\\033[2Db\\n'\n")  # a cursor move: the screen, not the bytes
    until(lambda: "\nb\n" in terminal.text)
    assert terminal.bytes_received > 0
    terminal.send("exit 3\r")
    assert terminal.wait(10) == 3 and terminal.status == "exited with code 3"
    terminal.close()


def test_without_a_tty_it_stays_the_line_console(docker):
    console = docker("run -i --name cat busybox cat")
    assert type(console) is Console
    console.close()


def test_the_tty_is_sized_headless_and_follows_the_front_end(docker):
    terminal = docker("run -it --name shell busybox sh")
    until(lambda: terminal.text.endswith("# "))
    terminal.resizer.wait_idle(5)
    terminal.send("stty size\r")
    until(lambda: "\n24 80\n" in terminal.text)
    view = terminal.widget().view
    view._message(view, {"type": "resize", "cols": 123, "rows": 37}, [])
    view._message(view, {"type": "resize", "cols": 123, "rows": 37}, [])  # the same again: no call
    assert terminal.resizer.wait_idle(5) and terminal.size == (123, 37)
    terminal.send("stty size\r")
    until(lambda: "\n37 123\n" in terminal.text)
    terminal.close()


def test_the_message_handler_does_not_wait_for_the_engine(docker, monkeypatch):
    terminal = docker("run -it --name shell busybox sh")
    terminal.resizer.wait_idle(5)
    slow = threading.Event()
    real = terminal.resizer._resize
    monkeypatch.setattr(terminal.resizer, "_resize", lambda rows, cols: (slow.wait(2), real(rows, cols)))
    view = terminal.widget().view
    started = time.monotonic()
    view._message(view, {"type": "resize", "cols": 90, "rows": 30}, [])
    assert time.monotonic() - started < 0.05
    slow.set()
    assert terminal.resizer.wait_idle(5) and terminal.resizer.applied == (90, 30)
    terminal.close()


def test_detach_keys_typed_one_at_a_time_leave_it_running(docker):
    terminal = docker("run -it --name shell busybox sh")
    until(lambda: terminal.text.endswith("# "))
    typed(terminal, "\x10\x11")  # Ctrl+P, then Ctrl+Q, as two key presses
    assert terminal.wait(10) is None
    assert terminal.status == "detached" and state("shell") == "running"
    again = docker("attach shell")
    assert isinstance(again, Terminal)
    again.send("echo back\r")
    until(lambda: "\nback\n" in again.text)
    again.close()


def test_custom_detach_keys_are_honoured(docker):
    terminal = docker("run -it --detach-keys ctrl-x,x --name shell busybox sh")
    until(lambda: terminal.text.endswith("# "))
    typed(terminal, "\x18x")
    assert terminal.wait(10) is None and terminal.status == "detached" and state("shell") == "running"


def test_exec_it_and_start_ai(docker):
    docker("run -d -it --name box busybox sh")
    shell = docker("exec -it box sh")
    assert isinstance(shell, Terminal)
    until(lambda: shell.text.endswith("# "))
    shell.resize(100, 20)
    assert shell.resizer.wait_idle(5)
    shell.send("stty size; exit 5\r")
    assert shell.wait(10) == 5
    assert "20 100" in shell.text
    docker("create -it --name later busybox sh")
    started = docker("start -ai later")
    assert isinstance(started, Terminal)
    until(lambda: started.text.endswith("# "))
    started.eof()
    assert started.wait(10) == 0


def test_a_reconnecting_view_is_repainted_from_the_screen(docker):
    terminal = docker("run -it --name shell busybox sh")
    until(lambda: terminal.text.endswith("# "))
    terminal.send("echo painted\r")
    until(lambda: "\npainted\n" in terminal.text)
    box = terminal.widget()
    sent = []
    box.view.send = lambda content, buffers=None: sent.append((content, buffers))
    box.view._message(box.view, {"type": "ready", "view": "v1", "cols": 80, "rows": 24}, [])
    until(lambda: any(content["type"] == "repaint" for content, _ in sent))
    content, buffers = next((c, b) for c, b in sent if c["type"] == "repaint")
    assert content["view"] == "v1" and b"painted" in buffers[0]
    terminal.close()


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_hundred_open_close_cycles_leak_nothing(docker):
    docker("run -d -it --name target busybox sh")
    gc.collect()
    threads, fds, widgets = threading.active_count(), open_fds(), len(widget_instances)
    for n in range(100):
        terminal = docker("attach target")
        if n % 2:
            terminal.widget()  # with a view: the pump and the widgets go too
            terminal.send(f"echo {n}\r")
        terminal.close()
        assert terminal.status == "detached"
    del terminal
    gc.collect()
    until(lambda: threading.active_count() == threads)
    assert open_fds() <= fds
    assert len(widget_instances) == widgets
    assert state("target") == "running"


def test_closing_the_container_ends_the_threads(docker):
    docker("run -d -it --name target busybox sh")
    threads = threading.active_count()
    terminal = docker("attach target")
    terminal.widget()
    cli("rm", "-f", "target")
    assert terminal.wait(10) == 137 and terminal.status == "exited with code 137"
    until(lambda: threading.active_count() == threads, timeout=10)  # the reader and the pump ended by themselves
    terminal.close()
