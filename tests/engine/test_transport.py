"""The list reads: one request over docker-py's own connection, parsed by the fast parser, same answers."""

from __future__ import annotations

import docker.errors
import pytest
from conftest import cli

from dockerwidgets import transport
from dockerwidgets.frames import containers_frame

pytestmark = pytest.mark.engine


@pytest.fixture
def three(engine):
    """Three containers: one running with a published port, one created, one exited."""
    cli("run", "-d", "--name", "t_web", "-p", "18081:80", "--label", "role=web", "busybox", "httpd", "-f", "-p", "80")
    cli("create", "--name", "t_made", "busybox", "echo", "hi")
    cli("run", "--name", "t_done", "busybox", "sh", "-c", "exit 3", check=False)
    return engine


def test_list_containers_answers_as_docker_py(three):
    api = three.api
    assert transport.list_containers(api, all=True) == api.containers(all=True)
    assert transport.list_containers(api) == api.containers()
    assert transport.list_containers(api, all=True, limit=2) == api.containers(all=True, limit=2)
    labelled = transport.list_containers(api, all=True, filters={"label": ["role=web"]})
    assert [c["Names"] for c in labelled] == [["/t_web"]]
    sized = transport.list_containers(api, all=True, size=True)
    assert sized == api.containers(all=True, size=True) and all(c["SizeRootFs"] > 0 for c in sized)


def test_list_images_answers_as_docker_py(engine):
    assert transport.list_images(engine.api) == engine.api.images()
    assert transport.list_images(engine.api, all=True) == engine.api.images(all=True)


def test_an_engine_error_is_docker_pys_exception(engine):
    with pytest.raises(docker.errors.APIError, match="bogus"):
        transport.list_containers(engine.api, all=True, filters={"bogus": ["x"]})
    with pytest.raises(docker.errors.NotFound):
        transport.get_json(engine.api, "/containers/{0}/json", "no-such-container")


def test_the_frame_from_the_fast_read_is_the_cli_s(three):
    frame = containers_frame(transport.list_containers(three.api, all=True))
    expected = cli("ps", "-a", "--format", "{{.ID}}|{{.Image}}|{{.Ports}}|{{.Names}}").splitlines()
    ours = ["|".join(row) for row in frame[["CONTAINER ID", "IMAGE", "PORTS", "NAMES"]].itertuples(index=False)]
    assert sorted(ours) == sorted(expected)
    typed = frame.docker.typed.set_index("name")
    assert typed.loc["t_done", "exit_code"] == 3 and typed.loc["t_web", "ports"]
