"""The engine's list JSON into the CLI's columns and text, with typed values beside them."""

from __future__ import annotations

import pandas as pd
import pytest

from dockerwidgets.frames import CONTAINER_COLUMNS, IMAGE_COLUMNS, containers_frame, images_frame, ports_frame
from dockerwidgets.progress import PullProgress

NOW = 1_700_000_000
FULL_ID = "c4978c0a4a62519d43081b7ca982d9e63e30dcb7c1d66379b0945e447b21cf06"
CONTAINERS = [
    {
        "Id": FULL_ID,
        "Names": ["/web", "/other/alias"],
        "Image": "busybox",
        "ImageID": "sha256:fb27135e4735aaaa",
        "Command": "httpd -f -p 80 -h /etc",
        "Created": NOW - 120,
        "Ports": [
            {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
            {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
        ],
        "Labels": {"demo": "seed"},
        "State": "running",
        "Status": "Up 2 minutes",
    },
    {
        "Id": "b" * 64,
        "Names": ["/done"],
        "Image": "centos:7@sha256:" + "d" * 64,
        "ImageID": "sha256:1815d7a820af",
        "Command": "/bin/bash",
        "Created": NOW - 3,
        "Ports": [],
        "Labels": {},
        "State": "exited",
        "Status": "Exited (137) 1 second ago",
    },
]


def test_containers_frame_has_the_cli_columns_and_text():
    frame = containers_frame(CONTAINERS, now=NOW)
    assert list(frame.columns) == CONTAINER_COLUMNS
    assert frame.iloc[0].to_list() == [
        FULL_ID[:12], "busybox", '"httpd -f -p 80 -h /…"', "2 minutes ago", "Up 2 minutes",
        "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", "web",
    ]  # fmt: skip
    assert frame.iloc[1].to_list() == [
        "b" * 12,
        "centos:7",
        '"/bin/bash"',
        "3 seconds ago",
        "Exited (137) 1 second ago",
        "",
        "done",
    ]


def test_no_trunc_keeps_everything():
    frame = containers_frame(CONTAINERS, no_trunc=True, now=NOW)
    assert frame.loc[0, "CONTAINER ID"] == FULL_ID
    assert frame.loc[0, "COMMAND"] == '"httpd -f -p 80 -h /etc"'
    assert frame.loc[0, "NAMES"] == "web,other/alias"
    assert frame.loc[1, "IMAGE"] == "centos:7@sha256:" + "d" * 64


def test_typed_values_follow_filtering():
    frame = containers_frame(CONTAINERS, now=NOW)
    typed = frame.docker.typed
    assert typed.loc[0, "id"] == FULL_ID
    assert typed.loc[0, "created"] == pd.Timestamp(NOW - 120, unit="s", tz="UTC")
    assert pd.isna(typed.loc[0, "exit_code"]) and typed.loc[1, "exit_code"] == 137
    assert typed.loc[0, "ports"][0]["PublicPort"] == 8080
    exited = frame[frame["STATUS"].str.startswith("Exited")]
    assert exited.docker.typed["name"].to_list() == ["done"]


def test_an_empty_list_gives_the_columns():
    assert list(containers_frame([], now=NOW).columns) == CONTAINER_COLUMNS
    assert list(images_frame([], now=NOW).columns) == IMAGE_COLUMNS


def test_images_frame_one_row_per_tag():
    images = [
        {"Id": "sha256:" + "1" * 64, "RepoTags": ["centos:7", "localhost:5000/centos:7"], "Created": NOW - 7200,
         "Size": 1984209, "RepoDigests": ["centos@sha256:" + "9" * 64]},
        {"Id": "sha256:" + "2" * 64, "RepoTags": None, "Created": NOW - 86400 * 3, "Size": 435, "RepoDigests": None},
    ]  # fmt: skip
    frame = images_frame(images, now=NOW)
    assert [tuple(row) for row in frame.itertuples(index=False)] == [
        ("centos", "7", "1" * 12, "2 hours ago", "1.98MB"),
        ("localhost:5000/centos", "7", "1" * 12, "2 hours ago", "1.98MB"),
        ("<none>", "<none>", "2" * 12, "3 days ago", "435B"),
    ]
    typed = frame.docker.typed
    assert typed["size"].to_list() == [1984209, 1984209, 435]
    assert typed.loc[0, "digest"] == "sha256:" + "9" * 64


def test_ports_frame():
    frame = ports_frame({"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "53/udp": None, "443/tcp": []})
    assert frame.to_dict("list") == {"CONTAINER PORT": ["80/tcp"], "HOST IP": ["0.0.0.0"], "HOST PORT": ["8080"]}
    assert frame.docker.typed.loc[0, "host_port"] == 8080


def test_pull_progress_folds_events_per_layer():
    progress = PullProgress("centos:7")
    events = [
        {"status": "Pulling from library/centos", "id": "7"},
        {"status": "Pulling fs layer", "id": "l1", "progressDetail": {}},
        {"status": "Pulling fs layer", "id": "l2", "progressDetail": {}},
        {"status": "Downloading", "id": "l1", "progressDetail": {"current": 50, "total": 100}},
        {"status": "Pull complete", "id": "l2", "progressDetail": {}},
        {"status": "Digest: sha256:abc"},
        {"status": "Status: Downloaded newer image for centos:7"},
    ]
    for event in events:
        progress.update(event)
    assert progress.layers["l1"].fraction == 0.25 and progress.layers["l2"].fraction == 1.0
    assert progress.overall == 0.625
    assert progress.messages == [
        "7: Pulling from library/centos",
        "Digest: sha256:abc",
        "Status: Downloaded newer image for centos:7",
    ]
    assert "<progress" in progress.html()


def test_pull_progress_escapes_what_the_engine_says():
    progress = PullProgress("<b>x</b>")
    progress.update({"status": "<script>alert(1)</script>", "id": "<i>"})
    assert "<script>" not in progress.html() and "&lt;script&gt;" in progress.html()


def test_frames_concat_and_merge_like_any_dataframe():
    first, second = containers_frame(CONTAINERS[:1], now=NOW), containers_frame(CONTAINERS[1:], now=NOW)
    both = pd.concat([first, second], ignore_index=True)
    assert both["NAMES"].to_list() == ["web", "done"]
    merged = first.merge(second, how="outer", on="IMAGE")
    assert len(merged) == 2
    copied = first.copy(deep=True)
    assert copied.docker.typed["id"].to_list() == [FULL_ID]


def test_typed_values_refuse_rows_that_no_longer_line_up():
    frame = containers_frame(CONTAINERS, now=NOW)
    shuffled = frame.sort_values("NAMES")  # same labels, new order: still lines up
    assert shuffled.docker.typed["name"].to_list() == ["done", "web"]
    renumbered = frame.iloc[::-1].reset_index(drop=True)  # labels now point at other rows
    with pytest.raises(AttributeError, match="no longer line up"):
        _ = renumbered.docker.typed
