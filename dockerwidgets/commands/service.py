"""``docker service ls|ps|create|update|scale|rm|logs``: argv to :mod:`dockerwidgets.ops.services`, formatted back.

Lists are DataFrames with the CLI's columns (``frames.services_frame``,
``frames.service_tasks_frame``); ``create``, ``update`` and ``scale`` wait, as the CLI
does, until the service has converged (``-d`` returns at once).
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import fail
from ..frames import natural_key, node_names, service_tasks_frame, services_frame
from ..humanize import truncate_id
from ..ops import services as ops
from ..portspec import InvalidPortSpec, parse_port_config, parse_uint
from ..results import CliText, ConsoleRequest, IdList, PanelRequest, lines
from ..sessions.servicelogs import LogFormat, LogPrefixer, prefixed_text
from ..timestamps import parse_moment
from .containers import parse_filters
from .create import parse_env, parse_labels
from .inspect import parse_tail
from .registry import command

# --- service ls / ps ------------------------------------------------------------------------------

_ls = CommandParser("service ls", "no arguments", "docker service ls [OPTIONS]")
_ls.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_ls, "-q", "--quiet", help="Only display IDs")
_ls.add_argument("--panel", action="store_true", help="Show the services panel")


@command("service ls", "service list")
def service_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker service ls``: ID, NAME, MODE, REPLICAS (``2/3``), IMAGE, PORTS; ``-q``: the ids."""
    ns = _ls.parse(args)
    filters = parse_filters(ns.filter)
    if ns.panel:
        return PanelRequest("services", engine, {"filters": filters or None})
    if ns.quiet:
        services, _, _ = ops.list_services(engine, filters, with_tasks=False)
        services.sort(key=lambda s: natural_key((s.get("Spec") or {}).get("Name") or ""))  # the CLI's order
        return IdList(truncate_id(s["ID"]) for s in services)
    return services_frame(*ops.list_services(engine, filters))


_ps = CommandParser("service ps", "at least 1 argument", "docker service ps [OPTIONS] SERVICE [SERVICE...]")
_ps.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_ps, "--no-resolve", help="Do not map IDs to Names")
add_flag(_ps, "--no-trunc", help="Do not truncate output")
add_flag(_ps, "-q", "--quiet", help="Only display task IDs")
_ps.add_argument("services", nargs="+", metavar="SERVICE")


@command("service ps")
def service_ps(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker service ps``: the services' tasks, earlier tasks of a slot indented under it; ``-q``: task ids."""
    ns = _ps.parse(args)
    filters = parse_filters(ns.filter)
    services = ops.resolve_services(engine, ns.services)
    tasks, nodes = ops.list_tasks(engine, services, filters)
    if ns.no_resolve:
        service_names = {s["ID"]: s["ID"] for s in services}
        names = {node["ID"]: node["ID"] for node in nodes}
    else:
        service_names = {s["ID"]: (s.get("Spec") or {}).get("Name") or s["ID"] for s in services}
        names = node_names(nodes)
    frame = service_tasks_frame(tasks, service_names, names, no_trunc=ns.no_trunc)
    if ns.quiet:
        return IdList(frame.docker.typed["id"])
    return frame


# --- service create / update / scale / rm ---------------------------------------------------------

_create = CommandParser(
    "service create", "at least 1 argument", "docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]"
)
add_flag(_create, "-d", "--detach", help="Exit immediately instead of waiting for the service to converge")
_create.add_argument("-e", "--env", action="append", default=[], help="Set environment variables")
_create.add_argument("-l", "--label", action="append", default=[], help="Service labels")
_create.add_argument("--mode", default="replicated", help='Service mode ("replicated", "global")')
_create.add_argument("--name", default="", help="Service name")
_create.add_argument("-p", "--publish", action="append", default=[], help="Publish a port as a node port")
add_flag(_create, "-q", "--quiet", help="Suppress progress output")
_create.add_argument("--replicas", default=None, help="Number of tasks")
_create.add_argument("image", metavar="IMAGE")


def _flag_error(value: str, flag: str, reason: str) -> Exception:
    return fail(f'invalid argument "{value}" for "{flag}" flag: {reason}')


@command("service create")
def service_create(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker service create``: prints the new service's id (after it converged, unless ``-d``)."""
    ns, command_args = _create.parse_interspersed(args)
    replicas = None
    if ns.replicas is not None:
        try:
            replicas = parse_uint(ns.replicas)
        except InvalidPortSpec as exc:
            raise _flag_error(ns.replicas, "--replicas", str(exc)) from None
    ports: list[dict] = []
    for spec in ns.publish:
        try:
            ports.extend(parse_port_config(spec))
        except InvalidPortSpec as exc:
            raise _flag_error(spec, "-p, --publish", str(exc)) from None
    ops.service_mode(ns.mode, replicas)  # the mode's refusals before the environment's
    service_id = ops.create_service(
        engine, ns.image, command_args, name=ns.name, labels=parse_labels(ns.label), env=parse_env(ns.env),
        mode=ns.mode, replicas=replicas, ports=ports, detach=ns.detach,
    )  # fmt: skip
    return CliText(service_id)


_update = CommandParser("service update", "exactly 1 argument", "docker service update [OPTIONS] SERVICE")
add_flag(_update, "-d", "--detach", help="Exit immediately instead of waiting for the service to converge")
_update.add_argument("--image", default=None, help="Service image tag")
add_flag(_update, "-q", "--quiet", help="Suppress progress output")
_update.add_argument("service", metavar="SERVICE")


@command("service update")
def service_update(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker service update [--image IMG] SERVICE``: prints SERVICE (after the tasks were replaced, unless ``-d``)."""
    ns = _update.parse(args)
    ops.update_service(engine, ns.service, image=ns.image, detach=ns.detach)
    return CliText(ns.service)


_scale = CommandParser(
    "service scale", "at least 1 argument", "docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]"
)
add_flag(_scale, "-d", "--detach", help="Exit immediately instead of waiting for the service to converge")
_scale.add_argument("specs", nargs="+", metavar="SERVICE=REPLICAS")


@command("service scale")
def service_scale(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker service scale NAME=N …``: every spec and service checked first; prints ``NAME scaled to N``."""
    ns = _scale.parse(args)
    for spec in ns.specs:
        name, sep, value = spec.partition("=")
        if not sep or not name or not value:
            raise fail(f"invalid scale specifier '{spec}'. See 'docker service scale --help'. Usage: {_scale.usage}")
    wanted: dict[str, int] = {}
    for spec in ns.specs:
        name, _, value = spec.partition("=")
        try:
            wanted[name] = parse_uint(value)
        except InvalidPortSpec as exc:
            raise fail(f"{name}: invalid replicas value {value}: {exc}") from None
    done = ops.scale(engine, wanted, detach=ns.detach)
    return lines([f"{name} scaled to {wanted[name]}" for name in done])


_rm = CommandParser("service rm", "at least 1 argument", "docker service rm SERVICE [SERVICE...]")
_rm.add_argument("services", nargs="+", metavar="SERVICE")


@command("service rm", "service remove")
def service_rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker service rm``: every service checked first; prints the names as given."""
    ns = _rm.parse(args)
    return lines(ops.remove_services(engine, ns.services))


# --- service logs ---------------------------------------------------------------------------------

_logs = CommandParser("service logs", "exactly 1 argument", "docker service logs [OPTIONS] SERVICE|TASK")
add_flag(_logs, "--details", help="Show extra details provided to logs")
add_flag(_logs, "-f", "--follow", help="Follow log output")
add_flag(_logs, "--no-resolve", help="Do not map IDs to Names in output")
add_flag(_logs, "--no-task-ids", help="Do not include task IDs in output")
add_flag(_logs, "--no-trunc", help="Do not truncate output")
add_flag(_logs, "--raw", help="Do not neatly format logs")
_logs.add_argument("--since", help="Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)")
_logs.add_argument("-n", "--tail", default="all", help="Number of lines to show from the end of the logs")
add_flag(_logs, "-t", "--timestamps", help="Show timestamps")
_logs.add_argument("target", metavar="SERVICE|TASK")


@command("service logs")
def service_logs(args: list[str], engine: Engine, **options: Any) -> Any:
    """``docker service logs SERVICE|TASK``: the tasks' output, each line prefixed as the CLI does; ``-f``: a console."""
    ns = _logs.parse(args)
    tail = parse_tail(ns.tail)
    target = ops.log_target(engine, ns.target)
    if target.tty and not ns.raw:
        raise fail("tty service logs only supported with --raw")
    form = LogFormat(timestamps=ns.timestamps, details=ns.details, no_resolve=ns.no_resolve,
                     no_task_ids=ns.no_task_ids, no_trunc=ns.no_trunc)  # fmt: skip
    since = parse_moment(ns.since) if ns.since else None
    params = ops.log_params(tail=tail, since=since, timestamps=ns.timestamps, details=ns.details, raw=ns.raw)
    prefixer = None if ns.raw else ops.log_prefixer(engine, target, form)
    if ns.follow:
        return _follow(engine, target, params, prefixer, title=ns.target, **options)
    text = prefixed_text(ops.service_log_bytes(engine, target, params), prefixer, target.tty)
    return CliText(text.rstrip("\n")) if text else None


def _follow(
    engine: Engine, target: ops.LogTarget, params: dict[str, Any], prefixer: LogPrefixer | None, title: str,
    **options: Any,
) -> ConsoleRequest:  # fmt: skip
    """``service logs -f``: the console (as ``logs -f`` has) on the engine's ``/services/{id}/logs`` stream."""
    session = ops.follow_target(engine, target, params, prefixer, save_to=options.get("save_to"), name=title)
    return ConsoleRequest(session, tty=False, sig_proxy=False, title=f"service logs {title}")
