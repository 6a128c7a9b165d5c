"""``version`` and ``-v``: this client (dockerwidgets, docker-py) and the engine."""

from __future__ import annotations

import platform
from typing import Any

import docker as docker_py

from .. import __version__
from ..argparsing import CommandParser
from ..engine import Engine
from ..results import CliText
from . import command

_version = CommandParser("version", "no arguments", "docker version [OPTIONS]")


@command("--version")
def short_version(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker -v``: one line, this client and the engine it talks to."""
    with engine.errors():
        server = engine.api.version()
    return CliText(
        f"dockerwidgets {__version__} (docker-py {docker_py.__version__}), "
        f"Docker Engine {server.get('Version')} (API {server.get('ApiVersion')})"
    )


@command("version")
def version(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker version``: the client and server sections, as the CLI prints them."""
    _version.parse(args)
    with engine.errors():
        server = engine.api.version()
    rows = [
        "Client: dockerwidgets",
        f" Version:           {__version__}",
        f" docker-py:         {docker_py.__version__}",
        f" API version:       {engine.api.api_version} (negotiated)",
        f" Python version:    {platform.python_version()}",
        f" OS/Arch:           {platform.system().lower()}/{platform.machine()}",
        f" Host:              {engine.host}",
        "",
        f"Server: {(server.get('Platform') or {}).get('Name') or 'Docker Engine'}",
        " Engine:",
        f"  Version:          {server.get('Version')}",
        f"  API version:      {server.get('ApiVersion')} (minimum version {server.get('MinAPIVersion')})",
        f"  Go version:       {server.get('GoVersion')}",
        f"  Git commit:       {server.get('GitCommit')}",
        f"  Built:            {server.get('BuildTime')}",
        f"  OS/Arch:          {server.get('Os')}/{server.get('Arch')}",
    ]
    for component in server.get("Components") or []:
        if component.get("Name") != "Engine":
            rows += [f" {component.get('Name')}:", f"  Version:          {component.get('Version')}"]
    return CliText("\n".join(rows))
