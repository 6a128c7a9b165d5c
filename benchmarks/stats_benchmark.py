"""``docker stats`` on the private engine: ``--no-stream`` against the CLI, and the live view's cost. Prints figures; nothing fails.

1. ``%docker stats --no-stream`` over N running containers (default 20) against the CLI's
   ``docker stats --no-stream`` on the same containers, timed in turn round after round
   (the CLI as the anchor, in the same run): wall time medians and the median of the
   per-round ratio.
2. The live view (:class:`~dockerwidgets.widgets.stats.StatsView`) over the same containers
   for a while (default 60 s), in this process as it would run in a kernel, headless: this
   process's CPU time over the window (the kernel's share of one core), the widget messages
   sent to the front end (every ``Widget._send`` of the view's widgets, counted kernel-side),
   the time of one redraw, and memory: the history's rows and the process's RSS at a few
   moments, with a history shorter than the run so the bound shows, and a row's bytes
   (``sys.getsizeof`` of what a row holds of its own) to scale it to the default 10 minutes.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/stats_benchmark.py -n 20 --seconds 60
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import subprocess
import sys
import time

import ipywidgets as w
from fixtures import LABEL, interleaved_samples, paired_ratio

import dockerwidgets
from dockerwidgets.engine import default_engine


def start_containers(api, count: int) -> list[str]:
    """*count* running busybox sleepers labelled ``dw-bench`` (any earlier ones removed)."""
    remove_containers(api)
    ids = []
    for index in range(count):
        container = api.create_container(
            "busybox", command=["sleep", "3600"], labels={LABEL: str(index)}, name=f"stats_bench_{index}"
        )
        api.start(container["Id"])
        ids.append(container["Id"])
    return ids


def remove_containers(api) -> None:
    for container in api.containers(all=True, filters={"label": [LABEL]}, quiet=True):
        api.remove_container(container["Id"], force=True)


def rss_mb() -> float:
    """This process's resident memory now (MB), from /proc."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def no_stream(engine, rounds: int) -> None:
    def ours() -> object:
        return dockerwidgets.docker("stats --no-stream", engine)

    def theirs() -> object:
        return subprocess.run(["docker", "stats", "--no-stream"], check=True, capture_output=True)

    frame = ours()
    print(f"stats --no-stream: {len(frame)} containers; ours and the CLI's, {rounds} rounds in turn")
    samples = interleaved_samples({"ours": ours, "cli": theirs}, rounds)
    for name in ("ours", "cli"):
        wall, cpu = samples[name]
        print(f"  {name:5} wall median {statistics.median(wall):7.0f} ms  (min {min(wall):.0f}, max {max(wall):.0f})"
              f"   this process's CPU {statistics.median(cpu):5.0f} ms")  # fmt: skip
    print(
        f"  ratio ours / CLI (median of the per-round ratios): {paired_ratio(samples, 'ours', 'cli'):.2f}x (goal <= 1.2x)"
    )


def live(engine, seconds: float, history: float) -> None:
    from dockerwidgets.widgets.stats import StatsView

    sent: list[float] = []
    original = w.Widget._send

    def counting(self, msg, buffers=None):
        if getattr(self.comm, "comm_id", None) in watched:
            sent.append(time.monotonic())
        return original(self, msg, buffers)

    watched: set[str] = set()
    w.Widget._send = counting
    try:
        view = StatsView(engine, history_seconds=history)
        draw, draw_times = view.draw, []

        def timed_draw() -> None:
            began = time.perf_counter()
            draw()
            draw_times.append(time.perf_counter() - began)

        view.draw = timed_draw
        watched.update(widget.model_id for widget in [view, view.table, view.message_line, view.figure])
        time.sleep(5.0)  # the first samples, every container's lines added
        print(f"\nlive view: {len(view.frame)} containers for {seconds:.0f} s, history kept {history:.0f} s")
        sent.clear()
        start, cpu0, draws0 = time.monotonic(), time.process_time(), view.draws
        marks = []
        for mark in sorted({seconds * 0.25, history, seconds * 0.5, seconds}):
            time.sleep(max(0.0, start + mark - time.monotonic()))
            marks.append((mark, view.sampler.history_rows, rss_mb()))
        elapsed = time.monotonic() - start
        cpu = time.process_time() - cpu0
        per_second = [sum(1 for moment in sent if start + s <= moment < start + s + 1) for s in range(int(elapsed))]
        print(f"  kernel CPU: {cpu:.2f} s over {elapsed:.0f} s = {100 * cpu / elapsed:.1f}% of one core (goal <= 5%)")
        print(f"  front-end messages: {len(sent)} in all, {len(sent) / elapsed:.2f} a second on average, "
              f"at most {max(per_second)} in one second (goal <= 5); redraws {view.draws - draws0}")  # fmt: skip
        print(f"  one redraw (table + plot): median {1000 * statistics.median(draw_times):.0f} ms, "
              f"max {1000 * max(draw_times):.0f} ms")  # fmt: skip
        for mark, rows, rss in marks:
            print(f"  at {mark:4.0f} s: history {rows:6d} rows, RSS {rss:6.1f} MB")
        per_row = row_bytes(view)
        print(f"  a history row holds {per_row:.0f} bytes of its own; the default 600 s of 20 containers "
              f"= 12,000 rows, about {12000 * per_row / 1e6:.1f} MB")  # fmt: skip
        stop = time.perf_counter()
        view.stop()
        print(f"  stop(): {1000 * (time.perf_counter() - stop):.0f} ms, threads left: {len(view.threads)}")
        full_history_redraw(view, draw)
        view.close()
    finally:
        w.Widget._send = original


def full_history_redraw(view, draw) -> None:
    """One redraw's time with the ring as full as the default 600 s of 20 containers make it (12,000 rows, made up)."""
    sampler = view.sampler
    latest = {entry.name: entry for _, entry in sampler._ring}
    sampler._ring.clear()
    sampler._lines.clear()
    sampler.history_seconds = 600.0
    now = time.time()
    for second in range(600):
        for entry in latest.values():
            sampler._keep(dataclasses.replace(entry, time=now - 600 + second))
    ring = sampler._ring
    times = []
    for _ in range(5):
        began = time.perf_counter()
        draw()
        times.append(time.perf_counter() - began)
    print(f"  one redraw with a full default history ({len(ring)} rows, made up): median "
          f"{1000 * statistics.median(times):.0f} ms, i.e. {100 * statistics.median(times):.1f}% of one core at one a second")  # fmt: skip


def row_bytes(view) -> float:
    """Mean bytes a history row holds of its own: the row, its entry, and the numbers in it (shared strings left out)."""
    rows = list(view.sampler._ring)
    if not rows:
        return 0.0
    total = 0
    for moment, entry in rows:
        total += sys.getsizeof((moment, entry)) + sys.getsizeof(moment) + sys.getsizeof(entry)
        total += sum(
            sys.getsizeof(getattr(entry, name))
            for name in entry.__slots__
            if not isinstance(getattr(entry, name), (str, bool, type(None)))
        )
        total += 3 * (sys.getsizeof(1.0) + 8)  # the plot's columns: three floats, a deque slot each
    return total / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--containers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--history", type=float, default=30.0, help="history kept by the live view (seconds)")
    options = parser.parse_args()
    engine = default_engine()
    api = engine.api
    start_containers(api, options.containers)
    try:
        no_stream(engine, options.rounds)
        live(engine, options.seconds, options.history)
    finally:
        remove_containers(api)


if __name__ == "__main__":
    main()
