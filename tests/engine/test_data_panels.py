"""The volume and network panels and the dashboard against the private engine, the CLI as witness."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import cli
from conftest import until as eventually

import dockerwidgets
from dockerwidgets.sessions.eventhub import EventHub
from dockerwidgets.sessions.events import EventFollower
from dockerwidgets.widgets.dashboard import Dashboard
from dockerwidgets.widgets.panels.actions import PRUNE_VOLUMES
from dockerwidgets.widgets.panels.networks import NetworkPanel
from dockerwidgets.widgets.panels.volumes import VolumePanel

pytestmark = pytest.mark.engine
PREFIX = "dwdash-"


def clear_data() -> None:
    """Remove the volumes and networks this file makes (containers are the engine fixture's)."""
    volumes = [name for name in cli("volume", "ls", "-q").split() if name.startswith(PREFIX)]
    if volumes:
        cli("volume", "rm", "-f", *volumes, check=False)
    networks = [name for name in cli("network", "ls", "--format", "{{.Name}}").split() if name.startswith(PREFIX)]
    if networks:
        cli("network", "rm", *networks, check=False)


@pytest.fixture
def made(engine):
    """Make panels and dashboards on the private engine; all are closed after the test."""
    clear_data()
    widgets = []

    def make(kind, **options):
        widget = kind(engine, **options)
        widgets.append(widget)
        return widget

    yield make
    for widget in widgets:
        widget.close()
    clear_data()


def dw_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("dockerwidgets-")]


def names(panel, column: str) -> list[str]:
    return panel.frame[column].tolist()


# --- VolumePanel ---------------------------------------------------------------------------------


def test_a_volume_made_elsewhere_shows_by_its_event_with_its_users(made):
    panel = made(VolumePanel)
    loads = panel.model.loads
    cli("volume", "create", f"{PREFIX}data")
    eventually(lambda: f"{PREFIX}data" in names(panel, "VOLUME NAME"))
    eventually(lambda: panel.follower.refreshes >= 1)  # counted once its read has returned
    assert panel.model.loads > loads
    cli("create", "--name", f"{PREFIX}writer", "-v", f"{PREFIX}data:/data", "busybox")
    row = lambda: panel.frame[panel.frame["VOLUME NAME"] == f"{PREFIX}data"]  # noqa: E731
    eventually(lambda: row()["CONTAINERS"].tolist() == [f"{PREFIX}writer"])
    assert row().docker.typed["containers"].tolist() == [[f"{PREFIX}writer"]]
    listed = cli("volume", "ls", "--format", "{{.Driver}} {{.Name}}").split("\n")
    assert sorted(f"{d} {n}" for d, n in zip(panel.frame["DRIVER"], panel.frame["VOLUME NAME"], strict=True)) == sorted(
        listed
    )


def test_remove_from_the_panel_asks_and_the_volume_is_gone_and_one_in_use_stays(made):
    cli("volume", "create", f"{PREFIX}gone")
    cli("volume", "create", f"{PREFIX}used")
    cli("create", "--name", f"{PREFIX}user", "-v", f"{PREFIX}used:/data", "busybox")
    panel = made(VolumePanel)
    panel.select(f"{PREFIX}used")
    assert panel.act("remove") is None and panel.pending.startswith("Remove 1 volume(s)")
    panel.confirm()
    assert panel.wait(30)
    assert panel.model.error and panel.message.startswith(f"Error response from daemon: remove {PREFIX}used: volume is in use")
    assert f"{PREFIX}used" in cli("volume", "ls", "-q").split()
    panel.select(f"{PREFIX}gone")
    panel.buttons["remove"].click()
    panel.confirm()
    assert panel.wait(30) and panel.message == f"remove: {PREFIX}gone"
    assert f"{PREFIX}gone" not in cli("volume", "ls", "-q").split()
    eventually(lambda: f"{PREFIX}gone" not in names(panel, "VOLUME NAME"))


def test_create_and_prune_from_the_volume_panel(made):
    panel = made(VolumePanel)
    assert panel.create(f"{PREFIX}new", timeout=30) == f"created volume {PREFIX}new"
    assert f"{PREFIX}new" in names(panel, "VOLUME NAME") and f"{PREFIX}new" in cli("volume", "ls", "-q").split()
    anonymous = cli("volume", "create")  # unused: what prune takes
    cli("create", "--name", f"{PREFIX}keeper", "-v", f"{PREFIX}kept:/data", "busybox")
    eventually(lambda: {anonymous, f"{PREFIX}kept"} <= set(names(panel, "VOLUME NAME")))
    panel.act("prune")
    assert panel.pending == PRUNE_VOLUMES  # the CLI's own warning
    panel.confirm()
    assert panel.wait(30) and panel.message.startswith("prune: ") and anonymous in panel.message
    eventually(lambda: anonymous not in names(panel, "VOLUME NAME"))
    assert f"{PREFIX}kept" in names(panel, "VOLUME NAME")  # in use: kept
    # named unused volumes go too before API 1.42 and stay from it on: the CLI's list is the witness either way
    eventually(lambda: sorted(names(panel, "VOLUME NAME")) == sorted(cli("volume", "ls", "-q").split()))


# --- NetworkPanel --------------------------------------------------------------------------------


def test_network_panel_shows_the_containers_on_each_network_live(made):
    panel = made(NetworkPanel)
    assert {"bridge", "host", "none"} <= set(names(panel, "NAME"))
    cli("network", "create", f"{PREFIX}net")
    eventually(lambda: f"{PREFIX}net" in names(panel, "NAME"))
    cli("run", "-d", "--name", f"{PREFIX}server", "--network", f"{PREFIX}net", "busybox", "sleep", "600")
    row = lambda: panel.frame[panel.frame["NAME"] == f"{PREFIX}net"]  # noqa: E731
    eventually(lambda: row()["CONTAINERS"].tolist() == [f"{PREFIX}server"])
    ids = cli("network", "ls", "--format", "{{.ID}} {{.Name}}").split("\n")
    assert sorted(f"{i} {n}" for i, n in zip(panel.frame["NETWORK ID"], panel.frame["NAME"], strict=True)) == sorted(ids)
    cli("rm", "-f", f"{PREFIX}server")
    eventually(lambda: row()["CONTAINERS"].tolist() == [""])


def test_create_and_remove_a_network_from_the_panel(made):
    panel = made(NetworkPanel)
    assert panel.create(f"{PREFIX}made", timeout=30) == f"created network {PREFIX}made"
    assert f"{PREFIX}made" in cli("network", "ls", "--format", "{{.Name}}").split()
    eventually(lambda: f"{PREFIX}made" in names(panel, "NAME"))
    panel.select(f"{PREFIX}made")
    panel.act("remove")
    panel.confirm()
    assert panel.wait(30) and panel.message == f"remove: {PREFIX}made"
    eventually(lambda: f"{PREFIX}made" not in names(panel, "NAME"))
    assert f"{PREFIX}made" not in cli("network", "ls", "--format", "{{.Name}}").split()
    panel.select("bridge")
    panel.act("remove")
    panel.confirm()
    panel.wait(30)
    assert panel.model.error and "bridge" in panel.message and "\n" not in panel.message
    assert "bridge" in names(panel, "NAME")


# --- the dashboard ---------------------------------------------------------------------------------


def test_the_dashboard_has_a_tab_per_kind_made_when_shown_on_one_events_stream(made, engine):
    baseline = len(dw_threads())
    followers_made = []
    original = EventFollower.start

    def counting(self, retry=False):
        followers_made.append(self)
        return original(self, retry)

    EventFollower.start = counting
    try:
        dashboard = made(Dashboard)
        assert dashboard.kinds == ["containers", "images", "volumes", "networks"]  # no Swarm: no services tab
        assert list(dashboard.panels) == ["containers"]  # the others are made when first shown
        dashboard.tabs.selected_index = 2
        assert list(dashboard.panels) == ["containers", "volumes"] and dashboard.selected == "volumes"
        frames = dashboard.frames
    finally:
        EventFollower.start = original
    assert list(frames) == ["containers", "images", "volumes", "networks"]
    assert sorted(frames["images"]["REPOSITORY"]) == sorted(cli("images", "--format", "{{.Repository}}").split())
    assert {"bridge", "host", "none"} <= set(frames["networks"]["NAME"])
    # one stream (two threads) for the engine, whatever the number of tabs
    assert len(followers_made) == 1 and isinstance(followers_made[0], EventHub)
    assert len(dashboard.followers) == 1 and len(dashboard.followers[0].subscriptions) == 4
    assert len(dw_threads()) - baseline == 2
    volumes = dashboard.panel("volumes")
    cli("volume", "create", f"{PREFIX}shared")
    cli("run", "-d", "--name", f"{PREFIX}c", "-v", f"{PREFIX}shared:/d", "busybox", "sleep", "600")
    eventually(lambda: f"{PREFIX}c" in dashboard.panel("containers").frame["NAMES"].tolist())
    eventually(lambda: f"{PREFIX}c" in volumes.frame["CONTAINERS"].tolist())
    assert volumes.follower.hub is dashboard.followers[0]


def test_closing_the_dashboard_joins_every_thread(made):
    baseline = {thread.ident for thread in dw_threads()}
    dashboard = made(Dashboard, lazy=False)
    assert len(dashboard.panels) == 4
    cli("volume", "create", f"{PREFIX}x")  # some work for the readers and the panels' workers
    eventually(lambda: f"{PREFIX}x" in names(dashboard.panel("volumes"), "VOLUME NAME"))
    panel = dashboard.panel("volumes")
    panel.select(f"{PREFIX}x")
    panel.act("inspect")
    panel.wait(30)
    hub = dashboard.followers[0]
    dashboard.close()
    assert dashboard.closed and not hub.alive and not hub._reader.is_alive() and not hub._refresher.is_alive()
    assert all(each.model.closed for each in dashboard.panels.values())
    eventually(lambda: not [t for t in dw_threads() if t.ident not in baseline], timeout=10)
    assert dashboard.comm is None and dashboard.tabs.comm is None
    dashboard.close()  # twice is fine


def test_the_magic_makes_the_dashboard_and_the_panels(ipython, engine):
    clear_data()
    dashboard = ipython.run_line_magic("docker", "dashboard --tabs volumes,networks")
    try:
        assert isinstance(dashboard, Dashboard) and dashboard.kinds == ["volumes", "networks"]
        assert dockerwidgets.Dashboard is Dashboard
    finally:
        dashboard.close()
    with pytest.raises(Exception, match=r'^invalid argument "disks" for "--tabs" flag: tabs are containers, '):
        ipython.run_line_magic("docker", "dashboard --tabs disks")
    assert dockerwidgets.VolumePanel is VolumePanel and dockerwidgets.NetworkPanel is NetworkPanel
    cli("volume", "create", "--label", "team=data", f"{PREFIX}labelled")
    cli("volume", "create", f"{PREFIX}plain")
    volumes = ipython.run_line_magic("docker", "volume ls --panel -f label=team=data")
    networks = ipython.run_line_magic("docker", "network ls --panel")
    try:
        assert isinstance(volumes, VolumePanel) and names(volumes, "VOLUME NAME") == [f"{PREFIX}labelled"]
        assert volumes.filters == {"label": ["team=data"]}
        assert isinstance(networks, NetworkPanel) and "bridge" in names(networks, "NAME")
    finally:
        volumes.close()
        networks.close()
        clear_data()


def test_a_volume_panel_alone_has_its_own_follower(made):
    panel = made(VolumePanel)
    assert isinstance(panel.follower, EventFollower) and not isinstance(panel.follower, EventHub)
    reader = panel.follower._reader
    panel.close()
    time.sleep(0.1)
    assert not reader.is_alive()


def test_a_dashboard_over_engines_has_an_engine_column_and_one_stream_per_engine(made, private_engine):
    dashboard = Dashboard(engines=[private_engine], kinds=["volumes", "networks"])
    try:
        assert [hub.engine.name for hub in dashboard.followers] == [private_engine]
        frame = dashboard.panel("networks").frame
        assert list(frame.columns)[:2] == ["ENGINE", "NETWORK ID"] and set(frame["ENGINE"]) == {private_engine}
        cli("volume", "create", f"{PREFIX}multi")
        volumes = dashboard.panel("volumes")
        eventually(lambda: f"{PREFIX}multi" in names(volumes, "VOLUME NAME"))
        assert volumes.select(f"{PREFIX}multi") == [f"{private_engine}/{PREFIX}multi"]
    finally:
        dashboard.close()
    assert not dashboard.followers[0].alive
