"""The console's pipeline against the docker CLI on the same output, in one run.

A container writes SIZE bytes (default 200 MB) of text lines. Measured side by side:
``docker run`` attached with its output to /dev/null, and ``%docker run`` into a console
with its widget built (so the front-end updates happen). Prints the throughput of each
and the ratio, bytes lost, front-end messages a second, the kernel's peak memory growth,
and the median keystroke-to-output latency through ``cat``. Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/console_benchmark.py
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import time

import dockerwidgets
from dockerwidgets.engine import Engine

LINE = "the quick brown fox jumps over the lazy dog 0123456789"


def writer_command(size: int) -> str:
    return f"yes '{LINE}' | head -c {size}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_seconds(host: str, size: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["docker", "-H", host, "run", "--rm", "busybox", "sh", "-c", writer_command(size)],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def console_run(engine: Engine, size: int) -> tuple[float, int, float]:
    """Seconds, bytes received and front-end messages a second for one console run."""
    started = time.perf_counter()
    console = dockerwidgets.docker(f'run --rm busybox sh -c "{writer_command(size)}"', engine, show=False)
    console.widget()  # the front-end updates happen as in a notebook
    code = console.wait()
    elapsed = time.perf_counter() - started
    assert code == 0, console.status
    received = console.bytes_received
    rate = console.updates_sent / elapsed
    console.close()
    return elapsed, received, rate


def echo_latency_ms(engine: Engine, rounds: int) -> float:
    """Median time from ``send`` to the echoed bytes arriving, through ``cat`` (no TTY)."""
    console = dockerwidgets.docker("run -i --rm busybox cat", engine, show=False)
    latencies = []
    for _ in range(rounds):
        before = console.bytes_received
        started = time.perf_counter()
        console.send(b"x\n")
        while console.bytes_received < before + 2:
            time.sleep(0)
        latencies.append((time.perf_counter() - started) * 1000)
    console.eof()
    console.wait(10)
    console.close()
    return statistics.median(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side; the median is shown")
    args = parser.parse_args()
    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    engine = Engine(host)
    size = args.size_mb * 1024 * 1024
    engine.api.images(name="busybox") or dockerwidgets.docker("pull busybox", engine)

    console_run(engine, 1024 * 1024)  # warm up: imports and first connections are not the stream's memory
    rss_before = peak_rss_mb()
    cli_times, console_times, rates, lost = [], [], [], []
    for _ in range(args.rounds):  # interleaved, so both sides see the same machine
        cli_times.append(cli_seconds(host, size))
        elapsed, received, rate = console_run(engine, size)
        console_times.append(elapsed)
        rates.append(rate)
        lost.append(size - received)
    growth = peak_rss_mb() - rss_before
    latency = echo_latency_ms(engine, 200)

    cli_mbs = args.size_mb / statistics.median(cli_times)
    console_mbs = args.size_mb / statistics.median(console_times)
    print(f"\n{args.size_mb} MB written by a container, median of {args.rounds} runs each\n")
    print(f"  docker CLI attached (to /dev/null)   {cli_mbs:7.1f} MB/s")
    print(f"  console pipeline                     {console_mbs:7.1f} MB/s")
    print(f"  console / CLI                        {console_mbs / cli_mbs:7.2f}x   (target >= 1.0x)")
    print(f"  bytes lost                           {max(lost):7d}     (target 0)")
    print(f"  front-end messages a second          {max(rates):7.1f}     (target <= 20)")
    print(f"  kernel peak memory growth            {growth:7.1f} MB  (target <= 50 MB)")
    print(f"  echo latency through cat (median)    {latency:7.2f} ms  (target <= 5 ms)")


if __name__ == "__main__":
    main()
