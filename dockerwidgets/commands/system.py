"""``version`` and ``-v``: this client (dockerwidgets, docker-py) and the engine."""

from __future__ import annotations

import platform
from typing import Any

import docker as docker_py

from ..argparsing import CommandParser
from ..engine import Engine
from ..errors import UsageError
from ..ops import system
from ..results import CliText
from ..version import __version__
from .registry import command

_version = CommandParser("version", "no arguments", "docker version [OPTIONS]")


@command("--version")
def short_version(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker -v``: one line, this client and the engine it talks to (when one answers)."""
    client = f"dockerwidgets {__version__} (docker-py {docker_py.__version__})"
    try:
        server = system.version(engine)
    except UsageError as exc:
        return CliText(f"{client}; engine: {exc}")
    return CliText(f"{client}, Docker Engine {server.get('Version')} (API {server.get('ApiVersion')})")


@command("version")
def version(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker version``: the client section, then the server's (or why the engine did not answer)."""
    _version.parse(args)
    client = [
        "Client: dockerwidgets",
        f" Version:           {__version__}",
        f" docker-py:         {docker_py.__version__}",
        f" Python version:    {platform.python_version()}",
        f" OS/Arch:           {platform.system().lower()}/{platform.machine()}",
    ]
    try:
        server = system.version(engine)
        client.insert(3, f" API version:       {system.api_version(engine)} (negotiated)")
        client.append(f" Host:              {engine.host}")
    except UsageError as exc:
        return CliText("\n".join([*client, "", str(exc)]))
    rows = [
        *client,
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
