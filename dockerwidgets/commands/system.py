"""The engine itself: ``version`` and ``-v`` (this client and the engine), ``info``, ``system df``."""

from __future__ import annotations

import platform
from typing import Any

import docker as docker_py

from .. import diskusage
from ..argparsing import CommandParser, add_flag
from ..cliformat import RAW, TABLE, failed_while_running, final_template, is_table, write_rows
from ..engine import HOST_SCHEMES, Engine
from ..errors import UsageError, fail
from ..gotemplate import GoStruct, TemplateError, render
from ..ops import system
from ..results import CliText, DiskUsage, InfoResult
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


def _info_parser(name: str) -> CommandParser:
    parser = CommandParser(name, "no arguments", f"docker {name} [OPTIONS]")
    parser.add_argument("-f", "--format", help="Format output using a custom template: 'json' or a Go template")
    return parser


_info_parsers = {name: _info_parser(name) for name in ("info", "system info")}

# The Go types of docker info's structs, named in the CLI's error for a field they lack.
_INFO_STRUCTS = {
    "Swarm": "swarm.Info",
    "Plugins": "system.PluginsInfo",
    "RegistryConfig": "*registry.ServiceConfig",
    "ContainerdCommit": "system.Commit",
    "RuncCommit": "system.Commit",
    "InitCommit": "system.Commit",
    "ClientInfo": "*system.clientInfo",
}


def _client_info(engine: Engine) -> dict:
    """``.ClientInfo`` of ``docker info -f``: this client, in the CLI's fields."""
    return {
        "Debug": False,
        "Version": __version__,
        "DefaultAPIVersion": docker_py.constants.DEFAULT_DOCKER_API_VERSION,
        "Os": platform.system().lower(),
        "Arch": platform.machine(),
        "Context": "default" if engine.name.startswith(HOST_SCHEMES) else engine.name,  # -H: the CLI says "default"
        "Plugins": [],
        "Warnings": None,
    }


def info_template_data(info: dict, client: dict) -> GoStruct:
    """What ``docker info -f TEMPLATE`` runs over: the engine's fields and ``.ClientInfo``, as the CLI's structs."""
    fields = {**info, "ClientInfo": client}
    for key, go_type in _INFO_STRUCTS.items():
        if isinstance(fields.get(key), dict):
            fields[key] = GoStruct(go_type, fields[key])
    return GoStruct("system.dockerInfo", fields)


def _info(name: str, args: list[str], engine: Engine) -> Any:
    ns = _info_parsers[name].parse(args)
    info = system.info(engine)
    if not ns.format:
        return InfoResult(info)
    template = "{{json .}}" if ns.format == "json" else ns.format
    try:
        return CliText(render(template, info_template_data(info, _client_info(engine))))
    except TemplateError as exc:  # the CLI prefixes a template that did not parse, not one that failed running
        raise fail(exc.go_error if failed_while_running(exc) else str(exc)) from None


@command("info")
def info(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker info``: the engine's information, a dict shown as collapsible JSON (its text: the CLI's ``Server:``)."""
    return _info("info", args, engine)


@command("system info")
def system_info(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker system info``: the same as ``docker info``."""
    return _info("system info", args, engine)


_df = CommandParser("system df", "no arguments", "docker system df [OPTIONS]")
add_flag(_df, "-v", "--verbose", help="Show detailed information on space usage")
_df.add_argument(
    "--format", help="Format output using a custom template: 'table', 'table TEMPLATE', 'json', 'TEMPLATE'"
)


@command("system df")
def system_df(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker system df``: a DataFrame (TYPE, TOTAL, ACTIVE, SIZE, RECLAIMABLE); ``-v``: a frame per section.

    ``--format`` gives the CLI's text; one ``GET /system/df`` in every case.
    """
    ns = _df.parse(args)
    format = ns.format or TABLE
    usage = system.disk_usage(engine)
    if ns.verbose:
        if format == TABLE:
            return DiskUsage(diskusage.section_frames(usage), diskusage.build_cache_size(usage))
        data = diskusage.verbose_template_data(usage, trunc=is_table(format))
        try:
            text = render(final_template(diskusage.VERBOSE_RAW if format == RAW else format), data)
        except TemplateError as exc:  # run once over everything: the CLI does not prefix a failure while running
            raise fail(exc.go_error if failed_while_running(exc) else str(exc)) from None
        return CliText(text.rstrip("\n"))
    if format == TABLE:
        return diskusage.summary_frame(usage)
    template = diskusage.SUMMARY_RAW if format == RAW else format
    rows = diskusage.summary_contexts(diskusage.summary(usage))
    try:
        text = write_rows(template, rows, diskusage.SUMMARY_HEADERS)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    return CliText(text.rstrip("\n"))
