"""The panel model without a front end or an engine: a fake ops records calls and answers from a dict."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from dockerwidgets.errors import UsageError, fail
from dockerwidgets.widgets.panels.actions import ACTIONS, actions_of, quick_actions
from dockerwidgets.widgets.panels.model import ContainerModel, ImageModel, ServiceModel


def cid(index: int) -> str:
    return f"{index:02x}" * 32


def container(index: int, name: str, state: str = "running", **overrides) -> dict:
    status = {"running": "Up 2 minutes", "exited": "Exited (0) 1 minute ago", "created": "Created"}[state]
    base = {
        "Id": cid(index),
        "Names": [f"/{name}"],
        "Image": "busybox",
        "ImageID": "sha256:" + "a" * 64,
        "Command": "sleep 600",
        "Created": 1_700_000_000 + index,
        "State": state,
        "Status": status,
        "Ports": [],
        "Labels": {},
    }
    return {**base, **overrides}


class FakeContainers:
    """``ops.containers`` over a dict; ``gate`` holds a stop until the test opens it."""

    def __init__(self, *containers: dict) -> None:
        self.items = {c["Id"]: c for c in containers}
        self.calls: list[tuple] = []
        self.lists = 0
        self.gate = threading.Event()
        self.gate.set()
        self.list_gate = threading.Event()
        self.list_gate.set()

    def list_containers(self, engine, all=False, filters=None):
        self.lists += 1
        self.list_gate.wait(5)
        return [dict(c) for c in self.items.values()]

    def _set(self, refs, state):
        for ref in refs:
            if ref not in self.items:
                raise fail(f"Error response from daemon: No such container: {ref}")
        for ref in refs:
            self.items[ref] = container(int(ref[:2], 16), self.items[ref]["Names"][0][1:], state)
        return list(refs)

    def start(self, engine, refs):
        self.calls.append(("start", engine.name, list(refs)))
        return self._set(refs, "running")

    def stop(self, engine, refs, timeout=None):
        self.calls.append(("stop", engine.name, list(refs), timeout))
        self.gate.wait(5)
        return self._set(refs, "exited")

    def unpause(self, engine, refs):
        raise fail(f"Error response from daemon: Container {refs[0]} is not paused")

    def remove(self, engine, refs, force=False, volumes=False):
        self.calls.append(("remove", engine.name, list(refs), force))
        for ref in refs:
            self.items.pop(ref)
        return list(refs)

    def rename(self, engine, ref, new_name):
        self.items[ref] = {**self.items[ref], "Names": [f"/{new_name}"]}

    def logs(self, engine, ref, tail=200):
        return b"<b>hello</b>\n"


ENGINE = SimpleNamespace(name="default")


def make(*containers: dict, **options) -> tuple[ContainerModel, FakeContainers]:
    fake = FakeContainers(*containers)
    model = ContainerModel(ENGINE, ops=SimpleNamespace(containers=fake), live=False, **options)
    return model, fake


def test_rows_come_from_ops_with_the_frames_columns_and_keys_are_full_ids():
    model, fake = make(container(1, "web"), container(2, "db", "exited"))
    assert list(model.rows.columns) == list(model.columns) and fake.lists == 1
    assert model.keys(model.shown) == [cid(2), cid(1)]  # newest first
    model.show = "running"
    assert model.shown["NAMES"].tolist() == ["web"]
    assert [d["tone"] for d in model.decorations(model.rows)] == ["ok", "off"]


def test_select_by_name_or_prefix_and_an_unknown_name_is_one_line():
    model, _ = make(container(1, "web"), container(2, "db"))
    assert model.select(["web", cid(2)[:8]]) == [cid(1), cid(2)]
    with pytest.raises(UsageError, match=r"^Error: No such container: nope$"):
        model.select("nope")
    assert model.message == "Error: No such container: nope" and model.error


def test_an_action_runs_on_the_worker_and_the_row_shows_it_pending():
    model, fake = make(container(1, "web"), options={"stop_timeout": 3})
    fake.gate.clear()
    model.select("web")
    revisions = model.revision
    future = model.act("stop")
    assert future is not None and not future.done()  # the caller is free at once
    key = cid(1)
    assert model.pending == {key: "stopping…"} and model.message == "stopping… web"
    with pytest.raises(UsageError, match=r"^web: stopping… already; wait for it to end$"):
        model.act("start")
    assert not model.wait(timeout=0.05)
    fake.gate.set()
    assert model.wait(timeout=5)
    assert fake.calls == [("stop", "default", [key], 3)]
    assert model.pending == {} and model.message == "stop: web"
    assert model.shown["STATUS"].tolist() == ["Exited (0) 1 minute ago"]  # read again through ops: not live
    assert model.revision > revisions


def test_a_failing_action_is_one_line_and_clears_the_pending_row():
    model, _ = make(container(1, "web", "created"))
    model.select("web")
    model.act("unpause")
    model.wait(5)
    assert model.message.startswith("Error response from daemon: Container ") and model.error
    assert model.pending == {}


def test_needs_and_params_are_checked_before_anything_runs():
    model, fake = make(container(1, "one"), container(2, "two"))
    with pytest.raises(UsageError, match=r"^select a container first$"):
        model.act("start")
    model.select(["one", "two"])
    with pytest.raises(UsageError, match=r"^select exactly one container for this$"):
        model.act("logs")
    model.select("one")
    with pytest.raises(UsageError, match=r"^type the new name in the box beside rename$"):
        model.act("rename")
    model.act("rename", new_name="uno")
    model.wait(5)
    assert model.message == "renamed one to uno" and "uno" in model.shown["NAMES"].tolist()
    assert fake.calls == []


def test_remove_kill_and_a_bulk_stop_ask_first_and_cancel_does_nothing():
    model, fake = make(container(1, "a"), container(2, "b"))
    model.select(["a", "b"])
    assert model.act("stop") is None
    assert model.question == "Stop 2 containers (a, b)?" and fake.calls == []
    model.cancel()
    assert model.question == "" and model.message == "Cancelled: nothing was done."
    model.act("remove")
    assert model.question == "Remove 2 container(s) (a, b)? Running ones are killed first."
    model.confirm().result(5)
    model.wait(5)
    assert fake.calls[0][0] == "remove" and fake.calls[0][3] is True and model.shown.empty
    with pytest.raises(UsageError, match=r"^nothing to confirm$"):
        model.confirm()


def test_logs_become_a_detail_of_text():
    model, _ = make(container(1, "web"))
    model.select("web")
    model.act("logs")
    model.wait(5)
    assert model.detail.kind == "text" and model.detail.value == "<b>hello</b>\n"
    assert model.message == "logs: web"


def test_filter_sort_and_pages_one_revision_each():
    model, _ = make(*(container(i, f"item{i}") for i in range(5)), container(9, "other"), page_size=2)
    page, _rows, keys = model.visible()
    assert page.label() == "1–2 of 6" and len(keys) == 2
    before = model.revision
    model.filter = "ITEM"
    assert model.revision == before + 1 and len(model.shown) == 5
    model.sort_column, model.descending = "NAMES", False
    model.goto(1)
    assert model.visible()[1]["NAMES"].tolist() == ["item2", "item3"]
    model.select("item4")
    assert model.page == 2
    model.select_on_page([])
    assert model.selection == []


def test_refreshes_coalesce_and_apply_in_order():
    model, fake = make(container(1, "web"))
    fake.list_gate.clear()
    threads = [threading.Thread(target=model.refresh) for _ in range(5)]
    for thread in threads:
        thread.start()
        time.sleep(0.02)
    fake.items[cid(2)] = container(2, "late")
    fake.list_gate.set()
    for thread in threads:
        thread.join(5)
    assert fake.lists <= 3  # the first load, then one for everyone who asked meanwhile
    assert sorted(model.shown["NAMES"]) == ["late", "web"]


def test_several_engines_stack_under_engine_and_actions_go_to_the_rows_engine():
    one, two = FakeContainers(container(1, "a")), FakeContainers(container(2, "b"))
    engines = [SimpleNamespace(name="one"), SimpleNamespace(name="two")]

    class Routed:
        def __getattr__(self, name):
            def call(engine, *args, **kwargs):
                return getattr({"one": one, "two": two}[engine.name], name)(engine, *args, **kwargs)

            return call

    model = ContainerModel(engines=engines, ops=SimpleNamespace(containers=Routed()), live=False)
    assert model.columns[0] == "ENGINE" and sorted(model.rows["ENGINE"]) == ["one", "two"]
    model.select(["two/b"])
    model.act("start")
    model.wait(5)
    assert two.calls == [("start", "two", [cid(2)])] and one.calls == []


def test_the_actions_table_is_shared_and_complete():
    assert set(ACTIONS) == {"containers", "images", "services", "volumes", "networks"}
    assert [a.name for a in quick_actions("containers")] == ["start", "stop", "restart", "logs"]
    assert actions_of("containers")["remove"].asks_for(1) and not actions_of("containers")["stop"].asks_for(1)
    assert actions_of("containers")["stop"].asks_for(2)
    assert ImageModel.kind == "images" and ServiceModel.kind == "services"


def test_close_stops_the_worker():
    model, _ = make(container(1, "web"))
    model.close()
    assert model.closed
    with pytest.raises(UsageError, match="closed"):
        model.act("start", keys=[cid(1)])


def test_text_columns_sort_in_the_clis_natural_order():
    model, _ = make(container(1, "web10"), container(2, "web2"), container(3, "web1"))
    model.sort_column, model.descending = "NAMES", False
    assert model.shown["NAMES"].tolist() == ["web1", "web2", "web10"]


def test_the_view_starts_from_the_models_sort_not_its_dropdowns_first_option():
    from dockerwidgets.widgets.panels.containers import ContainerPanel

    fake = FakeContainers(container(1, "old"), container(2, "new"))
    panel = ContainerPanel(ENGINE, ops=SimpleNamespace(containers=fake), live=False)
    try:
        assert (panel.model.sort_column, panel.model.descending) == ("CREATED", True)
        assert (panel.sort_by.value, panel.descending.value) == ("CREATED", True)
        assert panel.frame["NAMES"].tolist() == ["new", "old"]
        panel.sort_by.value = "NAMES"
        assert panel.model.sort_column == "NAMES"
    finally:
        panel.close()
