"""argparse, speaking the docker CLI: its errors are the CLI's, as one-line ``UsageError``s."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import fail


class CommandParser(argparse.ArgumentParser):
    """The parser of one ``docker`` subcommand.

    ``arity`` is the CLI's wording of how many arguments it takes ("at least 1 argument",
    "exactly 2 arguments", "no arguments"); errors never exit, they raise ``UsageError``.
    """

    def __init__(self, command: str, arity: str, usage: str) -> None:
        super().__init__(prog=f"docker {command}", usage=usage, add_help=False, allow_abbrev=False)
        self.command = command
        self.arity = arity

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
        match = re.match(r"argument (\S+): invalid (\w+) value: '(.*)'", message)
        if match:
            flags = ", ".join(match.group(1).split("/"))
            raise fail(
                f'invalid argument "{match.group(3)}" for "{flags}" flag: strconv.ParseInt: '
                f'parsing "{match.group(3)}": invalid syntax'
            )
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


def add_flag(parser: CommandParser, *names: str, **kwargs: Any) -> None:
    """Add a boolean flag (``store_true``)."""
    parser.add_argument(*names, action="store_true", **kwargs)
