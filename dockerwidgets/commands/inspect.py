"""Looking into containers and images: ``inspect``, ``port``, ``logs`` (``--frame``: as data), ``diff``, ``top``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import fail
from ..frames import ports_frame
from ..logframes import logs_frame
from ..ops import containers, images
from ..ops import logs as logs_ops
from ..ports_display import PortNotPublished, port_lines
from ..results import CliText, InspectResult, InspectResults, lines
from ..timestamps import TimestampError, cli_timestamp
from .registry import command

_inspect = CommandParser("inspect", "at least 1 argument", "docker inspect [OPTIONS] NAME|ID [NAME|ID...]")
_inspect.add_argument("-f", "--format", help="Format output using a custom template")
add_flag(_inspect, "-s", "--size", help="Display total file sizes if the type is container")
_inspect.add_argument("--type", choices=["container", "image"], help="Return JSON for specified type")
_inspect.add_argument("names", nargs="+", metavar="NAME|ID")


def _inspect_one(engine: Engine, name: str, kind: str | None, size: bool) -> dict:
    """Inspect a container, else an image (as the CLI tries both); ``No such object`` otherwise."""
    if kind in (None, "container"):
        found = containers.find_container(engine, name, size=size)
        if found is not None:
            return found
    if kind in (None, "image"):
        found = images.find_image(engine, name)
        if found is not None:
            return found
    raise fail(f"Error: No such {kind or 'object'}: {name}")


def inspect_objects(args: list[str], engine: Engine, kind: str | None) -> Any:
    """``docker inspect``: one dict (collapsible JSON), a list of them, or template lines."""
    ns = _inspect.parse(args)
    objects = [_inspect_one(engine, name, kind or ns.type, ns.size) for name in ns.names]
    if ns.format is not None:
        from ..gotemplate import TemplateError, render

        try:
            return CliText("\n".join(render(ns.format, obj, missingkey="error") for obj in objects))
        except TemplateError as exc:
            raise fail(str(exc)) from None
    if len(objects) == 1:
        return InspectResult(objects[0])
    return InspectResults(InspectResult(obj) for obj in objects)


@command("inspect")
def inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker inspect NAME|ID``: containers and images."""
    return inspect_objects(args, engine, None)


@command("container inspect")
def container_inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker container inspect``."""
    return inspect_objects(args, engine, "container")


@command("image inspect")
def image_inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker image inspect``."""
    return inspect_objects(args, engine, "image")


_port = CommandParser("port", "at least 1 argument", "docker port CONTAINER [PRIVATE_PORT[/PROTO]]")
_port.add_argument("container", metavar="CONTAINER")
_port.add_argument("private_port", nargs="?", metavar="PRIVATE_PORT[/PROTO]")


@command("port")
def port(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker port``: a DataFrame of the published ports; with a port, its host addresses."""
    ns = _port.parse(args)
    info = containers.inspect_container(engine, ns.container)
    bindings = (info.get("NetworkSettings") or {}).get("Ports") or {}
    if ns.private_port is None:
        return ports_frame(bindings)
    try:
        return lines(port_lines(bindings, ns.private_port, ns.container))
    except PortNotPublished as exc:
        raise fail(str(exc)) from None


_logs = CommandParser("logs", "exactly 1 argument", "docker logs [OPTIONS] CONTAINER")
add_flag(_logs, "-f", "--follow", help="Follow log output")
_logs.add_argument("--since", help="Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)")
_logs.add_argument("--until", help="Show logs before a timestamp or relative")
_logs.add_argument("-n", "--tail", default="all", help="Number of lines to show from the end of the logs")
add_flag(_logs, "-t", "--timestamps", help="Show timestamps")
add_flag(_logs, "--details", help="Show extra details provided to logs")
add_flag(_logs, "--frame", help="A DataFrame (time, container, stream, message, fields) of one or several containers")
_logs.add_argument("containers", nargs="*", metavar="CONTAINER")


def parse_tail(value: str) -> str | int:
    """``--tail N`` as the engine reads it (Go's ``Atoi``): a number, else (``all``, a negative one, junk) everything."""
    body = value[1:] if value[:1] in ("+", "-") else value
    if not (body.isascii() and body.isdigit()):
        return "all"
    tail = int(value)
    return "all" if tail < 0 or tail >= 1 << 63 else tail


def log_moment(value: str | None, flag: str) -> str | None:
    """``--since``/``--until`` as the CLI sends it; its line (``invalid value for "since": …``) when it cannot read it."""
    if not value:
        return None
    try:
        return cli_timestamp(value)
    except TimestampError as exc:
        raise fail(f'invalid value for "{flag}": {exc}') from None


@command("logs")
def logs(args: list[str], engine: Engine, **options: Any) -> Any:
    """``docker logs``: the container's output so far; ``-f``: a console that follows it; ``--frame``: a DataFrame."""
    ns = _logs.parse(args)
    if ns.frame:
        return logs_frame_of(engine, ns)
    if len(ns.containers) != 1:
        raise fail(f'"docker logs" requires exactly 1 argument. Usage: {_logs.usage}')
    tail = parse_tail(ns.tail)
    info = containers.inspect_container(engine, ns.containers[0])  # the CLI's order: the container, then the times
    since, until = log_moment(ns.since, "since"), log_moment(ns.until, "until")
    if ns.follow:
        from .attach import follow_logs

        params: dict[str, Any] = {"timestamps": int(ns.timestamps), "tail": str(tail)}
        params.update({key: value for key, value in (("since", since), ("until", until)) if value is not None})
        return follow_logs(engine, info["Id"], params, **options)
    output = containers.logs(
        engine, info["Id"], tail=tail, since=since, until=until, timestamps=ns.timestamps, info=info
    )
    text = output.decode("utf-8", "replace")
    return CliText(text.rstrip("\n")) if text else None


def logs_frame_of(engine: Engine, ns: Any) -> pd.DataFrame:
    """``logs --frame C [C…]``: every container's lines in one DataFrame, merged in time order (our design)."""
    if ns.follow:
        raise fail("conflicting options: --frame and --follow (a frame holds what was logged so far)")
    if ns.details:
        raise fail("conflicting options: --frame and --details")
    if not ns.containers:
        raise fail(f'"docker logs --frame" requires at least 1 argument. Usage: {_logs.usage}')
    infos = containers.require_containers(engine, ns.containers)
    since, until = log_moment(ns.since, "since"), log_moment(ns.until, "until")
    read = logs_ops.logs_of(engine, [info["Id"] for info in infos], tail=parse_tail(ns.tail), since=since, until=until)
    return logs_frame(read)


_diff = CommandParser("diff", "exactly 1 argument", "docker diff CONTAINER")
_diff.add_argument("container", metavar="CONTAINER")
CHANGE_KINDS = {0: "C", 1: "A", 2: "D"}


@command("diff")
def diff(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker diff``: ``A``dded, ``C``hanged, ``D``eleted paths of the container's own layer, by path."""
    ns = _diff.parse(args)
    changes = containers.diff(engine, ns.container)
    return lines([f"{CHANGE_KINDS.get(change['Kind'], '?')} {change['Path']}" for change in changes])


_top = CommandParser("top", "at least 1 argument", "docker top CONTAINER [ps OPTIONS]")
_top.add_argument("container", metavar="CONTAINER")


@command("top")
def top(args: list[str], engine: Engine, **_: Any) -> pd.DataFrame:
    """``docker top``: the container's processes as a DataFrame (the engine's ps columns)."""
    ns, ps_args = _top.parse_interspersed(args)
    result = containers.top(engine, ns.container, ps_args=" ".join(ps_args) or None)
    return pd.DataFrame(result.get("Processes") or [], columns=result.get("Titles") or [])
