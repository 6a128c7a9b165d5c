"""``%docker system df [-v]`` and ``%docker info`` against the docker CLI on the same engine, in one run.

Creates N containers (created, not started; label ``bench=system-df``) so the engine has
something to measure, then times, round after round (the order turning by one each round),
the median wall time of each of our lines (``run_line``: the request, the counting, the frames
or the text) and of the CLI's whole process for the same line. Prints the medians and the
ratios (ours / the CLI's). Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/system_df_benchmark.py -n 100
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time

from dockerwidgets.commandline import run_line
from dockerwidgets.engine import Engine

LINES = ["system df", "system df -v", "info"]
LABEL = "bench=system-df"


def cli(host: str, *args: str) -> str:
    return subprocess.run(["docker", "-H", host, *args], capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="containers to create (default 100)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="leave the containers for the next run")
    options = parser.parse_args()
    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    engine = Engine(host)
    existing = cli(host, "ps", "-a", "-q", "--filter", f"label={LABEL}").split()
    for _ in range(options.n - len(existing)):
        cli(host, "create", "--label", LABEL, "busybox", "true")
    tasks = {}
    for line in LINES:
        tasks[f"%docker {line}"] = lambda line=line: run_line(line, engine)
        tasks[f"docker {line}"] = lambda line=line: cli(host, *line.split())
    names = list(tasks)
    times: dict[str, list[float]] = {name: [] for name in names}
    for task in tasks.values():
        task()  # warm up: connections, imports, the engine's caches
    for round_ in range(options.rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            started = time.perf_counter()
            tasks[name]()
            times[name].append(time.perf_counter() - started)
    print(f"{options.n} containers, {options.rounds} rounds, load average {os.getloadavg()[0]:.2f}")
    print(f"{'line':<24}{'ours (ms)':>12}{'CLI (ms)':>12}{'ratio':>8}")
    for line in LINES:
        ours = statistics.median(times[f"%docker {line}"]) * 1000
        theirs = statistics.median(times[f"docker {line}"]) * 1000
        print(f"{line:<24}{ours:>12.1f}{theirs:>12.1f}{ours / theirs:>8.2f}")
    if not options.keep:
        ids = cli(host, "ps", "-a", "-q", "--filter", f"label={LABEL}").split()
        if ids:
            cli(host, "rm", *ids)


if __name__ == "__main__":
    main()
