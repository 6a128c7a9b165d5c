"""Volumes as typed calls over an :class:`~dockerwidgets.engine.Engine`: list, inspect, create, remove, prune.

What ``%docker volume …``, the volumes panel and tests call. Each returns the engine's
data (or the names done) and raises the CLI's one-line ``UsageError``. A list is one
request; who uses which volume comes from one ``containers?all=1`` list
(:func:`volume_users`). :func:`remove_volumes` checks every volume first, so a missing or
used one leaves the others as they were (the CLI would remove the others; see its docstring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docker.errors import NotFound

from .. import transport
from ..engine import Engine, api_error_message
from ..errors import fail

Filters = dict[str, list[str]]
ALL_VOLUMES_API = "1.42"  # ``volume prune --all`` (and the ``all`` filter) from this API version on


@dataclass(frozen=True)
class ContainerUse:
    """A container using a volume or a network: what the panels show beside it."""

    id: str
    name: str
    state: str


def list_volumes(engine: Engine, filters: Filters | None = None) -> list[dict]:
    """The engine's volumes (``filters`` as it takes them: dangling, driver, label, name), one request.

    The engine checks the filters and refuses a bad one with its own line (``Invalid filter 'x'``).
    """
    with engine.errors():
        reply = engine.api.volumes(filters=filters or None) or {}
    return reply.get("Volumes") or []


def inspect_volume(engine: Engine, name: str) -> dict:
    """``GET /volumes/{name}``: the engine's JSON (``no such volume`` as the CLI says it)."""
    with engine.errors():
        return engine.api.inspect_volume(name)


def inspect_volumes(engine: Engine, names: Sequence[str]) -> list[dict]:
    """Inspect every volume first: one missing, and its line, before anything else is done."""
    return [inspect_volume(engine, name) for name in names]


def create_volume(
    engine: Engine,
    name: str | None = None,
    driver: str | None = None,
    options: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> dict:
    """``POST /volumes/create``: the new (or existing, same name and driver) volume's JSON."""
    with engine.errors():
        return engine.api.create_volume(name=name or None, driver=driver or None, driver_opts=options or None,
                                        labels=labels or None)  # fmt: skip


def volume_users(engine: Engine, containers: list[dict] | None = None) -> dict[str, list[ContainerUse]]:
    """Which containers (running or not) mount each volume, by volume name: from ONE ``containers?all=1`` list.

    *containers*, that list when the caller has it already.
    """
    if containers is None:
        with engine.errors():
            containers = transport.list_containers(engine.api, all=True)
    users: dict[str, list[ContainerUse]] = {}
    for container in containers:
        use = container_use(container)
        for mount in container.get("Mounts") or []:
            if mount.get("Type") == "volume" and mount.get("Name"):
                users.setdefault(mount["Name"], []).append(use)
    return users


def container_use(container: dict) -> ContainerUse:
    """A container of the engine's list as its id, name (no slash) and state."""
    names = container.get("Names") or []
    name = names[0].lstrip("/") if names else container["Id"][:12]
    return ContainerUse(container["Id"], name, container.get("State") or "")


def remove_volumes(engine: Engine, names: Sequence[str], force: bool = False) -> list[str]:
    """Remove each volume; the names removed, as given.

    Every volume is checked first: a missing one (skipped with *force*, as the engine does)
    or one a container uses gets the engine's own line, all of them joined, and nothing is
    removed. The CLI would remove the others and print the errors after; a notebook cell
    that fails should leave the engine as it was, so the whole command is refused.
    """
    users = volume_users(engine)
    errors: list[str] = []
    wanted: list[str] = []
    for name in names:
        with engine.errors():
            try:
                found = engine.api.inspect_volume(name)
            except NotFound as exc:
                if not force:
                    errors.append(api_error_message(exc))  # ``get NAME: no such volume``, as remove says it
                continue
        if users.get(found["Name"]):
            errors.append(_refusal(engine, name, force))
            continue
        wanted.append(name)
    if errors:
        raise fail("\n".join(errors))
    for name in wanted:
        with engine.errors():
            engine.api.remove_volume(name, force=force)
    return list(names)  # with -f the CLI prints a missing name too (the engine says it is gone)


def _refusal(engine: Engine, name: str, force: bool) -> str:
    """The engine's own line for removing a volume in use (it refuses and changes nothing)."""
    try:
        with engine.errors():
            engine.api.remove_volume(name, force=force)
    except Exception as exc:
        return str(exc)
    return f"Error response from daemon: remove {name}: volume is in use"  # freed meanwhile, and now removed


def supports_all(engine: Engine) -> bool:
    """Whether the engine takes ``volume prune --all`` (API 1.42 and later)."""
    from docker.utils import version_gte

    with engine.errors():
        return version_gte(engine.api.api_version, ALL_VOLUMES_API)


def check_prune(engine: Engine, filters: Filters | None = None, all: bool = False) -> Filters:
    """The filters a prune sends, or the CLI's refusal: ``--all`` on an engine older than API 1.42, or with an ``all`` filter."""
    filters = dict(filters or {})
    if all:
        if not supports_all(engine):
            with engine.errors():
                version = engine.api.api_version
            raise fail(
                f'"--all" requires API version {ALL_VOLUMES_API}, but the Docker daemon API version is {version}'
            )
        if "all" in filters:
            raise fail("conflicting options: cannot specify both --all and --filter all=1")
        filters["all"] = ["true"]
    return filters


def prune_volumes(engine: Engine, filters: Filters | None = None, all: bool = False) -> dict:
    """Remove unused local volumes (anonymous ones only, unless *all*, from API 1.42; all before); the engine's report.

    Refused as :func:`check_prune` says, before anything is removed.
    """
    filters = check_prune(engine, filters, all)
    with engine.errors():
        return engine.api.prune_volumes(filters=filters or None)
