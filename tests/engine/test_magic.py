"""``%docker`` as typed in a cell: IPython's expansion, Go templates, one-line errors."""

from __future__ import annotations

import pytest
from conftest import cli
from IPython.core.error import UsageError


def test_load_ext_registers_the_line_magic(ipython):
    assert "docker" in ipython.magics_manager.magics["line"]


def test_go_templates_reach_inspect_as_typed(ipython, engine):
    full_id = ipython.run_line_magic("docker", "create --name tmpl busybox")
    assert ipython.run_line_magic("docker", "inspect -f '{{.Id}}' tmpl") == full_id
    assert (
        ipython.run_line_magic("docker", "inspect --format '{{.Name}} {{json .Config.Cmd}}' tmpl")
        == '/tmpl ["/bin/sh"]'
    )


def test_ipython_expansion_still_works(ipython, engine):
    ipython.user_ns["container_name"] = "expanded"
    ipython.user_ns["image"] = {"name": "busybox"}
    ipython.run_line_magic("docker", "create --name $container_name {image['name']}")
    assert cli("ps", "-a", "--format", "{{.Names}} {{.Image}}") == "expanded busybox"
    ipython.user_ns["fmt"] = "{{.Name}}"
    assert ipython.run_line_magic("docker", "inspect -f '{{.State.Status}}' $container_name") == "created"


def test_locals_of_the_calling_function_are_seen(ipython, engine):
    def make(name: str) -> str:
        return ipython.run_line_magic("docker", "create --name {name} busybox")

    make("from_a_function")
    assert cli("ps", "-a", "--format", "{{.Names}}") == "from_a_function"


def test_dollar_paren_is_not_touched_by_ipython(ipython, engine):
    ipython.run_line_magic("docker", "create --name p1 busybox")
    ipython.run_line_magic("docker", "create --name p2 busybox")
    removed = ipython.run_line_magic("docker", "rm $(docker ps -a -q)")
    assert len(removed.splitlines()) == 2 and cli("ps", "-a", "-q") == ""


def test_errors_are_usage_errors_shown_in_one_line(ipython, engine, capsys):
    with pytest.raises(UsageError):
        ipython.run_line_magic("docker", "rm nosuch")
    result = ipython.run_cell("%docker rm nosuch")
    assert type(result.error_in_exec) is UsageError
    out = capsys.readouterr()
    shown = (out.out + out.err).strip().splitlines()
    assert shown == ["UsageError: Error response from daemon: No such container: nosuch"]


def test_results_display_as_the_cli_prints(ipython, engine):
    full_id = ipython.run_line_magic("docker", "create --name shown busybox")
    formatter = ipython.display_formatter
    data, _ = formatter.format(full_id)
    assert data["text/plain"] == full_id
    data, _ = formatter.format(ipython.run_line_magic("docker", "ps -a -q"))
    assert data["text/plain"] == full_id[:12]
    json_formatter = formatter.formatters["application/json"]
    json_formatter.enabled = True  # as in a kernel; a terminal shell leaves it off
    as_json = json_formatter(ipython.run_line_magic("docker", "inspect shown"))
    assert as_json[0]["Id"] == full_id and as_json[1]["expanded"] is False
