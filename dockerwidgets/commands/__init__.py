"""The ``docker`` subcommands: one module per family, each registering its commands here.

A command is ``fn(args, engine, **options) -> result``: it parses *args* with its own
:class:`~dockerwidgets.argparsing.CommandParser`, talks to *engine*, and returns data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..engine import Engine
from ..errors import fail

Command = Callable[..., Any]
COMMANDS: dict[str, Command] = {}


def command(*names: str) -> Callable[[Command], Command]:
    """Register a function as the implementation of the subcommands *names*."""

    def register(function: Command) -> Command:
        for name in names:
            COMMANDS[name] = function
        return function

    return register


def run_command(name: str, args: list[str], engine: Engine, **options: Any) -> Any:
    """Run subcommand *name*; an unknown one gets the CLI's message and the supported list."""
    function = COMMANDS.get(name)
    if function is None:
        supported = ", ".join(sorted(n for n in COMMANDS if not n.startswith("-")))
        raise fail(f'unknown command: "docker {name}"; supported: {supported}')
    return function(args, engine, **options)


from . import containers, context, create, images, inspect, node, service, swarm, system  # noqa: E402,F401  (they register themselves)
