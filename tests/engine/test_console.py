"""The console on the real engine: exit, Ctrl+D, Ctrl+C, detach and attach again, exec, logs -f,
TTY and not, a split UTF-8 character, nothing lost, nothing leaked."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import cli, state, until
from IPython.core.error import UsageError


def test_run_without_a_tty_separates_the_streams_and_reports_the_exit_code(docker):
    console = docker("run --name two busybox sh -c 'echo out; sleep 0.1; echo err >&2; sleep 0.1; echo more; exit 3'")
    assert console.wait(10) == 3
    assert console.status == "exited with code 3"
    assert console.text == "out\nerr\nmore\n"
    assert console.bytes_received == len("out\nerr\nmore\n")
    names = [output["name"] for output in console._session.screen.outputs()]
    assert names == ["stdout", "stderr", "stdout"]


def test_the_first_bytes_are_never_missed(docker):
    for attempt in range(5):
        console = docker(f"run --rm busybox echo first-{attempt}")
        assert console.wait(10) == 0
        assert console.text == f"first-{attempt}\n"
    assert cli("ps", "-a", "-q") == ""  # --rm: the engine removed each one


def test_exit_typed_in_a_shell_ends_the_container(docker):
    console = docker("run -i -t --name shell centos:7")
    until(lambda: "# " in console.text)
    console.send("echo $((6*7))\n")
    until(lambda: "42" in console.text)
    console.send("exit 4\n")
    assert console.wait(10) == 4
    assert console.status == "exited with code 4"
    assert state("shell") == "exited"


def test_ctrl_d_ends_a_tty_shell(docker):
    console = docker("run -it --name shell busybox sh")
    until(lambda: "# " in console.text)
    console.eof()
    assert console.wait(10) == 0
    assert state("shell") == "exited"


def test_ctrl_d_without_a_tty_closes_stdin(docker):
    console = docker("run -i --name cat busybox cat")
    console.send("one line\n")
    until(lambda: console.text == "one line\n")
    console.eof()
    assert console.wait(10) == 0 and state("cat") == "exited"


def test_detach_leaves_it_running_and_attach_comes_back(docker):
    console = docker("run -it --name keeper busybox sh")
    until(lambda: "# " in console.text)
    console.send("export MARK=still-here\n")
    console.detach()
    assert console.status == "detached" and console.exit_code is None
    assert state("keeper") == "running"
    again = docker("attach keeper")
    assert again.status == "attached"
    again.send("echo $MARK\n")
    until(lambda: "still-here" in again.text)
    again.send(b"\x10\x11")  # the detach keys typed as bytes detach too
    until(lambda: again.status == "detached")
    assert state("keeper") == "running"
    third = docker("attach keeper")
    third.send("exit\n")
    assert third.wait(10) == 0 and state("keeper") == "exited"


def test_custom_detach_keys(docker):
    console = docker("run -it --detach-keys ctrl-a,x --name keeper busybox sh")
    until(lambda: "# " in console.text)
    console.send(b"\x01x")
    until(lambda: console.status == "detached")
    assert state("keeper") == "running"


def test_ctrl_c_on_a_tty_interrupts_the_foreground_process(docker):
    console = docker("run -it --name shell busybox sh")
    until(lambda: "# " in console.text)
    console.send("sleep 100\n")
    time.sleep(0.3)
    console.interrupt()
    console.send("echo back\n")
    until(lambda: "\nback\n" in console.text)
    assert state("shell") == "running"
    console.send("exit\n")
    console.wait(10)


def test_ctrl_c_without_a_tty_sends_sigint(docker):
    console = docker(
        "run --name trapper busybox sh -c 'trap \"echo got-int; exit 7\" INT; echo ready; while true; do sleep 0.1; done'"
    )
    until(lambda: "ready" in console.text)
    console.interrupt()
    assert console.wait(10) == 7
    assert "got-int" in console.text


def test_start_attached(docker):
    docker("create -i --name later busybox cat")
    console = docker("start -a -i later")
    console.send("hello again\n")
    until(lambda: "hello again" in console.text)
    console.eof()
    assert console.wait(10) == 0


def test_exec_interactive_tty_and_plain(docker):
    docker("run -d --name host busybox sleep 300")
    shell = docker("exec -it host sh")
    until(lambda: "# " in shell.text)
    shell.send("cat /etc/dw-image; exit 2\n")
    assert shell.wait(10) == 2
    assert "busybox:latest" in shell.text
    plain = docker("exec host cat /etc/dw-image")
    assert plain.wait(10) == 0 and plain.text == "busybox:latest\n"
    assert state("host") == "running"


def test_logs_follow_streams_until_the_container_stops(docker):
    docker("run -d --name ticker busybox sh -c 'for i in 1 2 3; do echo tick $i; sleep 0.3; done'")
    console = docker("logs -f ticker")
    assert console.wait(10) == 0
    assert console.text == "tick 1\ntick 2\ntick 3\n"
    docker("run -d --name forever busybox sh -c 'while true; do echo x; sleep 0.1; done'")
    following = docker("logs -f --tail 1 forever")
    until(lambda: following.bytes_received >= 4)
    following.close()
    assert following.status == "stopped following" and state("forever") == "running"


def test_a_utf8_character_split_across_reads_is_kept_whole(docker):
    console = docker("run --name split busybox sh -c \"printf '\\342\\202'; sleep 0.3; printf '\\254 done\\n'\"")
    assert console.wait(10) == 0
    assert console.text == "€ done\n"
    assert "\ufffd" not in console.text


def test_save_to_keeps_every_byte_beyond_the_scrollback(docker, tmp_path):
    from dockerwidgets.settings import console_settings

    target = tmp_path / "out.log"
    saved = console_settings.scrollback
    console_settings.scrollback = 10
    try:
        import dockerwidgets

        console = dockerwidgets.docker("run --name big busybox seq 1 100000", save_to=str(target))
        assert console.wait(30) == 0
    finally:
        console_settings.scrollback = saved
    expected = "".join(f"{i}\n" for i in range(1, 100001)).encode()
    assert target.read_bytes() == expected
    assert console.bytes_received == len(expected)
    assert console.text.splitlines() == [str(i) for i in range(99991, 100001)]


def test_the_widget_buttons_call_the_same_methods(docker):
    # the line console is for sessions without a TTY (a TTY gets the terminal: tests/engine/test_terminal_engine.py)
    console = docker("run -i --name shell busybox sh -c 'cat; sleep 300'")  # stdin ends at detach, not the container
    widget = console.widget()
    status, output, controls = widget.children
    line, _, _, detach = controls.children
    line.value = "from-the-box"
    until(lambda: "from-the-box\n" in "".join(o["text"] for o in output.outputs))
    assert line.value == ""
    assert status.value.endswith("attached (typing goes to stdin)")
    detach.click()
    assert console.status == "detached" and state("shell") == "running"
    until(lambda: line.disabled and detach.disabled)
    assert "detached" in status.value
    console.close()


def test_the_ctrl_c_and_ctrl_d_buttons(docker):
    trapper = docker(
        "run -i --name trapper busybox sh -c 'trap \"exit 9\" INT; echo ready; while true; do sleep 0.1; done'"
    )
    until(lambda: "ready" in trapper.text)
    trapper.widget().children[2].children[1].click()
    assert trapper.wait(10) == 9
    cat = docker("run -i --name cat busybox cat")
    cat.widget().children[2].children[2].click()
    assert cat.wait(10) == 0


def test_front_end_updates_are_throttled(docker):
    console = docker("run --name chatty busybox sh -c 'i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1)); done'")
    console.widget()
    started = time.monotonic()
    assert console.wait(60) == 0
    elapsed = time.monotonic() - started
    assert console.updates_sent <= 20 * elapsed + 3
    assert console.text.endswith("line 19999\n")


def test_bad_console_input_is_one_line(docker):
    docker("create --name stopped busybox")
    for line, message in [
        ("attach stopped", "You cannot attach to a stopped container, start it first"),
        ("attach nosuch", "Error response from daemon: No such container: nosuch"),
        (
            "run -it --detach-keys nonsense busybox",
            "Invalid detach keys (nonsense) provided: Unknown character: 'nonsense'",
        ),
    ]:
        with pytest.raises(UsageError) as caught:
            docker(line)
        assert type(caught.value) is UsageError and str(caught.value) == message
    assert cli("ps", "-a", "--format", "{{.Names}}") == "stopped"


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_attach_and_detach_a_hundred_times_leaks_nothing(docker):
    docker("run -d -it --name target busybox sh")
    warm = docker("attach target")
    warm.detach()
    threads, fds = threading.active_count(), open_fds()
    for _ in range(100):
        console = docker("attach target")
        console.detach()
        assert console.status == "detached"
    assert threading.active_count() == threads
    assert open_fds() <= fds + 2
    assert state("target") == "running"


def test_garbage_collection_closes_the_stream(docker):
    import gc

    docker("run -d -it --name target busybox sh")
    threads = threading.active_count()
    console = docker("attach target")
    console.resizer.wait_idle(5)  # a TTY: the terminal sized it to 80x24 on a passing thread
    assert threading.active_count() == threads + 1  # the session's reader; no view, no pump
    del console
    gc.collect()
    until(lambda: threading.active_count() == threads)
    assert state("target") == "running"


def test_the_view_has_its_own_flusher_and_close_joins_both_threads(docker):
    docker("run -d -it --name target busybox sh")
    threads = threading.active_count()
    console = docker("attach target")
    console.send("echo before-the-view\n")
    until(lambda: "before-the-view" in console.text)
    view = console.widget()
    assert console.widget() is view  # built once
    console.resizer.wait_idle(5)
    assert threading.active_count() == threads + 2  # the reader and the terminal's output pump
    assert "before-the-view" in console.text
    console.close()
    assert threading.active_count() == threads
    assert console.status == "detached" and state("target") == "running"
    console.close()  # twice is fine


def test_the_session_knows_no_widget_and_others_can_listen(docker):
    from dockerwidgets.sessions.console import ConsoleSession

    console = docker("run -i --name cat busybox cat")
    session = console.session
    assert isinstance(session, ConsoleSession)
    heard, ended = [], []
    session.subscribe(on_output=lambda stream, text: heard.append((stream, text)), on_end=lambda: ended.append(1))
    console.send("to a listener\n")
    until(lambda: "".join(text for _, text in heard) == "to a listener\n")
    console.eof()
    assert console.wait(10) == 0 and ended == [1]
    assert not [name for name in vars(session) if "widget" in name or "view" in name]


def test_the_magic_returns_the_console_and_ipython_shows_it_once(ipython, engine, monkeypatch):
    import IPython.core.display_functions

    import dockerwidgets.widgets.console as console_module
    from dockerwidgets.widgets.console import Console
    from dockerwidgets.widgets.terminal import Terminal

    shown = []
    monkeypatch.setattr(IPython.core.display_functions, "display", lambda *a, **k: shown.append(a))
    console = ipython.run_line_magic("docker", f"-H {engine.host} run -it --name shell busybox sh")
    try:
        assert isinstance(console, Terminal) and isinstance(console, Console)  # -t: the terminal, the console's API
        assert shown == []  # nothing displayed before IPython does
        data, _ = ipython.display_formatter.format(console)
        assert data == {"text/plain": repr(console)}  # outside a kernel: the text
        monkeypatch.setattr(console_module, "_in_kernel", lambda: True)
        data, _ = ipython.display_formatter.format(console)
        view = data["application/vnd.jupyter.widget-view+json"]
        assert view["model_id"] == console.widget().model_id and data["text/plain"] == "<terminal shell>"
        assert shown == []
    finally:
        console.close()


def test_a_kernel_interrupt_while_waiting_stops_the_stream_not_the_container(docker):
    import signal

    console = docker("run -i --name sleeper busybox sleep 300")
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))  # what a kernel interrupt sends
    timer.start()
    with pytest.raises(UsageError, match=r"^interrupted: stopped following sleeper; the container is left as it was$"):
        console.wait()  # one line, as every interrupted wait
    timer.join()
    assert console.status == "detached"
    assert state("sleeper") == "running"


def test_closing_a_console_closes_its_own_widgets_only(docker):
    import ipywidgets as w

    bystander = w.Button(description="not the console's")
    console = docker("run -it --name shell busybox sh")
    view = console.widget()
    parts = [*view.children, *view.children[2].children]
    console.close()
    assert view.comm is None and all(part.comm is None for part in parts)
    assert bystander.comm is not None
    bystander.close()
