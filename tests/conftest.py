"""Shared fixtures: the project's private engine, and a clean slate on it for each test.

Engine tests only ever talk to the private engine that ``scripts/engine up`` starts (its
own socket, data-root and bridge): ``DOCKER_HOST`` is pointed there for the whole run, so
no test can see or touch anyone else's containers.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRIVATE_SOCKET = os.environ.get("DW_RUN", "/run/dockerwidgets") + "/docker.sock"
PRIVATE_HOST = f"unix://{PRIVATE_SOCKET}"
os.environ["DOCKER_HOST"] = PRIVATE_HOST  # before any engine is made: never the user's engine


def cli(*args: str, check: bool = True) -> str:
    """The docker CLI against the private engine: an independent witness for the tests."""
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, *args], capture_output=True, text=True, timeout=60)
    if check and result.returncode:
        raise AssertionError(f"docker {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Wait for *predicate* to hold (the engine and the events are asynchronous); fail after *timeout*."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def state(name: str) -> str:
    """A container's state as the CLI sees it (``running``, ``exited``, …)."""
    return cli("inspect", "-f", "{{.State.Status}}", name)


def witness() -> str:
    """Everything about the engine's containers and images a bad command must not change.

    Each list is sorted: the engine orders images by creation time in whole seconds and
    leaves images of the same second in any order, from one call to the next.
    """
    containers = cli("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}} {{.Image}} {{.State}}")
    images = cli("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")
    return "\n".join(sorted(containers.splitlines())) + "\n---\n" + "\n".join(sorted(images.splitlines()))


@pytest.fixture(scope="session")
def private_engine() -> str:
    """Make sure the private engine is up (``scripts/engine up`` is idempotent)."""
    status = subprocess.run([str(ROOT / "scripts" / "engine"), "status"], capture_output=True, text=True)
    if status.returncode:
        subprocess.run([str(ROOT / "scripts" / "engine"), "up"], check=True)
    return PRIVATE_HOST


@pytest.fixture
def engine(private_engine: str):
    """The private engine, emptied of containers before and after the test."""
    from dockerwidgets.engine import engine_for

    def clear() -> None:
        ids = cli("ps", "-a", "-q").split()
        if ids:
            cli("rm", "-f", *ids)

    clear()
    yield engine_for(private_engine)
    clear()


@pytest.fixture
def docker(engine):
    """``docker("ps -a")`` on the private engine: the package's plain-Python entry point."""
    import dockerwidgets

    return lambda line: dockerwidgets.docker(line, engine)


@pytest.fixture(scope="session")
def ipython():
    """An IPython shell with the extension loaded, for ``%docker`` as a user types it."""
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    shell.run_line_magic("load_ext", "dockerwidgets")
    return shell


@pytest.fixture(scope="session")
def tls_engine(private_engine, tmp_path_factory):
    """A second private engine on TCP+TLS (127.0.0.1), up for the session: ``(host, certificate folder)``."""
    from tls_engine import TLS_HOST, engine_script, make_certificates

    folder = tmp_path_factory.mktemp("tls")
    make_certificates(folder)
    started = engine_script("up", folder)
    if started.returncode:
        raise RuntimeError(f"the TLS engine did not start: {started.stderr.strip()}")
    yield TLS_HOST, folder
    engine_script("down", folder)
