"""``%docker cp`` of a 1 GiB file out of and into a container, side by side with the CLI's ``docker cp``, in one run.

A local file of SIZE random bytes (default 1 GiB) is made, and copied once into a busybox
container by the CLI. Then, round after round, the order turning each round: ``docker cp
C:/data/src OUT`` by us (``run_line``: parsing, the streamed GET, the extraction aside and
the rename) and by the CLI; then ``docker cp SRC C:/data/in`` by us (the tar made while it
is sent) and by the CLI. Every copy is removed before the next one. Prints the median wall
times and their ratios; our peak RSS growth during a copy (the kernel's high-water mark,
reset before it) beside the CLI process's peak RSS; the client's CPU time (this process, or the
CLI's process: user + system; the engine's share is the same for both and not counted); and checks each of our copies is the
source byte for byte (sha256, outside the timing). Free disk is checked first and the big
files are deleted at the end. Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/cp_benchmark.py
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from dockerwidgets.commandline import run_line
from dockerwidgets.engine import default_engine

NAME = "dw-bench-cp"


def rss_kb(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (the peak since the last reset) of this process, in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak() -> None:
    """Set the kernel's peak RSS of this process back to its RSS now (``clear_refs`` 5)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def cli(host: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", "-H", host, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)


def cli_peak_rss_mb(host: str, *args: str) -> float:
    """The peak RSS (MB) of one CLI process, measured by GNU ``time`` (a process of its own)."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "docker", "-H", host, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def make_source(path: str, size: int) -> None:
    with open(path, "wb") as handle:
        left = size
        while left:
            piece = os.urandom(min(left, 1 << 24))
            handle.write(piece)
            left -= len(piece)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2**30, help="bytes of the file copied (default 1 GiB)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", default="/work/.cp-bench", help="the local folder for the file and its copies")
    ns = parser.parse_args()
    engine = default_engine()
    host = engine.host
    data_root = os.environ.get("DW_DATA", "/var/lib/dockerwidgets")
    for where, need in ((os.path.dirname(ns.dir.rstrip("/")) or "/", 3 * ns.size), (data_root, 3 * ns.size)):
        free = shutil.disk_usage(where if os.path.exists(where) else "/").free
        if free < need:
            sys.exit(f"only {free / 2**30:.1f} GiB free under {where}: need {need / 2**30:.1f} GiB")
    os.makedirs(ns.dir, exist_ok=True)
    work = tempfile.mkdtemp(dir=ns.dir)
    source = os.path.join(work, "src")
    subprocess.run(["docker", "-H", host, "rm", "-f", NAME], capture_output=True, check=False)
    try:
        started = time.perf_counter()
        make_source(source, ns.size)
        digest = sha256(source)
        cli(host, "run", "-d", "--name", NAME, "busybox", "sh", "-c", "mkdir -p /data && exec sleep 3600")
        cli(host, "cp", source, f"{NAME}:/data/src")
        print(f"made {ns.size / 2**30:.2f} GiB and put it in the container in {time.perf_counter() - started:.1f} s")

        out_ours, out_cli = os.path.join(work, "out-ours"), os.path.join(work, "out-cli")
        peaks: dict[str, list[float]] = {"out": [], "in": []}

        def ours_out() -> None:
            reset_peak()
            before = rss_kb("VmRSS")
            run_line(f"cp {NAME}:/data/src {out_ours}", engine)
            peaks["out"].append((rss_kb("VmHWM") - before) / 1024)

        def cli_out() -> None:
            cli(host, "cp", f"{NAME}:/data/src", out_cli)

        def ours_in() -> None:
            reset_peak()
            before = rss_kb("VmRSS")
            run_line(f"cp {source} {NAME}:/data/in-ours", engine)
            peaks["in"].append((rss_kb("VmHWM") - before) / 1024)

        def cli_in() -> None:
            cli(host, "cp", source, f"{NAME}:/data/in-cli")

        def clean() -> None:
            for path in (out_ours, out_cli):
                if os.path.exists(path):
                    os.remove(path)
            cli(host, "exec", NAME, "rm", "-f", "/data/in-ours", "/data/in-cli")

        runs = {"cp C:SRC local (ours)": ours_out, "docker cp C:SRC local (CLI)": cli_out,
                "cp local C:DST (ours)": ours_in, "docker cp local C:DST (CLI)": cli_in}  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for round_number in range(ns.rounds):
            turn = round_number % 2
            order = [names[turn], names[1 - turn], names[2 + turn], names[3 - turn]]
            for name in order:
                children = resource.getrusage(resource.RUSAGE_CHILDREN)
                own = time.process_time()
                start = time.perf_counter()
                runs[name]()
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                spent = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
                cpu[name].append(time.process_time() - own + spent)  # ours: this process; the CLI: its process
            if round_number == 0:  # byte for byte, outside the timing
                assert sha256(out_ours) == digest, "the copy out is not the source"
                back = os.path.join(work, "back")
                cli(host, "cp", f"{NAME}:/data/in-ours", back)
                assert sha256(back) == digest, "the copy in is not the source"
                os.remove(back)
            clean()

        print(f"\n{ns.size / 2**30:.2f} GiB, {ns.rounds} rounds, the order turning each round")
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, median in medians.items():
            rate = ns.size / median / 2**20
            print(
                f"  {name:30s} median {median:6.2f} s  ({rate:4.0f} MiB/s)  all: {[round(t, 2) for t in times[name]]}"
                f"  client CPU median {statistics.median(cpu[name]):.2f} s"
            )
        print(f"  out: ours / CLI = {medians[names[0]] / medians[names[1]]:.2f}")
        print(f"  in:  ours / CLI = {medians[names[2]] / medians[names[3]]:.2f}")
        print("\npeak memory")
        print(f"  ours, RSS growth during the copy: out {max(peaks['out']):.1f} MB, in {max(peaks['in']):.1f} MB")
        cli_peak_out = cli_peak_rss_mb(host, "cp", f"{NAME}:/data/src", out_cli)
        cli_peak_in = cli_peak_rss_mb(host, "cp", source, f"{NAME}:/data/in-cli")
        print(f"  the CLI process's peak RSS: out {cli_peak_out:.1f} MB, in {cli_peak_in:.1f} MB")
        clean()
    finally:
        subprocess.run(["docker", "-H", host, "rm", "-f", NAME], capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
