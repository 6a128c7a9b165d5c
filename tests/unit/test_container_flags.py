"""The ``run``/``create`` flag table: what create body a line makes, and the conflicts refused before any
request (no engine needed: the body is built and checked before the engine is asked)."""

from __future__ import annotations

import shlex

import pytest
from IPython.core.error import UsageError

from dockerwidgets.commands import create
from dockerwidgets.commands.container_flags import FLAGS, SWITCHES


def body(line: str, detach: bool = False) -> tuple[dict, dict]:
    ns, command_args = create._run.parse_interspersed(shlex.split(line))
    return create.container_config(ns, command_args, detach=detach)


def test_every_flag_is_taken_by_run_and_create():
    for parser in (create._run, create._create):
        listed = parser.flags()
        for names in [flag.names for flag in FLAGS] + [names for names, _, _ in SWITCHES]:
            assert ", ".join(names) in listed


def test_a_line_makes_the_clis_create_body():
    config, client = body(
        "-m 1g --cpus 0.5 --ulimit nofile=10:20 --ulimit core=0 --ulimit nofile=1:2 --init --cap-add sys_time "
        "--health-cmd true --health-retries 2 --log-opt max-size=1m -v data:/d:ro -v /anon --pull never "
        "--platform linux/amd64 --stop-timeout 3 busybox sh"
    )
    host = config["HostConfig"]
    assert host["Memory"] == 1 << 30 and host["NanoCpus"] == 500_000_000
    assert host["Ulimits"] == [{"Name": "core", "Soft": 0, "Hard": 0}, {"Name": "nofile", "Soft": 1, "Hard": 2}]
    assert host["Init"] is True and host["CapAdd"] == ["CAP_SYS_TIME"] and host["CapDrop"] is None
    assert host["LogConfig"] == {"Type": "", "Config": {"max-size": "1m"}}
    assert host["Binds"] == ["data:/d:ro"] and config["Volumes"] == {"/anon": {}}
    assert config["Healthcheck"] == {
        "Test": ["CMD-SHELL", "true"], "Interval": 0, "Timeout": 0, "StartPeriod": 0, "StartInterval": 0,
        "Retries": 2,
    }  # fmt: skip
    assert config["StopTimeout"] == 3 and config["Cmd"] == ["sh"]
    assert client == {"pull": "never", "platform": "linux/amd64"}


def test_flags_not_given_leave_the_engines_defaults():
    config, client = body("busybox")
    host = config["HostConfig"]
    assert "Init" not in host and "Memory" not in host and "Healthcheck" not in config
    assert host["Dns"] == [] and host["Ulimits"] == [] and client == {"pull": "missing", "platform": None}


def test_network_alias_and_ip_go_to_the_networks_endpoint():
    config, _ = body("--network data --network-alias db --ip 10.0.0.2 busybox")
    assert config["NetworkingConfig"] == {
        "EndpointsConfig": {"data": {"Aliases": ["db"], "IPAMConfig": {"IPv4Address": "10.0.0.2"}}}
    }


@pytest.mark.parametrize(
    ("line", "detach", "message"),
    [
        ("--no-healthcheck --health-interval 1s busybox", False, "--no-healthcheck conflicts with --health-* options"),
        ("-a stdout busybox", True, "conflicting options: cannot specify both --attach and --detach"),
        ("--log-driver none --log-opt a=b busybox", False, "invalid logging opts for driver none"),
        ("--health-retries=-1 busybox", False, "--health-retries cannot be negative"),
        ("--health-start-period=-1s busybox", False, "--health-start-period cannot be negative"),
        ("--network-alias x busybox", False, "network-scoped aliases are only supported for user-defined networks"),
        ("-m 1g --cpus x busybox", False, 'invalid argument "x" for "--cpus" flag: failed to parse x as a rational number'),
        ("--device rel -m 12x busybox", False, "invalid argument \"12x\" for \"-m, --memory\" flag: invalid suffix: 'x'"),
    ],
)  # fmt: skip
def test_conflicts_and_bad_values_fail_in_one_line(line, detach, message):
    with pytest.raises(UsageError) as caught:
        body(line, detach=detach)
    assert str(caught.value) == message


def test_a_value_starting_with_a_dash_is_the_flags_as_pflag_reads_it():
    glued = create._glue_dash_values(
        create._run, ["--health-interval", "-1s", "-e", "-X", "--name", "-", "busybox", "-c", "x"]
    )
    assert glued == ["--health-interval=-1s", "-e-X", "--name", "-", "busybox", "-c", "x"]
    ns, command_args = create._run.parse_interspersed(glued)
    assert ns.health_interval == "-1s" and ns.env == ["-X"] and ns.name == "-" and command_args == ["-c", "x"]
