"""``system df`` from a recorded ``GET /system/df`` reply against the docker CLI 28.2.2's output of the same moment.

tests/unit/data/system_df/ holds the engine's reply (df.json) and, taken within the same
second (NOW), what ``docker system df`` printed for it: plain, ``-v``, ``--format json``,
``--format raw``, ``-v --format json``, ``-v --format raw``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dockerwidgets import diskusage
from dockerwidgets.cliformat import final_template, write_rows
from dockerwidgets.gotemplate import render
from dockerwidgets.results import DiskUsage

DATA = Path(__file__).parent / "data" / "system_df"
NOW = 1795970522  # when the CLI printed the recorded text
USAGE = json.loads((DATA / "df.json").read_text())


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """The CLI printed its local times (CreatedAt) in UTC, the zone of the machine it ran on."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def recorded(name: str) -> str:
    return (DATA / name).read_text()


def cells(text: str) -> list[list[str]]:
    """A CLI table's rows, split at the tabwriter's gaps (3 spaces or more)."""
    return [re.split(r" {3,}", line) for line in text.splitlines() if line]


def test_the_summary_frame_holds_the_clis_table():
    frame = diskusage.summary_frame(USAGE)
    expected = cells(recorded("df.txt"))
    assert list(frame.columns) == expected[0] == ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]
    assert frame.values.tolist() == expected[1:]


def test_the_summary_typed_twin_holds_the_bytes_the_text_rounds():
    typed = diskusage.summary_frame(USAGE).docker.typed
    assert typed["type"].tolist() == ["Images", "Containers", "Local Volumes", "Build Cache"]
    assert typed["total"].tolist() == [2, 3, 2, 0]
    assert typed["active"].tolist() == [2, 1, 1, 0]
    assert typed["size"].tolist() == [3968424, 2500000, 128456, 0]
    assert typed["reclaimable"].tolist() == [0, 2500000, 123456, 0]
    percent = typed["reclaimable_percent"]
    assert percent.iloc[:3].tolist() == pytest.approx([0.0, 100.0, 12345600 / 128456])
    assert pd.isna(percent.iloc[3])
    assert str(typed["size"].dtype) == "int64"


def test_the_summary_through_the_clis_formats():
    rows = diskusage.summary_contexts(diskusage.summary(USAGE))
    assert write_rows(diskusage.SUMMARY_TABLE, rows, diskusage.SUMMARY_HEADERS) == recorded("df.txt")
    assert write_rows("json", rows, diskusage.SUMMARY_HEADERS) == recorded("df-json.txt")
    assert write_rows(diskusage.SUMMARY_RAW, rows, diskusage.SUMMARY_HEADERS) == recorded("df-raw.txt")
    header_functions = "table {{json .Type}}\\t{{upper .Size}}"  # on the header, functions leave the text as is
    assert write_rows(header_functions, rows, diskusage.SUMMARY_HEADERS) == recorded("df-header-functions.txt")


def test_verbose_sections_are_the_clis_tables_under_its_headings():
    frames = diskusage.section_frames(USAGE, now=NOW)
    result = DiskUsage(frames, diskusage.build_cache_size(USAGE))
    assert list(result) == ["Images", "Containers", "Local Volumes", "Build Cache"]
    assert result.text + "\n" == recorded("df-v.txt")
    assert list(result["Images"].columns) == [
        "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS",
    ]  # fmt: skip
    assert result["Containers"]["COMMAND"].tolist()[1] == '"sh -c \'head -c 2500…"'


def test_verbose_typed_twins_hold_bytes_counts_and_times():
    frames = diskusage.section_frames(USAGE, now=NOW)
    images = frames["Images"].docker.typed
    assert images["size"].tolist() == [1984209, 1984215]
    assert images["unique_size"].tolist() == [1984209, 1984215]
    assert images["containers"].tolist() == [1, 2]
    assert images["repo_tags"].tolist()[1] == ["busybox:latest", "mytag/busy:v1"]
    containers = frames["Containers"].docker.typed
    assert containers["name"].tolist() == ["fresh", "exited", "runner"]
    assert containers["size"].tolist() == [0, 2500000, 0]
    assert containers["local_volumes"].tolist() == [0, 0, 1]
    assert containers["created"].tolist()[2] == pd.Timestamp(1795970509, unit="s", tz="UTC")
    volumes = frames["Local Volumes"].docker.typed
    assert dict(zip(volumes["name"], volumes["size"], strict=True)) == {"used": 5000, "spare": 123456}
    assert dict(zip(volumes["name"], volumes["links"], strict=True)) == {"used": 1, "spare": 0}


def test_verbose_through_the_clis_formats():
    data = diskusage.verbose_template_data(USAGE, now=NOW)
    assert render(final_template("json"), data) == recorded("df-v-json.txt")
    assert render(final_template(diskusage.VERBOSE_RAW), data) == recorded("df-v-raw.txt")


def test_a_table_format_over_verbose_data_shortens_ids_as_the_cli_does():
    long = render(final_template("{{range .Images}}{{.ID}} {{end}}"), diskusage.verbose_template_data(USAGE))
    short = diskusage.verbose_template_data(USAGE, trunc=True)
    assert long.split()[0].startswith("sha256:")
    assert render(final_template("table {{range .Images}}{{.ID}} {{end}}"), short).split() == [
        "80fa90e09ab4", "840bc57bf68e",
    ]  # fmt: skip


# --- what the recorded engine had none of: the CLI's rules, case by case ---------------------------


def test_reclaimable_percent_is_gos_integer_division():
    usage = {"LayersSize": 0, "Containers": [
        {"Id": "a" * 64, "State": "exited", "SizeRw": 1}, {"Id": "b" * 64, "State": "running", "SizeRw": 2},
    ]}  # fmt: skip
    containers = diskusage.summary_frame(usage).iloc[1]
    assert containers["SIZE"] == "3B"
    assert containers["RECLAIMABLE"] == "1B (33%)"


@pytest.mark.parametrize("state", ["running", "paused", "restarting"])
def test_running_paused_and_restarting_containers_are_active(state):
    usage = {"Containers": [{"Id": "a" * 64, "State": state, "SizeRw": 10}]}
    assert diskusage.summary(usage)[1] == {
        "type": "Containers", "total": 1, "active": 1, "size": 10, "reclaimable": 0,
    }  # fmt: skip


def test_images_whose_sizes_the_engine_did_not_count_show_na():
    image = {"Id": "sha256:" + "c" * 64, "RepoTags": None, "RepoDigests": None, "Created": NOW - 90,
             "Size": 1234567, "SharedSize": -1, "Containers": -1}  # fmt: skip
    frames = diskusage.section_frames({"LayersSize": 1234567, "Images": [image]}, now=NOW)
    row = frames["Images"].iloc[0]
    assert row.tolist() == ["<none>", "<none>", "c" * 12, "About a minute ago", "1.23MB", "N/A", "N/A", "N/A"]
    typed = frames["Images"].docker.typed.iloc[0]
    assert pd.isna(typed["shared_size"]) and pd.isna(typed["containers"]) and pd.isna(typed["unique_size"])
    # an image with a container (-1: unknown counts as one) whose shared size is unknown is left out of "used"
    assert diskusage.summary({"LayersSize": 1234567, "Images": [image]})[0]["reclaimable"] == 1234567


BUILD_CACHE = [
    {"ID": "z" * 25, "Type": "regular", "Size": 1000, "CreatedAt": "2026-11-29T16:00:00.5Z",
     "LastUsedAt": "2026-11-29T16:30:00Z", "UsageCount": 2, "InUse": True, "Shared": False},
    {"ID": "y" * 25, "Type": "source.local", "Size": 500, "CreatedAt": "2026-11-29T16:00:00Z",
     "LastUsedAt": None, "UsageCount": 1, "InUse": False, "Shared": False, "Parents": ["p" * 25]},
    {"ID": "x" * 25, "Type": "regular", "Size": 7000, "CreatedAt": "2026-11-29T16:00:00Z",
     "LastUsedAt": "2026-11-29T16:10:00Z", "UsageCount": 3, "InUse": False, "Shared": True},
]  # fmt: skip


def test_build_cache_counts_unshared_records_and_reclaims_those_not_in_use():
    row = diskusage.summary({"BuildCache": BUILD_CACHE})[3]
    assert row == {"type": "Build Cache", "total": 3, "active": 1, "size": 1500, "reclaimable": 500}
    frame = diskusage.summary_frame({"BuildCache": BUILD_CACHE})
    assert frame.iloc[3].tolist() == ["Build Cache", "3", "1", "1.5kB", "500B"]  # no percent for the cache
    assert diskusage.build_cache_size({"BuildCache": BUILD_CACHE}) == 1500


def test_build_cache_rows_never_used_first_then_by_last_use_and_in_use_starred():
    frames = diskusage.section_frames({"BuildCache": BUILD_CACHE}, now=NOW)
    frame = frames["Build Cache"]
    assert frame["CACHE ID"].tolist() == ["y" * 12, "x" * 12, "z" * 12 + "*"]
    assert frame["LAST USED"].tolist()[0] == ""
    assert frame["SHARED"].tolist() == ["false", "true", "false"]
    typed = frame.docker.typed
    assert typed["parents"].tolist()[0] == ["p" * 25]
    assert typed["in_use"].tolist() == [False, False, True]
    text = DiskUsage(frames, 1500).text
    assert "Build cache usage: 1.5kB\n\nCACHE ID        CACHE TYPE     SIZE" in text
    raw = render(final_template(diskusage.VERBOSE_RAW), diskusage.verbose_template_data({"BuildCache": BUILD_CACHE}))
    assert "created_at: 2026-11-29 16:00:00.5 +0000 UTC\n" in raw
    assert f"build_cache_id: {'z' * 25}*\n" in raw


def test_a_container_with_link_aliases_shows_its_own_name():
    container = {"Id": "d" * 64, "Names": ["/web/db", "/db"], "Image": "busybox", "Command": "x", "Created": NOW,
                 "State": "running", "Status": "Up", "Mounts": [{"Name": "v" * 20, "Driver": "local"}]}  # fmt: skip
    context = diskusage.container_context(container, trunc=True, now=NOW)
    assert context["Names"] == "db"
    assert context["Mounts"] == "v" * 14 + "…"
    assert diskusage.container_context(container, trunc=False, now=NOW)["Names"] == "web/db,db"


def test_go_time_text_is_gos_time_string():
    from dockerwidgets.gotime import go_time_text, rfc3339_time_text

    assert go_time_text(1795970449, utc=True) == "2026-11-29 16:40:49 +0000 UTC"
    assert go_time_text(1795970449, 500_000_000, utc=True) == "2026-11-29 16:40:49.5 +0000 UTC"
    assert rfc3339_time_text("2026-11-29T16:41:49.123456789Z") == "2026-11-29 16:41:49.123456789 +0000 UTC"
    assert rfc3339_time_text(None) == "0001-01-01 00:00:00 +0000 UTC"
