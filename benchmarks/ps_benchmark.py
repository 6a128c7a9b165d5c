"""How fast is ``%docker ps -a``? Measured side by side in one run, on the private engine.

Creates N containers (default 1000, labelled ``dw-bench``; created, not started), then
takes, round after round so a drift in the machine's load hits them alike, the median
wall time of:

- ``%docker ps -a``: ``dockerwidgets.commandline.run_line("ps -a", engine)``, the whole
  command (request, parse, the text frame and its typed twin);
- the engine's bare HTTP reply: ``GET /containers/json?all=1`` with ``http.client`` over a
  fresh AF_UNIX socket, the whole body read, nothing parsed (the floor);
- ``docker -H … ps -a``: the docker CLI, the whole process;
- the operations path: ``transport.list_containers`` + ``frames.containers_frame`` (what
  ``ps`` runs once it is moved onto ``ops.containers.list_containers``).

Ratios are given two ways: of the medians, and paired (the median over rounds of the
ratio within one round, steadier when the machine's load drifts). Then, on the engine's real reply: the JSON parsers (stdlib ``json``, ``orjson``,
``msgspec``) and the frame alone, with and without its typed twin; docker-py's models
apart (they take seconds). Prints the figures and the ratios. Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/ps_benchmark.py -n 1000
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess

import docker
from fixtures import (
    ensure_containers,
    interleaved_samples,
    interleaved_times,
    median_ms,
    paired_ratio,
    remove_containers,
)

from dockerwidgets import frames, transport
from dockerwidgets.commandline import run_line
from dockerwidgets.engine import Engine

FLOOR_TARGET, CLI_TARGET = 1.15, 0.6


class UnixHTTPConnection(http.client.HTTPConnection):
    """Plain ``http.client`` over the engine's unix socket: the floor, no docker-py."""

    def __init__(self, path: str) -> None:
        super().__init__("localhost")
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def parsers() -> dict[str, object]:
    """The JSON parsers to compare: each takes the reply's bytes."""
    found: dict[str, object] = {"json (stdlib)": json.loads}
    try:
        import orjson

        found["orjson"] = orjson.loads
    except ImportError:
        print("orjson is not installed: left out")
    try:
        import msgspec

        found["msgspec"] = msgspec.json.Decoder().decode
    except ImportError:
        print("msgspec is not installed (pip install msgspec): left out")
    return found


def machine(engine: Engine) -> str:
    cli = subprocess.run(["docker", "version", "-f", "{{.Client.Version}}"], capture_output=True, text=True).stdout
    return (
        f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
        f"dockerd {engine.api.version()['Version']}, docker CLI {cli.strip()}"
    )


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--containers", type=int, default=1000)
    parser.add_argument("-r", "--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="leave the containers for the next run")
    parser.add_argument("--no-models", action="store_true", help="skip docker-py's models (seconds each)")
    args = parser.parse_args()

    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    if not host.startswith("unix://"):
        raise SystemExit("benchmark the private engine: DOCKER_HOST must be a unix socket")
    socket_path = host[len("unix://") :]
    engine = Engine(host)
    engine.api.images(name="busybox") or run_line("pull busybox", engine)
    print(f"creating {args.containers} containers …", flush=True)
    ensure_containers(engine.api, args.containers)
    total = len(engine.api.containers(all=True, quiet=True))
    print(machine(engine))
    print(f"before: {load()}", flush=True)

    def bare_http() -> bytes:
        connection = UnixHTTPConnection(socket_path)
        connection.request("GET", f"/v{engine.api.api_version}/containers/json?all=1")
        body = connection.getresponse().read()
        connection.close()
        return body

    def magic() -> None:
        run_line("ps -a", engine)

    def cli() -> None:
        subprocess.run(["docker", "-H", host, "ps", "-a"], stdout=subprocess.DEVNULL, check=True)

    def ops_path() -> None:
        frames.containers_frame(transport.list_containers(engine.api, all=True))

    names = {
        "magic": "%docker ps -a (run_line, in-process)",
        "floor": "bare HTTP GET /containers/json?all=1",
        "cli": "docker ps -a (CLI subprocess)",
        "ops": "transport.list_containers + containers_frame",
    }
    samples = interleaved_samples(
        {names["magic"]: magic, names["floor"]: bare_http, names["cli"]: cli, names["ops"]: ops_path}, args.repeat
    )
    timed = {name: (statistics.median(wall), statistics.median(cpu)) for name, (wall, cpu) in samples.items()}
    print(f"after:  {load()}")

    body = bare_http()
    containers = json.loads(body)
    apart = {
        f"parse {len(body) // 1024} KB with {name}": (lambda parse=parse: parse(body))
        for name, parse in parsers().items()
    }
    apart["containers_frame (text; typed twin deferred)"] = lambda: frames.containers_frame(containers)
    apart["containers_frame + frame.docker.typed"] = lambda: frames.containers_frame(containers).docker.typed
    apart_times = interleaved_times(apart, args.repeat * 3)

    print(f"\n{total} containers on the engine; medians of {args.repeat} interleaved rounds\n")
    print(f"  {'':<48} {'wall':>9}    {'client CPU':>10}")
    for name, (wall, cpu) in {**timed, **apart_times}.items():
        print(f"  {name:<48} {wall:9.1f} ms {cpu:9.1f} ms")
    if not args.no_models:
        client = docker.DockerClient(base_url=host, version="auto")
        models = median_ms(lambda: client.containers.list(all=True), max(3, args.repeat // 10))
        print(f"  {'docker-py containers.list(all=True)':<48} {models:9.1f} ms")
    print()
    print(f"  {'ratio (wall)':<34} {'of medians':>10} {'paired':>8}   target")
    for label, numerator, denominator, target in (
        ("%docker ps -a / bare HTTP floor", "magic", "floor", f"<= {FLOOR_TARGET}x"),
        ("%docker ps -a / docker CLI", "magic", "cli", f"<= {CLI_TARGET}x"),
        ("ops path / bare HTTP floor", "ops", "floor", ""),
        ("ops path / docker CLI", "ops", "cli", ""),
    ):
        of_medians = timed[names[numerator]][0] / timed[names[denominator]][0]
        paired = paired_ratio(samples, names[numerator], names[denominator])
        print(f"  {label:<34} {of_medians:9.2f}x {paired:7.2f}x   {target}")
    print("  (paired: the median over rounds of the ratio within each round)")
    if not args.keep:
        remove_containers(engine.api)


if __name__ == "__main__":
    main()
