"""The command table: which function runs ``docker NAME``, and whether it needs an engine.

A command is ``fn(args, engine, **options) -> result``: it parses *args* with its own
:class:`~dockerwidgets.argparsing.CommandParser`, calls operations on *engine*, and
returns a value. The table lives here, apart from the command modules, so that
``commands/__init__`` is not in a circle with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import fail

if TYPE_CHECKING:
    from ..engine import DeferredEngine, Engine

Command = Callable[..., Any]
COMMANDS: dict[str, Command] = {}


def command(*names: str) -> Callable[[Command], Command]:
    """Register a function as the implementation of the subcommands *names*."""

    def register(function: Command) -> Command:
        for name in names:
            COMMANDS[name] = function
        return function

    return register


def run_command(name: str, args: list[str], engine: Engine | DeferredEngine, **options: Any) -> Any:
    """Run subcommand *name* on *engine* (resolved when the command first uses it).

    An unknown command gets the CLI's message and the supported list.
    """
    function = COMMANDS.get(name)
    if function is None:
        supported = ", ".join(sorted(n for n in COMMANDS if not n.startswith("-")))
        raise fail(f'unknown command: "docker {name}"; supported: {supported}')
    return function(args, engine, **options)
