"""The containers panel's stats columns, without an engine: a fake ops and a fake stats source."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from test_panel_model import ENGINE, FakeContainers, cid, container

from dockerwidgets.stats import StatsEntry, no_sample
from dockerwidgets.widgets.panels.model import ContainerModel


class FakeSampler:
    """What the panel takes from a StatsSampler: entries, subscribe, start, stop."""

    def __init__(self) -> None:
        self.latest: list[StatsEntry] = []
        self.listeners: list = []
        self.started = self.stopped = False

    def entries(self) -> list[StatsEntry]:
        return list(self.latest)

    def subscribe(self, listener) -> None:
        self.listeners.append(listener)

    def start(self) -> FakeSampler:
        self.started = True
        return self

    def stop(self) -> None:
        self.stopped = True

    def publish(self, *entries: StatsEntry) -> None:
        self.latest = list(entries)
        for listener in self.listeners:
            listener()


def entry(index: int, name: str, cpu: float, used: int, limit: int = 1 << 30) -> StatsEntry:
    return StatsEntry(container=cid(index)[:12], id=cid(index), name=f"/{name}", cpu_percent=cpu, mem_used=used,
                      mem_limit=limit, mem_percent=used / limit * 100)  # fmt: skip


def until(predicate, timeout: float = 5.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        done.wait(0.01)
    raise AssertionError("timed out waiting")


def test_stats_columns_follow_the_samplers_news_and_sort_by_their_typed_values():
    fake, sampler = (
        FakeContainers(container(1, "web"), container(2, "db"), container(3, "old", "exited")),
        FakeSampler(),
    )
    model = ContainerModel(ENGINE, ops=SimpleNamespace(containers=fake), live=False, stats=sampler)
    try:
        assert sampler.started
        assert model.columns[-2:] == ("CPU %", "MEM USAGE / LIMIT")
        by_name = dict(zip(model.rows["NAMES"], model.rows["CPU %"], strict=True))
        assert by_name == {"web": "--", "db": "--", "old": ""}  # running without a sample yet; not running
        sampler.publish(entry(1, "web", 12.5, 300 << 20), entry(2, "db", 80.25, 2 << 30, 4 << 30), no_sample("x"))
        until(lambda: dict(zip(model.rows["NAMES"], model.rows["CPU %"], strict=True))["db"] == "80.25%")
        rows = model.rows.set_index("NAMES")
        assert rows.loc["web", "MEM USAGE / LIMIT"] == "300MiB / 1GiB"
        assert rows.loc["db", "MEM USAGE / LIMIT"] == "2GiB / 4GiB"
        typed = model.rows.docker.typed.set_index("name")
        assert typed.loc["db", "mem_used"] == 2 << 30 and typed.loc["web", "cpu_percent"] == 12.5
        assert typed["cpu_percent"].isna().tolist().count(True) == 1  # the exited one
        # a change made while the feed's thread holds the model's notifications lands when it lets go
        model.sort_column = "CPU %"
        until(lambda: model.shown["NAMES"].tolist() == ["db", "web", "old"])
        model.sort_column, model.descending = "MEM USAGE / LIMIT", False
        until(lambda: model.shown["NAMES"].tolist() == ["web", "db", "old"])
    finally:
        model.close()
    assert sampler.stopped and all(not feed.threads for feed in model.stats_feed)


def test_a_panel_without_stats_has_no_stats_columns():
    model = ContainerModel(ENGINE, ops=SimpleNamespace(containers=FakeContainers(container(1, "web"))), live=False)
    assert "CPU %" not in model.columns and "CPU %" not in model.rows and model.stats_feed is None
