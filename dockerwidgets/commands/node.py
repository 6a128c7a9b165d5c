"""``docker node ls``: argv to :mod:`dockerwidgets.ops.nodes`, a DataFrame (``frames.nodes_frame``) back."""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..frames import nodes_frame
from ..ops import nodes as ops
from ..results import IdList
from .containers import parse_filters
from .registry import command

_ls = CommandParser("node ls", "no arguments", "docker node ls [OPTIONS]")
_ls.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_ls, "-q", "--quiet", help="Only display IDs")


@command("node ls", "node list")
def node_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker node ls``: a DataFrame (ID, HOSTNAME, STATUS, AVAILABILITY, MANAGER STATUS, ENGINE VERSION)."""
    ns = _ls.parse(args)
    nodes = ops.list_nodes(engine, parse_filters(ns.filter))
    if ns.quiet:
        return IdList(node["ID"] for node in nodes)
    return nodes_frame(nodes, ops.self_node_id(engine) if nodes else "")
