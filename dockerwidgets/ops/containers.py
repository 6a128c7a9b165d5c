"""Container operations: list, inspect, the lifecycle, logs, prune, wait, create.

Operations on several containers check that every one exists before touching any, so a
typo in the third name leaves the first two as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docker.errors import NotFound

from .. import transport
from ..engine import Engine
from ..terminal import Demultiplexer


def list_containers(
    engine: Engine, all: bool = False, filters: dict[str, list[str]] | None = None, limit: int = -1, size: bool = False
) -> list[dict]:
    """The engine's containers (its JSON, one request): running ones, or *all*."""
    with engine.errors():
        return transport.list_containers(engine.api, all=all, limit=limit, filters=filters or None, size=size)


def inspect_container(engine: Engine, ref: str, size: bool = False) -> dict:
    """``GET /containers/{ref}/json`` (with the sizes when *size*)."""
    with engine.errors():
        if size:
            return transport.inspect_container_with_size(engine.api, ref)
        return engine.api.inspect_container(ref)


def find_container(engine: Engine, ref: str, size: bool = False) -> dict | None:
    """The container *ref* names, or ``None`` when there is none (other errors raise)."""
    with engine.errors():
        try:
            if size:
                return transport.inspect_container_with_size(engine.api, ref)
            return engine.api.inspect_container(ref)
        except NotFound:
            return None


def require_containers(engine: Engine, refs: Sequence[str]) -> list[dict]:
    """Inspect every container first: one missing, and nothing is done to any."""
    with engine.errors():
        return [engine.api.inspect_container(ref) for ref in refs]


def _each(engine: Engine, refs: Sequence[str], action: Callable[[str], Any], checked: bool = False) -> list[str]:
    """Apply *action* to each container (all checked to exist first; one named twice, once); the refs done, in order."""
    refs = list(dict.fromkeys(refs))
    if not checked:
        require_containers(engine, refs)
    done: list[str] = []
    for ref in refs:
        with engine.errors():
            action(ref)
        done.append(ref)
    return done


def start(engine: Engine, refs: Sequence[str]) -> list[str]:
    """Start each container."""
    return _each(engine, refs, engine.api.start)


def stop(engine: Engine, refs: Sequence[str], timeout: int | None = None) -> list[str]:
    """Stop each container: SIGTERM, then SIGKILL after *timeout* seconds (the container's own by default)."""
    return _each(engine, refs, lambda ref: transport.stop_container(engine.api, ref, timeout))


def restart(engine: Engine, refs: Sequence[str], timeout: int | None = 10) -> list[str]:
    """Restart each container."""
    return _each(engine, refs, lambda ref: transport.stop_container(engine.api, ref, timeout, restart=True))


def kill(engine: Engine, refs: Sequence[str], signal: str | None = None) -> list[str]:
    """Send *signal* (SIGKILL by default) to each container."""
    return _each(engine, refs, lambda ref: engine.api.kill(ref, signal=signal))


def pause(engine: Engine, refs: Sequence[str]) -> list[str]:
    """Freeze every process of each container."""
    return _each(engine, refs, engine.api.pause)


def unpause(engine: Engine, refs: Sequence[str]) -> list[str]:
    """Thaw each container."""
    return _each(engine, refs, engine.api.unpause)


def rename(engine: Engine, ref: str, new_name: str) -> None:
    """Give a container a new name."""
    with engine.errors():
        engine.api.rename(ref, new_name)


def remove(
    engine: Engine, refs: Sequence[str], force: bool = False, volumes: bool = False, link: bool = False
) -> list[str]:
    """Remove each container; the refs removed.

    With *force* (``rm -f``) a container that is not there is skipped, as the CLI does;
    without it, a running one gets the engine's refusal before anything is removed.
    """

    def remove_one(ref: str) -> None:
        engine.api.remove_container(ref, v=volumes, link=link, force=force)

    if force:
        removed = []
        for ref in refs:
            with engine.errors():
                try:
                    remove_one(ref)
                except NotFound:
                    continue
            removed.append(ref)
        return removed
    for ref, info in zip(refs, require_containers(engine, refs), strict=True):
        state = info.get("State") or {}
        if state.get("Running") or state.get("Paused"):
            with engine.errors():  # the engine refuses with its own message, and changes nothing
                remove_one(ref)
    return _each(engine, refs, remove_one, checked=True)


def prune(engine: Engine, filters: dict[str, list[str]] | None = None) -> dict:
    """Remove every stopped container (matching *filters*); the engine's report."""
    with engine.errors():
        return engine.api.prune_containers(filters=filters or None)


def wait(engine: Engine, refs: Sequence[str]) -> list[int]:
    """Block until each container stops; their exit codes."""
    require_containers(engine, refs)
    codes = []
    for ref in refs:
        with engine.errors():
            codes.append(int(engine.api.wait(ref, timeout=None)["StatusCode"]))
    return codes


def log_query(
    tail: int | str = "all", since: str | int | None = None, until: str | int | None = None, timestamps: bool = False
) -> dict[str, Any]:
    """The engine's query for ``GET /containers/{id}/logs`` (stdout and stderr), as the CLI sends it."""
    params: dict[str, Any] = {"stdout": 1, "stderr": 1, "tail": str(tail)}
    if timestamps:
        params["timestamps"] = 1
    if since is not None:
        params["since"] = str(since)
    if until is not None:
        params["until"] = str(until)
    return params


def logs(
    engine: Engine,
    ref: str,
    tail: int | str = "all",
    since: str | int | None = None,
    until: str | int | None = None,
    timestamps: bool = False,
    info: dict | None = None,
) -> bytes:
    """The container's output so far (stdout and stderr interleaved, as the CLI prints it).

    *since* and *until* are what the CLI sends (:func:`dockerwidgets.timestamps.cli_timestamp`);
    *info*, the container's inspection when the caller has it already.
    """
    with engine.errors():
        info = info or engine.api.inspect_container(ref)
        body = transport.get_bytes(
            engine.api, "/containers/{0}/logs", info["Id"], params=log_query(tail, since, until, timestamps)
        )
    if (info.get("Config") or {}).get("Tty"):
        return body
    return b"".join(payload for _, payload in Demultiplexer().feed(body))


def diff(engine: Engine, ref: str) -> list[dict]:
    """The container's changes to its image, by path (the engine's order varies from run to run)."""
    with engine.errors():
        changes = engine.api.diff(ref) or []
    return sorted(changes, key=lambda change: change["Path"])


def top(engine: Engine, ref: str, ps_args: str | None = None) -> dict:
    """The container's processes: ``{"Titles": [...], "Processes": [[...], ...]}``."""
    with engine.errors():
        return engine.api.top(ref, ps_args=ps_args)


def create(engine: Engine, config: dict[str, Any], name: str | None = None, platform: str | None = None) -> str:
    """``POST /containers/create`` with the engine's body; the new id (docker-py errors raise as they are)."""
    return engine.api.create_container_from_config(config, name=name, platform=platform)["Id"]


def named(engine: Engine, name: str) -> list[dict]:
    """The containers holding exactly *name* (zero or one)."""
    return list_containers(engine, all=True, filters={"name": [f"^/{name}$"]})
