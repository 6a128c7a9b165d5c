"""The seed walkthrough's commands (rows 1-4 and 8-23), each checked against the docker CLI."""

from __future__ import annotations

import json
import re
import urllib.request

import pandas as pd
import pytest
from conftest import cli

from dockerwidgets.frames import CONTAINER_COLUMNS, IMAGE_COLUMNS
from dockerwidgets.results import CliText, IdList, InspectResult

DURATION = re.compile(r"Less than a second|About an? (minute|hour)|\d+ (second|minute|hour|day|week|month|year)s?")


def without_durations(text: str) -> str:
    """The CLI's text with its human durations masked: two reads moments apart may differ there."""
    return DURATION.sub("DURATION", text)


def test_version_names_the_client_and_the_engine(docker):
    short = docker("-v")
    assert short.startswith("dockerwidgets ") and "docker-py" in short
    assert cli("version", "--format", "{{.Server.Version}}") in short
    full = docker("version")
    assert "Client: dockerwidgets" in full and "Server:" in full and "API version:" in full


def test_pull_is_a_real_pull_then_the_image_is_listed(docker):
    cli("rmi", "-f", "ubuntu:14.04", check=False)
    printed = docker("pull ubuntu:14.04")
    assert printed.splitlines()[0] == "14.04: Pulling from library/ubuntu"
    assert "Status: Downloaded newer image for ubuntu:14.04" in printed
    assert printed.splitlines()[-1] == "docker.io/library/ubuntu:14.04"
    again = docker("pull ubuntu:14.04")
    assert "Status: Image is up to date for ubuntu:14.04" in again
    frame = docker("images ubuntu")
    assert ("ubuntu", "14.04") in set(zip(frame["REPOSITORY"], frame["TAG"], strict=True))


def test_pull_without_a_tag_uses_latest(docker):
    printed = docker("pull ubuntu")
    assert printed.splitlines()[0] == "Using default tag: latest"
    assert printed.splitlines()[-1] == "docker.io/library/ubuntu:latest"


def test_images_matches_the_cli_column_for_column(docker):
    docker("pull centos:7")
    frame = docker("images")
    assert list(frame.columns) == IMAGE_COLUMNS
    expected = cli("images", "--format", "{{.Repository}}|{{.Tag}}|{{.ID}}|{{.CreatedSince}}|{{.Size}}").splitlines()
    ours = ["|".join(row) for row in frame.itertuples(index=False)]
    assert sorted(map(without_durations, ours)) == sorted(map(without_durations, expected))
    assert all(" ago" in created for created in frame["CREATED"])
    typed = frame.docker.typed
    assert typed["size"].dtype == "int64" and (typed["size"] > 1_000_000).all()
    assert str(typed["created"].dtype).startswith("datetime64")
    assert typed["id"].str.startswith("sha256:").all()
    ids = docker("images -q")  # the engine's order of images created in the same second varies call to call
    assert isinstance(ids, IdList) and len(ids) == len(set(ids))
    assert sorted(ids) == sorted(set(cli("images", "-q").split()))


def test_create_start_ps_inspect_rename(docker):
    full_id = docker("create -i -t --name mycentos centos:7")
    assert isinstance(full_id, CliText) and len(full_id) == 64
    assert (
        cli("inspect", "-f", "{{.State.Status}} {{.Config.Tty}} {{.Config.OpenStdin}}", "mycentos")
        == "created true true"
    )
    assert docker("start mycentos") == "mycentos"
    assert cli("inspect", "-f", "{{.State.Status}}", "mycentos") == "running"
    running = docker("ps")
    assert list(running.columns) == CONTAINER_COLUMNS
    assert running.loc[0, "CONTAINER ID"] == full_id[:12]
    assert running.loc[0, "COMMAND"] == '"/bin/bash"'
    assert running.loc[0, "STATUS"].startswith("Up ")
    assert running.docker.typed.loc[0, "id"] == full_id
    assert running.docker.typed.loc[0, "state"] == "running"
    assert docker("inspect -f '{{.Id}}' mycentos") == full_id
    inspected = docker("inspect mycentos")
    assert isinstance(inspected, InspectResult) and inspected["Id"] == full_id
    data, metadata = inspected._repr_json_()
    assert data["Name"] == "/mycentos" and metadata["expanded"] is False
    docker("rename mycentos big_container")
    assert cli("ps", "--format", "{{.Names}}") == "big_container"
    assert docker("create --name mycentos centos:7")  # the old name is free again


def test_ps_matches_the_cli_text(docker):
    docker("run -d --name web -p 18080:80 busybox httpd -f -p 80 -h /etc")
    docker("create --name created_only centos:7 echo hello")
    docker("run -d --name done busybox true")
    cli("wait", "done")
    docker("run -d --name frozen busybox sleep 300")
    docker("pause frozen")
    ours = docker("ps -a")
    fields = "{{.ID}}|{{.Image}}|{{.Command}}|{{.RunningFor}}|{{.Status}}|{{.Ports}}|{{.Names}}"
    theirs = cli("ps", "-a", "--format", fields).splitlines()
    # the two reads are moments apart: a duration may tick over ("Less than a second" -> "1 second")
    assert [without_durations("|".join(row)) for row in ours.itertuples(index=False)] == [
        without_durations(line) for line in theirs
    ]
    by_name = ours.set_index("NAMES")
    assert by_name.loc["frozen", "STATUS"].endswith("(Paused)")
    assert re.fullmatch(r"Exited \(0\) .* ago", by_name.loc["done", "STATUS"])
    assert by_name.loc["created_only", "STATUS"] == "Created"
    assert "0.0.0.0:18080->80/tcp" in by_name.loc["web", "PORTS"]
    typed = ours.docker.typed.set_index("name")
    assert typed.loc["done", "exit_code"] == 0 and pd.isna(typed.loc["web", "exit_code"])
    assert typed.loc["frozen", "state"] == "paused"
    assert {"PrivatePort": 80, "PublicPort": 18080, "Type": "tcp"}.items() <= typed.loc["web", "ports"][0].items()
    running = docker("ps")
    assert set(running["NAMES"]) == {"web", "frozen"}
    assert docker("ps -a -q") == cli("ps", "-a", "-q").split()
    assert docker("ps -a -q --no-trunc") == cli("ps", "-a", "-q", "--no-trunc").split()
    assert list(docker("ps -l")["NAMES"]) == ["frozen"]
    assert list(docker("ps -n 2")["NAMES"]) == cli("ps", "-n", "2", "--format", "{{.Names}}").split()
    assert list(docker("ps -a --filter status=exited")["NAMES"]) == ["done"]
    assert list(docker("ps -a --filter name=web --no-trunc")["CONTAINER ID"])[0] == docker("inspect -f {{.Id}} web")
    filtered = ours[ours["STATUS"].str.startswith("Up")]
    assert set(filtered.docker.typed["name"]) == {"web", "frozen"}


def test_pause_unpause_stop_restart_kill(docker):
    docker("run -d --name worker busybox sleep 300")
    assert docker("pause worker") == "worker"
    assert cli("inspect", "-f", "{{.State.Status}}", "worker") == "paused"
    assert docker("unpause worker") == "worker"
    assert docker("restart -t 1 worker") == "worker"
    assert cli("inspect", "-f", "{{.State.Status}}", "worker") == "running"
    assert docker("kill worker") == "worker"
    assert cli("inspect", "-f", "{{.State.Status}}", "worker") == "exited"
    docker("start worker")
    assert docker("stop -t 1 worker") == "worker"
    assert cli("inspect", "-f", "{{.State.Status}}", "worker") == "exited"


def test_published_ports_work_and_port_lists_them(docker):
    docker("run -d --name web -p 127.0.0.1:18081:80 busybox httpd -f -p 80 -h /etc")
    frame = docker("port web")
    assert list(frame.columns) == ["CONTAINER PORT", "HOST IP", "HOST PORT"]
    assert frame.iloc[0].to_list() == ["80/tcp", "127.0.0.1", "18081"]
    assert frame.docker.typed.iloc[0]["host_port"] == 18081
    assert docker("port web 80") == cli("port", "web", "80")
    with urllib.request.urlopen("http://127.0.0.1:18081/dw-image", timeout=5) as reply:
        assert reply.read().decode().strip() == "busybox:latest"


def test_publish_all_gives_random_ports(docker):
    docker("run -d --name web -P --expose 80 busybox httpd -f -p 80 -h /etc")
    frame = docker("port web")
    assert set(frame["CONTAINER PORT"]) == {"80/tcp"}
    assert all(int(port) > 0 for port in frame["HOST PORT"])


def test_create_flags_reach_the_engine(docker):
    docker(
        "create --name flags -e A=1 -e 'B=two words' -w /tmp -l team=data -l solo "
        "--entrypoint /bin/echo -h boxy centos:7 hello"
    )
    config = json.loads(cli("inspect", "-f", "{{json .Config}}", "flags"))
    assert {"A=1", "B=two words"} <= set(config["Env"])
    assert config["WorkingDir"] == "/tmp"
    assert config["Labels"] == {"team": "data", "solo": ""}
    assert config["Entrypoint"] == ["/bin/echo"] and config["Cmd"] == ["hello"]
    assert config["Hostname"] == "boxy"


def test_run_attached_streams_into_a_console_and_rm_cleans_up(docker):
    console = docker("run --rm centos:7 cat /etc/dw-image")
    assert console.wait(10) == 0 and console.text == "centos:7\n"
    assert cli("ps", "-a", "-q") == ""
    failing = docker("run --rm busybox sh -c 'exit 3'")
    assert failing.wait(10) == 3 and failing.status == "exited with code 3"
    assert cli("ps", "-a", "-q") == ""


def test_run_detached_with_rm_is_removed_by_the_engine(docker):
    docker("run -d --rm --name brief busybox true")
    cli("wait", "brief", check=False)
    for _ in range(50):
        if not cli("ps", "-a", "-q"):
            break
        import time

        time.sleep(0.1)
    assert cli("ps", "-a", "-q") == ""


def test_logs_diff_exec_top(docker):
    docker(
        "run -d --name chatty busybox sh -c 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three; touch /tmp/new; rm /etc/group; sleep 300'"
    )
    import time

    for _ in range(50):
        if docker("logs chatty") and "three" in docker("logs chatty"):
            break
        time.sleep(0.1)
    assert docker("logs chatty").splitlines() == ["one", "two", "three"]
    assert docker("logs --tail 1 chatty") == "three"
    stamped = docker("logs -t --tail 1 chatty")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z three", stamped)
    assert docker("logs --since 1h chatty").splitlines() == ["one", "two", "three"]
    changes = docker("diff chatty").splitlines()
    assert "A /tmp/new" in changes and "D /etc/group" in changes and "C /etc" in changes
    assert sorted(changes) == sorted(cli("diff", "chatty").splitlines())
    assert docker("exec chatty cat /etc/dw-image").wait(10) == 0
    assert docker("exec -d chatty touch /tmp/from-exec") is None
    processes = docker("top chatty")
    assert "CMD" in processes.columns and any("sleep 300" in cmd for cmd in processes["CMD"])


def test_rm_stop_and_force(docker):
    docker("run -d --name a1 busybox sleep 300")
    docker("run -d --name a2 busybox sleep 300")
    assert docker("stop -t 1 a1") == "a1"
    assert docker("rm a1") == "a1"
    assert docker("rm -f a2") == "a2"
    assert cli("ps", "-a", "-q") == ""


def test_dollar_paren_runs_docker_inside_the_line(docker):
    for name in ("x1", "x2", "x3"):
        docker(f"run -d --name {name} busybox sleep 300")
    stopped = docker("stop -t 1 $(docker ps -a -q)")
    assert sorted(stopped.splitlines()) == sorted(cli("ps", "-a", "-q").split())
    assert cli("ps", "-q") == ""
    docker("rm $(docker ps -a -q)")
    assert cli("ps", "-a", "-q") == ""
    with pytest.raises(Exception, match='"docker stop" requires at least 1 argument'):
        docker("stop $(docker ps -a -q)")


def test_container_prune_with_force_reports_what_it_removed(docker):
    gone = docker("create --name gone busybox")
    docker("run -d --name stays busybox sleep 300")
    report = docker("container prune -f")
    assert report.splitlines()[:2] == ["Deleted Containers:", gone]
    assert cli("ps", "-a", "--format", "{{.Names}}") == "stays"


def test_inspect_of_an_image_and_several_objects(docker):
    docker("pull centos:7")
    image = docker("inspect centos:7")
    assert image["Id"].startswith("sha256:") and image["Config"]["Cmd"] == ["/bin/bash"]
    docker("create --name one busybox")
    both = docker("inspect one centos:7")
    assert [obj["Id"] for obj in both] == [docker("inspect -f {{.Id}} one"), image["Id"]]
    template = "{{.Config.Image}} {{json .Config.Cmd}} {{.State.Status}}"
    assert (
        docker(f"inspect -f '{template}' one") == cli("inspect", "-f", template, "one") == 'busybox ["/bin/sh"] created'
    )


def test_management_command_spellings(docker):
    docker("create --name spelled busybox")
    assert list(docker("container ls -a")["NAMES"]) == ["spelled"]
    assert list(docker("image ls").columns) == list(docker("images").columns)
    assert docker("container rm spelled") == "spelled"
