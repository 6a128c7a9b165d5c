"""``%docker volume ls`` and ``%docker network ls`` at N of each, against the docker CLI on the same engine, in one run.

Creates N volumes and N networks (label ``bench=volnet``; the networks are
``--config-only``, so the engine lists them like any other but makes no bridge and no
firewall rule for them), then times, round after round (the order turning by one each
round), the median wall time of:

- ``%docker volume ls`` / ``%docker network ls``: ``run_line``, the whole command (one
  request, the sort, the text frame; its typed twin is built on first use);
- the same, then ``frame.docker.typed`` (the typed twin built too);
- ``docker -H … volume ls`` / ``network ls``: the CLI's whole process.

Prints the medians and the ratios (ours / the CLI's: of the medians, and paired, the median
of the ratio within a round). Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/volnet_benchmark.py -n 500
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess

from fixtures import interleaved_samples, paired_ratio

from dockerwidgets.commandline import run_line
from dockerwidgets.engine import Engine

LABEL = "bench=volnet"
PREFIX = "bench-vn-"


def cli(host: str, *args: str) -> str:
    return subprocess.run(["docker", "-H", host, *args], capture_output=True, text=True, check=True).stdout


def ensure(engine: Engine, host: str, count: int) -> None:
    """Make the engine hold at least *count* benchmark volumes and networks."""
    volumes = {v["Name"] for v in engine.api.volumes(filters={"label": [LABEL]}).get("Volumes") or []}
    for index in range(count):
        if f"{PREFIX}{index}" not in volumes:
            engine.api.create_volume(f"{PREFIX}{index}", labels={"bench": "volnet", "index": str(index)})
    networks = {n["Name"] for n in engine.api.networks(filters={"label": [LABEL]})}
    for index in range(count):
        name = f"{PREFIX}{index}"
        if name not in networks:
            subnet = f"10.{240 + index // 256}.{index % 256}.0/24"
            cli(host, "network", "create", "--config-only", "--subnet", subnet, "--label", LABEL, name)


def clean(engine: Engine, host: str) -> None:
    """Remove every benchmark volume and network."""
    names = [v["Name"] for v in engine.api.volumes(filters={"label": [LABEL]}).get("Volumes") or []]
    if names:
        cli(host, "volume", "rm", *names)
    ids = [n["Id"] for n in engine.api.networks(filters={"label": [LABEL]})]
    if ids:
        cli(host, "network", "rm", *ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="volumes and networks to create (default 500 of each)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="leave the volumes and networks for the next run")
    options = parser.parse_args()
    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    engine = Engine(host)
    print(f"creating {options.n} volumes and {options.n} networks …", flush=True)
    ensure(engine, host, options.n)
    volumes = len(engine.api.volumes().get("Volumes") or [])
    networks = len(engine.api.networks())
    tasks = {}
    for line in ("volume ls", "network ls"):
        tasks[f"%docker {line}"] = lambda line=line: run_line(line, engine)
        tasks[f"%docker {line} + typed"] = lambda line=line: run_line(line, engine).docker.typed
        tasks[f"docker {line}"] = lambda line=line: cli(host, *line.split())
    samples = interleaved_samples(tasks, options.rounds)
    version = engine.api.version()
    cli_version = cli(host, "version", "-f", "{{.Client.Version}}").strip()
    print(f"{volumes} volumes, {networks} networks, {options.rounds} rounds, {os.cpu_count()} cores, "
          f"dockerd {version['Version']}, docker CLI {cli_version}, load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"{'line':<30}{'ours (ms)':>12}{'CLI (ms)':>12}{'ratio':>8}{'paired':>8}")
    for line in ("volume ls", "network ls"):
        theirs = statistics.median(samples[f"docker {line}"][0])
        for variant in (f"%docker {line}", f"%docker {line} + typed"):
            ours = statistics.median(samples[variant][0])
            paired = paired_ratio(samples, variant, f"docker {line}")
            print(f"{variant[1:]:<30}{ours:>12.1f}{theirs:>12.1f}{ours / theirs:>8.2f}{paired:>8.2f}")
    if not options.keep:
        clean(engine, host)


if __name__ == "__main__":
    main()
