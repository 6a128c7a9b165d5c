"""argparse, speaking the docker CLI: its errors are the CLI's, as one-line ``UsageError``s."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from .errors import fail
from .goconv import go_int

PARSERS: dict[str, CommandParser] = {}
"""Every subcommand's parser by its name (``"ps"``, ``"service ls"``): what the CLI's flags are, for help and for
tests that sweep every flag of every command (tests/engine/test_sweep.py)."""


class CommandParser(argparse.ArgumentParser):
    """The parser of one ``docker`` subcommand.

    ``arity`` is the CLI's wording of how many arguments it takes ("at least 1 argument",
    "exactly 2 arguments", "no arguments"); errors never exit, they raise ``UsageError``.
    """

    def __init__(self, command: str, arity: str, usage: str) -> None:
        super().__init__(prog=f"docker {command}", usage=usage, add_help=False, allow_abbrev=False)
        self.command = command
        self.arity = arity
        PARSERS[command] = self

    def add_argument(self, *names: str, **kwargs: Any) -> argparse.Action:
        """argparse's, but a flag's ``type`` that refuses a value gets the CLI's line (see :func:`converting`).

        An ``int`` flag is pflag's: Go's ``strconv.ParseInt(s, 0, 64)`` (:func:`dockerwidgets.goconv.go_int`).
        """
        if kwargs.get("type") is int:
            kwargs["type"] = go_int
        if kwargs.get("type") is not None and names and names[0].startswith("-"):
            kwargs["type"] = converting(kwargs["type"], flag_name(names))
        return super().add_argument(*names, **kwargs)

    def flags(self) -> list[str]:
        """The flags this subcommand takes, as the CLI lists them."""
        names = []
        for action in self._actions:
            if action.option_strings:
                names.append(", ".join(action.option_strings))
        return names

    def _unknown(self, token: str) -> NoReturn:
        flag = token.split("=", 1)[0]
        if flag.startswith("--"):
            what = f"unknown flag: {flag}"
        else:
            short = next((c for c in flag[1:] if f"-{c}" not in self._option_string_actions), flag[1])
            what = f"unknown shorthand flag: '{short}' in {flag}"
        raise fail(f"{what} (docker {self.command} supports: {'; '.join(self.flags())})")

    def error(self, message: str) -> NoReturn:
        """Translate argparse's message into the docker CLI's."""
        if message.startswith("unrecognized arguments:"):
            tokens = message.split(":", 1)[1].split()
            flag = next((t for t in tokens if t.startswith("-") and t != "-"), None)
            if flag:
                self._unknown(flag)
            raise fail(f'"docker {self.command}" requires {self.arity}. Usage: {self.usage}')
        if message.startswith("the following arguments are required"):
            raise fail(f'"docker {self.command}" requires {self.arity}. Usage: {self.usage}')
        match = re.match(r"argument (\S+): expected one argument", message)
        if match:
            raise fail(f"flag needs an argument: {match.group(1).split('/')[-1]}")
        raise fail(f"docker {self.command}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        """Never leave the kernel: ``--help`` and errors become a ``UsageError``."""
        raise fail(message or self.format_usage())

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        """Parse *argv*; unknown flags are reported before anything else, as pflag does."""
        for token in argv:
            if token == "--":
                break
            if token == "--help" or (token == "-h" and "-h" not in self._option_string_actions):
                raise fail(f"Usage: {self.usage}; flags: {'; '.join(self.flags())}")
        return self.parse_args(list(argv))

    def parse_interspersed(self, argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
        """Parse flags up to the first positional (the image or container); the rest is its command."""
        argv = list(argv)
        index = 0
        while index < len(argv):
            token = argv[index]
            if token == "--":
                argv.pop(index)
                break
            if not token.startswith("-") or token == "-":
                break
            index += 1 + self._takes_next_value(token)
        head, rest = argv[: index + 1], argv[index + 1 :]
        return self.parse(head), rest

    def _takes_next_value(self, token: str) -> int:
        """1 when the flag in *token* takes its value from the next token, else 0."""
        if token.startswith("--"):
            if "=" in token:
                return 0
            action = self._option_string_actions.get(token)
            if action is None:
                self._unknown(token)
            return int(action.nargs != 0)
        for position, char in enumerate(token[1:], start=1):
            action = self._option_string_actions.get(f"-{char}")
            if action is None:
                self._unknown(token)
            if action.nargs != 0:
                return int(position == len(token) - 1)
        return 0


def flag_name(names: Sequence[str]) -> str:
    """The flag as pflag names it in its errors: ``-t, --timeout`` (shorthand and name), or ``--keep``."""
    short = next((name for name in names if len(name) == 2 and name[1] != "-"), None)
    long = next((name for name in names if name.startswith("--")), names[0])
    return f"{short}, {long}" if short and long != short else long


def converting(convert: Callable[[str], Any], flag: str) -> Callable[[str], Any]:
    """*convert* for *flag*: the one place a value a flag cannot take becomes the CLI's line.

    ``invalid argument "X" for "-t, --timeout" flag: <why>``, *why* being the converter's error
    (Go's ``strconv`` text for numbers, :mod:`dockerwidgets.goconv`), as pflag prints it.
    """

    def convert_or_fail(value: str) -> Any:
        try:
            return convert(value)
        except (ValueError, OverflowError, TypeError) as exc:
            raise fail(f'invalid argument "{value}" for "{flag}" flag: {exc}') from None

    convert_or_fail.__name__ = getattr(convert, "__name__", "convert")
    return convert_or_fail


def add_flag(parser: CommandParser, *names: str, **kwargs: Any) -> None:
    """Add a boolean flag (``store_true``)."""
    parser.add_argument(*names, action="store_true", **kwargs)
