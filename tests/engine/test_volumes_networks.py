"""``volume`` and ``network`` commands against the private engine, the docker CLI as witness.

Every name here starts with ``vn-``; the ``clean`` fixture removes such volumes and
networks before and after each test (after the containers, which the ``engine`` fixture removes).
"""

from __future__ import annotations

import re
import subprocess

import pandas as pd
import pytest
from conftest import PRIVATE_HOST, cli
from IPython.core.error import UsageError

from dockerwidgets.ops import networks as network_ops
from dockerwidgets.ops import volumes as volume_ops


def cli_error(*args: str) -> str:
    """What the CLI prints on stderr for a command that fails (its lines joined as one, as ours are)."""
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode, f"docker {' '.join(args)} did not fail"
    text = " ".join(line for line in result.stderr.split("\n") if line and line != "exit status 1").strip()
    return text.split(" Usage: ", 1)[0]  # a flag error is followed by the command's usage


def rows(frame: pd.DataFrame) -> list[list[str]]:
    """A frame's rows as words (the CLI's columns are aligned with spaces)."""
    return [" ".join(map(str, row)).split() for row in frame.itertuples(index=False)]


def cli_rows(*args: str) -> list[list[str]]:
    """The CLI's table rows (header left out), as words."""
    return [line.split() for line in cli(*args).split("\n")[1:] if line]


def fails(docker, line: str) -> str:
    """Run *line*, expect exactly ``UsageError`` with a one-line message, return the message."""
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def ours() -> tuple[str, str]:
    """The test's volumes and networks as the CLI lists them: what a refused command must leave alone."""
    return (
        cli("volume", "ls", "-q", "-f", "name=vn-"),
        cli("network", "ls", "--no-trunc", "-f", "name=vn-", "--format", "{{.ID}} {{.Name}}"),
    )


def _clear() -> None:
    ids = cli("ps", "-a", "-q").split()
    if ids:
        cli("rm", "-f", *ids)
    volumes = (
        cli("volume", "ls", "-q", "-f", "name=vn-").split() + cli("volume", "ls", "-q", "-f", "label=vn-test").split()
    )
    if volumes:
        cli("volume", "rm", "-f", *volumes)
    networks = [name for name in cli("network", "ls", "--format", "{{.Name}}").split() if name.startswith("vn-")]
    if networks:
        cli("network", "rm", *networks)


@pytest.fixture
def clean(docker):
    """``docker`` with no ``vn-`` volume or network (nor volume labelled ``vn-test``) before and after."""
    _clear()
    yield docker
    _clear()


# --- volumes ---------------------------------------------------------------------------------------


def test_volume_create_ls_inspect_rm_match_the_cli(clean):
    docker = clean
    assert docker("volume create vn-b --label team=data -o type=tmpfs -o device=tmpfs") == "vn-b"
    assert docker("volume create vn-a10") == "vn-a10"
    assert docker("volume create vn-a9") == "vn-a9"
    anonymous = docker("volume create --label vn-test")
    assert len(anonymous) == 64
    frame = docker("volume ls -f name=vn-")
    assert list(frame.columns) == ["DRIVER", "VOLUME NAME"]
    assert rows(frame) == cli_rows("volume", "ls", "-f", "name=vn-")
    assert list(frame["VOLUME NAME"]) == ["vn-a9", "vn-a10", "vn-b"]  # the CLI's natural order
    typed = frame.docker.typed
    assert list(typed.columns) == ["name", "driver", "mountpoint", "created", "labels", "scope", "options"]
    assert str(typed["created"].dtype).startswith("datetime64") and str(typed["created"].dt.tz) == "UTC"
    row = typed.set_index("name").loc["vn-b"]
    assert row["labels"] == {"team": "data"} and row["options"] == {"type": "tmpfs", "device": "tmpfs"}
    assert row["mountpoint"] == cli("volume", "inspect", "-f", "{{.Mountpoint}}", "vn-b")
    assert row["created"] == pd.Timestamp(cli("volume", "inspect", "-f", "{{.CreatedAt}}", "vn-b"))
    assert docker("volume ls -q -f name=vn-") == cli("volume", "ls", "-q", "-f", "name=vn-").split()
    inspected = docker("volume inspect vn-b")
    assert inspected["Name"] == "vn-b" and inspected["Labels"] == {"team": "data"}
    assert len(docker("volume inspect vn-b vn-a9")) == 2
    template = "{{.Name}} {{.Driver}} {{.Options}} {{.Labels}} {{.Scope}}"
    assert docker(f"volume inspect -f '{template}' vn-b vn-a9") == cli(
        "volume", "inspect", "-f", template, "vn-b", "vn-a9"
    )
    assert docker(f"volume rm vn-a9 vn-a10 {anonymous}") == f"vn-a9\nvn-a10\n{anonymous}"
    assert cli("volume", "ls", "-q", "-f", "name=vn-") == "vn-b"


@pytest.mark.parametrize(
    "format",
    [
        "table {{.Name}}\\t{{.Driver}}\\t{{.Mountpoint}}",
        "{{.Name}}: {{.Labels}} {{.Scope}}",
        "json",
        "raw",
        "table",
        "table {{.Name}}\\t{{.Links}}\\t{{.Size}}",
        '{{.Name}}={{.Label "a"}}',
        'table {{.Name}}\\t{{.Label "com.example.some-key_x"}}\\t{{.Label "a"}}',
    ],
)
def test_volume_ls_format_prints_what_the_cli_prints(clean, format):
    docker = clean
    docker("volume create vn-x --label a=1")
    docker("volume create vn-y")
    expected = cli("volume", "ls", "-f", "name=vn-", "--format", format)
    result = docker(f"volume ls -f name=vn- --format '{format}'")
    if format == "table":
        assert rows(result) == cli_rows("volume", "ls", "-f", "name=vn-", "--format", format)
    else:
        assert result.strip() == expected  # the CLI's last row ends in padding too; cli() strips it


@pytest.mark.parametrize(
    "filter", ["dangling=true", "dangling=false", "driver=local", "label=a", "label=a=1", "name=vn-x"]
)
def test_volume_ls_filters_select_what_the_cli_selects(clean, filter):
    docker = clean
    docker("volume create vn-x --label a=1")
    docker("volume create vn-y")
    docker("run -d --name vn-user -v vn-y:/data busybox sleep 300")
    names = set(docker(f"volume ls -q -f {filter}"))
    assert names == set(cli("volume", "ls", "-q", "-f", filter).split())
    assert {"vn-x", "vn-y"} & names


@pytest.mark.parametrize("filter", ["foo=bar", "dangling=maybe", "nofilter"])
def test_a_bad_volume_filter_gets_the_clis_line(clean, filter):
    assert fails(clean, f"volume ls -f {filter}") == cli_error("volume", "ls", "-f", filter)


def test_volume_create_with_a_bad_label_gets_the_clis_line_and_creates_nothing(clean):
    before = ours()
    assert fails(clean, "volume create --label =x vn-z") == cli_error("volume", "create", "--label", "=x", "vn-z")
    assert ours() == before


def test_removing_a_volume_in_use_is_refused_with_the_engines_line(clean):
    docker = clean
    docker("volume create vn-used")
    container = docker("run -d --name vn-user -v vn-used:/data busybox sleep 300")
    message = fails(docker, "volume rm vn-used")
    assert message == f"Error response from daemon: remove vn-used: volume is in use - [{container}]"
    assert message == cli_error("volume", "rm", "vn-used")
    assert cli("volume", "ls", "-q", "-f", "name=vn-used") == "vn-used"


def test_volume_rm_of_several_removes_none_when_one_is_in_use_or_missing(clean):
    """The CLI removes the others and prints the errors after; here the whole command is refused (nothing half-done)."""
    docker = clean
    for name in ("vn-a", "vn-used", "vn-b"):
        docker(f"volume create {name}")
    docker("run -d --name vn-user -v vn-used:/data busybox sleep 300")
    before = ours()
    message = fails(docker, "volume rm vn-a vn-used vn-b vn-nope")
    in_use = cli_error("volume", "rm", "vn-used")
    missing = cli_error("volume", "rm", "vn-nope")
    assert message == f"{in_use} {missing}"
    assert ours() == before
    assert docker("volume rm -f vn-a vn-nope") == "vn-a\nvn-nope"  # as the CLI: a missing name is no error with -f


def test_inspect_of_an_unknown_volume_gets_the_clis_line(clean):
    clean("volume create vn-a")
    assert fails(clean, "volume inspect vn-a vn-nope") == cli_error("volume", "inspect", "vn-nope")


def test_volume_prune_asks_first_and_then_reports_as_the_cli(clean):
    docker = clean
    docker("volume create vn-unused")
    docker("volume create vn-kept")
    docker("run -d --name vn-user -v vn-kept:/data busybox sleep 300")
    question = docker("volume prune")
    assert repr(question).startswith("WARNING! This will remove")
    assert "vn-unused" in repr(question) and "vn-kept" not in repr(question)
    assert "Are you sure you want to continue? [y/N]" in repr(question)
    question.cancel()
    assert "vn-unused" in cli("volume", "ls", "-q")
    answer = docker("volume prune").confirm()
    assert answer.startswith("Deleted Volumes:\n") and "\nvn-unused\n" in answer + "\n"
    assert answer.rsplit("\n", 1)[1].startswith("Total reclaimed space: ")
    assert "vn-unused" not in cli("volume", "ls", "-q") and "vn-kept" in cli("volume", "ls", "-q")
    assert docker("volume prune -f") == "Total reclaimed space: 0B"


def test_volume_prune_all_is_refused_as_the_cli_refuses_it(clean):
    docker = clean
    docker("volume create vn-unused")
    before = ours()
    if not volume_ops.supports_all(_engine()):
        assert fails(docker, "volume prune -a -f") == cli_error("volume", "prune", "-a", "-f")
    else:
        assert fails(docker, "volume prune -a -f --filter all=1") == cli_error(
            "volume", "prune", "-a", "-f", "--filter", "all=1"
        )
    assert ours() == before


def _engine():
    from dockerwidgets.engine import engine_for

    return engine_for(PRIVATE_HOST)


# --- networks --------------------------------------------------------------------------------------


def test_network_create_ls_inspect_rm_match_the_cli(clean):
    docker = clean
    network_id = docker(
        "network create --subnet 10.231.0.0/16 --ip-range 10.231.5.0/24 --gateway 10.231.0.254 "
        "--label team=net --internal --attachable vn-net"
    )
    assert network_id == cli("network", "inspect", "-f", "{{.Id}}", "vn-net")
    docker("network create --subnet 10.165.1.0/24 vn-net10")
    docker("network create --subnet 10.165.2.0/24 vn-net9")
    frame = docker("network ls -f name=vn-")
    assert list(frame.columns) == ["NETWORK ID", "NAME", "DRIVER", "SCOPE"]
    assert rows(frame) == cli_rows("network", "ls", "-f", "name=vn-")
    assert list(frame["NAME"]) == ["vn-net", "vn-net9", "vn-net10"]
    typed = frame.docker.typed.set_index("name")
    assert list(frame.docker.typed.columns) == [
        "id", "name", "driver", "scope", "created", "internal", "attachable", "ipv6", "subnets", "labels"
    ]  # fmt: skip
    row = typed.loc["vn-net"]
    assert row["id"] == network_id and row["subnets"] == ["10.231.0.0/16"] and row["labels"] == {"team": "net"}
    assert row["internal"] and row["attachable"] and not row["ipv6"]
    assert str(typed["created"].dt.tz) == "UTC"
    no_trunc = docker("network ls --no-trunc -f name=vn-")
    assert list(no_trunc["NETWORK ID"]) == list(frame.docker.typed["id"])
    assert docker("network ls -q -f name=vn-") == cli("network", "ls", "-q", "-f", "name=vn-").split()
    assert (
        docker("network ls -q --no-trunc -f name=vn-")
        == cli("network", "ls", "-q", "--no-trunc", "-f", "name=vn-").split()
    )
    ipam = docker("network inspect vn-net")["IPAM"]["Config"]
    assert ipam == [{"Subnet": "10.231.0.0/16", "IPRange": "10.231.5.0/24", "Gateway": "10.231.0.254"}]
    template = "{{.Name}} {{.Internal}} {{range .IPAM.Config}}{{.Gateway}}{{end}}"
    assert docker(f"network inspect -f '{template}' vn-net vn-net9").strip() == cli(
        "network", "inspect", "-f", template, "vn-net", "vn-net9"
    )
    assert docker("network rm vn-net9 vn-net10") == "vn-net9\nvn-net10"
    assert cli("network", "ls", "-q", "-f", "name=vn-") == network_id[:12]


@pytest.mark.parametrize(
    "format",
    [
        "table {{.Name}}\\t{{.Driver}}\\t{{.Internal}}\\t{{.IPv6}}",
        "{{.ID}} {{.Name}} {{.Labels}} {{.CreatedAt}}",
        "json",
        "raw",
        "table {{.ID}}\\t{{.IPv4}}\\t{{.Scope}}",
        '{{.Name}}={{.Label "a"}}',
        'table {{.Name}}\\t{{.Label "com.example.some-key_x"}}',
    ],
)
def test_network_ls_format_prints_what_the_cli_prints(clean, format):
    docker = clean
    docker("network create --subnet 10.165.3.0/24 --label a=1 vn-x")
    docker("network create --subnet 10.165.4.0/24 vn-y")
    expected = cli("network", "ls", "-f", "name=vn-", "--format", format)
    assert docker(f"network ls -f name=vn- --format '{format}'").strip() == expected
    expected = cli("network", "ls", "--no-trunc", "-f", "name=vn-", "--format", format)
    assert docker(f"network ls --no-trunc -f name=vn- --format '{format}'").strip() == expected


@pytest.mark.parametrize("filter", ["foo=bar", "dangling=maybe", "type=x", "nofilter"])
def test_a_bad_network_filter_gets_the_clis_line(clean, filter):
    assert fails(clean, f"network ls -f {filter}") == cli_error("network", "ls", "-f", filter)


@pytest.mark.parametrize(
    "flags",
    [
        "--subnet 10.232.0.0/33",
        "--subnet bad",
        "--gateway 10.232.0.1",
        "--subnet 10.232.0.0/16 --gateway 10.233.0.1",
        "--subnet 10.232.0.0/16 --gateway bad",
        "--subnet 10.232.0.0/16 --ip-range bad",
        "--subnet 10.232.0.0/16 --ip-range 10.99.0.0/24",
        "--subnet 10.232.0.0/16 --subnet 10.232.1.0/24",
        "--subnet bad --subnet 10.232.1.0/24",
        "--subnet 10.232.0.0/16,10.234.0.0/16 --gateway 10.232.0.1 --gateway 10.232.0.2",
        "--label =x",
    ],
)
def test_bad_subnets_gateways_and_labels_get_the_clis_line_and_create_nothing(clean, flags):
    before = ours()
    expected = cli_error("network", "create", *flags.split(), "vn-bad")
    assert fails(clean, f"network create {flags} vn-bad") == expected
    assert ours() == before


def test_a_taken_network_name_gets_the_engines_line(clean):
    docker = clean
    first = docker("network create --subnet 10.165.5.0/24 vn-dup")
    before = ours()
    line = "network create --subnet 10.165.250.0/24 vn-dup"
    assert fails(docker, line) == cli_error(*line.split())
    assert ours() == before
    assert cli("network", "inspect", "-f", "{{.Id}}", "vn-dup") == first


def test_removing_a_network_with_active_endpoints_is_refused_and_nothing_else_goes(clean):
    docker = clean
    docker("network create --subnet 10.165.6.0/24 vn-busy")
    docker("network create --subnet 10.165.7.0/24 vn-free")
    docker("run -d --name vn-user --network vn-busy busybox sleep 300")
    before = ours()
    busy = cli_error("network", "rm", "vn-busy")
    assert "has active endpoints" in busy
    assert fails(docker, "network rm vn-busy") == busy
    message = fails(docker, "network rm vn-free vn-busy vn-nope")
    assert message == f"{busy} {cli_error('network', 'rm', 'vn-nope')}"
    assert ours() == before
    assert docker("network rm -f vn-free vn-nope") == "vn-free"  # as the CLI: -f skips a missing one silently


def test_unknown_networks_get_the_clis_line(clean):
    docker = clean
    assert fails(docker, "network inspect vn-nope") == cli_error("network", "inspect", "vn-nope")
    assert fails(docker, "network rm vn-nope") == cli_error("network", "rm", "vn-nope")
    docker("run -d --name vn-user busybox sleep 300")
    assert fails(docker, "network connect vn-nope vn-user") == cli_error("network", "connect", "vn-nope", "vn-user")
    assert fails(docker, "network disconnect bridge vn-nope") == cli_error("network", "disconnect", "bridge", "vn-nope")


def test_two_containers_on_a_user_network_reach_each_other_by_name_and_alias(clean):
    docker = clean
    docker("network create --subnet 10.165.8.0/24 vn-app")
    docker(
        "run -d --name vn-server --network vn-app busybox sh -c 'mkdir -p /www && echo hello > /www/index.html && httpd -f -p 80 -h /www'"
    )
    docker("run -d --name vn-client busybox sleep 300")
    assert subprocess.run(["docker", "-H", PRIVATE_HOST, "exec", "vn-client", "ping", "-c1", "-W2", "vn-server"],
                          capture_output=True).returncode != 0  # fmt: skip
    assert docker("network connect --alias front vn-app vn-client") is None
    users = network_ops.network_users(_engine())
    app_id = cli("network", "inspect", "-f", "{{.Id}}", "vn-app")
    assert {use.name for use in users[app_id]} == {"vn-server", "vn-client"}
    assert cli("exec", "vn-client", "wget", "-q", "-O-", "http://vn-server/") == "hello"
    cli("exec", "vn-server", "ping", "-c1", "-W2", "front")  # the alias, from the other side
    assert docker("network disconnect vn-app vn-client") is None
    assert "vn-app" not in cli("inspect", "-f", "{{json .NetworkSettings.Networks}}", "vn-client")


def test_network_connect_with_an_address_outside_the_subnet_gets_the_engines_line(clean):
    docker = clean
    docker("network create --subnet 10.165.9.0/24 vn-plain")
    docker("run -d --name vn-user busybox sleep 300")
    expected = cli_error("network", "connect", "--ip", "10.1.2.3", "vn-plain", "vn-user")
    assert fails(docker, "network connect --ip 10.1.2.3 vn-plain vn-user") == expected


def test_network_prune_asks_first_and_then_reports_as_the_cli(clean):
    docker = clean
    docker("network create --subnet 10.165.10.0/24 vn-unused")
    docker("network create --subnet 10.165.11.0/24 vn-kept")
    docker("run -d --name vn-user --network vn-kept busybox sleep 300")
    docker("network create --subnet 10.165.12.0/24 vn-stopped")
    docker("create --name vn-idle --network vn-stopped busybox")  # a stopped container holds no endpoint
    question = docker("network prune")
    assert "vn-stopped" in repr(question)
    assert repr(question).startswith(
        "WARNING! This will remove all custom networks not used by at least one container."
    )
    assert "vn-unused" in repr(question) and "vn-kept" not in repr(question)
    question.cancel()
    assert "vn-unused" in cli("network", "ls", "--format", "{{.Name}}")
    answer = docker("network prune").confirm()
    assert answer.startswith("Deleted Networks:\n") and {"vn-unused", "vn-stopped"} <= set(answer.split("\n"))
    names = cli("network", "ls", "--format", "{{.Name}}").split()
    assert "vn-unused" not in names and "vn-kept" in names
    assert docker("network prune -f") is None


def test_volume_users_come_from_one_container_list(clean):
    docker = clean
    docker("volume create vn-data")
    docker("run -d --name vn-a -v vn-data:/d busybox sleep 300")
    docker("create --name vn-b -v vn-data:/d busybox")
    users = volume_ops.volume_users(_engine())
    assert sorted((use.name, use.state) for use in users["vn-data"]) == [("vn-a", "running"), ("vn-b", "created")]


@pytest.mark.parametrize(
    "line",
    [
        "volume create vn-a vn-b",
        "volume rm",
        "volume inspect",
        "volume ls vn-a",
        "network create",
        "network connect vn-a",
        "network disconnect vn-a",
        "network rm",
        "volume create --name vn-a vn-b",
        "volume ls --bogus",
        "network ls -x",
    ],
)
def test_usage_mistakes_get_the_clis_line(clean, line):
    """The CLI's count of arguments (v28: ``requires 1 argument``) or its flag error, and nothing changed."""
    before = ours()
    message = fails(clean, line)
    expected = cli_error(*line.split()).split(" See 'docker")[0]
    count = re.search(r"(?:requires|accepts) (.*)$", expected)
    if count:
        assert message.startswith(f'"docker {" ".join(line.split()[:2])}" requires') and count.group(1) in message
    else:
        assert message.startswith(expected)
    assert ours() == before
