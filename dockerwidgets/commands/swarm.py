"""Swarm: ``swarm init|leave``, ``service ls|ps|create|scale|update|rm|logs`` and ``node ls``.

Lists are DataFrames with the CLI's columns (``frames.services_frame`` and friends), each
built from one request per list: ``service ls`` reads the services, all their tasks and
the nodes, three requests however many services there are. ``service create``, ``scale``
and ``update`` wait, as the CLI does, until the service has converged (``-d`` returns at
once); ``scale`` and ``rm`` check every service first, so a typo in the last name leaves
the others as they were.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

import pandas as pd
from docker.errors import NotFound

from .. import transport
from ..argparsing import CommandParser, add_flag
from ..console import Console, new_session
from ..engine import Engine
from ..errors import fail
from ..frames import natural_key, node_names, nodes_frame, service_tasks_frame, services_frame
from ..humanize import go_quote, truncate_id
from ..portspec import InvalidPortSpec, parse_port_spec, parse_uint16
from ..results import CliText, IdList, PanelRequest, lines
from ..terminal import HEADER, STREAMS
from .containers import parse_filters
from .create import parse_env, parse_labels
from .inspect import parse_since, parse_tail
from .registry import COMMANDS, command, run_command

GROUPS = ("service", "node", "swarm")
CONVERGE_TIMEOUT = 120.0  # seconds a create/scale/update waits (without -d) before giving up
POLL_SECONDS = 0.2  # as the CLI's progress display
UINT64_MAX = 2**64 - 1
# What the CLI sends for the flags it gives defaults to (service create --help).
RESTART_POLICY = {"Condition": "any", "Delay": 5_000_000_000, "MaxAttempts": 0}
UPDATE_CONFIG = {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5_000_000_000, "MaxFailureRatio": 0,
                 "Order": "stop-first"}  # fmt: skip
ROLLBACK_CONFIG = {**UPDATE_CONFIG}


# --- the groups: `docker service X`, `docker node X`, `docker swarm X` ----------------------------


def _group(name: str) -> None:
    def run_group(args: list[str], engine: Engine, **options: Any) -> Any:
        verbs = sorted(n.split(" ", 1)[1] for n in COMMANDS if n.startswith(f"{name} "))
        if not args or args[0].startswith("-"):
            raise fail(f"Usage: docker {name} COMMAND; commands: {', '.join(verbs)}")
        if f"{name} {args[0]}" not in COMMANDS:
            raise fail(f'unknown command: "docker {name} {args[0]}"; supported: {", ".join(verbs)}')
        return run_command(f"{name} {args[0]}", args[1:], engine, **options)

    run_group.__doc__ = f"``docker {name} COMMAND``: runs the two-word command."
    command(name)(run_group)


for _name in GROUPS:
    _group(_name)


# --- swarm ----------------------------------------------------------------------------------------

_init = CommandParser("swarm init", "no arguments", "docker swarm init [OPTIONS]")
_init.add_argument("--advertise-addr", default=None, help="Advertised address (format: <ip|interface>[:port])")
_init.add_argument("--listen-addr", default="0.0.0.0:2377", help="Listen address (format: <ip|interface>[:port])")
add_flag(_init, "--force-new-cluster", help="Force create a new cluster from current state")


@command("swarm init")
def swarm_init(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker swarm init``: make this engine a one-node swarm's manager; the CLI's text with the join command."""
    ns = _init.parse(args)
    with engine.errors():
        node_id = engine.api.init_swarm(
            advertise_addr=ns.advertise_addr, listen_addr=ns.listen_addr, force_new_cluster=ns.force_new_cluster
        )
        token = (engine.api.inspect_swarm().get("JoinTokens") or {}).get("Worker") or ""
        managers = (engine.api.info().get("Swarm") or {}).get("RemoteManagers") or []
    address = next((m.get("Addr") for m in managers if m.get("NodeID") == node_id), None) or ns.listen_addr
    return CliText(
        f"Swarm initialized: current node ({node_id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {token} {address}\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions."
    )


_leave = CommandParser("swarm leave", "no arguments", "docker swarm leave [OPTIONS]")
add_flag(_leave, "-f", "--force", help="Force this node to leave the swarm, ignoring warnings")


@command("swarm leave")
def swarm_leave(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker swarm leave``: a manager needs ``--force`` (the engine's refusal says so)."""
    ns = _leave.parse(args)
    with engine.errors():
        engine.api.leave_swarm(force=ns.force)
    return CliText("Node left the swarm.")


# --- node ls --------------------------------------------------------------------------------------

_node_ls = CommandParser("node ls", "no arguments", "docker node ls [OPTIONS]")
_node_ls.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_node_ls, "-q", "--quiet", help="Only display IDs")


@command("node ls", "node list")
def node_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker node ls``: a DataFrame (ID, HOSTNAME, STATUS, AVAILABILITY, MANAGER STATUS, ENGINE VERSION)."""
    ns = _node_ls.parse(args)
    filters = parse_filters(ns.filter)
    with engine.errors():
        nodes = engine.api.nodes(filters=filters or None)
        if ns.quiet:
            return IdList(node["ID"] for node in nodes)
        self_id = ((engine.api.info().get("Swarm") or {}).get("NodeID") or "") if nodes else ""
    return nodes_frame(nodes, self_id)


# --- service ls / ps ------------------------------------------------------------------------------

_ls = CommandParser("service ls", "no arguments", "docker service ls [OPTIONS]")
_ls.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_ls, "-q", "--quiet", help="Only display IDs")
_ls.add_argument("--panel", action="store_true", help="Show the services panel")


def list_services(engine: Engine, filters: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """``service ls`` as a DataFrame: the services, then all their tasks and the nodes, one request each."""
    with engine.errors():
        services = engine.api.services(filters=filters or None)
        tasks = engine.api.tasks(filters={"service": [s["ID"] for s in services]}) if services else []
        nodes = engine.api.nodes() if tasks else []
    return services_frame(services, tasks, nodes)


@command("service ls", "service list")
def service_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker service ls``: ID, NAME, MODE, REPLICAS (``2/3``), IMAGE, PORTS; ``-q``: the ids."""
    ns = _ls.parse(args)
    filters = parse_filters(ns.filter)
    if ns.panel:
        return PanelRequest("services", engine, {"filters": filters or None})
    if ns.quiet:
        with engine.errors():
            services = engine.api.services(filters=filters or None)
        services.sort(key=lambda s: natural_key((s.get("Spec") or {}).get("Name") or ""))  # the CLI's order
        return IdList(truncate_id(s["ID"]) for s in services)
    return list_services(engine, filters)


def resolve_services(engine: Engine, names: Iterable[str], services: list[dict] | None = None) -> list[dict]:
    """The services *names* stand for (full id, name, then unambiguous id prefix), as ``service ps`` matches them."""
    if services is None:
        with engine.errors():
            services = engine.api.services()
    found, missing = [], []
    for name in names:
        match = next((s for s in services if s["ID"] == name), None)
        match = match or next((s for s in services if (s.get("Spec") or {}).get("Name") == name), None)
        if match is None:
            prefixed = [s for s in services if name and s["ID"].startswith(name)]
            if len(prefixed) > 1:
                raise fail(f"multiple services found with provided prefix: {name}")
            match = prefixed[0] if prefixed else None
        if match is None:
            missing.append(f"no such service: {name}")
        else:
            found.append(match)
    if missing:
        raise fail("; ".join(missing))
    return found


_ps = CommandParser("service ps", "at least 1 argument", "docker service ps [OPTIONS] SERVICE [SERVICE...]")
_ps.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_ps, "--no-resolve", help="Do not map IDs to Names")
add_flag(_ps, "--no-trunc", help="Do not truncate output")
add_flag(_ps, "-q", "--quiet", help="Only display task IDs")
_ps.add_argument("services", nargs="+", metavar="SERVICE")


def list_tasks(
    engine: Engine, services: list[dict], filters: dict[str, list[str]] | None = None, **options: bool
) -> pd.DataFrame:
    """``service ps`` of *services* as a DataFrame: one request for the tasks, one for the nodes' names."""
    filters = dict(filters or {})
    with engine.errors():
        nodes = engine.api.nodes()
        by_name = {name: node_id for node_id, name in node_names(nodes).items()}
        if "node" in filters:
            filters["node"] = [by_name.get(value, value) for value in filters["node"]]
        tasks = engine.api.tasks(filters={**filters, "service": [s["ID"] for s in services]})
    if options.get("no_resolve"):
        service_names = {s["ID"]: s["ID"] for s in services}
        names = {node["ID"]: node["ID"] for node in nodes}
    else:
        service_names = {s["ID"]: (s.get("Spec") or {}).get("Name") or s["ID"] for s in services}
        names = node_names(nodes)
    return service_tasks_frame(tasks, service_names, names, no_trunc=bool(options.get("no_trunc")))


@command("service ps")
def service_ps(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker service ps``: the services' tasks, earlier tasks of a slot indented under it; ``-q``: task ids."""
    ns = _ps.parse(args)
    filters = parse_filters(ns.filter)
    services = resolve_services(engine, ns.services)
    frame = list_tasks(engine, services, filters, no_resolve=ns.no_resolve, no_trunc=ns.no_trunc)
    if ns.quiet:
        return IdList(frame.docker.typed["id"])
    return frame


# --- service create / update / scale / rm ---------------------------------------------------------


def _uint(value: str) -> int:
    """Go's ``strconv.ParseUint(value, 10, 64)``, raising its message."""
    if not value or not value.isascii() or not value.isdigit():
        raise ValueError(f"strconv.ParseUint: parsing {go_quote(value)}: invalid syntax")
    if int(value) > UINT64_MAX:
        raise ValueError(f"strconv.ParseUint: parsing {go_quote(value)}: value out of range")
    return int(value)


_LONG_PORT = re.compile(r"\w+=\w+(,\w+=\w+)*")


def service_ports(spec: str) -> list[dict]:
    """One ``-p/--publish`` value as the engine's port configs (short ``8080:80/udp`` or long ``published=8080,target=80``)."""
    if _LONG_PORT.search(spec):
        port = {"Protocol": "tcp", "PublishMode": "ingress"}
        for field in spec.split(","):
            key, sep, value = field.lower().partition("=")
            if not sep or not key:
                raise ValueError(f"invalid field: {field}")
            if key == "protocol":
                if value not in ("tcp", "udp", "sctp"):
                    raise ValueError(f"invalid protocol value '{value}'")
                port["Protocol"] = value
            elif key == "mode":
                if value not in ("ingress", "host"):
                    raise ValueError(f"invalid publish mode value ({value}): must be either 'ingress' or 'host'")
                port["PublishMode"] = value
            elif key in ("target", "published"):
                try:
                    number = parse_uint16(value)
                except InvalidPortSpec as exc:
                    reason = str(exc).rsplit(": ", 1)[-1]
                    raise ValueError(f"invalid {key} port ({value}): value must be an integer: {reason}") from None
                port["TargetPort" if key == "target" else "PublishedPort"] = number
            else:
                raise ValueError(f"invalid field key: {key}")
        if not port.get("TargetPort"):
            raise ValueError("missing mandatory field 'target'")
        return [port]
    try:
        mappings = parse_port_spec(spec)
    except InvalidPortSpec as exc:
        raise ValueError(str(exc)) from None
    ports = []
    for container_port, binding in mappings:
        if binding["HostIp"]:
            raise ValueError("hostip is not supported")
        number, _, protocol = container_port.partition("/")
        host = binding["HostPort"]
        if host:
            first, _, last = host.partition("-")
            published = range(int(first), int(last or first) + 1)
        else:
            published = range(0, 1)
        for port in published:
            ports.append({"Protocol": protocol, "TargetPort": int(number), "PublishedPort": port,
                          "PublishMode": "ingress"})  # fmt: skip
    return ports


def pinned_image(engine: Engine, image: str) -> tuple[str, list[dict] | None]:
    """The image pinned to its digest (``busybox:latest@sha256:…``) and its platforms, as the CLI resolves it.

    When the registry cannot tell, the image is used as given (the CLI warns and goes on).
    """
    from ..reference import InvalidReference, parse_reference

    try:
        ref = parse_reference(image)
    except InvalidReference:
        return image, None
    if ref.digest:
        return image, None
    try:
        reply = engine.api.inspect_distribution(image)
    except Exception:
        return image, None
    digest = (reply.get("Descriptor") or {}).get("digest")
    if not digest:
        return image, None
    platforms = [
        {"Architecture": p.get("architecture", ""), "OS": p.get("os", "")} for p in reply.get("Platforms") or []
    ]
    return f"{ref.with_default_tag().familiar()}@{digest}", platforms or None


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
            replicas = _uint(ns.replicas)
        except ValueError as exc:
            raise _flag_error(ns.replicas, "--replicas", str(exc)) from None
    ports: list[dict] = []
    for spec in ns.publish:
        try:
            ports.extend(service_ports(spec))
        except ValueError as exc:
            raise _flag_error(spec, "-p, --publish", str(exc)) from None
    if ns.mode == "global":
        if replicas is not None:
            raise fail("replicas can only be used with replicated or replicated-job mode")
        mode: dict[str, Any] = {"Global": {}}
    elif ns.mode == "replicated":
        mode = {"Replicated": {"Replicas": 1 if replicas is None else replicas}}
    else:
        raise fail(f"Unknown mode: {ns.mode}, only replicated and global supported")
    env = parse_env(ns.env)
    image, platforms = pinned_image(engine, ns.image)
    container_spec: dict[str, Any] = {"Image": image, "Args": command_args or None, "Env": env or None,
                                      "StopGracePeriod": 10_000_000_000, "Init": False}  # fmt: skip
    task_template: dict[str, Any] = {"ContainerSpec": container_spec, "RestartPolicy": dict(RESTART_POLICY)}
    if platforms:
        task_template["Placement"] = {"Platforms": platforms}
    with engine.errors():
        reply = engine.api.create_service(
            task_template, name=ns.name or None, labels=parse_labels(ns.label), mode=mode,
            update_config=dict(UPDATE_CONFIG), rollback_config=dict(ROLLBACK_CONFIG),
            endpoint_spec={"Mode": "vip", "Ports": ports} if ports else None,
        )  # fmt: skip
    if not ns.detach:
        wait_converged(engine, [reply["ID"]])
    return CliText(reply["ID"])


def _update(engine: Engine, service: dict, spec: dict) -> None:
    """Send *spec* whole as the service's new spec (at the version read), as the CLI does."""
    with engine.errors():
        engine.api.update_service(
            service["ID"], service["Version"]["Index"], task_template=spec.get("TaskTemplate") or {},
            name=spec.get("Name"), labels=spec.get("Labels") or {}, mode=spec.get("Mode"),
            update_config=spec.get("UpdateConfig"), rollback_config=spec.get("RollbackConfig"),
            endpoint_spec=spec.get("EndpointSpec"), networks=(spec.get("TaskTemplate") or {}).get("Networks"),
        )  # fmt: skip


def _inspect_all(engine: Engine, names: list[str]) -> list[dict]:
    """Inspect every service first: one missing, and nothing is done to any."""
    with engine.errors():
        return [engine.api.inspect_service(name) for name in names]


_update_parser = CommandParser("service update", "exactly 1 argument", "docker service update [OPTIONS] SERVICE")
add_flag(_update_parser, "-d", "--detach", help="Exit immediately instead of waiting for the service to converge")
_update_parser.add_argument("--image", default=None, help="Service image tag")
add_flag(_update_parser, "-q", "--quiet", help="Suppress progress output")
_update_parser.add_argument("service", metavar="SERVICE")


@command("service update")
def service_update(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker service update [--image IMG] SERVICE``: prints SERVICE (after the tasks were replaced, unless ``-d``)."""
    ns = _update_parser.parse(args)
    (service,) = _inspect_all(engine, [ns.service])
    spec = service["Spec"]
    if ns.image is not None:
        image, platforms = pinned_image(engine, ns.image)
        template = spec.setdefault("TaskTemplate", {})
        template.setdefault("ContainerSpec", {})["Image"] = image
        if platforms:
            template.setdefault("Placement", {})["Platforms"] = platforms
    _update(engine, service, spec)
    if not ns.detach:
        wait_converged(engine, [service["ID"]])
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
    wanted: list[tuple[str, int]] = []
    for spec in ns.specs:
        name, sep, value = spec.partition("=")
        if not sep or not name or not value:
            raise fail(f"invalid scale specifier '{spec}'. See 'docker service scale --help'. Usage: {_scale.usage}")
    for spec in ns.specs:
        name, _, value = spec.partition("=")
        try:
            wanted.append((name, _uint(value)))
        except ValueError as exc:
            raise fail(f"{name}: invalid replicas value {value}: {exc}") from None
    services = []
    for name, _ in wanted:
        try:
            with engine.errors():
                services.append(engine.api.inspect_service(name))
        except Exception as exc:
            raise fail(f"{name}: {exc}") from None
    for (name, _), service in zip(wanted, services, strict=True):
        if "Replicated" not in ((service.get("Spec") or {}).get("Mode") or {}):
            raise fail(f"{name}: scale can only be used with replicated or replicated-job mode")
    done = []
    for (name, replicas), service in zip(wanted, services, strict=True):
        spec = service["Spec"]
        spec["Mode"]["Replicated"]["Replicas"] = replicas
        try:
            _update(engine, service, spec)
        except Exception as exc:
            raise fail(f"{name}: {exc}") from None
        done.append(f"{name} scaled to {replicas}")
    if not ns.detach:
        wait_converged(engine, [service["ID"] for service in services])
    return lines(done)


_rm = CommandParser("service rm", "at least 1 argument", "docker service rm SERVICE [SERVICE...]")
_rm.add_argument("services", nargs="+", metavar="SERVICE")


@command("service rm", "service remove")
def service_rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker service rm``: every service checked first; prints the names as given."""
    ns = _rm.parse(args)
    found = _inspect_all(engine, ns.services)
    for service in found:
        with engine.errors():
            engine.api.remove_service(service["ID"])
    return lines(list(ns.services))


# --- convergence ----------------------------------------------------------------------------------


def converged(service: dict, tasks: list[dict], nodes: list[dict]) -> bool:
    """Whether every task the service wants is running, on its current image, and no other is meant to run."""
    spec = service.get("Spec") or {}
    image = ((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image")
    mode = spec.get("Mode") or {}
    wanted = [t for t in tasks if t.get("ServiceID") == service["ID"] and t.get("DesiredState") == "running"]
    if any((t.get("Status") or {}).get("State") != "running" for t in wanted):
        return False
    if any(((t.get("Spec") or {}).get("ContainerSpec") or {}).get("Image") != image for t in wanted):
        return False
    if "Replicated" in mode:
        return len(wanted) == int(mode["Replicated"].get("Replicas") or 0)
    ready = [n for n in nodes if (n.get("Status") or {}).get("State") == "ready"
             and (n.get("Spec") or {}).get("Availability") == "active"]  # fmt: skip
    return len({t.get("NodeID") for t in wanted}) >= len(ready)


def wait_converged(engine: Engine, service_ids: list[str], timeout: float = CONVERGE_TIMEOUT) -> None:
    """Wait (as the CLI does without ``-d``) until every service has converged; a one-line error after *timeout*."""
    deadline = time.monotonic() + timeout
    pending = list(dict.fromkeys(service_ids))
    while pending:
        with engine.errors():
            services = engine.api.services(filters={"id": pending})
            tasks = engine.api.tasks(filters={"service": pending})
            nodes = engine.api.nodes()
        by_id = {s["ID"]: s for s in services}
        pending = [sid for sid in pending if sid in by_id and not converged(by_id[sid], tasks, nodes)]
        if not pending:
            return
        if time.monotonic() > deadline:
            names = ", ".join((by_id[sid].get("Spec") or {}).get("Name") or sid for sid in pending)
            raise fail(f"{names}: not converged after {timeout:g} seconds (see docker service ps; use -d not to wait)")
        time.sleep(POLL_SECONDS)


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


class LogPrefixer:
    """Turns the engine's detailed log lines (``k=v,… message``) into the CLI's ``web.1.x4f…@node    | message``."""

    def __init__(
        self, engine: Engine, ns: Any, padding: int, tasks: list[dict], nodes: list[dict], services: dict[str, str]
    ) -> None:
        self.engine, self.ns, self.padding = engine, ns, padding
        self.slots = {t["ID"]: t.get("Slot") or 0 for t in tasks}
        self.nodes = {n["ID"]: n["ID"] for n in nodes} if ns.no_resolve else node_names(nodes)
        self.services = services
        self._cache: dict[tuple[str, str, str], str] = {}

    def line(self, payload: bytes) -> bytes:
        """One line of the engine's stream as the CLI prints it (unchanged when it has no task context)."""
        parts = payload.split(b" ", 2 if self.ns.timestamps else 1)
        if len(parts) != (3 if self.ns.timestamps else 2):
            return payload
        stamp, details_text, message = parts if self.ns.timestamps else [b"", *parts]
        details = {}
        for pair in details_text.decode("utf-8", "replace").split(","):
            key, sep, value = pair.partition("=")
            if not sep:
                return payload
            details[unquote_plus(key)] = unquote_plus(value)
        context = tuple(details.pop(f"com.docker.swarm.{k}.id", None) for k in ("node", "service", "task"))
        if None in context:
            return payload
        prefix = self._prefix(*context)  # type: ignore[arg-type]
        out = (stamp + b" " if self.ns.timestamps else b"") + f"{prefix}    | ".encode()
        if self.ns.details:
            out += ",".join(sorted(f"{k}={v}" for k, v in details.items())).encode() + b" "
        return out + message

    def _prefix(self, node_id: str, service_id: str, task_id: str) -> str:
        key = (node_id, service_id, task_id)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        slot = self.slots.get(task_id)
        if slot is None:  # a task started after the logs were opened
            try:
                slot = self.slots[task_id] = self.engine.api.inspect_task(task_id).get("Slot") or 0
            except Exception:
                slot = 0
        service = service_id if self.ns.no_resolve else self.services.get(service_id, service_id)
        name = f"{service}.{slot}"
        if not self.ns.no_task_ids:
            name += "." + (task_id if self.ns.no_trunc else truncate_id(task_id))
        padding = " " * max(self.padding - len(str(slot)), 0)
        self._cache[key] = text = f"{name}@{self.nodes.get(node_id, node_id)}{padding}"
        return text


class PrefixedLogStream:
    """A service's multiplexed log stream with each line given the CLI's task prefix, still multiplexed."""

    def __init__(self, inner: transport.ResponseStream, prefixer: LogPrefixer) -> None:
        from ..terminal import Demultiplexer

        self._inner, self._prefixer, self._demux = inner, prefixer, Demultiplexer()
        self._codes = {name: code for code, name in STREAMS.items()}

    def read(self) -> bytes:
        """The next formatted frames (``b""`` at the end)."""
        while True:
            data = self._inner.read()
            if not data:
                return b""
            out = bytearray()
            for name, payload in self._demux.feed(data):
                line = self._prefixer.line(payload)
                out += HEADER.pack(self._codes.get(name, 1), len(line)) + line
            if out:
                return bytes(out)

    def send(self, data: bytes) -> None:
        """Logs take no input."""
        raise OSError("this stream takes no input")

    def shutdown_write(self) -> None:
        """Nothing to half-close."""

    def close(self) -> None:
        """Close the engine's stream."""
        self._inner.close()


def _frames(content: bytes) -> list[tuple[str, bytes]]:
    from ..terminal import Demultiplexer

    return Demultiplexer().feed(content)


@command("service logs")
def service_logs(args: list[str], engine: Engine, **options: Any) -> Any:
    """``docker service logs SERVICE|TASK``: the tasks' output, each line prefixed as the CLI does; ``-f``: a console."""
    ns = _logs.parse(args)
    tail = parse_tail(ns.tail)
    api = engine.api
    with engine.errors():
        try:
            service = api.inspect_service(ns.target)
            task = None
        except NotFound:
            service = None
            try:
                task = api.inspect_task(ns.target)
            except NotFound:
                raise fail(f"no such task or service: {ns.target}") from None
    if service is not None:
        spec = service["Spec"]
        tty = bool(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("TTY"))
        replicas = ((spec.get("Mode") or {}).get("Replicated") or {}).get("Replicas")
        padding = len(str(replicas)) if replicas is not None else 1
        path, target_id, service_id = "/services/{0}/logs", service["ID"], service["ID"]
    else:
        tty = bool(((task.get("Spec") or {}).get("ContainerSpec") or {}).get("TTY"))
        padding = len(str(task.get("Slot") or 0))
        path, target_id, service_id = "/tasks/{0}/logs", task["ID"], task["ServiceID"]
    if tty and not ns.raw:
        raise fail("tty service logs only supported with --raw")
    params: dict[str, Any] = {"stdout": 1, "stderr": 1, "tail": tail, "timestamps": int(ns.timestamps),
                              "details": int(ns.details or not ns.raw)}  # fmt: skip
    if ns.since:
        params["since"] = int(parse_since(ns.since))
    prefixer = None
    if not ns.raw:
        with engine.errors():
            tasks = [task] if task is not None else api.tasks(filters={"service": [service_id]})
            nodes = api.nodes()
            services = {
                s["ID"]: (s.get("Spec") or {}).get("Name") or s["ID"]
                for s in api.services(filters={"id": [service_id]})
            }
        prefixer = LogPrefixer(engine, ns, padding, tasks, nodes, services)
    if ns.follow:
        return _follow(engine, path, target_id, params, prefixer, tty, title=ns.target, **options)
    with engine.errors():
        content = transport.get_bytes(api, path, target_id, params=params)
    if tty:
        text = content.decode("utf-8", "replace")
    else:
        chunks = [prefixer.line(payload) if prefixer else payload for _, payload in _frames(content)]
        text = b"".join(chunks).decode("utf-8", "replace")
    return CliText(text.rstrip("\n")) if text else None


def _follow(
    engine: Engine, path: str, target_id: str, params: dict[str, Any], prefixer: LogPrefixer | None, tty: bool,
    title: str, **options: Any,
) -> Console:  # fmt: skip
    """``service logs -f``: the console (as ``logs -f`` has) on the engine's ``/services/{id}/logs`` stream."""
    from .attach import show

    api = engine.api
    with engine.errors():
        stream: Any = transport.open_stream(api, path, target_id, {**params, "follow": 1})
    if prefixer is not None and not tty:
        stream = PrefixedLogStream(stream, prefixer)
    session = new_session(
        engine, stream, kind="logs", target=target_id, multiplexed=not tty, stdin=False, detach_keys=b"",
        **({"save_to": options["save_to"]} if options.get("save_to") else {}),
    )  # fmt: skip
    session.start()
    return show(Console(session, tty=False, sig_proxy=False, title=f"service logs {title}"), options)
