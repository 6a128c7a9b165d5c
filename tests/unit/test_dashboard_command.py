"""``%docker dashboard``'s line, without an engine: what it asks for, and its bad input in one line."""

from __future__ import annotations

import pytest

from dockerwidgets.commandline import run_line
from dockerwidgets.errors import UsageError
from dockerwidgets.results import PanelRequest


class NoEngine:
    """An engine the command must not use (it only describes the widget to make)."""

    name = "none"

    def __getattr__(self, name: str):
        raise AssertionError(f"the dashboard command used the engine ({name})")


def test_the_command_asks_for_the_dashboard_with_its_tabs_and_page_size():
    request = run_line("dashboard --tabs volumes,networks --page-size 5", NoEngine())
    assert isinstance(request, PanelRequest) and request.kind == "dashboard"
    assert request.options == {"kinds": ["volumes", "networks"], "page_size": 5}
    assert run_line("docker dashboard", NoEngine()).options == {}


def test_engines_go_to_the_one_dashboard_not_one_result_per_engine():
    request = run_line("--engines ctx-a,ctx-b dashboard --tabs containers")
    assert request.engine is None and request.options == {"kinds": ["containers"], "engines": ["ctx-a", "ctx-b"]}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("dashboard --tabs disks", 'invalid argument "disks" for "--tabs" flag: tabs are containers, images, volumes, networks, services'),
        ("dashboard --tabs ,", 'invalid argument "," for "--tabs" flag: tabs are containers, images, volumes, networks, services'),
        ("dashboard --page-size 0", 'invalid argument "0" for "--page-size" flag: at least 1'),
        ("dashboard extra", "\"docker dashboard\" requires no arguments. Usage: docker dashboard [OPTIONS]"),
        ("dashboard --page-size x", "invalid argument \"x\" for \"--page-size\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"),
        ("dashboard --nope", "unknown flag: --nope"),
    ],
)
def test_bad_input_is_one_line(line, message):
    with pytest.raises(UsageError) as caught:
        run_line(line, NoEngine())
    text = str(caught.value)
    assert "\n" not in text
    if message:
        assert text.startswith(message)
