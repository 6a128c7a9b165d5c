"""Swarm services as typed calls over an Engine: list, create, update, scale, remove, logs.

What ``%docker service …``, the services panel and tests call. Each returns the engine's
data (or the ids and names done) and raises the CLI's one-line ``UsageError``. A list
is one request per kind (the services, all their tasks, the nodes), however many
services there are. ``scale`` and ``remove_services`` look up every service first, so a
typo in the last name leaves the others as they were. ``detach=False`` waits, as the
CLI does without ``-d``, until the services have converged.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from docker.errors import NotFound

from .. import transport
from ..engine import Engine
from ..errors import fail
from ..frames import node_names
from ..reference import InvalidReference, parse_reference
from ..sessions.console import ConsoleSession
from ..sessions.servicelogs import LogFormat, LogPrefixer, PrefixedLogStream, prefixed_text
from . import streams

CONVERGE_TIMEOUT = 120.0  # seconds a create/scale/update waits (without -d) before giving up
POLL_SECONDS = 0.2  # as the CLI's progress display
# What the CLI sends for the flags it gives defaults to (service create --help).
RESTART_POLICY = {"Condition": "any", "Delay": 5_000_000_000, "MaxAttempts": 0}
UPDATE_CONFIG = {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5_000_000_000, "MaxFailureRatio": 0,
                 "Order": "stop-first"}  # fmt: skip
ROLLBACK_CONFIG = {**UPDATE_CONFIG}

Filters = dict[str, list[str]]


# --- lists ----------------------------------------------------------------------------------------


def list_services(
    engine: Engine, filters: Filters | None = None, *, with_tasks: bool = True
) -> tuple[list[dict], list[dict], list[dict]]:
    """The services (``filters`` as the engine takes them), all their tasks and the nodes: three requests at most.

    What :func:`~dockerwidgets.frames.services_frame` takes. ``with_tasks=False`` reads the services alone.
    """
    with engine.errors():
        services = engine.api.services(filters=filters or None)
        tasks = engine.api.tasks(filters={"service": [s["ID"] for s in services]}) if services and with_tasks else []
        nodes = engine.api.nodes() if tasks else []
    return services, tasks, nodes


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


def list_tasks(engine: Engine, services: list[dict], filters: Filters | None = None) -> tuple[list[dict], list[dict]]:
    """The tasks of *services* (a ``node`` filter may name nodes by name) and the nodes: two requests."""
    filters = dict(filters or {})
    with engine.errors():
        nodes = engine.api.nodes()
        if "node" in filters:
            by_name = {name: node_id for node_id, name in node_names(nodes).items()}
            filters["node"] = [by_name.get(value, value) for value in filters["node"]]
        tasks = engine.api.tasks(filters={**filters, "service": [s["ID"] for s in services]})
    return tasks, nodes


def inspect_services(engine: Engine, refs: Iterable[str]) -> list[dict]:
    """Inspect every service first (name or id): one missing, and the engine's message, before anything is done."""
    with engine.errors():
        return [engine.api.inspect_service(ref) for ref in refs]


# --- create / update / scale / remove -------------------------------------------------------------


def pinned_image(engine: Engine, image: str) -> tuple[str, list[dict] | None]:
    """The image pinned to its digest (``busybox:latest@sha256:…``) and its platforms, as the CLI resolves it.

    When the registry cannot tell, the image is used as given (the CLI warns and goes on).
    """
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


def service_mode(mode: str = "replicated", replicas: int | None = None) -> dict[str, Any]:
    """``--mode`` and ``--replicas`` as the engine's ServiceMode, with the CLI's refusals."""
    if mode == "global":
        if replicas is not None:
            raise fail("replicas can only be used with replicated or replicated-job mode")
        return {"Global": {}}
    if mode == "replicated":
        return {"Replicated": {"Replicas": 1 if replicas is None else replicas}}
    raise fail(f"Unknown mode: {mode}, only replicated and global supported")


def create_service(
    engine: Engine,
    image: str,
    args: list[str] | None = None,
    *,
    name: str | None = None,
    labels: dict[str, str] | None = None,
    env: list[str] | None = None,
    mode: str = "replicated",
    replicas: int | None = None,
    ports: list[dict] | None = None,
    detach: bool = True,
) -> str:
    """Create a service (the image pinned to its digest, the CLI's defaults) and return its id.

    *ports* are the engine's PortConfigs (:func:`~dockerwidgets.portspec.parse_port_config`).
    """
    service_mode_spec = service_mode(mode, replicas)
    pinned, platforms = pinned_image(engine, image)
    container_spec: dict[str, Any] = {"Image": pinned, "Args": args or None, "Env": env or None,
                                      "StopGracePeriod": 10_000_000_000, "Init": False}  # fmt: skip
    task_template: dict[str, Any] = {"ContainerSpec": container_spec, "RestartPolicy": dict(RESTART_POLICY)}
    if platforms:
        task_template["Placement"] = {"Platforms": platforms}
    with engine.errors():
        reply = engine.api.create_service(
            task_template, name=name or None, labels=labels or {}, mode=service_mode_spec,
            update_config=dict(UPDATE_CONFIG), rollback_config=dict(ROLLBACK_CONFIG),
            endpoint_spec={"Mode": "vip", "Ports": ports} if ports else None,
        )  # fmt: skip
    if not detach:
        wait_converged(engine, [reply["ID"]])
    return reply["ID"]


def _send_spec(engine: Engine, service: dict, spec: dict) -> None:
    """Send *spec* whole as the service's new spec (at the version read), as the CLI does."""
    with engine.errors():
        engine.api.update_service(
            service["ID"], service["Version"]["Index"], task_template=spec.get("TaskTemplate") or {},
            name=spec.get("Name"), labels=spec.get("Labels") or {}, mode=spec.get("Mode"),
            update_config=spec.get("UpdateConfig"), rollback_config=spec.get("RollbackConfig"),
            endpoint_spec=spec.get("EndpointSpec"), networks=(spec.get("TaskTemplate") or {}).get("Networks"),
        )  # fmt: skip


def update_service(engine: Engine, ref: str, *, image: str | None = None, detach: bool = True) -> str:
    """Update service *ref* (``image``: a new image, pinned to its digest); returns its id."""
    (service,) = inspect_services(engine, [ref])
    spec = service["Spec"]
    if image is not None:
        pinned, platforms = pinned_image(engine, image)
        template = spec.setdefault("TaskTemplate", {})
        template.setdefault("ContainerSpec", {})["Image"] = pinned
        if platforms:
            template.setdefault("Placement", {})["Platforms"] = platforms
    _send_spec(engine, service, spec)
    if not detach:
        wait_converged(engine, [service["ID"]])
    return service["ID"]


def scale(engine: Engine, replicas: Mapping[str, int], detach: bool = True) -> list[str]:
    """Scale each service (name or id) to its number of replicas; returns the refs scaled, in order.

    Every service is looked up, and must be replicated, before any is changed; an error is
    ``REF: message``.
    """
    services = []
    for ref in replicas:
        try:
            (service,) = inspect_services(engine, [ref])
        except Exception as exc:
            raise fail(f"{ref}: {exc}") from None
        if "Replicated" not in ((service.get("Spec") or {}).get("Mode") or {}):
            raise fail(f"{ref}: scale can only be used with replicated or replicated-job mode")
        services.append(service)
    done = []
    for (ref, count), service in zip(replicas.items(), services, strict=True):
        spec = service["Spec"]
        spec["Mode"]["Replicated"]["Replicas"] = count
        try:
            _send_spec(engine, service, spec)
        except Exception as exc:
            raise fail(f"{ref}: {exc}") from None
        done.append(ref)
    if not detach:
        wait_converged(engine, [service["ID"] for service in services])
    return done


def remove_services(engine: Engine, refs: Iterable[str]) -> list[str]:
    """Remove services (names or ids), every one looked up first; returns the refs as given."""
    refs = list(refs)
    for service in inspect_services(engine, refs):
        with engine.errors():
            engine.api.remove_service(service["ID"])
    return refs


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


# --- logs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogTarget:
    """Whose logs: a service or one task; the endpoint, and what the prefix needs."""

    path: str  # "/services/{0}/logs" or "/tasks/{0}/logs"
    id: str
    service_id: str
    tty: bool
    padding: int  # width of the largest slot number
    task: dict | None = None


def log_target(engine: Engine, ref: str) -> LogTarget:
    """The service, else the task, *ref* names (``no such task or service: REF`` if neither)."""
    api = engine.api
    with engine.errors():
        try:
            service = api.inspect_service(ref)
        except NotFound:
            try:
                task = api.inspect_task(ref)
            except NotFound:
                raise fail(f"no such task or service: {ref}") from None
            tty = bool(((task.get("Spec") or {}).get("ContainerSpec") or {}).get("TTY"))
            padding = len(str(task.get("Slot") or 0))
            return LogTarget("/tasks/{0}/logs", task["ID"], task["ServiceID"], tty, padding, task)
    spec = service["Spec"]
    tty = bool(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("TTY"))
    replicas = ((spec.get("Mode") or {}).get("Replicated") or {}).get("Replicas")
    padding = len(str(replicas)) if replicas is not None else 1
    return LogTarget("/services/{0}/logs", service["ID"], service["ID"], tty, padding)


def log_params(
    *, tail: str | int = "all", since: float | None = None, timestamps: bool = False, details: bool = False,
    raw: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """The logs endpoint's query: the details are asked for unless ``raw``, as the prefix is made of them."""
    params: dict[str, Any] = {"stdout": 1, "stderr": 1, "tail": tail, "timestamps": int(timestamps),
                              "details": int(details or not raw)}  # fmt: skip
    if since is not None:
        params["since"] = int(since)
    return params


def log_prefixer(engine: Engine, target: LogTarget, form: LogFormat | None = None) -> LogPrefixer:
    """The prefixer of *target*'s lines: its tasks' slots, the nodes' and the service's names (three requests)."""
    form = form or LogFormat()
    api = engine.api
    with engine.errors():
        tasks = [target.task] if target.task is not None else api.tasks(filters={"service": [target.service_id]})
        nodes = api.nodes()
        services = api.services(filters={"id": [target.service_id]})
    if form.no_resolve:
        node_shown = {n["ID"]: n["ID"] for n in nodes}
        service_shown = {s["ID"]: s["ID"] for s in services}
    else:
        node_shown = node_names(nodes)
        service_shown = {s["ID"]: (s.get("Spec") or {}).get("Name") or s["ID"] for s in services}
    return LogPrefixer(
        target.padding, {t["ID"]: t.get("Slot") or 0 for t in tasks}, node_shown, service_shown, form,
        slot_of=lambda task_id: api.inspect_task(task_id).get("Slot") or 0,
    )  # fmt: skip


def service_log_bytes(engine: Engine, target: LogTarget, params: dict[str, Any]) -> bytes:
    """The logs endpoint's whole reply (multiplexed frames unless the service has a TTY)."""
    with engine.errors():
        return transport.get_bytes(engine.api, target.path, target.id, params=params)


def service_logs(
    engine: Engine, ref: str, *, tail: str | int = "all", since: float | None = None, raw: bool = False,
    form: LogFormat | None = None,
) -> str:  # fmt: skip
    """The logs of a service or task as the CLI prints them (each line prefixed unless ``raw``)."""
    form = form or LogFormat()
    target = log_target(engine, ref)
    if target.tty and not raw:
        raise fail("tty service logs only supported with --raw")
    params = log_params(tail=tail, since=since, timestamps=form.timestamps, details=form.details, raw=raw)
    prefixer = None if raw else log_prefixer(engine, target, form)
    return prefixed_text(service_log_bytes(engine, target, params), prefixer, target.tty)


def follow_target(
    engine: Engine, target: LogTarget, params: dict[str, Any], prefixer: LogPrefixer | None, *,
    save_to: str | None = None, name: str | None = None,
) -> ConsoleSession:  # fmt: skip
    """The session following *target*'s logs (``service logs -f``), each line prefixed unless *prefixer* is ``None``."""
    with engine.errors():
        stream: Any = transport.open_stream(engine.api, target.path, target.id, {**params, "follow": 1})
    if prefixer is not None and not target.tty:
        stream = PrefixedLogStream(stream, prefixer)
    return streams.follow_stream(
        engine, stream, kind="logs", target=target.id, multiplexed=not target.tty, save_to=save_to, name=name
    )


def follow_logs(engine: Engine, ref: str, *, tail: str | int = "all", form: LogFormat | None = None) -> ConsoleSession:
    """The session following a service's (or task's) logs as the CLI prints them, from the last *tail* lines."""
    target = log_target(engine, ref)
    params = log_params(tail=tail, timestamps=(form or LogFormat()).timestamps, raw=target.tty)
    prefixer = None if target.tty else log_prefixer(engine, target, form)
    return follow_target(engine, target, params, prefixer, name=ref)
