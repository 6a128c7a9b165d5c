"""``logs --frame --tail 1000`` of a ~1 GB log, side by side with the CLI's ``docker logs --tail 1000``, in one run.

A busybox container writes SIZE bytes (default 1 GiB) of text lines into the private
engine's json-file log (about 1.7 times that on disk). Then, round after round, the order
turning each round: ``%docker logs --frame --tail N`` (``run_line``: the request, the
streamed read, the frame), the CLI's ``docker logs --tail N`` and ``docker logs -t --tail N``
(its output to /dev/null). Prints the median wall times and their ratios; the peak memory
the frame's read allocates (tracemalloc, one round of its own) and this process's RSS
growth, beside the CLI process's peak RSS; and how many bytes the engine sent against the
log's size (the engine does the tail; the client streams what it sends). The container and
its log are removed at the end (``--keep`` leaves them). Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/logs_benchmark.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc

from dockerwidgets import transport
from dockerwidgets.commandline import run_line
from dockerwidgets.engine import default_engine
from dockerwidgets.ops.containers import log_query

NAME = "dw-bench-biglog"
LINE = "the quick brown fox jumps over the lazy dog 0123456789 " * 2


def rss_mb() -> float:
    """This process's resident memory now (MB)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cli(host: str, *args: str, out: int | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", "-H", host, *args], stdout=out, stderr=subprocess.DEVNULL, check=False)


def cli_peak_rss_mb(host: str, *args: str) -> float:
    """The peak RSS (MB) of one CLI process, its output to /dev/null.

    Measured by GNU ``time`` (a small process of its own): a child forked straight from this
    process would count this process's memory in its own peak (Linux keeps ``maxrss`` across exec).
    """
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "docker", "-H", host, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def make_log(host: str, size: int, data_root: str) -> int:
    """The container with SIZE bytes of lines in its log (made once, kept with --keep); the log file's size."""
    path = cli(host, "inspect", "-f", "{{.LogPath}}", NAME, out=subprocess.PIPE).stdout.decode().strip()
    if path and os.path.exists(path) and os.path.getsize(path) >= size:
        return os.path.getsize(path)
    cli(host, "rm", "-f", NAME)
    free = shutil.disk_usage(data_root).free
    if free < 3 * size:
        sys.exit(f"only {free / 2**30:.1f} GiB free under {data_root}: need {3 * size / 2**30:.1f} GiB")
    started = time.perf_counter()
    command = f"yes '{LINE}' | head -c {size}"
    cli(host, "run", "-d", "--name", NAME, "busybox", "sh", "-c", command, out=subprocess.DEVNULL)
    cli(host, "wait", NAME, out=subprocess.DEVNULL)
    path = cli(host, "inspect", "-f", "{{.LogPath}}", NAME, out=subprocess.PIPE).stdout.decode().strip()
    print(f"wrote {size / 2**30:.2f} GiB of lines in {time.perf_counter() - started:.1f} s")
    return os.path.getsize(path)


def sent_bytes(engine, tail: int) -> int:
    """How many bytes the engine sends for ``--tail`` (with timestamps), read as the frame reads them."""
    info = engine.api.inspect_container(NAME)
    stream = transport.open_get(
        engine.api, "/containers/{0}/logs", info["Id"], params=log_query(tail, timestamps=True), bounded=True
    )
    total = 0
    try:
        while chunk := stream.read():
            total += len(chunk)
    finally:
        stream.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2**30, help="bytes the container writes (default 1 GiB)")
    parser.add_argument("--tail", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the container and its log for the next run")
    ns = parser.parse_args()
    engine = default_engine()
    host = engine.host
    data_root = os.environ.get("DW_DATA", "/var/lib/dockerwidgets")
    log_size = make_log(host, ns.size, data_root)
    try:
        frame = run_line(f"logs --frame --tail {ns.tail} {NAME}", engine)
        assert len(frame) == ns.tail, len(frame)

        def ours() -> None:
            run_line(f"logs --frame --tail {ns.tail} {NAME}", engine)

        def cli_plain() -> None:
            cli(host, "logs", "--tail", str(ns.tail), NAME, out=subprocess.DEVNULL)

        def cli_stamped() -> None:
            cli(host, "logs", "-t", "--tail", str(ns.tail), NAME, out=subprocess.DEVNULL)

        runs = {"logs --frame (ours)": ours, "docker logs (CLI)": cli_plain, "docker logs -t (CLI)": cli_stamped}
        times: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for round_number in range(ns.rounds):
            for name in names[round_number % len(names) :] + names[: round_number % len(names)]:
                started = time.perf_counter()
                runs[name]()
                times[name].append((time.perf_counter() - started) * 1000)
        medians = {name: statistics.median(values) for name, values in times.items()}

        rss_before = rss_mb()
        tracemalloc.start()
        ours()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = rss_mb() - rss_before
        cli_peak = cli_peak_rss_mb(host, "logs", "--tail", str(ns.tail), NAME)
        sent = sent_bytes(engine, ns.tail)

        print(f"log: {ns.size / 2**30:.2f} GiB written, {log_size / 2**30:.2f} GiB json-file on disk; --tail {ns.tail}")
        print(f"{ns.rounds} interleaved rounds, median wall time:")
        for name, value in medians.items():
            print(f"  {name:24s} {value:8.1f} ms")
        print(f"  ratio ours / CLI:    {medians['logs --frame (ours)'] / medians['docker logs (CLI)']:.2f}x")
        print(f"  ratio ours / CLI -t: {medians['logs --frame (ours)'] / medians['docker logs -t (CLI)']:.2f}x")
        print(f"engine sent {sent / 1024:.0f} KiB for the tail ({sent / log_size * 100:.4f}% of the log file)")
        print(
            f"ours: peak allocated during the read {peak / 2**20:.2f} MiB (tracemalloc), RSS growth {rss_growth:.1f} MiB"
        )
        print(f"CLI: peak RSS of its process {cli_peak:.1f} MiB")
    finally:
        if not ns.keep:
            cli(host, "rm", "-f", NAME, out=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
