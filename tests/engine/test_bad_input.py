"""Bad input gets one line (IPython's ``UsageError`` itself) and changes nothing on the engine."""

from __future__ import annotations

import time

import pytest
from conftest import PRIVATE_HOST, cli, witness
from IPython.core.error import UsageError


def fails(docker, line: str) -> str:
    """Run *line*, expect exactly ``UsageError`` with a one-line message, return the message."""
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_rm_of_a_running_container_is_refused_and_it_stays_up(docker):
    docker("run -d --name busy busybox sleep 300")
    before = witness()
    message = fails(docker, "rm busy")
    assert message.startswith("Error response from daemon: You cannot remove a running container")
    assert message.endswith("Stop the container before attempting removal or force remove")
    assert witness() == before
    assert cli("inspect", "-f", "{{.State.Status}}", "busy") == "running"


def test_rm_of_several_removes_none_when_one_is_running(docker):
    docker("create --name stopped1 busybox")
    docker("run -d --name running1 busybox sleep 300")
    before = witness()
    assert "Stop the container before attempting removal" in fails(docker, "rm stopped1 running1")
    assert witness() == before


def test_rm_of_several_removes_none_when_one_is_missing(docker):
    docker("create --name first busybox")
    before = witness()
    assert fails(docker, "rm first nosuchcontainer") == "Error response from daemon: No such container: nosuchcontainer"
    assert witness() == before


@pytest.mark.parametrize("command", ["run -d", "create"])
def test_an_image_no_registry_has_leaves_no_container(docker, command):
    before = witness()
    message = fails(docker, f"{command} --name ghost nosuchimage:1")
    assert message.startswith("Unable to find image 'nosuchimage:1' locally; Error response from daemon:")
    assert witness() == before
    assert cli("ps", "-a", "-q", "--filter", "name=ghost") == ""


@pytest.mark.parametrize("image_present", [True, False])
def test_a_name_in_use_gets_the_engines_conflict_and_the_first_is_untouched(docker, image_present):
    if image_present:
        docker("pull centos:7")
    else:
        cli("rmi", "-f", "centos:7", check=False)
    first = docker("create --name taken busybox")
    before = witness()
    message = fails(docker, "create --name taken centos:7")
    assert message.startswith('Error response from daemon: Conflict. The container name "/taken" is already in use')
    assert first in message
    assert witness() == before


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Bad:Ref:x", "invalid reference format: repository name (library/Bad) must be lowercase"),
        ("busybox:", "invalid reference format"),
        ("bad::ref", "invalid reference format"),
        (".busybox", "invalid reference format"),
        ("a//b", "invalid reference format"),
        ("busybox@sha256:abc", "invalid reference format"),
        ("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase"),
    ],
)
def test_malformed_references_are_refused_before_the_engine_is_asked(docker, reference, expected):
    before = witness()
    assert fails(docker, f"pull '{reference}'") == expected
    assert fails(docker, f"run -d '{reference}'") == expected
    assert witness() == before


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("99999:80", "invalid hostPort: 99999"),
        ("abc", "invalid containerPort: abc"),
        ("8080:80/xyz", "invalid proto: xyz"),
    ],
)
def test_invalid_port_specs_create_nothing(docker, spec, expected):
    before = witness()
    assert fails(docker, f"create -p {spec} busybox") == expected
    assert fails(docker, f"run -d -p {spec} busybox") == expected
    assert witness() == before


def test_the_cli_agrees_on_the_port_messages(engine):
    for spec, expected in [("99999:80", "invalid hostPort: 99999"), ("abc", "invalid containerPort: abc")]:
        result = cli("create", "-p", spec, "busybox", check=False)
        assert result == ""
        import subprocess

        stderr = subprocess.run(
            ["docker", "-H", engine.host, "create", "-p", spec, "busybox"], capture_output=True, text=True
        ).stderr
        assert expected in stderr


def test_unknown_subcommand_lists_the_supported_ones(docker):
    message = fails(docker, "frobnicate")
    assert message.startswith('unknown command: "docker frobnicate"; supported: ')
    for name in ("ps", "images", "run", "create", "rm", "inspect", "pull"):
        assert name in message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ps --frob", "unknown flag: --frob (docker ps supports: -a, --all;"),
        ("ps -z", "unknown shorthand flag: 'z' in -z (docker ps supports:"),
        ("run -d --frob busybox", "unknown flag: --frob (docker run supports:"),
        ("rm -x foo", "unknown shorthand flag: 'x' in -x"),
        ("container frob", 'unknown command: "docker container frob"; supported:'),
    ],
)
def test_unknown_flags_list_the_supported_ones(docker, line, expected):
    before = witness()
    assert fails(docker, line).startswith(expected)
    assert witness() == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("stop", '"docker stop" requires at least 1 argument.'),
        ("rename onlyone", '"docker rename" requires exactly 2 arguments.'),
        ("ps -n abc", 'invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid syntax'),
        (
            "ps --filter foo",
            'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)',
        ),
        ("create --name", "flag needs an argument: --name"),
        ("inspect nosuchthing", "Error: No such object: nosuchthing"),
        ("start nosuchthing", "Error response from daemon: No such container: nosuchthing"),
        ("logs --since x busy", 'invalid value for "since": failed to parse value as time or duration: "x"'),
        ("ps 'unclosed", "cannot read the line: No closing quotation"),
        ("inspect -f '{{.Foo' busy", "template parsing error: template: :1: unclosed action"),
        (
            "inspect -f '{{.Foo}}' busy",
            'template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"',
        ),
    ],
)
def test_usage_errors_are_one_line(docker, line, expected):
    docker("create --name busy busybox")
    assert fails(docker, line).startswith(expected)


@pytest.mark.parametrize("host", ["unix:///tmp/dockerwidgets-nothing-here.sock", "tcp://127.0.0.1:1"])
def test_an_engine_that_does_not_answer_fails_fast_in_one_line(host):
    import dockerwidgets
    from dockerwidgets.engine import Engine

    started = time.monotonic()
    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker("ps", Engine(host))
    assert time.monotonic() - started < 3
    assert str(caught.value) == f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"


def test_an_engine_that_goes_away_is_reported_then_found_again(private_engine):
    import dockerwidgets
    from dockerwidgets.engine import Engine

    engine = Engine(private_engine)
    assert list(dockerwidgets.docker("ps", engine).columns)[0] == "CONTAINER ID"
    engine.host = "unix:///tmp/dockerwidgets-moved-away.sock"
    engine.close()
    with pytest.raises(UsageError, match="Cannot connect to the Docker daemon"):
        dockerwidgets.docker("ps", engine)


def test_container_prune_asks_first_and_removes_nothing_until_confirmed(docker):
    docker("create --name leftover1 busybox")
    docker("create --name leftover2 busybox")
    docker("run -d --name keeper busybox sleep 300")
    before = witness()
    question = docker("container prune")
    assert repr(question).startswith("WARNING! This will remove all stopped containers.")
    assert "leftover1" in repr(question) and "Are you sure you want to continue? [y/N]" in repr(question)
    assert witness() == before
    question.cancel()
    assert witness() == before
    with pytest.raises(RuntimeError):
        question.confirm()
    question = docker("container prune")
    report = question.confirm()
    assert report.startswith("Deleted Containers:")
    assert report.splitlines()[-1].startswith("Total reclaimed space: ")
    assert cli("ps", "-a", "--format", "{{.Names}}") == "keeper"


def test_container_prune_confirmed_by_its_button(docker):
    docker("create --name leftover busybox")
    question = docker("container prune")
    widget = question.widget()
    yes = widget.children[1].children[0]
    yes.click()
    assert question.state == "confirmed"
    assert cli("ps", "-a", "-q") == ""
    assert "Deleted Containers:" in widget.children[1].value


@pytest.mark.parametrize("private_port", ["81", "80/udp", "abc", "99999"])
def test_port_of_a_port_not_published_says_what_the_cli_says(docker, engine, private_port):
    import subprocess

    docker("run -d --name web -p 18086:80 busybox sleep 300")
    theirs = subprocess.run(
        ["docker", "-H", engine.host, "port", "web", private_port], capture_output=True, text=True
    ).stderr.strip()
    assert fails(docker, f"port web {private_port}") == theirs


def cli_error(*args: str) -> str:
    """The docker CLI's first line of error for *args* (its usage lines after it are not ours to print)."""
    import subprocess

    result = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    return result.stderr.strip().splitlines()[0]


@pytest.mark.parametrize(
    "line",
    [
        "stop -t 99999999999999999999 web",
        "restart -t 99999999999999999999 web",
        "stop --time 99999999999999999999 web",
        "stop -t 1e3 web",
        "ps -n 99999999999999999999",
        "ps -n ' 5'",
        "logs --since nan web",
    ],
)
def test_values_a_flag_cannot_take_get_the_clis_line(docker, line):
    import shlex

    docker(f"run -d --name web busybox {TERM_STOPS}")
    before = witness()
    assert fails(docker, line) == cli_error("-H", PRIVATE_HOST, *shlex.split(line))
    assert witness() == before


TERM_STOPS = "sh -c 'trap \"exit 0\" TERM; while :; do sleep 3600 & wait $!; done'"


def test_a_timeout_the_cli_takes_reaches_the_engine(docker):
    docker(f"run -d --name web busybox {TERM_STOPS}")
    assert docker("stop -t 9223372036854775807 web") == "web"  # no socket timeout overflows
    assert cli("inspect", "-f", "{{.State.Status}}", "web") == "exited"
    docker("start web")
    assert docker("restart -t 0x10 web") == "web"  # pflag's ints: base prefixes
    with pytest.raises(UsageError, match=r"^conflicting options: cannot specify both --timeout and --time$"):
        docker("stop -t 1 --time 2 web")


@pytest.mark.parametrize("host", ["::", "[::1]:", "tcp://:0", "127.0.0.1:-1", "foo://x", "tcp://a://b", "[::1", "a b"])
def test_host_specs_get_the_clis_line(engine, host):
    import shlex

    import dockerwidgets

    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(f"-H {shlex.quote(host)} ps")
    assert type(caught.value) is UsageError
    assert str(caught.value) == cli_error("-H", host, "ps")


@pytest.mark.parametrize("host", ["0.0.0.0:70000:80", "127.0.0.1:99999", ":::"])
def test_host_specs_go_would_not_dial_are_not_dialled(engine, host):
    """The CLI's ``error during connect: Get "<its URL>": dial tcp: …``, with the URL of our first request."""
    import dockerwidgets

    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(f"-H {host} ps")
    theirs = cli_error("-H", host, "ps")
    ours = str(caught.value)
    assert ours.startswith("error during connect: Get ")
    assert ours.split('": ', 1)[1] == theirs.split('": ', 1)[1]
