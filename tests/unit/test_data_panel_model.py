"""The volume and network panel models and the shared events hub, without an engine: fake ops and a fake events stream."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from types import SimpleNamespace

import pytest

from dockerwidgets.errors import UsageError, fail
from dockerwidgets.ops.volumes import ContainerUse
from dockerwidgets.sessions.eventhub import EventHub, event_matches
from dockerwidgets.widgets.panels.actions import PRUNE_NETWORKS, PRUNE_VOLUMES, actions_of
from dockerwidgets.widgets.panels.datamodels import NetworkModel, VolumeModel
from dockerwidgets.widgets.panels.model import ContainerModel

ENGINE = SimpleNamespace(name="default")


def use(name: str) -> ContainerUse:
    return ContainerUse(id=name * 8, name=name, state="running")


class FakeVolumes:
    """``ops.volumes`` over a dict of name -> driver, and who uses each."""

    def __init__(self, **drivers: str) -> None:
        self.items = dict(drivers)
        self.users: dict[str, list[ContainerUse]] = {}
        self.calls: list[tuple] = []
        self.lists = 0

    def list_volumes(self, engine, filters=None):
        self.lists += 1
        self.calls.append(("list", filters))
        return [{"Name": name, "Driver": driver, "Scope": "local", "Labels": None} for name, driver in self.items.items()]

    def volume_users(self, engine, containers=None):
        return self.users

    def create_volume(self, engine, name=None, driver=None, options=None, labels=None):
        self.calls.append(("create", name, driver))
        name = name or "f" * 64
        self.items[name] = driver or "local"
        return {"Name": name, "Driver": driver or "local"}

    def remove_volumes(self, engine, names, force=False):
        self.calls.append(("remove", list(names)))
        busy = [name for name in names if self.users.get(name)]
        if busy:
            raise fail(
                f"Error response from daemon: remove {busy[0]}: volume is in use - [{self.users[busy[0]][0].id}]"
            )
        for name in names:
            self.items.pop(name)
        return list(names)

    def prune_volumes(self, engine, filters=None, all=False):
        gone = [name for name in self.items if not self.users.get(name)]
        for name in gone:
            self.items.pop(name)
        return {"VolumesDeleted": gone, "SpaceReclaimed": 2048}

    def inspect_volume(self, engine, name):
        return {"Name": name, "Driver": self.items[name], "Mountpoint": f"/var/lib/docker/volumes/{name}/_data"}


def nid(index: int) -> str:
    return f"{index:02x}" * 32


class FakeNetworks:
    """``ops.networks`` over a dict of id -> name; users by network id (as volnet's network_users gives them)."""

    def __init__(self, *names: str) -> None:
        self.items = {nid(i + 1): name for i, name in enumerate(names)}
        self.users: dict[str, list[ContainerUse]] = {}
        self.calls: list[tuple] = []

    def list_networks(self, engine, filters=None):
        return [
            {"Id": key, "Name": name, "Driver": "null" if name == "none" else "bridge", "Scope": "local"}
            for key, name in self.items.items()
        ]

    def network_users(self, engine, containers=None):
        return self.users

    def create_network(self, engine, name, driver="bridge", **_):
        self.calls.append(("create", name, driver))
        if name in self.items.values():
            raise fail(f"Error response from daemon: network with name {name} already exists")
        key = nid(len(self.items) + 1)
        self.items[key] = name
        return key

    def remove_networks(self, engine, refs, force=False):
        self.calls.append(("remove", list(refs)))
        for ref in refs:
            self.items.pop(ref)
        return list(refs)

    def prune_networks(self, engine, filters=None):
        gone = [name for key, name in self.items.items() if name not in ("bridge", "none") and not self.users.get(key)]
        self.items = {key: name for key, name in self.items.items() if name not in gone}
        return {"NetworksDeleted": gone}

    def inspect_network(self, engine, ref):
        return {"Id": ref, "Name": self.items[ref]}


def volumes(**drivers: str) -> tuple[VolumeModel, FakeVolumes]:
    fake = FakeVolumes(**drivers)
    return VolumeModel(ENGINE, ops=SimpleNamespace(volumes=fake), live=False), fake


def networks(*names: str) -> tuple[NetworkModel, FakeNetworks]:
    fake = FakeNetworks(*names)
    return NetworkModel(ENGINE, ops=SimpleNamespace(networks=fake), live=False), fake


# --- volumes ------------------------------------------------------------------------------------


def test_volume_rows_are_volume_ls_with_the_containers_using_each():
    model, fake = volumes()
    fake.items = {"data": "local", "cache": "local", "empty": "local"}
    fake.users = {"data": [use("web10"), use("web2")], "cache": [use("job")]}
    model.refresh()
    assert list(model.rows.columns) == ["DRIVER", "VOLUME NAME", "CONTAINERS"]
    assert model.shown["VOLUME NAME"].tolist() == ["cache", "data", "empty"]  # by name, as volume ls
    shown = dict(zip(model.shown["VOLUME NAME"], model.shown["CONTAINERS"], strict=True))
    assert shown == {"cache": "job", "data": "web2, web10", "empty": ""}  # the CLI's natural order
    typed = model.shown.docker.typed
    assert typed["containers"].tolist() == [["job"], ["web2", "web10"], []]
    assert [d["tone"] for d in model.decorations(model.shown)] == ["ok", "ok", "off"]
    assert model.keys(model.shown) == ["cache", "data", "empty"]


def test_the_filter_finds_a_volume_by_a_container_using_it():
    model, fake = volumes(data="local", other="local")
    fake.users = {"data": [use("postgres")]}
    model.refresh()
    model.filter = "POSTGRES"
    assert model.shown["VOLUME NAME"].tolist() == ["data"]


def test_create_a_volume_with_the_boxes_then_it_is_listed():
    model, fake = volumes()
    model.act("create", create_name="fresh", driver="")
    assert model.wait(5)
    assert fake.calls[-2] == ("create", "fresh", None) and model.message == "created volume fresh"
    assert model.shown["VOLUME NAME"].tolist() == ["fresh"]
    model.act("create")  # no name: the engine names it, as `volume create` without NAME
    model.wait(5)
    assert model.message == f"created volume {'f' * 64}"


def test_remove_asks_first_and_a_volume_in_use_is_the_engines_line_and_stays():
    model, fake = volumes(data="local", old="local")
    fake.users = {"data": [use("web")]}
    model.refresh()
    model.select(["data", "old"])
    assert model.act("remove") is None
    assert model.question == "Remove 2 volume(s) (data, old)? Their data is deleted."
    model.confirm()
    model.wait(5)
    assert model.error and model.message == f"Error response from daemon: remove data: volume is in use - [{'web' * 8}]"
    assert sorted(model.shown["VOLUME NAME"]) == ["data", "old"] and model.pending == {}
    model.select("old")
    model.act("remove")
    model.confirm()
    model.wait(5)
    assert model.message == "remove: old" and model.shown["VOLUME NAME"].tolist() == ["data"]


def test_prune_asks_with_the_clis_warning_and_says_what_went():
    model, fake = volumes(data="local", a="local", b="local")
    fake.users = {"data": [use("web")]}
    model.refresh()
    assert model.act("prune") is None and model.question == PRUNE_VOLUMES
    model.cancel()
    assert fake.items.keys() == {"data", "a", "b"}
    model.act("prune")
    model.confirm()
    model.wait(5)
    assert model.message == "prune: 2 removed: a, b; total reclaimed space: 2.05kB"
    assert model.shown["VOLUME NAME"].tolist() == ["data"]


def test_inspect_a_volume_is_a_json_detail():
    model, _ = volumes(data="local")
    model.select("data")
    model.act("inspect")
    model.wait(5)
    assert model.detail.kind == "json" and model.detail.value["Name"] == "data"
    with pytest.raises(UsageError, match=r"^Error: No such volume: nope$"):
        model.select("nope")


def test_volume_panel_follows_volume_events_and_the_container_events_that_change_users():
    model, _ = volumes()
    wants = model.wants_event
    assert wants({"Type": "volume", "Action": "create"}) and wants({"Type": "volume", "Action": "destroy"})
    assert not wants({"Type": "volume", "Action": "mount"})
    assert wants({"Type": "container", "Action": "destroy"}) and wants({"Type": "container", "Action": "create"})
    assert not wants({"Type": "container", "Action": "start"}) and not wants({"Type": "container", "Action": "die"})
    assert model.event_filters == {"type": ["volume", "container"]}


# --- networks -----------------------------------------------------------------------------------


def test_network_rows_are_network_ls_with_the_containers_on_each_keyed_by_full_id():
    model, fake = networks("bridge", "none", "backend")
    fake.users = {nid(3): [use("db"), use("app")], nid(1): [use("web")]}
    model.refresh()
    assert list(model.rows.columns) == ["NETWORK ID", "NAME", "DRIVER", "SCOPE", "CONTAINERS"]
    assert model.shown["NAME"].tolist() == ["backend", "bridge", "none"]
    assert model.shown["CONTAINERS"].tolist() == ["app, db", "web", ""]
    assert model.shown["NETWORK ID"].tolist()[0] == nid(3)[:12]
    assert model.select(["backend", nid(1)[:6]]) == [nid(3), nid(1)]
    assert model.names([nid(3)]) == ["backend"]


def test_network_create_needs_a_name_and_a_taken_one_is_the_engines_line():
    model, fake = networks("bridge")
    with pytest.raises(UsageError, match=r"^type the new network's name in the box beside create$"):
        model.act("create", create_name=" ")
    model.act("create", create_name="backend", driver="")
    model.wait(5)
    assert model.message == "created network backend" and "backend" in model.shown["NAME"].tolist()
    model.act("create", create_name="backend")
    model.wait(5)
    assert model.error and model.message == "Error response from daemon: network with name backend already exists"
    assert fake.calls[0] == ("create", "backend", None)


def test_network_remove_and_prune_ask_first():
    model, fake = networks("bridge", "none", "backend", "spare")
    fake.users = {nid(3): [use("db")]}
    model.refresh()
    model.select("spare")
    model.act("remove")
    assert model.question == "Remove 1 network(s) (spare)?"
    model.confirm()
    model.wait(5)
    assert fake.calls == [("remove", [nid(4)])] and "spare" not in model.shown["NAME"].tolist()
    model.act("prune")
    assert model.question == PRUNE_NETWORKS
    model.confirm()
    model.wait(5)
    assert model.message == "prune: 0 removed"
    assert model.wants_event({"Type": "network", "Action": "connect"})
    assert model.wants_event({"Type": "container", "Action": "start"})
    assert not model.wants_event({"Type": "container", "Action": "die"})


def test_the_action_tables_of_the_two_kinds():
    assert list(actions_of("volumes")) == ["create", "remove", "prune", "inspect"]
    assert list(actions_of("networks")) == ["create", "remove", "prune", "inspect"]


# --- the shared hub -------------------------------------------------------------------------------


class FakeStream:
    """An events stream the test feeds; close() ends the iteration (as closing the socket does)."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()
        self.closed = False

    def __iter__(self):
        while True:
            event = self.queue.get()
            if event is None:
                return
            yield event

    def close(self) -> None:
        self.closed = True
        self.queue.put(None)


class FakeEngine:
    """An engine whose ``api.events`` hands out streams the test feeds, counting them."""

    def __init__(self, name: str = "default") -> None:
        self.name = name
        self.streams: list[FakeStream] = []
        self.filters: list[dict] = []
        self.api = SimpleNamespace(events=self._events)

    def _events(self, decode=True, filters=None, since=None):
        self.filters.append(filters)
        stream = FakeStream()
        self.streams.append(stream)
        return stream

    @contextlib.contextmanager
    def errors(self):
        yield

    def send(self, type_: str, action: str) -> None:
        self.streams[-1].queue.put({"Type": type_, "Action": action, "timeNano": time.time_ns()})


def eventually(check, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_event_filters_as_the_engine_applies_them():
    assert event_matches({"Type": "volume", "Action": "create"}, {"type": ["volume", "container"]})
    assert not event_matches({"Type": "image", "Action": "pull"}, {"type": ["volume"]})
    assert event_matches({"Type": "container", "Action": "exec_start: sh"}, {"event": ["exec_start"]})
    assert event_matches({"Type": "node", "Action": "update"}, {})


def test_one_hub_serves_every_panel_of_an_engine_each_reading_only_for_its_own_events():
    engine = FakeEngine()
    hub = EventHub(engine, window=0.05).start()
    vols, vfake = FakeVolumes(data="local"), None
    vfake = vols
    nets = FakeNetworks("bridge")
    containers = SimpleNamespace(list_containers=lambda engine, all=False, filters=None: [])
    ops = SimpleNamespace(volumes=vols, networks=nets, containers=containers)
    models = [
        VolumeModel(engine, ops=ops, events={"default": hub}),
        NetworkModel(engine, ops=ops, events={"default": hub}),
        ContainerModel(engine, ops=ops, events={"default": hub}),
    ]
    try:
        followers = [t for t in threading.enumerate() if t.name.startswith(("dockerwidgets-events", "dockerwidgets-refresh"))]
        assert len(engine.streams) == 1 and len(followers) == 2  # the hub's two; the panels have none of their own
        assert engine.filters[0] == {"type": ["container", "image", "volume", "network", "service", "node"]}
        volume_sub, network_sub, container_sub = (model.follower for model in models)
        assert len(hub.subscriptions) == 3 and volume_sub.alive
        loads = [model.loads for model in models]
        vfake.items["fresh"] = "local"
        for _ in range(5):
            engine.send("volume", "create")
        assert eventually(lambda: "fresh" in models[0].shown["VOLUME NAME"].tolist())
        assert eventually(lambda: volume_sub.refreshes == 1) and volume_sub.events == 5  # the burst, one read
        engine.send("container", "die")  # the containers' tab reads; volumes' and networks' do not
        assert eventually(lambda: container_sub.refreshes == 1)
        time.sleep(0.2)
        assert [model.loads - n for model, n in zip(models, loads, strict=True)] == [1, 0, 1]
        engine.send("container", "destroy")  # may change who uses a volume or a network: all three read
        assert eventually(lambda: network_sub.refreshes == 1 and volume_sub.refreshes == 2)
        models[0].close()
        assert not volume_sub.alive and len(hub.subscriptions) == 2 and hub.alive  # the others go on
        engine.send("volume", "destroy")
        time.sleep(0.2)
        assert volume_sub.refreshes == 2
    finally:
        for model in models:
            model.close()
        hub.close()
    assert not hub.alive and engine.streams[0].closed


def test_a_subscriber_that_fails_does_not_stop_the_others():
    engine = FakeEngine()
    hub = EventHub(engine, window=0.02).start()
    errors: list[str] = []
    calls: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom\nsecond line")

    hub.subscribe({"type": ["volume"]}, broken, errors.append)
    hub.subscribe({"type": ["volume"]}, lambda: calls.append("ok"))
    engine.send("volume", "create")
    try:
        assert eventually(lambda: calls == ["ok"] and errors)
        assert errors == ["boom second line"]
    finally:
        hub.close()
    assert not hub.alive


def test_after_a_lost_stream_every_subscriber_reads_once_and_only_then():
    engine = FakeEngine()
    hub = EventHub(engine, window=0.02)
    hub.start()
    calls: list[str] = []
    errors: list[str] = []
    hub.subscribe({"type": ["volume"]}, lambda: calls.append("volumes"), errors.append)
    hub.subscribe({"type": ["network"]}, lambda: calls.append("networks"))
    try:
        engine.streams[0].close()  # the engine's stream ends: the hub opens a new one
        assert eventually(lambda: len(engine.streams) == 2 and sorted(calls) == ["networks", "volumes"])
        assert errors == ["the engine's events stream ended; reconnecting"]
        engine.send("network", "create")
        assert eventually(lambda: calls.count("networks") == 2)
        time.sleep(0.1)
        assert calls.count("volumes") == 1
    finally:
        hub.close()
