"""Beyond one engine: contexts (the CLI's store), global flags, TCP+TLS, several engines at once."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from conftest import PRIVATE_HOST, cli, until, witness
from IPython.core.error import UsageError

import dockerwidgets


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A context store of the test's own (``DOCKER_CONFIG``), shared with the CLI witness."""
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    return tmp_path / "docker-config"


def tls_cli(host: str, folder, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["docker", "-H", host, "--tlsverify", "--tlscacert", str(folder / "ca.pem"), "--tlscert",
         str(folder / "cert.pem"), "--tlskey", str(folder / "key.pem"), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if check and result.returncode:
        raise AssertionError(result.stderr)
    return result.stdout.strip()


@pytest.fixture
def tls(tls_engine):
    """The TLS engine, emptied of containers before and after the test."""
    host, folder = tls_engine

    def clear() -> None:
        ids = tls_cli(host, folder, "ps", "-a", "-q").split()
        if ids:
            tls_cli(host, folder, "rm", "-f", *ids)

    clear()
    yield host, folder
    clear()


def tls_context(host: str, folder) -> None:
    """A context called ``tls`` for the TLS engine, with its certificates."""
    dockerwidgets.docker(
        f"context create tls --docker host={host},ca={folder}/ca.pem,cert={folder}/cert.pem,key={folder}/key.pem"
    )


def fails(line: str, **kwargs) -> str:
    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(line, **kwargs)
    assert type(caught.value) is UsageError and "\n" not in str(caught.value)
    return str(caught.value)


def test_contexts_are_the_clis_own(store, engine):
    frame = dockerwidgets.docker("context ls")
    assert list(frame.columns) == ["NAME", "DESCRIPTION", "DOCKER ENDPOINT", "ERROR"]
    assert frame["NAME"].to_list() == ["default *"]
    assert (
        dockerwidgets.docker("context create mine --docker host=unix:///tmp/x.sock --description 'made here'") == "mine"
    )
    theirs = [json.loads(line) for line in cli("context", "ls", "--format", "json").splitlines()]
    assert {"Name": "mine", "Description": "made here", "DockerEndpoint": "unix:///tmp/x.sock"}.items() <= {
        k: v for item in theirs if item["Name"] == "mine" for k, v in item.items()
    }.items()
    cli("context", "create", "theirs", "--docker", f"host={PRIVATE_HOST}")
    frame = dockerwidgets.docker("context ls")
    assert frame["NAME"].to_list() == ["default *", "mine", "theirs"]
    assert frame.docker.typed["host"].to_list() == [PRIVATE_HOST, "unix:///tmp/x.sock", PRIVATE_HOST]
    inspected = dockerwidgets.docker("context inspect theirs")
    assert inspected["Endpoints"]["docker"]["Host"] == PRIVATE_HOST
    assert dockerwidgets.docker("context rm mine") == "mine"
    assert cli("context", "ls", "-q").split() == ["default", "theirs"]


def test_context_use_is_what_the_cli_uses(store, engine, monkeypatch):
    dockerwidgets.docker("context create private --docker host=" + PRIVATE_HOST)
    monkeypatch.delenv("DOCKER_HOST")
    assert dockerwidgets.docker("context use private") == "private"
    assert subprocess.run(["docker", "context", "show"], capture_output=True, text=True).stdout.strip() == "private"
    assert dockerwidgets.docker("context show") == "private"
    dockerwidgets.docker("create --name via_context busybox")  # no -H: the current context's engine
    assert (
        subprocess.run(["docker", "ps", "-a", "--format", "{{.Names}}"], capture_output=True, text=True).stdout.strip()
        == "via_context"
    )
    assert fails("context rm private") == 'context "private" is in use, set -f flag to force remove'
    assert dockerwidgets.docker("context rm -f private") == "private"
    assert dockerwidgets.docker("context show") == "default"


def test_global_flags_choose_the_engine(store, engine):
    dockerwidgets.docker("context create private --docker host=" + PRIVATE_HOST)
    dockerwidgets.docker(f"-H {PRIVATE_HOST} create --name by_host busybox")
    dockerwidgets.docker("--context private create --name by_context busybox")
    assert sorted(cli("ps", "-a", "--format", "{{.Names}}").split()) == ["by_context", "by_host"]
    assert (
        fails(f"-H {PRIVATE_HOST} --context private ps")
        == "conflicting options: cannot specify both --host and --context"
    )
    assert fails("--frob ps").startswith("unknown flag: --frob (docker supports: -H, --host;")


def test_a_tls_engine_by_flags_and_by_context(store, engine, tls):
    host, folder = tls
    flags = f"-H {host} --tlsverify --tlscacert {folder}/ca.pem --tlscert {folder}/cert.pem --tlskey {folder}/key.pem"
    dockerwidgets.docker(f"{flags} run -d --name secure busybox sleep 300")
    assert tls_cli(host, folder, "ps", "--format", "{{.Names}}") == "secure"
    assert cli("ps", "-a", "-q") == ""  # nothing on the other engine
    tls_context(host, folder)
    frame = dockerwidgets.docker("--context tls ps")
    assert frame["NAMES"].to_list() == ["secure"]
    console = dockerwidgets.docker("--context tls exec secure cat /etc/dw-image")
    assert console.wait(10) == 0 and console.text == "busybox:latest\n"


def test_tls_errors_are_one_line_and_quick(store, engine, tls):
    host, folder = tls
    before = witness()
    started = time.monotonic()
    message = fails(
        f"-H {host} --tlsverify --tlscacert {folder}/other-ca.pem --tlscert {folder}/cert.pem --tlskey {folder}/key.pem ps"
    )
    assert message.startswith(f"error during connect: {host}: tls: ")
    assert "certificate verify failed" in message
    assert fails(f"-H {host} ps") == "Error response from daemon: Client sent an HTTP request to an HTTPS server."
    assert fails(f"-H {host} --tlsverify --tlscacert /nonexistent/ca.pem ps") == (
        "could not read TLS material /nonexistent/ca.pem: open /nonexistent/ca.pem: no such file or directory"
    )
    assert time.monotonic() - started < 10
    assert witness() == before


def test_unknown_context_and_unreachable_host(store, engine):
    message = fails("--context nosuch ps")
    assert message.startswith('context "nosuch": context not found: open ')
    started = time.monotonic()
    assert (
        fails("-H tcp://127.0.0.1:1 ps")
        == "Cannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?"
    )
    assert time.monotonic() - started < 3
    for line, expected in [
        (
            "context create 'bad name'",
            'context name "bad name" is invalid, names are validated against regexp "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$"',
        ),
        (
            "context create x1 --docker nohost",
            "unable to parse docker endpoint: invalid field 'nohost' must be a key=value pair",
        ),
        (
            "context create x1 --docker colour=red",
            "unable to create docker endpoint config: unrecognized config key: colour",
        ),
        ("context use nosuch", None),
        ("context rm default", 'context "default" cannot be removed'),
    ]:
        message = fails(line)
        assert expected is None or message == expected
    dockerwidgets.docker("context create twice --docker host=tcp://127.0.0.1:1")
    assert fails("context create twice --docker host=tcp://127.0.0.1:1") == 'context "twice" already exists'
    assert cli("context", "ls", "-q").split() == ["default", "twice"]


def test_one_table_over_several_engines(store, engine, tls):
    host, folder = tls
    tls_context(host, folder)
    dockerwidgets.docker("create --name here busybox")
    dockerwidgets.docker("--context tls create --name there busybox")
    frame = dockerwidgets.docker("--engines default,tls ps -a")
    assert list(frame.columns) == ["ENGINE", "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    assert sorted(zip(frame["ENGINE"], frame["NAMES"], strict=True)) == [("default", "here"), ("tls", "there")]
    typed = frame.docker.typed
    assert sorted(typed["engine"]) == ["default", "tls"] and typed["id"].str.len().eq(64).all()
    assert sorted(dockerwidgets.docker("--engines all ps -a -q")) == sorted(
        [f"default/{cli('ps', '-a', '-q')}", f"tls/{tls_cli(host, folder, 'ps', '-a', '-q')}"]
    )
    images = dockerwidgets.docker("--engines default,tls images busybox")
    assert set(images["ENGINE"]) == {"default", "tls"}
    assert fails("--engines default,tls rm here").startswith("--engines works with ps, images")


def test_an_engine_that_stops_answering_is_one_line_and_comes_back(store, engine, tls, capsys):
    from tls_engine import engine_script

    host, folder = tls
    tls_context(host, folder)
    dockerwidgets.docker("create --name here busybox")
    dockerwidgets.docker("--context tls create --name there busybox")
    engine_script("down", folder)
    try:
        started = time.monotonic()
        frame = dockerwidgets.docker("--engines default,tls ps -a")
        assert time.monotonic() - started < 5
        assert frame["NAMES"].to_list() == ["here"]
        assert frame.attrs["errors"] == {
            "tls": f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"
        }
        assert (
            capsys.readouterr().err.strip()
            == f"engine tls: Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"
        )
    finally:
        assert engine_script("up", folder).returncode == 0
    frame = dockerwidgets.docker("--engines default,tls ps -a")
    assert sorted(frame["NAMES"]) == ["here", "there"] and frame.attrs["errors"] == {}


def test_a_panel_over_two_engines_routes_actions_and_survives_one_going_away(store, engine, tls):
    from tls_engine import engine_script

    from dockerwidgets import ContainerPanel

    host, folder = tls
    tls_context(host, folder)
    dockerwidgets.docker("run -d --name here busybox sleep 300")
    dockerwidgets.docker("--context tls run -d --name there busybox sleep 300")
    dockerwidgets.docker("--context tls run -d --name here busybox sleep 300")  # the same name on the other engine
    panel = ContainerPanel(engines=["default", "tls"], stop_timeout=1)
    try:
        assert list(panel.frame.columns)[0] == "ENGINE"
        assert sorted(zip(panel.frame["ENGINE"], panel.frame["NAMES"], strict=True)) == [
            ("default", "here"), ("tls", "here"), ("tls", "there"),
        ]  # fmt: skip
        assert panel.select("tls/here") and panel.selected[0].startswith("tls/")
        panel.buttons["stop"].click()
        assert panel.wait(30)  # actions run on the panel's worker
        assert tls_cli(host, folder, "inspect", "-f", "{{.State.Status}}", "here") == "exited"
        assert cli("inspect", "-f", "{{.State.Status}}", "here") == "running"  # the other engine's "here" untouched
        panel.select("there")
        panel.buttons["pause"].click()
        assert panel.wait(30)
        assert tls_cli(host, folder, "inspect", "-f", "{{.State.Status}}", "there") == "paused"

        engine_script("down", folder)
        try:
            panel.refresh()
            assert set(panel.frame["ENGINE"]) == {"default"}
            unreachable = f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"
            assert panel.engine_errors == {"tls": unreachable}
            assert panel.message.startswith("engine tls: ")  # this, or its events follower saying it lost the stream
            assert "\n" not in panel.message
            panel.select("here")
            panel.buttons["restart"].click()  # the other engine keeps working
            assert panel.wait(30)
            assert cli("inspect", "-f", "{{.State.Status}}", "here") == "running"
        finally:
            assert engine_script("up", folder).returncode == 0
        until(lambda: set(panel.frame["ENGINE"]) == {"default", "tls"}, timeout=15.0)  # back by itself, from its events
    finally:
        panel.close()
    assert not any(follower.alive for follower in panel.followers)
