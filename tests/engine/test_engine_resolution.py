"""The engine is resolved only when a command needs one, and named in one line when it cannot be.

A current context whose folder was deleted (a dangling ``currentContext`` in the CLI's
config) must not stop the commands that repair it, nor those that need no engine.
"""

from __future__ import annotations

import json

import pytest
from conftest import PRIVATE_HOST, cli

import dockerwidgets
from dockerwidgets.engine import resolve_engine, resolve_engines
from dockerwidgets.errors import UsageError


@pytest.fixture
def dangling(tmp_path, monkeypatch):
    """A CLI config whose current context, ``gone``, does not exist."""
    (tmp_path / "config.json").write_text(json.dumps({"currentContext": "gone"}))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    monkeypatch.delenv("DOCKER_CONTEXT", raising=False)
    return tmp_path


def fails(line: str) -> str:
    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(line)
    assert type(caught.value) is UsageError
    return str(caught.value)


def test_a_command_that_needs_the_engine_names_the_missing_context_once(dangling):
    message = fails("ps")
    assert message == (
        f'Current context "gone" is not found on the file system, please check your config file at '
        f"{dangling / 'config.json'}"
    )
    assert message.count('"gone"') == 1


def test_context_commands_work_with_a_dangling_current_context(dangling):
    assert str(dockerwidgets.docker("context show")) == "gone"
    assert str(dockerwidgets.docker("context use default")) == "default"
    assert json.loads((dangling / "config.json").read_text()).get("currentContext", "default") == "default"
    assert "default" in dockerwidgets.docker("context ls -q")


def test_help_and_version_need_no_engine(dangling):
    assert fails("ps --help").startswith("Usage: docker ps [OPTIONS]")
    version = str(dockerwidgets.docker("version"))
    assert version.startswith("Client: dockerwidgets")
    assert version.splitlines()[-1].startswith('Current context "gone" is not found')


def test_an_unknown_context_flag_is_one_line(private_engine):
    assert fails("--context nowhere ps").startswith('context "nowhere": context not found')


def test_engines_are_named_by_context_or_by_url(engine):
    assert resolve_engine(PRIVATE_HOST).host == PRIVATE_HOST
    assert resolve_engine(engine) is engine
    assert [e.host for e in resolve_engines([PRIVATE_HOST, PRIVATE_HOST])] == [PRIVATE_HOST]
    dockerwidgets.docker("run -d --name by-url busybox sleep 60", resolve_engine(PRIVATE_HOST))
    frame = dockerwidgets.docker(f"--engines {PRIVATE_HOST} ps")
    assert frame["NAMES"].tolist() == ["by-url"]
    assert frame["ENGINE"].tolist() == [PRIVATE_HOST]
    assert cli("ps", "--format", "{{.Names}}") == "by-url"


def test_a_help_flag_for_the_container_is_the_containers(engine):
    console = dockerwidgets.docker("run --rm busybox echo -h --help", engine)
    assert console.wait(30) == 0
    assert console.text == "-h --help\n"
