"""``docker swarm init|leave``: argv to :mod:`dockerwidgets.ops.swarm`, the CLI's text back."""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..ops import swarm as ops
from ..results import CliText
from .registry import command

_init = CommandParser("swarm init", "no arguments", "docker swarm init [OPTIONS]")
_init.add_argument("--advertise-addr", default=None, help="Advertised address (format: <ip|interface>[:port])")
_init.add_argument("--listen-addr", default=ops.LISTEN_ADDR, help="Listen address (format: <ip|interface>[:port])")
add_flag(_init, "--force-new-cluster", help="Force create a new cluster from current state")


@command("swarm init")
def swarm_init(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker swarm init``: make this engine a one-node swarm's manager; the CLI's text with the join command."""
    ns = _init.parse(args)
    join = ops.swarm_init(engine, ns.advertise_addr, ns.listen_addr, ns.force_new_cluster)
    return CliText(
        f"Swarm initialized: current node ({join.node_id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {join.worker_token} {join.address}\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions."
    )


_leave = CommandParser("swarm leave", "no arguments", "docker swarm leave [OPTIONS]")
add_flag(_leave, "-f", "--force", help="Force this node to leave the swarm, ignoring warnings")


@command("swarm leave")
def swarm_leave(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker swarm leave``: a manager needs ``--force`` (the engine's refusal says so)."""
    ns = _leave.parse(args)
    ops.swarm_leave(engine, force=ns.force)
    return CliText("Node left the swarm.")
