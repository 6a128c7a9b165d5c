"""How fast is ``%docker ps -a``? Measured side by side in one run, on the private engine.

Creates N containers (default 1000, labelled ``dw-bench``), then takes the median wall
time of: ``%docker ps -a`` in-process; the engine's bare HTTP reply to
``GET /containers/json?all=1`` (the floor); ``docker ps -a`` as a subprocess; docker-py's
``containers.list(all=True)``. Prints each and the ratios. Not a test: nothing fails.

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/ps_benchmark.py -n 1000
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess

import docker
from fixtures import ensure_containers, interleaved_medians, median_ms, remove_containers

import dockerwidgets
from dockerwidgets.engine import Engine


class UnixHTTPConnection(http.client.HTTPConnection):
    """Plain ``http.client`` over the engine's unix socket: the floor, no docker-py."""

    def __init__(self, path: str) -> None:
        super().__init__("localhost")
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--containers", type=int, default=1000)
    parser.add_argument("-r", "--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="leave the containers for the next run")
    args = parser.parse_args()

    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    if not host.startswith("unix://"):
        raise SystemExit("benchmark the private engine: DOCKER_HOST must be a unix socket")
    socket_path = host[len("unix://") :]
    engine = Engine(host)
    engine.api.images(name="busybox") or dockerwidgets.docker("pull busybox", engine)
    print(f"creating {args.containers} containers …", flush=True)
    ensure_containers(engine.api, args.containers)
    total = len(engine.api.containers(all=True, quiet=True))

    def bare_http() -> None:
        connection = UnixHTTPConnection(socket_path)
        connection.request("GET", f"/v{engine.api.api_version}/containers/json?all=1")
        connection.getresponse().read()
        connection.close()

    def magic() -> None:
        dockerwidgets.docker("ps -a", engine)

    def cli() -> None:
        subprocess.run(["docker", "-H", host, "ps", "-a"], stdout=subprocess.DEVNULL, check=True)

    client = docker.DockerClient(base_url=host, version="auto")

    def docker_py_models() -> None:
        client.containers.list(all=True)

    figures = interleaved_medians(
        {
            "%docker ps -a (in-process)": magic,
            "bare HTTP GET /containers/json?all=1": bare_http,
            "docker ps -a (CLI subprocess)": cli,
        },
        args.repeat,
    )
    figures["docker-py containers.list(all=True)"] = median_ms(docker_py_models, max(3, args.repeat // 10))
    floor, ours = figures["bare HTTP GET /containers/json?all=1"], figures["%docker ps -a (in-process)"]
    print(f"\n{total} containers on the engine, median of {args.repeat} interleaved runs\n")
    for name, value in figures.items():
        print(f"  {name:<40} {value:9.1f} ms")
    print()
    print(f"  %docker ps -a / bare HTTP floor   {ours / floor:6.2f}x   (target <= 1.3x)")
    print(
        f"  %docker ps -a / docker CLI       {ours / figures['docker ps -a (CLI subprocess)']:6.2f}x   (target <= 0.7x)"
    )
    print(
        f"  docker-py models / %docker ps -a {figures['docker-py containers.list(all=True)'] / ours:6.1f}x   "
        "(target >= 10x faster)"
    )
    if not args.keep:
        remove_containers(engine.api)


if __name__ == "__main__":
    main()
