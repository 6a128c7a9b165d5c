"""The panels against the private engine, through their headless API (what the buttons call), the CLI as witness."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import ipywidgets as w
import pytest
from conftest import cli, state
from conftest import until as eventually

import dockerwidgets
from dockerwidgets.errors import UsageError
from dockerwidgets.widgets.panels.containers import ACTIONS, ContainerPanel
from dockerwidgets.widgets.panels.images import ImagePanel

pytestmark = pytest.mark.engine
EVIL = "<img src=x onerror=alert(1)>"
SLEEPER = ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]  # stops at once on SIGTERM
STUBBORN = ["sh", "-c", "trap '' TERM; sleep 600 & wait"]  # ignores SIGTERM: stop waits its timeout, then kills


def run(name: str, *flags: str, command: list[str] | None = None) -> str:
    return cli("run", "-d", "--name", name, *flags, "busybox", *(SLEEPER if command is None else command))


def status_in(panel, name: str) -> str:
    frame = panel.frame
    rows = frame[frame["NAMES"] == name]
    return rows["STATUS"].iloc[0] if len(rows) else ""


@pytest.fixture
def panels(engine):
    """Make panels on the private engine; all are closed after the test."""
    made = []

    def make(kind=ContainerPanel, **options):
        panel = kind(engine, **options)
        made.append(panel)
        return panel

    yield make
    for panel in made:
        panel.close()


def test_the_panel_is_the_ps_frame_with_running_only_switch(panels):
    run("up1")
    cli("create", "--name", "made", "busybox")
    panel = panels()
    assert sorted(panel.frame["NAMES"]) == sorted(cli("ps", "-a", "--format", "{{.Names}}").split())
    assert list(panel.frame.columns) == list(dockerwidgets.docker("ps -a", panel.engine).columns)
    assert set(panel.frame.docker.typed["state"]) == {"running", "created"}
    panel.show.value = "running"
    assert panel.frame["NAMES"].tolist() == ["up1"]
    assert set(panel.buttons) == set(ACTIONS) and all(callable(b.click) for b in panel.buttons.values())


def test_select_and_stop_shows_exited(panels):
    run("web1")
    panel = panels()
    assert panel.select(["web1"]) == [cli("inspect", "-f", "{{.Id}}", "web1")]
    panel.buttons["stop"].click()
    assert panel.wait(30)
    assert state("web1") == "exited"
    assert status_in(panel, "web1").startswith("Exited (0)")
    assert panel.message == "stop: web1"


def test_lifecycle_buttons_do_what_the_cli_sees(panels):
    run("life")
    panel = panels()
    panel.select("life")
    for action, expected in (("pause", "paused"), ("unpause", "running"), ("restart", "running")):
        panel.buttons[action].click()
        assert panel.wait(30)
        assert state("life") == expected, action
        assert panel.message == f"{action}: life"
    panel.buttons["stop"].click()
    panel.wait(30)
    panel.buttons["start"].click()
    panel.wait(30)
    assert state("life") == "running"


def test_a_failing_action_shows_the_engine_message_in_one_line_and_the_panel_keeps_working(panels):
    cli("create", "--name", "idle", "busybox")
    panel = panels()
    panel.select("idle")
    panel.buttons["unpause"].click()
    panel.wait(30)
    assert panel.message.startswith("Error response from daemon: Container ") and "is not paused" in panel.message
    assert "\n" not in panel.message
    panel.buttons["start"].click()
    panel.wait(30)
    assert panel.message == "start: idle" and state("idle") in ("running", "exited")


def test_actions_need_a_selection_and_some_need_exactly_one(panels):
    run("one")
    run("two")
    panel = panels()
    panel.buttons["start"].click()
    assert panel.message == "select a container first"
    panel.select(["one", "two"])
    panel.buttons["logs"].click()
    assert panel.message == "select exactly one container for this"
    with pytest.raises(UsageError, match=r"^Error: No such container: nope$"):
        panel.select(["one", "nope"])
    assert panel.message == "Error: No such container: nope"


def test_remove_and_kill_ask_first_and_cancel_changes_nothing(panels):
    run("victim")
    panel = panels()
    panel.select("victim")
    panel.buttons["remove"].click()
    assert panel.pending == "Remove 1 container(s) (victim)? Running ones are killed first."
    assert panel.confirm_box.layout.display != "none"
    panel.cancel()
    assert panel.pending is None and state("victim") == "running"
    assert panel.message == "Cancelled: nothing was done."
    panel.buttons["kill"].click()
    assert panel.pending == "Kill 1 container(s) (victim)?"
    panel.yes.click()
    panel.wait(30)
    assert state("victim") == "exited" and panel.message == "kill: victim"
    panel.buttons["remove"].click()
    panel.confirm()
    panel.wait(30)
    assert cli("ps", "-a", "-q") == "" and "victim" not in panel.frame["NAMES"].tolist()
    with pytest.raises(UsageError, match=r"^nothing to confirm$"):
        panel.confirm()


def test_stop_of_several_asks_and_stop_of_one_does_not(panels):
    run("s1")
    run("s2")
    panel = panels()
    panel.select(["s1", "s2"])
    panel.buttons["stop"].click()
    assert panel.pending == "Stop 2 containers (s1, s2)?"
    assert state("s1") == state("s2") == "running"
    panel.confirm()
    panel.wait(30)
    assert state("s1") == state("s2") == "exited" and panel.message == "stop: s1, s2"


def test_rename_uses_the_new_name_box(panels):
    run("old")
    panel = panels()
    panel.select("old")
    panel.buttons["rename"].click()
    assert panel.message == "type the new name in the box beside rename"
    panel.new_name.value = "new"
    panel.buttons["rename"].click()
    panel.wait(30)
    assert panel.message == "renamed old to new"
    assert cli("ps", "-a", "--format", "{{.Names}}") == "new" and panel.frame["NAMES"].tolist() == ["new"]


def test_logs_and_inspect_show_escaped_text_under_the_table(panels):
    run("talker", command=["sh", "-c", f"echo '{EVIL}'; echo second; sleep 600"])
    panel = panels()
    panel.select("talker")
    eventually(lambda: "second" in cli("logs", "talker"))
    panel.buttons["logs"].click()
    panel.wait(30)
    shown = panel.detail_body.children[0].value
    assert "&lt;img src=x onerror=alert(1)&gt;\nsecond" in shown and "<img" not in shown
    panel.buttons["inspect"].click()
    panel.wait(30)
    shown = panel.detail_body.children[0].value
    assert "<details open>" in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown
    assert panel.detail.layout.display != "none"
    panel.detail_close.click()
    assert panel.detail.layout.display == "none" and panel.detail_body.children == ()


def row_of(panel, name: str) -> dict:
    """The row the table widget was sent for container *name* (what the front end draws as text)."""
    index = panel.table.columns.index("NAMES")
    return next(row for row in panel.table.rows if row["cells"][index] == name)


def test_engine_strings_are_text_never_html(panels):
    cli("create", "--name", "evil", "-l", f"note={EVIL}", "busybox", EVIL)
    panel = panels()
    row = row_of(panel, "evil")
    command = row["cells"][panel.table.columns.index("COMMAND")]
    assert command == '"<img src=x onerror=…"'  # the CLI's truncated COMMAND, as characters (set as textContent)
    assert row["tips"]["COMMAND"] == EVIL  # the whole command, as a tooltip (a DOM property)
    source = (Path(dockerwidgets.__file__).parent / "widgets" / "static" / "table.js").read_text()
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source


def test_ports_are_links_and_status_has_a_tone(panels):
    run("httpd", "-p", "28081:80", command=["httpd", "-f", "-p", "80"])
    cli("create", "--name", "made", "busybox")
    panel = panels()
    row = row_of(panel, "httpd")
    assert row["links"]["PORTS"] == [{"text": "0.0.0.0:28081->80/tcp", "href": "http://127.0.0.1:28081"}]
    assert row["tone"] == "ok" and row_of(panel, "made")["tone"] == "off"
    assert panel.table.status_column == "STATUS"


def test_filter_sort_and_pages(panels):
    for index in range(5):
        cli("create", "--name", f"item{index}", "-l", "demo=panels", "busybox")
    cli("create", "--name", "other", "busybox")
    panel = panels(page_size=2)
    assert panel.page_label.value == "<span>1–2 of 6</span>" and len(panel.table.rows) == 2
    panel.filter.value = "ITEM"
    assert sorted(panel.frame["NAMES"]) == [f"item{i}" for i in range(5)]
    panel.sort_by.value = "NAMES"
    panel.descending.value = False
    assert panel.frame["NAMES"].tolist() == [f"item{i}" for i in range(5)]
    panel.next.click()
    assert [row["label"] for row in panel.table.rows] == ["item2", "item3"]
    panel.select("item4")  # goes to the page it is on
    assert [row["label"] for row in panel.table.rows] == ["item4"]
    assert panel.selected_label.value == "1 selected: item4" and panel.table.selected == [panel.selected[0]]
    labelled = panels(filters={"label": ["demo=panels"]})
    assert len(labelled.frame) == 5


def test_clicks_in_the_table_select_rows_and_quick_actions_act_on_their_row(panels):
    run("pick")
    run("other")
    panel = panels()
    pick, other = (cli("inspect", "-f", "{{.Id}}", name) for name in ("pick", "other"))
    panel.table.click_rows([pick, other])  # what a click then a shift-click (or two checkboxes) sends
    assert panel.selected == [pick, other] and set(panel.table.selected) == {pick, other}
    panel.table.click_rows([other])
    assert panel.selected == [other]
    assert [q["name"] for q in panel.table.quick] == ["start", "stop", "restart", "logs"]
    panel.table.click_quick("stop", pick)  # the row's own stop: no question, the selection is not used
    assert panel.wait(30) and state("pick") == "exited" and state("other") == "running"
    assert panel.message == "stop: pick"


@pytest.mark.filterwarnings("ignore:Widget.widgets is deprecated")
def test_an_action_runs_on_a_worker_and_the_kernel_is_free(panels):
    run("stubborn", command=STUBBORN)
    panel = panels(stop_timeout=3)
    panel.select("stubborn")
    key = panel.selected[0]
    start = time.monotonic()
    panel.buttons["stop"].click()
    assert time.monotonic() - start < 1.0  # the click returned; the engine waits its 3 s meanwhile
    assert panel.working == {key: "stopping…"} and row_of(panel, "stubborn")["pending"] == "stopping…"
    assert dockerwidgets.docker("ps -q --filter name=stubborn", panel.engine)  # another cell runs meanwhile
    panel.buttons["restart"].click()  # a second action on the pending row: refused in one line
    assert panel.message == "stubborn: stopping… already; wait for it to end"
    assert state("stubborn") == "running"
    assert panel.wait(30) and time.monotonic() - start >= 2.5
    assert status_in(panel, "stubborn").startswith("Exited (137)") and panel.message == "stop: stubborn"
    assert panel.working == {} and row_of(panel, "stubborn")["pending"] == ""
    assert row_of(panel, "stubborn")["tone"] == "bad"


def test_after_an_action_the_row_updates_from_the_events_not_a_second_read(panels):
    run("evented")
    panel = panels()
    panel.select("evented")
    loads = panel.model.loads
    panel.buttons["stop"].click()
    assert panel.wait(30) and status_in(panel, "evented").startswith("Exited (0)")
    assert panel.follower.refreshes >= 1 and panel.model.loads - loads <= 2  # the follower's reads, coalesced


def test_a_change_made_elsewhere_shows_by_itself(panels):
    run("live")
    panel = panels()
    cli("stop", "live")
    eventually(lambda: status_in(panel, "live").startswith("Exited"))
    cli("rm", "live")
    eventually(lambda: panel.frame.empty)
    assert panel.follower.refreshes >= 1


def test_a_burst_of_changes_is_coalesced(panels):
    panel = panels()
    names = [f"burst{i}" for i in range(30)]
    for name in names:
        cli("create", "--name", name, "busybox")
    eventually(lambda: len(panel.frame) == 30)
    time.sleep(0.5)
    assert panel.follower.events >= 30 and panel.follower.refreshes < panel.follower.events


@pytest.mark.filterwarnings("ignore:Widget.widgets is deprecated")
def test_a_refresh_updates_the_table_once_and_makes_no_widget(panels):
    for index in range(30):
        cli("create", "--name", f"r{index}", "busybox")
    before = len(w.Widget.widgets)
    panel = panels(live=False)
    made = len(w.Widget.widgets) - before
    assert made <= 150
    changes = []
    panel.table.observe(changes.append, "rows")
    cli("rm", "r29")  # the newest: on the first page
    panel.refresh()
    assert len(changes) == 1 and len(w.Widget.widgets) - before == made
    assert len(panel.table.rows) == panel.page_size  # the page on screen only


def test_close_stops_the_events_thread_and_closes_the_widgets(panels):
    panel = panels()
    follower = panel.follower
    assert follower.alive
    panel.close()
    assert not follower.alive
    assert not [t for t in threading.enumerate() if t.name.startswith("dockerwidgets-") and t in (follower._reader,)]
    assert panel.comm is None and panel.table.comm is None
    assert panel.model.closed and panel.model._executor._shutdown
    panel.close()  # twice is fine


def test_attach_puts_the_console_under_the_table_or_says_why_not(panels):
    run("shell", "-i", "-t", command=["sh"])
    panel = panels()
    panel.select("shell")
    panel.buttons["attach"].click()
    panel.wait(30)
    assert panel.message == "attached to shell"
    assert panel.detail.layout.display != "none" and len(panel.detail_body.children) == 1
    panel.close_detail()


def test_the_magic_makes_panels(ipython, engine):
    run("m1")
    cli("create", "--name", "m2", "busybox")
    panel = ipython.run_line_magic("docker", "ps --panel")
    try:
        assert isinstance(panel, ContainerPanel) and panel.frame["NAMES"].tolist() == ["m1"]
        panel.show.value = "all"
        assert sorted(panel.frame["NAMES"]) == ["m1", "m2"]
    finally:
        panel.close()
    images = ipython.run_line_magic("docker", "images --panel")
    try:
        assert isinstance(images, ImagePanel)
        assert sorted(images.frame["REPOSITORY"]) == sorted(cli("images", "--format", "{{.Repository}}").split())
    finally:
        images.close()
    assert isinstance(dockerwidgets.ContainerPanel, type) and dockerwidgets.ImagePanel is ImagePanel


# --- ImagePanel ------------------------------------------------------------------------------


def test_image_panel_pulls_with_bars_then_lists_the_image(panels):
    cli("rmi", "-f", "ubuntu:14.04", check=False)
    panel = panels(ImagePanel)
    said = panel.pull("ubuntu:14.04")
    assert said == panel.message == "pull ubuntu:14.04: Downloaded newer image for ubuntu:14.04"
    assert panel.progress.value.count("<progress") >= 2  # overall and one per layer
    assert "ubuntu:14.04" in panel.row_keys(panel.frame)
    panel.reference.value = "Bad:Ref:x"
    panel.buttons["pull"].click()
    panel.wait(30)
    assert panel.message.startswith("invalid reference format")


def test_image_panel_remove_asks_and_shows_the_engine_refusal(panels):
    cli("pull", "-q", "ubuntu:10.04")
    cli("create", "--name", "user", "ubuntu:10.04")
    panel = panels(ImagePanel)
    panel.select("ubuntu:10.04")
    panel.buttons["remove"].click()
    assert panel.pending == "Remove 1 image(s) (ubuntu:10.04)?"
    panel.yes.click()
    panel.wait(30)
    assert panel.message.startswith("Error response from daemon: conflict: unable to remove repository reference")
    cli("rm", "user")
    panel.buttons["remove"].click()
    panel.confirm()
    panel.wait(30)
    assert panel.message == "remove: ubuntu:10.04" and "ubuntu:10.04" not in panel.row_keys(panel.frame)
    assert cli("images", "-q", "ubuntu:10.04") == ""


def test_image_panel_run_form_detached(panels):
    cli("pull", "-q", "busybox")
    panel = panels(ImagePanel)
    panel.select("busybox")
    assert panel.form["image"].value == "busybox:latest"
    form = panel.form
    form["name"].value = "formed"
    form["ports"].value = "28082:80"
    form["env"].value = "GREETING='hello there'"
    form["labels"].value = "demo=panels"
    form["command"].value = "httpd -f -p 80"
    panel.buttons["run"].click()
    panel.wait(30)
    assert panel.message.startswith("run busybox:latest: started ")
    assert cli("inspect", "-f", '{{.State.Status}} {{index .Config.Labels "demo"}}', "formed") == "running panels"
    assert "GREETING=hello there" in cli("inspect", "-f", "{{json .Config.Env}}", "formed")
    assert cli("port", "formed", "80").splitlines()[0] == "0.0.0.0:28082"
    form["name"].value = "formed"
    panel.buttons["run"].click()
    panel.wait(30)
    assert panel.message.startswith(
        'Error response from daemon: Conflict. The container name "/formed" is already in use'
    )


def test_image_panel_run_form_attached_puts_the_result_under_the_table(panels):
    cli("pull", "-q", "busybox")
    panel = panels(ImagePanel)
    panel.form["image"].value = "busybox"
    panel.form["command"].value = "echo hello"
    panel.form["labels"].value = "demo=panels"
    panel.form["detach"].value = False
    panel.buttons["run"].click()
    panel.wait(30)
    assert panel.message == "run busybox: attached"
    assert panel.detail.layout.display != "none" and len(panel.detail_body.children) == 1


def test_image_panel_follows_image_events(panels):
    cli("pull", "-q", "busybox")
    panel = panels(ImagePanel)
    cli("tag", "busybox", "dw-panel-test:live")
    try:
        eventually(lambda: "dw-panel-test:live" in panel.row_keys(panel.frame))
    finally:
        cli("rmi", "dw-panel-test:live")
    eventually(lambda: "dw-panel-test:live" not in panel.row_keys(panel.frame))
