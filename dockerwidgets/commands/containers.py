"""Container lifecycle: ``ps``, ``start``, ``stop``, ``restart``, ``kill``, ``pause``,
``unpause``, ``rename``, ``rm``, ``container prune``, ``wait``.

Commands on several containers check that every one exists before touching any, so a
typo in the third name leaves the first two as they were.
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import fail
from ..frames import containers_frame
from ..goconv import go_int
from ..humanize import human_size
from ..ops import containers as ops
from ..results import CliText, Confirmation, IdList, PanelRequest, lines
from .registry import command


def parse_filters(values: list[str] | None, flag: str = "-f, --filter") -> dict[str, list[str]]:
    """``--filter key=value`` flags as the engine's filters map."""
    filters: dict[str, list[str]] = {}
    for value in values or []:
        key, sep, item = value.partition("=")
        if not sep or not key:
            raise fail(f'invalid argument "{value}" for "{flag}" flag: bad format of filter (expected name=value)')
        filters.setdefault(key.strip().lower(), []).append(item.strip())
    return filters


_ps = CommandParser("ps", "no arguments", "docker ps [OPTIONS]")
add_flag(_ps, "-a", "--all", help="Show all containers (default shows just running)")
_ps.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
_ps.add_argument("-n", "--last", type=go_int, default=-1, help="Show n last created containers (includes all states)")
add_flag(_ps, "-l", "--latest", help="Show the latest created container (includes all states)")
add_flag(_ps, "--no-trunc", help="Don't truncate output")
add_flag(_ps, "-q", "--quiet", help="Only display container IDs")
add_flag(_ps, "-s", "--size", help="Display total file sizes")
_ps.add_argument("--panel", action="store_true", help="Show the containers panel")
_ps.add_argument("--stats", action="store_true", help="With --panel: CPU % and MEM columns, live")


@command("ps")
def ps(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker ps``: a DataFrame with the CLI's columns; ``-q``: a list of ids."""
    ns = _ps.parse(args)
    if ns.stats and not ns.panel:
        raise fail("--stats works with --panel (the live table); for numbers use: docker stats --no-stream")
    if ns.panel:  # the live table: all containers with -a, else the running ones (a switch in the panel)
        options = {"show": "all" if ns.all else "running", "filters": parse_filters(ns.filter) or None}
        if ns.stats:
            options["stats"] = True
        return PanelRequest("containers", engine, options)
    limit = 1 if ns.latest else ns.last
    containers = ops.list_containers(engine, all=ns.all, filters=parse_filters(ns.filter), limit=limit, size=ns.size)
    if ns.quiet:
        return IdList(c["Id"] if ns.no_trunc else c["Id"][:12] for c in containers)
    frame = containers_frame(containers, no_trunc=ns.no_trunc)
    if ns.size:
        frame["SIZE"] = [_container_size(c) for c in containers]
    return frame


def _container_size(container: dict) -> str:
    rw, root = container.get("SizeRw") or 0, container.get("SizeRootFs") or 0
    return f"{human_size(rw)} (virtual {human_size(root)})"


def _parser(name: str, usage: str, arity: str = "at least 1 argument") -> CommandParser:
    return CommandParser(name, arity, usage)


_start = _parser("start", "docker start [OPTIONS] CONTAINER [CONTAINER...]")
add_flag(_start, "-a", "--attach", help="Attach STDOUT/STDERR and forward signals")
add_flag(_start, "-i", "--interactive", help="Attach container's STDIN")
_start.add_argument("--detach-keys", help="Override the key sequence for detaching a container")
_start.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("start")
def start(args: list[str], engine: Engine, **options: Any) -> Any:
    """``docker start``: start each container; prints their names."""
    ns = _start.parse(args)
    if ns.attach or ns.interactive:
        if len(ns.containers) > 1:
            raise fail("you cannot start and attach multiple containers at once")
        from .attach import start_attached

        return start_attached(engine, ns.containers[0], ns.interactive, ns.detach_keys, **options)
    return lines(ops.start(engine, ns.containers))


_stop = _parser("stop", "docker stop [OPTIONS] CONTAINER [CONTAINER...]")


def _timeout_flags(parser: CommandParser) -> None:
    """``-t, --timeout`` and the CLI's deprecated ``--time``: two flags, as pflag names them in its errors."""
    parser.add_argument("-t", "--timeout", type=go_int, default=None, help="Seconds to wait before killing the container")
    parser.add_argument("--time", type=go_int, default=None, help="Seconds to wait (deprecated: use --timeout)")


def _timeout(ns: Any) -> int | None:
    if ns.time is not None and ns.timeout is not None:
        raise fail("conflicting options: cannot specify both --timeout and --time")
    return ns.timeout if ns.timeout is not None else ns.time


_timeout_flags(_stop)
_stop.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("stop")
def stop(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker stop``: stop each container (SIGTERM, then SIGKILL after the timeout)."""
    ns = _stop.parse(args)
    return lines(ops.stop(engine, ns.containers, timeout=_timeout(ns)))


_restart = _parser("restart", "docker restart [OPTIONS] CONTAINER [CONTAINER...]")
_timeout_flags(_restart)
_restart.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("restart")
def restart(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker restart``: restart each container."""
    ns = _restart.parse(args)
    return lines(ops.restart(engine, ns.containers, timeout=_timeout(ns)))


_kill = _parser("kill", "docker kill [OPTIONS] CONTAINER [CONTAINER...]")
_kill.add_argument("-s", "--signal", default=None, help="Signal to send to the container")
_kill.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("kill")
def kill(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker kill``: send a signal (default SIGKILL) to each container."""
    ns = _kill.parse(args)
    return lines(ops.kill(engine, ns.containers, signal=ns.signal))


_pause = _parser("pause", "docker pause CONTAINER [CONTAINER...]")
_pause.add_argument("containers", nargs="+", metavar="CONTAINER")
_unpause = _parser("unpause", "docker unpause CONTAINER [CONTAINER...]")
_unpause.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("pause")
def pause(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker pause``: freeze every process of each container."""
    return lines(ops.pause(engine, _pause.parse(args).containers))


@command("unpause")
def unpause(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker unpause``: thaw each container."""
    return lines(ops.unpause(engine, _unpause.parse(args).containers))


_rename = _parser("rename", "docker rename CONTAINER NEW_NAME", "exactly 2 arguments")
_rename.add_argument("container", metavar="CONTAINER")
_rename.add_argument("new_name", metavar="NEW_NAME")


@command("rename")
def rename(args: list[str], engine: Engine, **_: Any) -> None:
    """``docker rename``: the CLI prints nothing on success."""
    ns = _rename.parse(args)
    ops.rename(engine, ns.container, ns.new_name)


_rm = _parser("rm", "docker rm [OPTIONS] CONTAINER [CONTAINER...]")
add_flag(_rm, "-f", "--force", help="Force the removal of a running container (uses SIGKILL)")
add_flag(_rm, "-l", "--link", help="Remove the specified link")
add_flag(_rm, "-v", "--volumes", help="Remove anonymous volumes associated with the container")
_rm.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("rm")
def rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker rm``: a running one without ``-f`` gets the engine's refusal and nothing is removed."""
    ns = _rm.parse(args)
    return lines(ops.remove(engine, ns.containers, force=ns.force, volumes=ns.volumes, link=ns.link))


_prune = _parser("container prune", "docker container prune [OPTIONS]", "no arguments")
add_flag(_prune, "-f", "--force", help="Do not prompt for confirmation")
_prune.add_argument("--filter", action="append", help="Provide filter values (e.g. 'until=<timestamp>')")

PRUNE_WARNING = "WARNING! This will remove all stopped containers."


@command("container prune")
def container_prune(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker container prune``: asks first (a :class:`Confirmation`) unless ``-f``."""
    ns = _prune.parse(args)
    filters = parse_filters(ns.filter, "--filter")

    def prune() -> CliText:
        report = ops.prune(engine, filters)
        deleted = report.get("ContainersDeleted") or []
        text = ["Deleted Containers:", *deleted, ""] if deleted else []
        text.append(f"Total reclaimed space: {human_size(report.get('SpaceReclaimed') or 0)}")
        return CliText("\n".join(text))

    if ns.force:
        return prune()
    stopped = ops.list_containers(engine, all=True, filters={"status": ["exited", "created", "dead"], **filters})
    names = [(c.get("Names") or ["/" + c["Id"][:12]])[0].lstrip("/") for c in stopped]
    listing = f" ({len(names)}: {', '.join(names[:10])}{', …' if len(names) > 10 else ''})" if names else " (none now)"
    return Confirmation(f"{PRUNE_WARNING}{listing}", prune)


_wait = _parser("wait", "docker wait CONTAINER [CONTAINER...]")
_wait.add_argument("containers", nargs="+", metavar="CONTAINER")


@command("wait")
def wait(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker wait``: block until each container stops; prints the exit codes."""
    ns = _wait.parse(args)
    return lines([str(code) for code in ops.wait(engine, ns.containers)])
