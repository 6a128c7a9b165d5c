"""The typed twin of ``ps`` is built when first asked for, once, and follows the text frame as before."""

from __future__ import annotations

import copy

import pandas as pd

from dockerwidgets.frames import containers_frame, images_frame

NOW = 1_700_000_000


def container(index: int, **fields) -> dict:
    return {
        "Id": f"{index:064x}",
        "Names": [f"/box{index}"],
        "Image": "busybox",
        "ImageID": "sha256:" + "f" * 64,
        "Command": "sleep 1",
        "Created": NOW - 10 * index,
        "Ports": [],
        "Labels": {"n": str(index)},
        "State": "exited" if index % 2 else "created",
        "Status": f"Exited ({index}) 1 second ago" if index % 2 else "Created",
        **fields,
    }


def test_typed_twin_is_built_once_on_first_use():
    frame = containers_frame([container(i) for i in range(6)], now=NOW)
    twin = frame.attrs["typed"]
    assert "6 rows" in repr(twin)
    first = frame.docker.typed
    assert twin.frame is twin.frame  # built once, then kept
    assert first["exit_code"].tolist() == [pd.NA, 1, pd.NA, 3, pd.NA, 5]
    assert str(first["exit_code"].dtype) == "Int64"
    assert first["created"].tolist() == [pd.Timestamp(NOW - 10 * i, unit="s", tz="UTC") for i in range(6)]
    assert first["names"].tolist() == [[f"box{i}"] for i in range(6)]


def test_rows_filtered_or_copied_before_the_twin_is_built_still_follow_it():
    frame = containers_frame([container(i) for i in range(6)], now=NOW)
    exited = copy.deepcopy(frame[frame["STATUS"].str.startswith("Exited")].sort_values("NAMES", ascending=False))
    assert exited.docker.typed["name"].tolist() == ["box5", "box3", "box1"]
    assert exited.docker.typed["exit_code"].tolist() == [5, 3, 1]


def test_shared_values_are_formatted_per_row_all_the_same():
    rows = [container(i) for i in range(4)]
    rows[1].update(Image="sha256:" + "f" * 64, Names=["/a", "/b/alias"], Command=None, Created=None, Status=None)
    rows[2].update(Image="", Names=None, Labels=None, Ports=None, ImageID=None)
    rows[3].update(Image="centos:7@sha256:" + "d" * 64, Names=["plain"])
    frame = containers_frame(rows, now=NOW)
    assert frame["IMAGE"].tolist() == ["busybox", "f" * 12, "<no image>", "centos:7"]
    assert frame["NAMES"].tolist() == ["box0", "a", "", "plain"]
    assert frame["COMMAND"].tolist() == ['"sleep 1"', '""', '"sleep 1"', '"sleep 1"']
    assert frame["CREATED"].tolist()[1] == "53 years ago"
    typed = frame.docker.typed
    assert typed["name"].tolist() == ["box0", "a", "", "plain"]
    assert typed["labels"].tolist()[2] == {} and typed["ports"].tolist()[2] == []
    assert pd.isna(typed["exit_code"][1])
    no_trunc = containers_frame(rows, no_trunc=True, now=NOW)
    assert no_trunc["NAMES"].tolist()[1] == "a,b/alias"
    assert no_trunc["IMAGE"].tolist()[1] == "sha256:" + "f" * 64


def test_images_share_sizes_and_times():
    images = [
        {"Id": "sha256:" + c * 64, "RepoTags": [f"r{c}:1", f"r{c}:2"], "Created": NOW - 60, "Size": 1_980_000}
        for c in "ab"
    ]
    frame = images_frame(images, now=NOW)
    assert frame["SIZE"].tolist() == ["1.98MB"] * 4
    assert frame["CREATED"].tolist() == ["About a minute ago"] * 4
    assert frame.docker.typed["size"].tolist() == [1_980_000] * 4


def test_one_name_each_takes_the_quick_way_and_agrees_with_the_slow_one():
    def names(raw: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        frame = containers_frame([container(i, Names=n) for i, n in enumerate(raw)], now=NOW)
        return frame["NAMES"].tolist(), frame.docker.typed["names"].tolist()

    assert names([["/a"], ["/b"], ["/"]]) == (["a", "b", ""], [["a"], ["b"], [""]])
    assert names([["/a"], ["/x/alias"]]) == (["a", ""], [["a"], []])
    assert names([["/a"], ["plain"]]) == (["a", "plain"], [["a"], ["plain"]])
    assert names([["/a"], ["/b", "/c"]]) == (["a", "b,c"], [["a"], ["b", "c"]])


def test_an_image_named_by_its_id_is_shortened_among_others():
    image_id = "sha256:" + "a" * 64
    rows = [container(0), container(1, Image=image_id, ImageID=image_id), container(2, Image="a" * 20)]
    frame = containers_frame(rows, now=NOW)
    assert frame["IMAGE"].tolist() == ["busybox", "a" * 12, "a" * 20]
