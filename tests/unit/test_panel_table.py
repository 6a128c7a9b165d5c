"""The panels' pure parts: filter, sort, page, the escaped table, port links, collapsible JSON, the run line."""

from __future__ import annotations

import pandas as pd
import pytest

from dockerwidgets.errors import UsageError
from dockerwidgets.frames import containers_frame
from dockerwidgets.sessions.events import changes_a_list
from dockerwidgets.widgets.panels.jsonview import json_html
from dockerwidgets.widgets.panels.runline import run_args, run_line
from dockerwidgets.widgets.panels.table import filter_rows, lowered, page_of, port_links, sort_rows, table_html

EVIL = "<img src=x onerror=alert(1)>"


def container(index: int, **overrides) -> dict:
    base = {
        "Id": f"{index:064x}",
        "Names": [f"/c{index}"],
        "Image": "busybox",
        "ImageID": "sha256:" + "a" * 64,
        "Command": f"sleep {index}",
        "Created": 1_700_000_000 + index,
        "State": "running",
        "Status": "Up 2 minutes",
        "Ports": [],
        "Labels": {},
    }
    return {**base, **overrides}


def test_pages_are_clamped_and_labelled():
    assert page_of(0, 3, 20).label() == "0 of 0"
    page = page_of(45, 1, 20)
    assert (page.start, page.stop, page.count, page.label()) == (20, 40, 3, "21–40 of 45")
    assert page_of(45, 9, 20).number == 2
    assert page_of(45, -1, 20).number == 0


def test_filter_is_a_case_insensitive_substring_and_typed_follows():
    frame = containers_frame([container(1), container(2, Names=["/Web"]), container(3, Status="Exited (0) now")])
    haystack = pd.Series(lowered(frame["NAMES"], frame["STATUS"]), index=frame.index)
    assert filter_rows(frame, "WEB", haystack)["NAMES"].tolist() == ["Web"]
    assert filter_rows(frame, "exited", haystack).docker.typed["id"].tolist() == [f"{3:064x}"]
    assert len(filter_rows(frame, "  ", haystack)) == 3


def test_sort_by_a_typed_key_is_stable_in_both_directions():
    frame = containers_frame([container(2), container(1), container(3)])
    created = frame.docker.typed["created"]
    assert sort_rows(frame, created, descending=False)["NAMES"].tolist() == ["c1", "c2", "c3"]
    assert sort_rows(frame, created, descending=True)["NAMES"].tolist() == ["c3", "c2", "c1"]
    same = pd.Series([0, 0, 0], index=frame.index)
    assert sort_rows(frame, same, descending=True)["NAMES"].tolist() == ["c2", "c1", "c3"]


def test_published_ports_are_links_to_localhost_once_for_ipv4_and_ipv6():
    ports = [
        {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 28080, "Type": "tcp"},
        {"IP": "::", "PrivatePort": 80, "PublicPort": 28080, "Type": "tcp"},
        {"IP": "10.0.0.5", "PrivatePort": 443, "PublicPort": 28443, "Type": "tcp"},
        {"IP": "0.0.0.0", "PrivatePort": 53, "PublicPort": 28053, "Type": "udp"},
        {"PrivatePort": 9000, "Type": "tcp"},
    ]
    links = port_links(ports)
    assert links.count('href="http://127.0.0.1:28080"') == 1
    assert 'href="http://10.0.0.5:28443"' in links
    assert "0.0.0.0:28053-&gt;53/udp" in links and '28053"' not in links
    assert "9000/tcp" in links
    assert port_links([]) == ""


def test_every_engine_string_in_the_table_is_escaped():
    frame = containers_frame([container(1, Command=EVIL, Names=["/<em>bold"], Image="<script>x</script>")])
    rows = table_html(frame, ["COMMAND", "NAMES", "IMAGE"], ["<key>"], selected=["<key>"])
    assert "<img" not in rows and "<script>" not in rows and "<em>" not in rows
    assert "&lt;img src=x onerror=" in rows and "&lt;em&gt;bold" in rows
    assert 'class="dw-selected" data-key="&lt;key&gt;"' in rows


def test_an_empty_table_says_so():
    assert "nothing to show" in table_html(pd.DataFrame({"A": []}), ["A"], [])


def test_json_is_collapsible_and_escaped():
    shown = json_html({"Config": {"Cmd": [EVIL]}, "<k>": None, "Empty": {}}, title="evil")
    assert shown.count("<details") == 3  # the object, Config, Cmd
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "&lt;k&gt;" in shown and "Empty</span>: {}" in shown


def test_the_run_form_becomes_one_cli_line():
    assert run_args("busybox") == ["run", "-d", "busybox"]
    line = run_line(
        "busybox",
        name="web",
        ports="28080:80, 28443:443",
        env="A=1 B='two words'",
        command="sh -c 'echo hi'",
        interactive=True,
        detach=False,
        labels={"demo": "panels"},
    )
    assert line == (
        "run -i -t --name web -p 28080:80 -p 28443:443 -e A=1 -e 'B=two words' -l demo=panels busybox sh -c 'echo hi'"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"image": " "}, "choose an image to run (select one, or type its name)"),
        ({"image": "busybox", "command": "echo 'unclosed"}, "cannot read the command: No closing quotation"),
        ({"image": "busybox", "env": 'A="x'}, "cannot read the environment: No closing quotation"),
    ],
)
def test_a_bad_run_form_is_a_one_line_error(fields, message):
    with pytest.raises(UsageError) as error:
        run_args(**fields)
    assert type(error.value) is UsageError and str(error.value) == message


def test_exec_and_attach_events_change_no_list():
    assert changes_a_list({"Action": "start"}) and changes_a_list({"Action": "destroy"})
    assert not changes_a_list({"Action": "exec_start: sh"}) and not changes_a_list({"Action": "attach"})
    assert not changes_a_list({"status": "resize"})
