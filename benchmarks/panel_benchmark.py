"""How a ContainerPanel scales and how live it is, on the private engine. Prints figures; nothing fails.

Creates N containers (default 1000, labelled ``dw-bench``), then measures: building the
panel (median wall time, beside ``%docker ps -a`` alone as the reference) and the widgets
it creates; the latency from an external ``docker`` CLI change to the panel showing it;
how a burst of 100 changes made elsewhere is coalesced into refreshes; how many table
updates one refresh makes; and the CPU an open, idle panel uses over a few seconds.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/panel_benchmark.py -n 1000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import threading
import time
import warnings
from collections.abc import Callable

import ipywidgets as w
from fixtures import LABEL, ensure_containers, median_ms

import dockerwidgets
from dockerwidgets.engine import default_engine
from dockerwidgets.widgets.panels.containers import ContainerPanel

warnings.filterwarnings("ignore", category=DeprecationWarning)  # Widget.widgets: the count is what we want


def cli(*args: str) -> str:
    """The docker CLI: the 'elsewhere' a change comes from."""
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> float:
    """Seconds until *predicate* holds (polled every millisecond here, in the benchmark only)."""
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            return float("nan")
        time.sleep(0.001)
    return time.perf_counter() - start


def thread_cpu_seconds(threads: list[threading.Thread]) -> float:
    """CPU time of the given threads so far (Linux, from /proc)."""
    total = 0.0
    for thread in threads:
        try:
            with open(f"/proc/self/task/{thread.native_id}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, TypeError):
            pass
    return total


def main() -> None:
    """Run every measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="containers (default 1000)")
    parser.add_argument("--repeat", type=int, default=10, help="repetitions of the build (default 10)")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle to measure (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark containers")
    ns = parser.parse_args()
    engine = default_engine()
    ensure_containers(default_engine().api, ns.n)
    filters = {"label": [LABEL]}
    print(f"{ns.n} containers on {engine.host}")

    ps_ms = median_ms(lambda: dockerwidgets.docker(f"ps -a --filter label={LABEL}", engine), ns.repeat)
    build_ms = median_ms(lambda: ContainerPanel(engine, filters=filters, live=False).close(), ns.repeat)
    before = len(w.Widget.widgets)
    panel = ContainerPanel(engine, filters=filters)
    widgets = len(w.Widget.widgets) - before
    print(f"build (median of {ns.repeat}, no events thread): {build_ms:.1f} ms; `%docker ps -a` alone {ps_ms:.1f} ms")
    print(f"  ratio build / ps: {build_ms / ps_ms:.2f}x   target: build <= 300 ms")
    print(f"widgets created by one panel: {widgets}   target: <= 150 (any N)")

    static = ContainerPanel(engine, filters=filters, live=False)
    updates: list = []
    static.table.observe(updates.append, "rows")
    cli("create", "--name", "bench_refresh_probe", "-l", LABEL, "busybox")
    created_before = len(w.Widget.widgets)
    static.refresh()
    print(
        f"one refresh after a change: {len(updates)} table update(s) of {len(static.table.rows)} rows (the page only), "
        f"{len(w.Widget.widgets) - created_before} widgets created"
    )
    static.close()

    latencies = []
    for index in range(5):
        name = f"bench_live_{index}"
        start = time.perf_counter()
        cli("create", "--name", name, "-l", LABEL, "busybox")
        shown = wait_until(lambda name=name: name in panel.frame["NAMES"].values)
        latencies.append((time.perf_counter() - start) * 1000)
        print(f"  external create -> shown: {latencies[-1]:.0f} ms (CLI process included; wait {shown * 1000:.0f} ms)")
    print(f"change elsewhere -> shown: median {statistics.median(latencies):.0f} ms   target: < 1000 ms")

    time.sleep(1.0)
    refreshes, events = panel.follower.refreshes, panel.follower.events
    start = time.perf_counter()
    burst = cli("create", "--name", "bench_burst_probe", "-l", LABEL, "busybox")
    api = engine.api
    for index in range(99):  # 99 more, as fast as the engine takes them
        api.create_container("busybox", command=["true"], labels={LABEL: "burst"}, name=f"bench_burst_{index}")
    made = time.perf_counter() - start
    wait_until(lambda: "bench_burst_98" in panel.frame["NAMES"].values)
    time.sleep(1.0)
    print(
        f"burst of 100 creates in {made:.2f} s: {panel.follower.events - events} events -> "
        f"{panel.follower.refreshes - refreshes} refreshes"
    )
    del burst

    trips = []
    for index in range(5):
        name = f"bench_action_{index}"
        cli("run", "-d", "--name", name, "-l", LABEL, "busybox", "sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait")
        wait_until(lambda name=name: name in panel.frame["NAMES"].values)
        panel.select(name)
        start = time.perf_counter()
        panel.buttons["stop"].click()
        clicked = time.perf_counter() - start
        wait_until(
            lambda name=name: panel.frame.set_index("NAMES").STATUS[name].startswith("Exited") and not panel.working
        )
        trips.append((time.perf_counter() - start) * 1000)
        print(f"  stop click returned in {clicked * 1000:.1f} ms; row exited (via events) after {trips[-1]:.0f} ms")
    print(f"action round trip (click -> engine -> row updated by the events): median {statistics.median(trips):.0f} ms")

    threads = [panel.follower._reader, panel.follower._refresher]
    cpu_threads = thread_cpu_seconds(threads)
    cpu_process = time.process_time()
    time.sleep(ns.idle)
    idle_threads = thread_cpu_seconds(threads) - cpu_threads
    idle_process = time.process_time() - cpu_process
    print(
        f"idle {ns.idle:.0f} s with the panel open: events threads {idle_threads * 1000:.1f} ms CPU, "
        f"whole process {idle_process * 1000:.1f} ms CPU"
    )
    start = time.perf_counter()
    panel.close()
    print(f"close: {(time.perf_counter() - start) * 1000:.1f} ms, threads alive after: {panel.follower.alive}")

    if not ns.keep:
        ids = api.containers(all=True, filters=filters, quiet=True)
        for container in ids:
            api.remove_container(container["Id"], force=True)
        print(f"removed {len(ids)} benchmark containers")


if __name__ == "__main__":
    main()
