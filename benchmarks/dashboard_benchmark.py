"""The dashboard beside its anchors: the CLI's four lists, and the four panels each on its own stream. Prints figures.

Makes V volumes and K networks (labelled ``dw-bench``), then measures, in one run:
building the dashboard (first tab only, and every tab) beside the four panels built one by
one and beside the docker CLI listing the same four kinds (``ps -a``, ``images``, ``volume
ls``, ``network ls``: four processes); the events streams and threads each way; a volume
made with the CLI -> shown in the volumes tab; a burst of container creates -> reads per tab;
and ``close()``.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/dashboard_benchmark.py -v 200 -k 30
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import threading
import time
import warnings
from collections.abc import Callable

from fixtures import LABEL

from dockerwidgets.engine import default_engine
from dockerwidgets.sessions.events import EventFollower
from dockerwidgets.widgets.dashboard import Dashboard
from dockerwidgets.widgets.panels.containers import ContainerPanel
from dockerwidgets.widgets.panels.images import ImagePanel
from dockerwidgets.widgets.panels.networks import NetworkPanel
from dockerwidgets.widgets.panels.volumes import VolumePanel

warnings.filterwarnings("ignore", category=DeprecationWarning)


def cli(*args: str) -> str:
    """The docker CLI: the anchor, and the 'elsewhere' a change comes from."""
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> float:
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            return float("nan")
        time.sleep(0.001)
    return time.perf_counter() - start


def event_threads() -> int:
    return sum(
        1 for t in threading.enumerate() if t.name.startswith(("dockerwidgets-events", "dockerwidgets-refresh"))
    )


def ensure(volumes: int, networks: int) -> None:
    have = set(cli("volume", "ls", "-q", "--filter", f"label={LABEL}").split())
    for index in range(volumes):
        if f"bench-vol-{index}" not in have:
            cli("volume", "create", "--label", LABEL, f"bench-vol-{index}")
    have = set(cli("network", "ls", "--format", "{{.Name}}", "--filter", f"label={LABEL}").split())
    for index in range(networks):
        if f"bench-net-{index}" not in have:
            cli("network", "create", "--label", LABEL, f"bench-net-{index}")


def clean() -> None:
    containers = cli("ps", "-a", "-q", "--filter", f"label={LABEL}").split()
    if containers:
        cli("rm", "-f", *containers)
    volumes = cli("volume", "ls", "-q", "--filter", f"label={LABEL}").split()
    if volumes:
        cli("volume", "rm", "-f", *volumes)
    networks = cli("network", "ls", "-q", "--filter", f"label={LABEL}").split()
    if networks:
        cli("network", "rm", *networks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--volumes", type=int, default=200)
    parser.add_argument("-k", "--networks", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the volumes and networks afterwards")
    args = parser.parse_args()
    engine = default_engine()
    ensure(args.volumes, args.networks)
    print(f"engine {engine.host}: {args.volumes} volumes, {args.networks} networks (+ the engine's own)")

    def cli_lists() -> None:
        for words in (["ps", "-a"], ["images"], ["volume", "ls"], ["network", "ls"]):
            cli(*words)

    def dashboard(lazy: bool) -> Callable[[], None]:
        def build() -> None:
            Dashboard(engine, lazy=lazy).close()

        return build

    def panels() -> None:
        made = [kind(engine) for kind in (ContainerPanel, ImagePanel, VolumePanel, NetworkPanel)]
        for panel in made:
            panel.close()

    # interleaved, so a busy moment of the shared machine falls on all of them alike
    runs: dict[str, list[float]] = {"cli": [], "lazy": [], "all": [], "panels": []}
    builds = {"cli": cli_lists, "lazy": dashboard(True), "all": dashboard(False), "panels": panels}
    for build in builds.values():
        build()  # warm-up
    for _ in range(args.repeat):
        for name, build in builds.items():
            start = time.perf_counter()
            build()
            runs[name].append((time.perf_counter() - start) * 1000)
    median = {name: statistics.median(times) for name, times in runs.items()}
    print(f"build, median of {args.repeat} (interleaved):")
    print(f"  docker CLI: ps -a + images + volume ls + network ls (4 processes)  {median['cli']:8.1f} ms")
    print(f"  Dashboard() (first tab made)                                      {median['lazy']:8.1f} ms")
    print(f"  Dashboard(lazy=False) (all four tabs)                             {median['all']:8.1f} ms"
          f"  ratio to the CLI {median['all'] / median['cli']:.2f}x")  # fmt: skip
    print(f"  four panels, one by one                                           {median['panels']:8.1f} ms")

    opened: list[EventFollower] = []
    original = EventFollower.start

    def counting(self: EventFollower, retry: bool = False) -> EventFollower:
        opened.append(self)
        return original(self, retry)

    EventFollower.start = counting  # type: ignore[method-assign]
    try:
        before = event_threads()
        made = [kind(engine) for kind in (ContainerPanel, ImagePanel, VolumePanel, NetworkPanel)]
        separate = (len(opened), event_threads() - before)
        for panel in made:
            panel.close()
        opened.clear()
        before = event_threads()
        dash = Dashboard(engine, lazy=False)
        shared = (len(opened), event_threads() - before)
    finally:
        EventFollower.start = original  # type: ignore[method-assign]
    print(f"events streams / their threads: four panels {separate[0]} / {separate[1]}; dashboard {shared[0]} / {shared[1]}")

    volumes_tab = dash.panel("volumes")
    latencies = []
    for index in range(5):
        name = f"bench-live-{index}"
        start = time.perf_counter()
        cli("volume", "create", "--label", LABEL, name)
        shown = wait_until(lambda name=name: name in volumes_tab.frame["VOLUME NAME"].tolist())
        latencies.append((time.perf_counter() - start) * 1000 if shown == shown else float("nan"))
    print(f"volume made with the CLI -> shown in the volumes tab: median {statistics.median(latencies):.0f} ms of 5"
          f" ({min(latencies):.0f}-{max(latencies):.0f} ms, CLI process included)")  # fmt: skip

    time.sleep(0.5)
    loads = {kind: panel.model.loads for kind, panel in dash.panels.items()}
    start = time.perf_counter()
    for _ in range(args.burst):
        cli("create", "--label", LABEL, "busybox", "true")
    burst = time.perf_counter() - start
    wait_until(lambda: len(dash.panel("containers").frame) >= args.burst, timeout=30)
    time.sleep(1.0)
    reads = {kind: panel.model.loads - loads[kind] for kind, panel in dash.panels.items()}
    hub = dash.followers[0]
    print(f"burst of {args.burst} container creates ({burst:.1f} s): reads per tab {reads}; stream events {hub.events}")

    def close_time() -> float:
        start = time.perf_counter()
        dash.close()
        return (time.perf_counter() - start) * 1000

    took = close_time()
    left = wait_until(lambda: event_threads() == 0, timeout=5)
    print(f"close(): {took:.1f} ms; event threads left after {left * 1000:.0f} ms: {event_threads()}")
    if not args.keep:
        clean()


if __name__ == "__main__":
    main()
