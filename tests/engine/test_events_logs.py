"""``docker events`` and ``logs --frame`` on the real engine, with the CLI as the witness."""

from __future__ import annotations

import json
import threading
import time
import tracemalloc

import pandas as pd
import pytest
from conftest import cli, until, witness
from IPython.core.error import UsageError


def moment(offset: float = 0.0) -> str:
    """An RFC 3339 UTC time with nanoseconds, *offset* seconds from now."""
    seconds = time.time() + offset
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{int(seconds % 1 * 1e9):09d}Z"


@pytest.fixture
def run_span(docker):
    """Two containers run between two moments: ``(since, until)`` around their whole lives."""
    since = moment(-0.001)
    docker("run -d --name ev-one --label team=blue busybox true")
    docker("run -d --name ev-two busybox sh -c 'echo bye'")
    until(lambda: cli("inspect", "-f", "{{.State.Status}}", "ev-two") == "exited" and "bye" in cli("logs", "ev-two"))
    until(lambda: cli("inspect", "-f", "{{.State.Status}}", "ev-one") == "exited")
    time.sleep(0.3)  # the network disconnect comes just after the die
    return since, moment()


def cli_events(*args: str) -> list[dict]:
    return [json.loads(line) for line in cli("events", *args, "--format", "{{json .}}").splitlines()]


@pytest.mark.parametrize(
    "filters",
    [
        [],
        ["--filter", "type=container"],
        ["--filter", "type=container", "--filter", "event=start", "--filter", "event=die"],
        ["--filter", "container=ev-one"],
        ["--filter", "label=team=blue"],
        ["--filter", "type=network"],
        ["--filter", "image=busybox", "--filter", "scope=local"],
        ["--filter", "type=bogus"],
    ],
)
def test_events_between_two_times_are_the_clis(docker, run_span, filters):
    since, until_ = run_span
    args = ["--since", since, "--until", until_, *filters]
    frame = docker("events " + " ".join(args))
    expected = cli_events(*args)
    typed = frame.docker.typed
    assert typed["id"].tolist() == [event["Actor"]["ID"] for event in expected]
    assert typed["action"].tolist() == [event["Action"] for event in expected]
    assert typed["type"].tolist() == [event["Type"] for event in expected]
    assert typed["attributes"].tolist() == [event["Actor"]["Attributes"] for event in expected]
    assert typed["time"].tolist() == [pd.Timestamp(event["timeNano"], unit="ns", tz="UTC") for event in expected]
    assert typed["scope"].tolist() == [event["scope"] for event in expected]
    if "type=bogus" not in filters:
        assert len(frame) > 0


def test_the_text_columns_are_the_clis_lines_and_format_is_its_text(docker, run_span):
    since, until_ = run_span
    frame = docker(f"events --since {since} --until {until_}")
    lines = [
        " ".join(row[:4]) + (f" ({row[4]})" if row[4] else "")
        for row in frame[["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]].values.tolist()
    ]
    assert lines == cli("events", "--since", since, "--until", until_).splitlines()
    assert set(frame.docker.typed.query("type == 'container'")["name"]) == {"ev-one", "ev-two"}
    for form in ("json", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.TimeNano}}", "{{json .Actor}}"):
        args = ["--since", since, "--until", until_, "--filter", "type=container", "--format", form]
        assert docker("events " + " ".join(f"'{arg}'" for arg in args)) == cli("events", *args)
    assert docker(f"system events --since {since} --until {until_} --format json") == cli(
        "system", "events", "--since", since, "--until", until_, "--format", "json"
    )


def test_relative_times_and_unix_seconds_are_read_as_the_cli_reads_them(docker, run_span):
    since, _ = run_span
    start: list[dict] = []

    def listed() -> bool:  # the CLI's "0s" is its own now: once a CI run saw an empty list, so ask again
        start[:] = cli_events("--since", since, "--until", "0s", "--filter", "event=start")
        return bool(start)

    until(listed, timeout=10)
    seconds = start[0]["time"]
    frame = docker(f"events --since {seconds} --until 0s --filter event=start --filter container=ev-one")
    assert frame.docker.typed["name"].tolist() == ["ev-one"]
    assert len(docker("events --since 1h --until 0s --filter event=start")) >= 2


def test_live_events_follow_the_stream_and_stop_joins_the_thread(docker):
    before = threading.active_count()
    view = docker("events --filter type=container")
    assert view.running and threading.active_count() > before
    docker("run -d --name live-one busybox true")
    until(lambda: "start" in set(view.frame.ACTION))
    newest = view.frame
    assert newest.docker.typed["time"].is_monotonic_decreasing  # newest first
    assert set(newest.docker.typed["name"]) == {"live-one"}
    assert "container start" in view.text
    view.stop()
    assert not view.running
    assert threading.active_count() == before
    view.stop()  # twice is fine
    kept = len(view.frame)
    docker("run -d --name live-two busybox true")
    time.sleep(0.5)
    assert len(view.frame) == kept  # stopped means stopped


def test_live_events_keep_a_bounded_ring_and_batch_a_burst(docker):
    view = docker("events --keep 5 --filter type=container --filter event=create")
    try:
        started = time.monotonic()
        for index in range(20):
            docker(f"create --name burst{index} busybox")
        until(lambda: view.session.events >= 20)
        time.sleep(0.6)
        elapsed = time.monotonic() - started
        assert len(view.frame) == 5
        assert view.frame.docker.typed["name"].tolist() == [f"burst{index}" for index in range(19, 14, -1)]
        assert view.draws <= 2 + elapsed * 3  # a few updates a second, however many events
    finally:
        view.close()
    assert not view.running


def test_live_events_from_a_time_in_the_past_start_with_what_happened(docker, run_span):
    since, _ = run_span
    view = docker(f"events --since {since} --filter container=ev-two")
    try:
        until(lambda: "die" in set(view.frame.ACTION))
        assert view.frame.docker.typed["name"].iloc[-1] == "ev-two"
    finally:
        view.stop()


def witness_lines(name: str, *args: str) -> tuple[list[str], list[str]]:
    """``docker logs -t``'s stdout and stderr lines."""
    import subprocess

    from conftest import PRIVATE_HOST

    done = subprocess.run(["docker", "-H", PRIVATE_HOST, "logs", "-t", *args, name], capture_output=True, text=True)
    return done.stdout.splitlines(), done.stderr.splitlines()


def frame_lines(frame: pd.DataFrame, stream: str) -> list[str]:
    rows = frame[frame.stream == stream]
    stamps = rows.docker.typed["time"].dt.strftime("%Y-%m-%dT%H:%M:%S.%f").tolist()
    nanos = [f"{t.nanosecond:03d}Z" for t in rows.docker.typed["time"]]
    return [f"{stamp}{nano} {message}" for stamp, nano, message in zip(stamps, nanos, rows.message, strict=True)]


@pytest.fixture
def talkers(docker):
    docker(
        "run -d --name web busybox sh -c "
        '\'for i in 1 2 3; do echo web $i; echo "{\\"level\\":\\"warn\\",\\"n\\":$i}" >&2; sleep 0.05; done\''
    )
    docker("run -d --name db busybox sh -c 'for i in 1 2 3; do echo db $i; sleep 0.05; done'")
    docker("run -d -t --name tty busybox sh -c 'echo screen; echo oops >&2'")
    for name in ("web", "db", "tty"):
        until(lambda name=name: cli("inspect", "-f", "{{.State.Status}}", name) == "exited")


def test_logs_frame_is_the_clis_lines_with_their_streams(docker, talkers):
    frame = docker("logs --frame web")
    out, err = witness_lines("web")
    assert sorted(frame_lines(frame, "stdout")) == sorted(out)
    assert sorted(frame_lines(frame, "stderr")) == sorted(err)
    assert frame.columns.tolist() == ["time", "container", "stream", "message", "fields"]
    assert frame["time"].is_monotonic_increasing
    assert set(frame.container) == {"web"}
    assert frame.docker.typed["container_id"].iloc[0] == cli("inspect", "-f", "{{.Id}}", "web")


def test_logs_of_several_containers_merge_in_time_order_with_json_fields(docker, talkers):
    frame = docker("logs --frame web db tty --since 10m")
    assert frame["time"].is_monotonic_increasing
    assert frame.container.value_counts().to_dict() == {"web": 6, "db": 3, "tty": 2}
    assert frame[frame.container == "db"].message.tolist() == ["db 1", "db 2", "db 3"]
    assert set(frame[frame.container == "tty"].stream) == {"stdout"}  # a TTY has one stream
    assert frame[frame.container == "tty"].message.tolist() == ["screen", "oops"]
    fields = pd.json_normalize(frame.fields.dropna().tolist())
    assert fields.to_dict("list") == {"level": ["warn"] * 3, "n": [1, 2, 3]}
    assert frame[frame.fields.isna()].message.str.startswith(("web", "db", "screen", "oops")).all()


def test_tail_since_and_until_are_the_clis(docker, talkers):
    tail = docker("logs --frame --tail 2 web db")
    assert tail.container.value_counts().to_dict() == {"web": 2, "db": 2}  # the tail of each
    out, err = witness_lines("web", "--tail", "2")
    assert sorted(
        frame_lines(tail[tail.container == "web"], "stdout") + frame_lines(tail[tail.container == "web"], "stderr")
    ) == sorted(out + err)
    times = docker("logs --frame db").docker.typed["time"]
    middle = (
        times.iloc[1].strftime("%Y-%m-%dT%H:%M:%S.") + f"{times.iloc[1].microsecond:06d}{times.iloc[1].nanosecond:03d}Z"
    )
    assert docker(f"logs --frame --since {middle} db").message.tolist() == ["db 2", "db 3"]
    assert docker(f"logs --frame --until {middle} db").message.tolist() == ["db 1", "db 2"]  # both ends included
    assert witness_lines("db", "--until", middle)[0] == frame_lines(
        docker(f"logs --frame --until {middle} db"), "stdout"
    )
    assert witness_lines("db", "--since", middle)[0] == frame_lines(
        docker(f"logs --frame --since {middle} db"), "stdout"
    )
    assert docker("logs --frame --since 1s --until 2s db").empty
    assert docker("logs --tail x db") == cli("logs", "--tail", "x", "db")  # the engine reads junk as all
    assert docker("logs --tail -1 db") == cli("logs", "--tail", "-1", "db")


def test_a_big_log_with_a_tail_is_read_streamed_in_bounded_memory(docker, engine):
    from dockerwidgets.ops import logs as logs_ops

    docker("run -d --name big busybox sh -c 'yes 0123456789abcdef0123456789abcdef0123456789 | head -n 300000'")
    until(lambda: cli("inspect", "-f", "{{.State.Status}}", "big") == "exited", timeout=60)
    info = engine.api.inspect_container("big")
    tracemalloc.start()
    try:
        lines = logs_ops.log_lines(engine, info, tail=100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(lines) == 100
    assert peak < 2_000_000  # 13 MB of log; the 100 lines and one read buffer


# --- errors: one line, nothing changed, nothing left running ------------------------------------------------------


def fails(docker, line: str) -> str:
    before, threads = witness(), threading.active_count()
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert "\n" not in message and message
    assert witness() == before
    time.sleep(0.05)
    assert threading.active_count() == threads
    return message


@pytest.mark.parametrize(
    ("line", "cli_args", "expected"),
    [
        ("logs nosuch", ["logs", "nosuch"], "Error response from daemon: No such container: nosuch"),
        ("logs --frame web nosuch", None, "Error response from daemon: No such container: nosuch"),
        ("logs --frame nosuch", ["logs", "nosuch"], "Error response from daemon: No such container: nosuch"),
        (
            "logs --since soon web",
            ["logs", "--since", "soon", "web"],
            'invalid value for "since": failed to parse value as time or duration: "soon"',
        ),
        (
            "logs --frame --until 2026-13-01 web",
            ["logs", "--until", "2026-13-01", "web"],
            'invalid value for "until": parsing time "2026-13-01": month out of range',
        ),
        (
            "events --since soon --until 0s",
            ["events", "--since", "soon", "--until", "0s"],
            'failed to parse value as time or duration: "soon"',
        ),
        (
            "events --since -1 --until 0s",
            ["events", "--since", "-1", "--until", "0s"],
            'parsing time "-1" as "2006-01-02": cannot parse "-1" as "2006"',
        ),
        ("events --since soon", ["events", "--since", "soon"], 'failed to parse value as time or duration: "soon"'),
        (
            "events --until 0s --filter bad",
            ["events", "--until", "0s", "--filter", "bad"],
            'invalid argument "bad" for "-f, --filter" flag: bad format of filter (expected name=value)',
        ),
        (
            "events --until 0s --format '{{.Bad}}'",
            ["events", "--until", "0s", "--format", "{{.Bad}}"],
            'Error parsing format: template: :1:2: executing "" at <.Bad>: '
            "can't evaluate field Bad in type *events.Message",
        ),
        (
            "events --format '{{.Type'",
            ["events", "--format", "{{.Type"],
            "Error parsing format: template: :1: unclosed action",
        ),
        (
            "events --since 0s --until 1h",
            None,
            "Error response from daemon: `since` time (",
        ),
        ("logs --frame -f web", None, "conflicting options: --frame and --follow"),
        ("logs web db", None, '"docker logs" requires exactly 1 argument.'),
        ("events extra", None, '"docker events" requires no arguments.'),
    ],
)
def test_errors_are_one_line_and_leave_nothing_running(docker, line, cli_args, expected):
    docker("create --name web busybox")
    message = fails(docker, line)
    assert message.startswith(expected)
    if cli_args is not None:
        import subprocess

        from conftest import PRIVATE_HOST

        done = subprocess.run(["docker", "-H", PRIVATE_HOST, *cli_args], capture_output=True, text=True, timeout=20)
        assert done.returncode != 0
        assert done.stderr.strip().splitlines()[0] == expected


def test_the_magic_takes_the_same_lines(ipython, engine, run_span):
    since, until_ = run_span
    ipython.user_ns.update(since=since, until=until_)
    text = ipython.run_line_magic("docker", "events --since {since} --until $until --filter type=container --format json")
    assert text == cli("events", "--since", since, "--until", until_, "--filter", "type=container", "--format", "json")
    frame = ipython.run_line_magic("docker", "logs --frame ev-two ev-one")
    assert frame.message.tolist() == ["bye"]
