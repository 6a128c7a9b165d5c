"""A kernel interrupt while a line blocks ends it in one line (``UsageError``) and leaves the container as it was.

The interrupt is what a kernel sends: SIGINT, delivered to the main thread (where the magic
runs) while it waits on the engine, so the blocking read is interrupted as in a notebook.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import cli, state
from IPython.core.error import UsageError

IGNORES_SIGTERM = "run -d --name stubborn busybox sleep 300"  # pid 1 without a handler: SIGTERM does nothing


@contextmanager
def interrupted_after(seconds: float) -> Iterator[None]:
    """Send SIGINT to the main thread after *seconds*, as a kernel interrupt does; never after the block ends."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    main = threading.main_thread().ident
    done = threading.Event()

    def interrupt() -> None:
        if not done.wait(seconds):
            signal.pthread_kill(main, signal.SIGINT)

    timer = threading.Thread(target=interrupt, daemon=True)
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.join()
        signal.signal(signal.SIGINT, previous)


def one_line(call) -> str:
    with pytest.raises(UsageError) as caught:
        call()
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def test_wait_on_a_running_container_ends_in_one_line(docker):
    docker("run -d --name sleeper busybox sleep 300")
    with interrupted_after(1.0):
        message = one_line(lambda: docker("wait sleeper"))
    assert message == "docker wait: interrupted; the engine keeps what it had done, nothing else was changed"
    assert state("sleeper") == "running"
    assert docker("ps -q") == [cli("ps", "-q")]  # the engine answers as before: no connection left broken


@pytest.mark.parametrize("command", ["stop", "restart"])
def test_stop_without_a_timeout_on_a_container_ignoring_sigterm_ends_in_one_line(docker, command):
    docker(IGNORES_SIGTERM)
    started = cli("inspect", "-f", "{{.State.StartedAt}}", "stubborn")
    with interrupted_after(1.5):
        message = one_line(lambda: docker(f"{command} -t -1 stubborn"))
    assert message.startswith(f"docker {command}: interrupted;")
    assert state("stubborn") == "running"
    assert cli("inspect", "-f", "{{.State.StartedAt}}", "stubborn") == started  # not restarted either
    assert docker("kill stubborn") == "stubborn"


def test_waiting_on_an_attached_console_ends_in_one_line(docker):
    docker("run -d --name talker busybox sh -c 'while true; do echo tick; sleep 1; done'")
    console = docker("attach talker")
    try:
        with interrupted_after(1.0):
            message = one_line(console.wait)
        assert message == "interrupted: stopped following talker; the container is left as it was"
        assert console.status == "detached"
        assert state("talker") == "running"
    finally:
        console.close()


def test_waiting_on_logs_follow_ends_in_one_line(docker):
    docker("run -d --name talker busybox sh -c 'while true; do echo tick; sleep 1; done'")
    console = docker("logs -f talker")
    try:
        with interrupted_after(1.0):
            message = one_line(console.wait)
        assert message.startswith("interrupted: stopped following")
        assert state("talker") == "running"
        assert "tick" in console.text
    finally:
        console.close()


def test_a_command_interrupted_in_the_magic_is_one_line(ipython, engine, capsys):
    from conftest import PRIVATE_HOST

    cli("run", "-d", "--name", "sleeper", "busybox", "sleep", "300")
    with interrupted_after(1.0):
        ipython.run_cell(f"%docker -H {PRIVATE_HOST} wait sleeper")
    printed = capsys.readouterr()
    assert "UsageError: docker wait: interrupted;" in printed.err + printed.out
    assert "Traceback" not in printed.err + printed.out
    assert state("sleeper") == "running"


def test_events_until_a_later_moment_ends_in_one_line_and_closes_its_stream(docker):
    import time

    from conftest import until

    listeners = docker("info")["NEventsListener"]
    later = int(time.time()) + 120
    with interrupted_after(1.0):
        message = one_line(lambda: docker(f"events --until {later}"))
    assert message == "docker events: interrupted; the engine keeps what it had done, nothing else was changed"
    until(lambda: docker("info")["NEventsListener"] == listeners)  # the engine saw the connection close
