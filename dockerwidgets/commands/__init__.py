"""The ``docker`` subcommands: one module per family, each registering its commands in
:mod:`~dockerwidgets.commands.registry`.

Commands parse argv with the CLI's flags and messages, call operations
(:mod:`dockerwidgets.ops`), and return values (a DataFrame, ``CliText``, a request for a
console or a panel); they import no widget.
"""

from __future__ import annotations

from . import (  # noqa: F401  (they register themselves)
    containers,
    context,
    cp,
    create,
    dashboard,
    events,
    images,
    inspect,
    network,
    node,
    service,
    stats,
    swarm,
    system,
    volume,
)
from .registry import COMMANDS, command, run_command

__all__ = ["COMMANDS", "command", "run_command"]
