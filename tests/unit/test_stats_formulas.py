"""``docker stats`` numbers and text, pure: the CLI's formulas and formatter on recorded stats JSON.

The expected text is what docker CLI 28.2.2 printed for these very samples (served to it by a
stand-in engine answering ``/containers/{name}/stats``): ``stats_cgroup_v1*.json`` were recorded
from the private engine (cgroup v1), ``stats_cgroup_v2.json`` has the cgroup v2 shape (no
``total_*`` memory keys, lower-case block I/O ops, two interfaces), ``stats_stopped.json`` is
what the engine answers for a container that is not running.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from IPython.core.error import UsageError

from dockerwidgets import stats
from dockerwidgets.humanize import binary_size
from dockerwidgets.tabwriter import tabwrite

DATA = Path(__file__).parent / "data"


def sample(name: str) -> dict:
    return json.loads((DATA / f"stats_{name}.json").read_text())


def entries(*names: str) -> list[stats.StatsEntry]:
    return [stats.entry_of(sample(name), name) for name in names]


CLI_TABLE = """\
CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT     MEM %     NET I/O          BLOCK I/O         PIDS
368912b56589   blk       0.00%     17.21MiB / 23.54GiB   0.07%     516B / 0B        0B / 0B           1
5f2b1c0e3a7d   db        42.11%    39.55MiB / 7.588GiB   0.51%     2.05MB / 513kB   18.9MB / 1.06MB   7
902b5f462fe9   s3        0.00%     0B / 0B               0.00%     0B / 0B          0B / 0B           0"""

CLI_JSON = """\
{"BlockIO":"0B / 0B","CPUPerc":"0.00%","Container":"cgroup_v1","ID":"368912b56589","MemPerc":"0.07%","MemUsage":"17.21MiB / 23.54GiB","Name":"blk","NetIO":"516B / 0B","PIDs":"1"}
{"BlockIO":"18.9MB / 1.06MB","CPUPerc":"42.11%","Container":"cgroup_v2","ID":"5f2b1c0e3a7d","MemPerc":"0.51%","MemUsage":"39.55MiB / 7.588GiB","Name":"db","NetIO":"2.05MB / 513kB","PIDs":"7"}
{"BlockIO":"0B / 0B","CPUPerc":"0.00%","Container":"stopped","ID":"902b5f462fe9","MemPerc":"0.00%","MemUsage":"0B / 0B","Name":"s3","NetIO":"0B / 0B","PIDs":"0"}"""


def test_the_default_table_is_the_clis_text():
    assert stats.format_stats(entries("cgroup_v1", "cgroup_v2", "stopped"), "table") == CLI_TABLE


def test_json_is_the_clis_objects_keys_sorted():
    assert stats.format_stats(entries("cgroup_v1", "cgroup_v2", "stopped"), "json") == CLI_JSON


def test_a_busy_cgroup_v1_sample():
    (entry,) = entries("cgroup_v1_busy")
    assert stats.format_stats([entry], "table").splitlines()[1] == (
        "7c21857950ab   s1        34.91%    324KiB / 23.54GiB   0.00%     1.09kB / 0B   0B / 0B     1"
    )


def test_a_custom_table_keeps_its_header_names_and_the_functions_apply_to_rows():
    text = stats.format_stats(
        entries("cgroup_v1_busy", "cgroup_v2"), "table {{.Name}}\\t{{upper .Name}}\\t{{.CPUPerc}}"
    )
    assert text == "NAME      NAME      CPU %\ns1        S1        34.91%\ndb        DB        42.11%"


def test_a_plain_template_gives_one_line_per_container():
    text = stats.format_stats(entries("cgroup_v1", "cgroup_v2", "stopped"), "{{.Container}}:{{.MemPerc}}")
    assert text == "cgroup_v1:0.07%\ncgroup_v2:0.51%\nstopped:0.00%"


def test_no_trunc_shows_the_full_id():
    (entry,) = entries("cgroup_v2")
    frame = stats.stats_frame([entry], trunc=False)
    assert frame["CONTAINER ID"][0] == sample("cgroup_v2")["id"]


def test_an_unknown_field_is_the_clis_error():
    with pytest.raises(UsageError) as caught:
        stats.format_stats(entries("cgroup_v2"), "{{.Foo}}")
    assert str(caught.value) == (
        'template parsing error: template: :1:2: executing "" at <.Foo>: '
        "can't evaluate field Foo in type *container.statsContext"
    )
    with pytest.raises(UsageError, match="template parsing error: template: :1: unclosed action"):
        stats.format_stats(entries("cgroup_v2"), "{{")


def test_cpu_from_the_deltas_times_online_cpus():
    v2 = sample("cgroup_v2")
    expected = (5812233000 - 5389007000) / (3417790000000 - 3413770000000) * 4 * 100
    assert stats.cpu_percent(v2["precpu_stats"], v2["cpu_stats"]) == pytest.approx(expected)
    busy = sample("cgroup_v1_busy")  # online_cpus given; percpu_usage too
    assert stats.cpu_percent(busy["precpu_stats"], busy["cpu_stats"]) == pytest.approx(34.91, abs=0.005)
    no_online = {"cpu_usage": {"total_usage": 200, "percpu_usage": [1, 1, 1]}, "system_cpu_usage": 1000}
    assert stats.cpu_percent({"cpu_usage": {"total_usage": 100}, "system_cpu_usage": 500}, no_online) == pytest.approx(
        60.0
    )
    same = {"cpu_usage": {"total_usage": 100}, "system_cpu_usage": 500, "online_cpus": 2}
    assert stats.cpu_percent(same, same) == 0.0  # no delta: 0, never a division by zero


def test_memory_leaves_out_inactive_file_by_cgroup_version():
    v1 = sample("cgroup_v1")["memory_stats"]
    assert stats.memory_used(v1) == v1["usage"] - v1["stats"]["total_inactive_file"]
    v2 = sample("cgroup_v2")["memory_stats"]
    assert "total_inactive_file" not in v2["stats"]
    assert stats.memory_used(v2) == v2["usage"] - v2["stats"]["inactive_file"]
    assert stats.memory_used({"usage": 500, "stats": {"total_inactive_file": 400}}) == 100  # the CLI's own test
    assert stats.memory_used({"usage": 100, "stats": {"inactive_file": 400}}) == 100  # never below zero
    assert stats.memory_used({}) == 0
    assert stats.memory_percent(100.0, 70.0) == pytest.approx(70.0)
    assert stats.memory_percent(0.0, 70.0) == 0.0


def test_block_io_sums_devices_by_the_ops_first_letter():
    blkio = {
        "io_service_bytes_recursive": [
            {"major": 8, "minor": 0, "op": "read", "value": 1234},
            {"major": 8, "minor": 1, "op": "read", "value": 4567},
            {"major": 8, "minor": 0, "op": "Read", "value": 6},
            {"major": 8, "minor": 1, "op": "Read", "value": 8},
            {"major": 8, "minor": 0, "op": "write", "value": 123},
            {"major": 8, "minor": 1, "op": "write", "value": 456},
            {"major": 8, "minor": 0, "op": "Write", "value": 6},
            {"major": 8, "minor": 1, "op": "Write", "value": 8},
            {"major": 8, "minor": 1, "op": "", "value": 456},
        ]
    }
    assert stats.block_io(blkio) == (5815, 593)  # the CLI's TestCalculateBlockIO
    assert stats.block_io({"io_service_bytes_recursive": None}) == (0, 0)


def test_network_sums_interfaces():
    assert stats.network_io(sample("cgroup_v2")["networks"]) == (1538 + 2048000, 1024 + 512000)
    assert stats.network_io(None) == (0, 0)


def test_typed_twin_holds_bytes_and_percents():
    frame = stats.stats_frame(entries("cgroup_v2", "stopped"))
    typed = frame.docker.typed
    assert list(typed.columns) == stats.TYPED_COLUMNS
    row = typed.iloc[0]
    v2 = sample("cgroup_v2")
    assert row["name"] == "db" and row["id"] == v2["id"]
    assert row["mem_used"] == 58331136 - 16859136 and row["mem_limit"] == 8147517440
    assert (row["net_rx"], row["net_tx"]) == (2049538, 513024)
    assert (row["block_read"], row["block_write"]) == (18915328, 1064960)
    assert row["pids"] == 7
    assert row["cpu_percent"] == pytest.approx(42.11, abs=0.005)
    assert str(typed["mem_used"].dtype) == "Int64" and str(typed["cpu_percent"].dtype) == "Float64"
    assert typed.iloc[1]["mem_limit"] == 0 and typed.iloc[1]["pids"] == 0  # stopped: zeros, as the CLI shows


def test_a_container_without_a_sample_shows_dashes_and_na():
    frame = stats.stats_frame([stats.no_sample("web", id="ab" * 32, name="/web")])
    assert frame.iloc[0].tolist() == ["abababababab", "web", "--", "-- / --", "--", "--", "--", "--"]
    assert frame.docker.typed["mem_used"].isna().all()


def test_an_empty_frame_has_the_columns():
    frame = stats.stats_frame([])
    assert list(frame.columns) == stats.STATS_COLUMNS and list(frame.docker.typed.columns) == stats.TYPED_COLUMNS


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0B"), (24, "24B"), (1023, "1023B"), (1024, "1KiB"), (565248, "552KiB"), (25276063744, "23.54GiB"),
     (8147517440, "7.588GiB"), (1048575, "1024KiB")],
)  # fmt: skip
def test_binary_sizes_as_go_units(size, text):
    assert binary_size(size) == text


def test_tabwriter_aligns_tab_terminated_cells_only():
    assert tabwrite("a\tbb\tc\nccc\td\te") == "a         bb        c\nccc       d         e"
    assert tabwrite("a-very-long-cell\tx\ny\tz\n") == "a-very-long-cell   x\ny                  z\n"
    # a line without the column ends the block: the columns before and after align on their own
    assert tabwrite("aaaaaaaaaaaa\tb\nno tabs\nc\td") == "aaaaaaaaaaaa   b\nno tabs\nc         d"
    assert tabwrite("名前\tx\nab\ty") == "名前      x\nab        y"
