"""``docker stats`` against the private engine: ``--no-stream`` with the CLI as witness, the live view headless."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
import time

import pytest
from conftest import PRIVATE_HOST, cli, until, witness
from IPython.core.error import UsageError

import dockerwidgets
from dockerwidgets.stats import STATS_COLUMNS, TYPED_COLUMNS

pytestmark = pytest.mark.engine
BUSY = ["sh", "-c", "while :; do :; done"]
IDLE = ["sleep", "600"]


def run(name: str, command: list[str]) -> str:
    return cli("run", "-d", "--name", name, "busybox", *command)


def cli_rows(*args: str) -> list[dict]:
    """The CLI's own ``stats --no-stream --format json`` objects."""
    return [json.loads(line) for line in cli("stats", "--no-stream", "--format", "json", *args).splitlines()]


def cli_error(*args: str) -> str:
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, "stats", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    return "; ".join(result.stderr.strip().splitlines())


def open_sockets() -> int:
    """Sockets this process holds open now."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


def fails(docker, line: str) -> str:
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError and "\n" not in str(caught.value)
    return str(caught.value)


def test_no_stream_is_the_clis_table_with_typed_values(docker):
    busy, idle = run("busy", BUSY), run("idle", IDLE)
    frame = docker("stats --no-stream")
    theirs = cli_rows()
    assert list(frame.columns) == STATS_COLUMNS
    assert frame["CONTAINER ID"].tolist() == [row["ID"] for row in theirs] == [idle[:12], busy[:12]]
    assert frame["NAME"].tolist() == [row["Name"] for row in theirs] == ["idle", "busy"]
    assert frame["PIDS"].tolist() == [row["PIDs"] for row in theirs]
    limits = [row["MemUsage"].split(" / ")[1] for row in theirs]
    assert [text.split(" / ")[1] for text in frame["MEM USAGE / LIMIT"]] == limits
    typed = frame.docker.typed
    assert list(typed.columns) == TYPED_COLUMNS
    assert typed["id"].tolist() == [idle, busy]
    assert typed["pids"].tolist() == [1, 1]
    cpu = dict(zip(typed["name"], typed["cpu_percent"], strict=True))
    assert 5.0 < cpu["busy"] <= 100.0 * 64 and 0.0 <= cpu["idle"] < 5.0  # a spinning shell, a sleeper
    assert (
        (typed["mem_limit"] > 0).all()
        and (typed["mem_used"] > 0).all()
        and (typed["mem_used"] < typed["mem_limit"]).all()
    )
    assert frame["CPU %"].str.fullmatch(r"\d+\.\d\d%").all()


def test_all_adds_stopped_containers_with_zeros_as_the_cli_shows(docker):
    run("up", IDLE)
    stopped = cli("create", "--name", "made", "busybox")
    frame = docker("stats --no-stream -a")
    theirs = {row["Name"]: row for row in cli_rows("-a") if row["Name"] in ("made", "up")}
    assert sorted(frame["NAME"]) == sorted(theirs) == ["made", "up"]
    row = frame[frame["NAME"] == "made"].iloc[0]
    mine = dict(zip(["ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs"], row, strict=True))
    assert mine == {key: value for key, value in theirs["made"].items() if key != "Container"}
    assert mine["MemUsage"] == "0B / 0B" and mine["CPUPerc"] == "0.00%"
    typed = frame[frame["NAME"] == "made"].docker.typed.iloc[0]
    assert typed["id"] == stopped and typed["mem_limit"] == 0 and typed["pids"] == 0
    assert docker("stats --no-stream")["NAME"].tolist() == ["up"]


def test_named_containers_in_the_order_given_and_container_stats_spelling(docker):
    first, second = run("first", IDLE), run("second", IDLE)
    frame = docker(f"container stats --no-stream --no-trunc second {first[:8]}")
    assert frame["CONTAINER ID"].tolist() == [second, first]
    assert frame["NAME"].tolist() == ["second", "first"]


def test_format_is_the_clis_text(docker):
    run("web", IDLE)
    run("db", IDLE)
    for fmt in (
        "{{.Name}}: {{.PIDs}} {{.Container}}",
        "table {{.Name}}\\t{{upper .Name}}\\t{{.PIDs}}",
        "{{json .Name}}",
    ):
        assert docker(f"stats --no-stream --format '{fmt}' web db") == cli(
            "stats", "--no-stream", "--format", fmt, "web", "db"
        )
    objects = [json.loads(line) for line in docker("stats --no-stream --format json web").splitlines()]
    assert objects[0].keys() == cli_rows("web")[0].keys() and objects[0]["Name"] == "web"


def test_no_container_gives_an_empty_table(docker):
    frame = docker("stats --no-stream")
    assert frame.empty and list(frame.columns) == STATS_COLUMNS


def test_missing_containers_get_the_clis_message_and_nothing_changes(docker):
    run("here", IDLE)
    before, threads = witness(), threading.active_count()
    assert fails(docker, "stats --no-stream nosuch") == cli_error("--no-stream", "nosuch")
    assert fails(docker, "stats --no-stream here nosuch other") == cli_error("--no-stream", "here", "nosuch", "other")
    assert fails(docker, "stats nosuch") == "Error response from daemon: No such container: nosuch"  # the live one too
    assert fails(docker, "stats --no-stream --format '{{.Foo}}' here") == cli_error(
        "--no-stream", "--format", "{{.Foo}}", "here"
    )
    assert fails(docker, "stats --no-stream --format '{{' here").startswith("template parsing error:")
    assert fails(docker, "stats --bogus").startswith("unknown flag: --bogus")
    assert witness() == before
    until(lambda: threading.active_count() <= threads, 5)


# --- the live view, headless -------------------------------------------------------------------


@pytest.fixture
def views(engine):
    made = []

    def make(*args, **options):
        from dockerwidgets.widgets.stats import StatsView

        view = StatsView(engine, *args, **options)
        made.append(view)
        return view

    yield make
    for view in made:
        view.close()


def test_live_history_grows_newcomers_appear_and_stop_joins_every_thread(views):
    run("busy", BUSY)
    threads, sockets = threading.active_count(), open_sockets()
    view = views()
    until(lambda: view.sampler.history_rows >= 3, 15)
    assert view.frame["NAME"].tolist() == ["busy"]
    run("late", IDLE)  # started mid-way: the engine's events bring it
    until(lambda: "late" in set(view.history["container"]), 15)
    history = view.history
    assert list(history.columns) == ["time", "container", *TYPED_COLUMNS]
    assert str(history["time"].dtype) == "datetime64[ns, UTC]" and history["time"].is_monotonic_increasing is not None
    assert set(history["container"]) == {"busy", "late"}
    assert sorted(view.frame["NAME"]) == ["busy", "late"]
    assert history[history.container == "busy"]["cpu_percent"].max() > 5.0
    cli("stop", "-t", "0", "late")  # stopped: it leaves the table (without -a), its history stays
    until(lambda: view.frame["NAME"].tolist() == ["busy"], 15)
    assert "late" in set(view.history["container"])
    assert len(view.threads) >= 3  # the painter, a reader, the events follower's two
    view.stop()
    assert view.threads == [] and not view.running
    until(lambda: threading.active_count() <= threads, 5)
    assert open_sockets() <= sockets + 2  # the streams' sockets closed (the engine's own pool may keep a connection)
    rows = view.sampler.history_rows
    time.sleep(1.5)
    assert view.sampler.history_rows == rows  # nothing is read any more


def test_live_view_draws_at_most_about_once_a_second(views):
    run("alpha", BUSY)
    run("beta", IDLE)
    view = views(updates_per_second=1.0)
    until(lambda: len(view.figure.data) == 4, 15)  # a CPU and a memory line each
    draws = view.draws
    time.sleep(3.2)
    assert 1 <= view.draws - draws <= 4
    names = {trace.name for trace in view.figure.data}
    assert names == {"alpha", "beta"} and all(len(trace.x) >= 1 for trace in view.figure.data)


def test_history_is_bounded_by_its_setting(views, ipython):
    run("one", IDLE)
    ipython.run_line_magic("config", "DockerMagics.stats_history = 2")
    try:
        view = ipython.run_line_magic("docker", "stats one")
    finally:
        ipython.run_line_magic("config", "DockerMagics.stats_history = 600")
    try:
        assert type(view).__name__ == "StatsView"
        until(lambda: view.sampler.samples >= 5, 15)
        span = view.history["time"].max() - view.history["time"].min()
        assert span.total_seconds() <= 3.0 and view.sampler.history_rows <= 4
    finally:
        view.close()


def test_named_live_view_of_a_missing_container_leaves_nothing_running(engine):
    from dockerwidgets.widgets.stats import StatsView

    run("real", IDLE)
    threads = threading.active_count()
    with pytest.raises(UsageError, match="No such container: ghost"):
        StatsView(engine, ["real", "ghost"])
    until(lambda: threading.active_count() <= threads, 5)


def test_format_in_the_live_view_is_the_clis_text(views):
    run("fmt", IDLE)
    view = views(["fmt"], format="{{.Name}} {{.PIDs}}")
    until(lambda: view.text_value == "fmt 1", 15)
    until(lambda: "fmt 1" in view.text.value, 5)
    assert dockerwidgets.docker("stats --no-stream --format '{{.Name}} {{.PIDs}}' fmt", view.engine) == "fmt 1"


# --- the containers panel's stats columns ------------------------------------------------------


def test_ps_panel_stats_adds_live_cpu_and_memory_columns(docker, engine):
    busy = run("busy", BUSY)
    cli("create", "--name", "idle_one", "busybox")
    threads = threading.active_count()
    panel = docker("ps --panel --stats -a")
    try:
        assert panel.model.columns[-2:] == ("CPU %", "MEM USAGE / LIMIT")
        until(lambda: panel.frame.docker.typed.set_index("name")["cpu_percent"].fillna(0).get("busy", 0) > 5, 15)
        typed = panel.frame.docker.typed.set_index("name")
        assert typed.loc["busy", "id"] == busy and typed.loc["busy", "mem_limit"] > 0
        assert panel.frame.set_index("NAMES").loc["idle_one", "CPU %"] == ""  # not running: no number
        limit = cli_rows("busy")[0]["MemUsage"].split(" / ")[1]
        assert panel.frame.set_index("NAMES").loc["busy", "MEM USAGE / LIMIT"].endswith(f" / {limit}")
        run("newcomer", IDLE)  # the sampler's events bring it, the panel's bring its row
        until(lambda: panel.frame.set_index("NAMES")["CPU %"].get("newcomer", "").endswith("%"), 15)
    finally:
        panel.close()
    until(lambda: threading.active_count() <= threads, 5)


def test_stats_without_panel_is_refused(docker):
    assert fails(docker, "ps --stats").startswith("--stats works with --panel")
