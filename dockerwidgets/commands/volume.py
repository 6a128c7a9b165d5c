"""``docker volume create|ls|inspect|rm|prune``: argv to :mod:`dockerwidgets.ops.volumes`, formatted back.

``ls`` is a DataFrame with the CLI's columns (:func:`~dockerwidgets.volumeframes.volumes_frame`),
or the CLI's text for ``--format``; ``inspect`` the engine's JSON; ``rm`` checks every
volume before removing any; ``prune`` asks first (a :class:`~dockerwidgets.results.Confirmation`) unless ``-f``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..argparsing import CommandParser, add_flag
from ..cliformat import RAW, TABLE, write_rows
from ..engine import Engine
from ..errors import UsageError, fail
from ..gotemplate import TemplateError, render
from ..humanize import human_size
from ..ops import volumes as ops
from ..results import CliText, Confirmation, IdList, InspectResult, InspectResults, PanelRequest, lines
from ..volumeframes import VOLUME_RAW, VOLUME_RAW_QUIET, sorted_volumes, volume_contexts, volume_headers
from .containers import parse_filters
from .registry import command

WHITESPACE = " \t\n\v\f\r"


def parse_options(values: Sequence[str] | None) -> dict[str, str]:
    """``-o key=value`` flags (``opts.MapOpts``): a bare key has an empty value."""
    options: dict[str, str] = {}
    for value in values or []:
        key, _, item = value.partition("=")
        options[key] = item
    return options


def parse_labels(values: Sequence[str] | None, flag: str = "--label") -> dict[str, str]:
    """``--label key=value`` flags, checked as ``opts.ValidateLabel`` does (with the CLI's flag error)."""
    labels: dict[str, str] = {}
    for value in values or []:
        key, _, item = value.partition("=")
        stripped = key.lstrip(WHITESPACE)
        if not stripped:
            raise fail(f'invalid argument "{value}" for "{flag}" flag: invalid label \'{value}\': empty name')
        if any(char in WHITESPACE for char in stripped):
            raise fail(f'invalid argument "{value}" for "{flag}" flag: label \'{stripped}\' contains whitespaces')
        labels[key] = item
    return labels


def inspect_result(objects: list[dict], format: str | None) -> Any:
    """What ``… inspect`` shows: one dict (collapsible JSON), a list of them, or the ``-f`` template's lines."""
    if format:
        try:
            return CliText("\n".join(render(format, obj, missingkey="error") for obj in objects))
        except TemplateError as exc:
            raise fail(str(exc)) from None
    if len(objects) == 1:
        return InspectResult(objects[0])
    return InspectResults(InspectResult(obj) for obj in objects)


def inspect_each(refs: Sequence[str], inspect: Callable[[str], dict]) -> list[dict]:
    """Inspect each ref; the CLI's line for every one missing (joined), else the objects in order."""
    objects, errors = [], []
    for ref in refs:
        try:
            objects.append(inspect(ref))
        except UsageError as exc:
            errors.append(str(exc))
    if errors:
        raise fail("\n".join(errors))
    return objects


def formatted_rows(format: str, rows: list[Any], headers: dict[str, str]) -> CliText | None:
    """Rows through a ``--format`` template (the CLI's ``formatter.Context``); its error in one line."""
    try:
        text = write_rows(format, rows, headers)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    return CliText(text.rstrip("\n")) if text.strip("\n") else None


# --- volume create --------------------------------------------------------------------------------

_create = CommandParser("volume create", "at most 1 argument", "docker volume create [OPTIONS] [VOLUME]")
_create.add_argument("-d", "--driver", default="local", help="Specify volume driver name")
_create.add_argument("--label", action="append", help="Set metadata for a volume")
_create.add_argument("--name", default="", help="Specify volume name")
_create.add_argument("-o", "--opt", action="append", help="Set driver specific options")
_create.add_argument("volume", nargs="?", metavar="VOLUME")


@command("volume create")
def volume_create(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker volume create [NAME]``: prints the volume's name (the engine's for an anonymous one)."""
    ns = _create.parse(args)
    if ns.volume is not None and ns.name:
        raise fail("conflicting options: cannot specify a volume-name through both --name and as a positional arg")
    labels = parse_labels(ns.label)
    volume = ops.create_volume(engine, ns.volume or ns.name, ns.driver, parse_options(ns.opt), labels)
    return CliText(volume["Name"])


# --- volume ls --------------------------------------------------------------------------------------

_ls = CommandParser("volume ls", "no arguments", "docker volume ls [OPTIONS]")
_ls.add_argument("-f", "--filter", action="append", help='Provide filter values (e.g. "dangling=true")')
_ls.add_argument("--format", default="", help="Format output using a custom template")
_ls.add_argument("--panel", action="store_true", help="Show the volumes panel")
add_flag(_ls, "-q", "--quiet", help="Only display volume names")


@command("volume ls", "volume list")
def volume_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker volume ls``: a DataFrame (DRIVER, VOLUME NAME; typed twin beside); ``-q``: the names; ``--format``: text.

    One ``GET /volumes``; the engine checks the filters (dangling, driver, label, name) and refuses others.
    """
    ns = _ls.parse(args)
    if ns.panel:  # the live table, with the containers using each
        return PanelRequest("volumes", engine, {"filters": parse_filters(ns.filter) or None})
    volumes = ops.list_volumes(engine, parse_filters(ns.filter))
    format = ns.format or TABLE
    if format == TABLE:
        if ns.quiet:
            return IdList(volume["Name"] for volume in sorted_volumes(volumes))
        from ..volumeframes import volumes_frame

        return volumes_frame(volumes)
    if format == RAW:
        format = VOLUME_RAW_QUIET if ns.quiet else VOLUME_RAW
    return formatted_rows(format, volume_contexts(volumes), volume_headers())


# --- volume inspect ---------------------------------------------------------------------------------

_inspect = CommandParser("volume inspect", "at least 1 argument", "docker volume inspect [OPTIONS] VOLUME [VOLUME...]")
_inspect.add_argument("-f", "--format", default="", help="Format output using a custom template")
_inspect.add_argument("volumes", nargs="+", metavar="VOLUME")


@command("volume inspect")
def volume_inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker volume inspect``: the engine's JSON of each volume; ``-f``: a template's line per volume."""
    ns = _inspect.parse(args)
    objects = inspect_each(ns.volumes, lambda name: ops.inspect_volume(engine, name))
    if ns.format:  # the CLI runs the template on its ``volume.Volume``: a null map there is an empty one (``map[]``)
        objects = [{**obj, **{key: obj.get(key) or {} for key in VOLUME_MAPS}} for obj in objects]
    return inspect_result(objects, ns.format)


VOLUME_MAPS = ("Labels", "Options")


# --- volume rm --------------------------------------------------------------------------------------

_rm = CommandParser("volume rm", "at least 1 argument", "docker volume rm [OPTIONS] VOLUME [VOLUME...]")
add_flag(_rm, "-f", "--force", help="Force the removal of one or more volumes")
_rm.add_argument("volumes", nargs="+", metavar="VOLUME")


@command("volume rm", "volume remove")
def volume_rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker volume rm``: every volume checked first (missing, in use: the engine's lines, nothing removed); prints the names."""
    ns = _rm.parse(args)
    return lines(ops.remove_volumes(engine, ns.volumes, force=ns.force))


# --- volume prune -----------------------------------------------------------------------------------

_prune = CommandParser("volume prune", "no arguments", "docker volume prune [OPTIONS]")
add_flag(_prune, "-a", "--all", help="Remove all unused volumes, not just anonymous ones")
_prune.add_argument("--filter", action="append", help='Provide filter values (e.g. "label=<label>")')
add_flag(_prune, "-f", "--force", help="Do not prompt for confirmation")

ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not used by at least one container."
ALL_WARNING = "WARNING! This will remove all local volumes not used by at least one container."


def prune_report(report: dict, kind: str = "Volumes", space: bool = True) -> CliText:
    """The CLI's report of a prune: ``Deleted Volumes:`` and the names, then the space reclaimed."""
    deleted = report.get(f"{kind}Deleted") or []
    text = [f"Deleted {kind}:", *deleted, ""] if deleted else []
    if space:
        text.append(f"Total reclaimed space: {human_size(report.get('SpaceReclaimed') or 0)}")
    return CliText("\n".join(text).rstrip("\n"))


@command("volume prune")
def volume_prune(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker volume prune``: asks first (a :class:`Confirmation` naming what would go) unless ``-f``.

    Anonymous volumes only, unless ``-a`` (from API 1.42; an older engine prunes all unused ones).
    """
    ns = _prune.parse(args)
    filters = parse_filters(ns.filter, "--filter")
    all_volumes = ns.all or not ops.supports_all(engine)
    ops.check_prune(engine, filters, all=ns.all)  # its refusals before any question

    def prune() -> CliText:
        return prune_report(ops.prune_volumes(engine, filters, all=ns.all))

    if ns.force:
        return prune()
    candidates = _unused(engine, filters, all_volumes)
    listing = f" ({len(candidates)}: {', '.join(candidates[:10])}{', …' if len(candidates) > 10 else ''})"
    return Confirmation(
        (ALL_WARNING if all_volumes else ANONYMOUS_WARNING) + (listing if candidates else " (none now)"), prune
    )


def _unused(engine: Engine, filters: dict[str, list[str]], all_volumes: bool) -> list[str]:
    """The volumes a prune would remove now (local, unused; named ones too with *all_volumes*), for the question."""
    volumes = ops.list_volumes(engine, {**filters, "dangling": ["true"]})
    return [
        volume["Name"]
        for volume in sorted_volumes(volumes)
        if volume.get("Driver") == "local"
        and (all_volumes or (volume.get("Labels") or {}).get(ANONYMOUS_LABEL) is not None)
    ]


ANONYMOUS_LABEL = "com.docker.volume.anonymous"
