"""``docker stats`` (and ``docker container stats``): resource usage as a DataFrame, or live.

``--no-stream`` samples each container once (all at once, as the CLI does) and returns the
CLI's table as a DataFrame with its typed twin, or with ``--format`` the text the CLI
prints. Without it the result is a :class:`~dockerwidgets.results.StatsRequest`, which the
display layer turns into the live widget.
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..ops import stats as ops
from ..results import CliText, StatsRequest
from ..stats import format_stats, no_sample, stats_frame
from .registry import command

_stats = CommandParser("stats", "no arguments", "docker stats [OPTIONS] [CONTAINER...]")
add_flag(_stats, "-a", "--all", help="Show all containers (default shows just running)")
_stats.add_argument("--format", help="Format output using a custom template")
add_flag(_stats, "--no-stream", help="Disable streaming stats and only pull the first result")
add_flag(_stats, "--no-trunc", help="Do not truncate output")
_stats.add_argument("containers", nargs="*", metavar="CONTAINER")


@command("stats", "container stats")
def stats(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker stats``: a DataFrame (``--no-stream``), the CLI's text (``--format``), or the live widget's request."""
    ns = _stats.parse(args)
    if ns.format:
        format_stats([no_sample("x")], ns.format)  # a bad template fails now, before the engine is asked
    if not ns.no_stream:
        return StatsRequest(engine, list(ns.containers), all=ns.all, no_trunc=ns.no_trunc, format=ns.format or None)
    entries = ops.sample(engine, ns.containers, all=ns.all)
    if ns.format:
        return CliText(format_stats(entries, ns.format, trunc=not ns.no_trunc))
    return stats_frame(entries, trunc=not ns.no_trunc)
