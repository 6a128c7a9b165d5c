"""``docker info`` and ``docker system df`` against the private engine, the docker CLI as the witness."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import PRIVATE_HOST, cli, witness
from IPython.core.error import UsageError

TIMES = ("CREATED", "STATUS")  # relative times: the CLI and we may read the clock a second apart
VOLUMES = ("dwdf-used", "dwdf-spare")


def cli_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", "-H", PRIVATE_HOST, *args], capture_output=True, text=True, timeout=60)


def rows(text: str) -> list[list[str]]:
    """A CLI table's cells, split at the tabwriter's gaps (3 spaces or more)."""
    return [re.split(r" {3,}", line.rstrip()) for line in text.splitlines() if line.strip()]


@pytest.fixture
def used_engine(docker):
    """Something in every section: images in use, a running and two stopped containers, a used and a spare volume."""
    for volume in VOLUMES:
        cli("volume", "rm", "-f", volume, check=False)
    docker("pull busybox")
    docker("pull centos:7")
    cli("volume", "create", "dwdf-spare")
    # not --rm: the engine removes such a container after run returns, and a count could change mid-test
    cli("run", "--name", "dwdf-filler", "-v", "dwdf-spare:/d", "busybox", "sh", "-c", "head -c 123456 /dev/zero > /d/f")
    cli("rm", "dwdf-filler")
    docker("run -d --name runner -v dwdf-used:/data busybox sh -c 'head -c 5000 /dev/zero > /data/x; sleep 300'")
    cli("run", "--name", "wrote", "busybox", "sh", "-c", "head -c 2500000 /dev/zero > /big")
    docker("create --name fresh centos:7")
    yield docker
    cli("rm", "-f", "runner", "wrote", "fresh", check=False)
    for volume in VOLUMES:
        cli("volume", "rm", "-f", volume, check=False)


def test_system_df_is_the_clis_table(used_engine):
    frame = used_engine("system df")
    printed = rows(cli("system", "df"))
    assert [list(frame.columns), *frame.values.tolist()] == printed
    typed = frame.docker.typed.set_index("type")
    assert typed.loc["Containers", "total"] >= 3 and typed.loc["Containers", "active"] >= 1
    assert typed.loc["Containers", "reclaimable"] >= 2_500_000  # what "wrote" wrote, in bytes
    assert typed.loc["Local Volumes", "reclaimable"] >= 123_456


def _comparable(section: list[list[str]], columns: list[str]) -> list[list[str]]:
    keep = [index for index, column in enumerate(columns) if column not in TIMES]
    return sorted([row[index] for index in keep] for row in section)


def test_system_df_verbose_is_the_clis_tables(used_engine):
    usage = used_engine("system df -v")
    printed = cli("system", "df", "-v")
    headings = ["Images space usage:", "Containers space usage:", "Local Volumes space usage:", "Build cache usage:"]
    blocks = re.split("|".join(re.escape(heading) for heading in headings), printed)[1:]
    assert list(usage) == ["Images", "Containers", "Local Volumes", "Build Cache"]
    for (name, frame), block in zip(usage.items(), blocks, strict=True):
        table = rows(block)
        if name == "Build Cache":
            table = table[1:]  # the heading's size, on its own line
        assert list(frame.columns) == table[0], name
        assert _comparable(frame.values.tolist(), table[0]) == _comparable(table[1:], table[0]), name
    assert usage.text.splitlines()[0] == "Images space usage:"
    volumes = usage["Local Volumes"].docker.typed.set_index("name")
    assert volumes.loc["dwdf-spare", "size"] == 123_456 and volumes.loc["dwdf-used", "links"] == 1


@pytest.mark.parametrize(
    "format",
    ["{{.Type}}: {{.Size}} {{.Reclaimable}}", "json", "raw", "table {{.Type}}\\t{{.Reclaimable}}", "table"],
)
def test_system_df_format_is_the_clis_text(used_engine, format):
    ours = used_engine(f"system df --format '{format}'")
    expected = cli("system", "df", "--format", format.replace("\\\\", "\\"))
    if format == "table":
        ours = "\n".join("   ".join(row) for row in [list(ours.columns), *ours.values.tolist()])
        expected = "\n".join("   ".join(row) for row in rows(expected))
    assert ours == expected


def test_system_df_verbose_templates_see_the_clis_rows(used_engine):
    template = "{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}}\\n{{end}}"  # \n made a newline, as the CLI does
    ours = used_engine(f"system df -v --format '{template}'")
    expected = cli("system", "df", "-v", "--format", template.replace("\\\\", "\\"))
    assert sorted(ours.splitlines()) == sorted(expected.splitlines())
    assert json.loads(used_engine("system df -v --format json")).keys() == {
        "Images",
        "Containers",
        "Volumes",
        "BuildCache",
    }


def test_system_df_asks_the_engine_once(used_engine, monkeypatch):
    from dockerwidgets import transport

    asked = []
    real = transport.get_json
    monkeypatch.setattr(
        transport, "get_json", lambda api, path, *a, **k: asked.append(path) or real(api, path, *a, **k)
    )
    used_engine("system df -v")
    used_engine("system df")
    assert asked == ["/system/df", "/system/df"]


def test_info_is_the_engines_dict_and_its_text_the_clis_server_section(docker):
    info = docker("info")
    assert isinstance(info, dict)
    assert info["ServerVersion"] == cli("info", "-f", "{{.ServerVersion}}")
    assert info["Driver"] == cli("info", "-f", "{{.Driver}}")
    printed = cli_run("info").stdout.split("\nServer:\n", 1)[1].splitlines()
    ours = info.text.splitlines()
    assert ours[0] == "Server:"
    unordered = (" Runtimes:", "  ")  # Go maps: runtimes and insecure registries in any order
    assert [line for line in ours[1:] if not line.startswith(unordered)] == [
        line for line in printed if line.rstrip() and not line.startswith(unordered)
    ]

    def words_sorted(line: str) -> str:  # a Go map printed in one line: its words in any order
        return " Runtimes: " + " ".join(sorted(line.split()[1:])) if line.startswith(" Runtimes:") else line

    assert sorted(map(words_sorted, ours[1:])) == sorted(words_sorted(line) for line in printed if line)
    assert docker("system info") == info or docker("system info").keys() == info.keys()


def test_info_json_has_the_clis_keys(docker):
    ours = json.loads(docker("info -f '{{json .}}'"))
    theirs = json.loads(cli("info", "-f", "{{json .}}"))
    raw = docker("info")
    assert set(raw) <= set(ours) and "ClientInfo" in ours
    # every key the CLI prints is ours, but for fields its newer structs add that this engine never sent
    assert {key for key in theirs if key not in ours} <= {key for key in theirs if key not in raw}
    assert json.loads(docker("info -f json")).keys() == ours.keys()


@pytest.mark.parametrize(
    "template",
    [
        "{{.ServerVersion}}",
        "{{.Driver}} {{.NCPU}} {{.MemTotal}} {{.OSType}}/{{.Architecture}}",
        "{{.Swarm.LocalNodeState}}",
        "{{range .Plugins.Log}}{{.}},{{end}}",
        "{{json .Plugins}}",
        "{{.RegistryConfig.Mirrors}}",
        "{{.Containers}} {{.ContainersRunning}} {{.Images}}",
        "{{index .DriverStatus 0}}",
        "{{.Runtimes.nosuchruntime}}",
    ],
)
def test_info_templates_give_the_clis_text(docker, template):
    assert docker(f"info -f '{template}'") == cli("info", "-f", template)


def fails(docker, line: str) -> str:
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert "\n" not in message and message
    return message


@pytest.mark.parametrize(
    "args",
    [
        ("info", "-f", "{{.Foo}}"),
        ("info", "-f", "{{.Swarm.Foo}}"),
        ("info", "-f", "{{.ServerVersion"),
        ("system", "info", "--format", "{{.Nope}}"),
        ("system", "df", "--format", "{{.Foo}}"),
        ("system", "df", "--format", "table {{.Type}}\t{{.Foo}}"),
        ("system", "df", "--format", "{{.Type"),
        ("system", "df", "-v", "--format", "{{.Type}}"),
        ("system", "df", "-v", "--format", "{{range .Images}}{{.Nope}}{{end}}"),
    ],
)
def test_bad_templates_get_the_clis_line_and_change_nothing(docker, args):
    docker("create --name bystander busybox")
    before = witness()
    line = " ".join(f"'{arg}'" if " " in arg or "{" in arg else arg for arg in args)
    expected = cli_run(*args).stderr.strip().splitlines()[0]
    assert fails(docker, line.replace("\t", "\\t")) == expected
    assert witness() == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("info --bogus", "unknown flag: --bogus (docker info supports: -f, --format)"),
        ("info -x", "unknown shorthand flag: 'x' in -x (docker info supports: -f, --format)"),
        ("info extra", '"docker info" requires no arguments. Usage: docker info [OPTIONS]'),
        ("info --format", "flag needs an argument: --format"),
        ("system info extra", '"docker system info" requires no arguments.'),
        ("system df extra", '"docker system df" requires no arguments. Usage: docker system df [OPTIONS]'),
        ("system df -x", "unknown shorthand flag: 'x' in -x (docker system df supports: -v, --verbose; --format)"),
        ("system df --format", "flag needs an argument: --format"),
    ],
)
def test_bad_flags_are_one_line(docker, line, expected):
    before = witness()
    assert fails(docker, line).startswith(expected)
    assert witness() == before


def test_the_system_group_lists_df_and_info(docker):
    message = fails(docker, "system frob")
    assert message.startswith('unknown command: "docker system frob"; supported: ')
    assert {"df", "info"} <= set(message.split("supported: ", 1)[1].split(", "))


def test_the_magic_shows_info_as_collapsible_json_and_text(ipython, engine):
    info = ipython.run_line_magic("docker", f"-H {PRIVATE_HOST} info")
    json_formatter = ipython.display_formatter.formatters["application/json"]
    json_formatter.enabled = True  # as in a kernel; a terminal shell leaves it off
    as_json, metadata = json_formatter(info)
    assert as_json["ServerVersion"] == info["ServerVersion"] and metadata == {"expanded": False, "root": "info"}
    data, _ = ipython.display_formatter.format(info)
    assert data["text/plain"].startswith("Server:\n Containers: ")
    usage = ipython.run_line_magic("docker", f"-H {PRIVATE_HOST} system df -v")
    shown, _ = ipython.display_formatter.format(usage)
    assert shown["text/plain"].startswith("Images space usage:\n\nREPOSITORY ")
    html_formatter = ipython.display_formatter.formatters["text/html"]
    html_formatter.enabled = True
    assert "<h4>Local Volumes space usage:</h4>" in html_formatter(usage)


@pytest.mark.parametrize("line", ["info", "info -f '{{.ID}}'", "system df", "system df -v"])
def test_an_engine_that_does_not_answer_is_one_line(line):
    import dockerwidgets
    from dockerwidgets.engine import Engine

    host = "unix:///tmp/dockerwidgets-nothing-here.sock"
    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(line, Engine(host))
    assert str(caught.value) == f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"


def test_info_client_context_is_the_clis_for_a_host(docker):
    assert docker("info -f '{{.ClientInfo.Context}}'") == cli("info", "-f", "{{.ClientInfo.Context}}") == "default"
