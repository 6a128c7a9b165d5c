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
    from ..engine import Engine

Command = Callable[..., Any]
COMMANDS: dict[str, Command] = {}
ENGINELESS: set[str] = set()  # commands that work without an engine (the context store, the client)


def command(*names: str, engine: bool = True) -> Callable[[Command], Command]:
    """Register a function as the implementation of the subcommands *names*.

    ``engine=False``: it is given ``None`` and never asks for one, so it works with a
    broken current context (``context use default`` repairs one).
    """

    def register(function: Command) -> Command:
        for name in names:
            COMMANDS[name] = function
            if not engine:
                ENGINELESS.add(name)
        return function

    return register


def asks_for_help(args: list[str]) -> bool:
    """Whether *args* ask for the usage (``--help``), which needs no engine."""
    for token in args:
        if token == "--":
            return False
        if token in ("--help", "-h"):
            return True
    return False


def run_command(name: str, args: list[str], engine: Engine | Callable[[], Engine] | None, **options: Any) -> Any:
    """Run subcommand *name*; an unknown one gets the CLI's message and the supported list.

    *engine* may be a function that resolves it: it is called only when the command needs one.
    """
    function = COMMANDS.get(name)
    if function is None:
        supported = ", ".join(sorted(n for n in COMMANDS if not n.startswith("-")))
        raise fail(f'unknown command: "docker {name}"; supported: {supported}')
    if name in ENGINELESS or asks_for_help(args):
        chosen = None if callable(engine) else engine
    else:
        chosen = engine() if callable(engine) else engine
    return function(args, chosen, **options)
