"""Logs as rows: the engine's framing, its timestamps, partial lines, TTY lines, JSON fields, the merge."""

from __future__ import annotations

import struct

import pandas as pd
import pytest

from dockerwidgets.logframes import LogLine, LogReader, json_fields, logs_frame, parse_times

T1 = "2026-11-29T16:40:22.206102395Z"
T2 = "2026-11-29T16:40:22.206102455Z"
T3 = "2026-11-29T16:40:22.206143783Z"


def frame(stream: int, payload: bytes) -> bytes:
    return struct.pack(">BxxxL", stream, len(payload)) + payload


def read(data: bytes, multiplexed: bool = True, piece: int = 0, keep: int | None = None) -> list[LogLine]:
    reader = LogReader(multiplexed=multiplexed, keep=keep)
    if piece:
        for start in range(0, len(data), piece):
            reader.feed(data[start : start + piece])
    else:
        reader.feed(data)
    return reader.finish()


STREAM = frame(1, f"{T1} hi\n".encode()) + frame(1, f'{T3} {{"a":1}}\n'.encode()) + frame(2, f"{T2} err\n".encode())
EXPECTED = [LogLine(T1, "stdout", "hi"), LogLine(T3, "stdout", '{"a":1}'), LogLine(T2, "stderr", "err")]


@pytest.mark.parametrize("piece", [0, 1, 3, 8, 9, 50])
def test_frames_become_lines_with_their_stream_whatever_the_reads(piece):
    assert read(STREAM, piece=piece) == EXPECTED


def test_a_long_line_in_several_frames_is_one_row_with_its_first_timestamp():
    data = frame(1, f"{T1} {'a' * 100}".encode()) + frame(2, f"{T2} err\n".encode())
    data += frame(1, f"{T1} {'b' * 10}\n".encode())
    assert read(data, piece=7) == [LogLine(T2, "stderr", "err"), LogLine(T1, "stdout", "a" * 100 + "b" * 10)]


def test_a_tty_log_is_stdout_lines_without_their_carriage_returns():
    data = f'{T1} one\r\n{T2} {{"k":2}}\r\n{T3} three\r\n'.encode()
    assert read(data, multiplexed=False, piece=5) == [
        LogLine(T1, "stdout", "one"),
        LogLine(T2, "stdout", '{"k":2}'),
        LogLine(T3, "stdout", "three"),
    ]


def test_only_the_newest_lines_asked_are_kept():
    data = b"".join(frame(1, f"{T1} line {n}\n".encode()) for n in range(1000))
    reader = LogReader(multiplexed=True, keep=3)
    for start in range(0, len(data), 4096):
        reader.feed(data[start : start + 4096])
        assert len(reader.lines) <= 3
    assert [line.message for line in reader.finish()] == ["line 997", "line 998", "line 999"]


def test_invalid_utf8_is_replaced_not_raised():
    assert read(frame(1, f"{T1} ".encode() + b"\xff ok\n"))[0].message == "\ufffd ok"


@pytest.mark.parametrize(
    ("message", "fields"),
    [
        ('{"level":"info","n":2,"nested":{"x":1}}', {"level": "info", "n": 2, "nested": {"x": 1}}),
        ('  {"a":1}  ', {"a": 1}),
        ("[1, 2]", None),
        ("{not json}", None),
        ("plain text", None),
        ("", None),
    ],
)
def test_json_objects_get_their_fields(message, fields):
    assert json_fields(message) == fields


def test_times_keep_nanoseconds():
    times = parse_times([T1, "", T3])
    assert str(times.dtype) == "datetime64[ns, UTC]"
    assert times.iloc[0] == pd.Timestamp("2026-11-29T16:40:22.206102395Z")
    assert pd.isna(times.iloc[1])


def test_several_containers_merge_in_time_order_stably_with_fields_for_json_normalize():
    web = [LogLine(T1, "stdout", "hi"), LogLine(T3, "stdout", '{"a":1}'), LogLine(T2, "stderr", "err")]
    db = [LogLine(T2, "stdout", "db up"), LogLine(T3, "stdout", '{"b":"x"}')]
    merged = logs_frame([("web", "a" * 64, web), ("db", "b" * 64, db)])
    assert merged.columns.tolist() == ["time", "container", "stream", "message", "fields"]
    assert list(zip(merged.container, merged.message, strict=True)) == [
        ("web", "hi"), ("web", "err"), ("db", "db up"), ("web", '{"a":1}'), ("db", '{"b":"x"}'),
    ]  # fmt: skip
    assert merged.stream.tolist() == ["stdout", "stderr", "stdout", "stdout", "stdout"]
    assert merged.fields.iloc[0] is None
    normalized = pd.json_normalize(merged.fields.dropna().tolist())
    assert normalized.columns.tolist() == ["a", "b"]
    assert merged.docker.typed.container_id.tolist() == ["a" * 64, "a" * 64, "b" * 64, "a" * 64, "b" * 64]
    assert merged[merged.container == "db"].docker.typed.message.tolist() == ["db up", '{"b":"x"}']


def test_no_lines_is_an_empty_frame_with_the_columns():
    empty = logs_frame([("web", "a" * 64, [])])
    assert empty.empty and empty.columns.tolist() == ["time", "container", "stream", "message", "fields"]
    assert str(empty["time"].dtype) == "datetime64[ns, UTC]"
