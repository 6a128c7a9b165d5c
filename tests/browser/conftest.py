"""A real browser on a real JupyterLab: the server on loopback, Debian's chromium driven by Playwright.

The server runs with ``DOCKER_HOST`` pointing at the private engine (set by the top-level
conftest), so its kernels talk to that engine only. Both the server (with its kernels)
and the browser are stopped in the fixtures' teardown.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT  # tests/conftest.py (this folder is a package, so its conftest is browser.conftest)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"
STARTUP_SECONDS = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without Debian's chromium there is no browser to drive (none can be downloaded here)."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"Debian's chromium is not installed ({CHROMIUM}); scripts/setup installs it")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def free_port() -> int:
    """A TCP port nobody listens on now, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_notebook(path: Path, cells: list[str]) -> None:
    """A notebook of code cells, with the python3 kernel named (so JupyterLab asks nothing)."""
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook))


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, private_engine: str) -> Iterator[tuple[str, Path]]:
    """``jupyter lab`` on 127.0.0.1 (no token) over a fresh folder; yields its URL and the folder."""
    root = tmp_path_factory.mktemp("lab")
    port = free_port()
    log = (root / "lab.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--IdentityProvider.token=",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={root / '.workspaces'}",
            f"--LabApp.user_settings_dir={root / '.settings'}",
        ],
        cwd=root,
        env={**os.environ, "DOCKER_HOST": private_engine},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its kernels are in its process group, stopped with it
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not start: {(root / 'lab.log').read_text()[-2000:]}") from None
                time.sleep(0.2)
        yield url, root
    finally:
        stop_group(process)
        log.close()


def stop_group(process: subprocess.Popen) -> None:
    """Stop the process we started and its group (its kernels): TERM, then KILL after 10 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless chromium from Debian's package."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Where screenshots go (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
