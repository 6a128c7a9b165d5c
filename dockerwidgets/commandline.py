"""A ``docker …`` line, read as the CLI reads it, then dispatched to its subcommand.

``$(docker …)`` inside a line is evaluated here, by this package, and never by a shell:
its output is split into words and put in its place, as a shell would.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import Any

from .engine import Engine, default_engine, engine_for
from .errors import fail
from .results import as_words

GLOBAL_USAGE = "docker [OPTIONS] COMMAND"

# `docker container X` / `docker image X` spell the same commands as the short forms.
MANAGEMENT_ALIASES: dict[tuple[str, str], str] = {
    ("container", "ls"): "ps",
    ("container", "list"): "ps",
    ("container", "ps"): "ps",
    ("container", "prune"): "container prune",
    ("image", "ls"): "images",
    ("image", "list"): "images",
    ("image", "pull"): "pull",
    ("image", "rm"): "rmi",
    ("image", "remove"): "rmi",
    ("image", "inspect"): "image inspect",
    ("image", "prune"): "image prune",
    ("container", "inspect"): "container inspect",
}
for _verb in (
    "attach",
    "create",
    "diff",
    "kill",
    "logs",
    "pause",
    "port",
    "rename",
    "restart",
    "rm",
    "run",
    "start",
    "stop",
    "unpause",
    "exec",
    "top",
    "wait",
):
    MANAGEMENT_ALIASES[("container", _verb)] = _verb


def substitute(line: str, evaluate: Callable[[str], list[str]]) -> str:
    """Replace each ``$(…)`` in *line* (outside single quotes) by the words *evaluate* gives for it."""
    out: list[str] = []
    index, quote = 0, ""
    while index < len(line):
        char = line[index]
        if char == "\\" and quote != "'":
            out.append(line[index : index + 2])
            index += 2
            continue
        if char in "'\"" and quote in ("", char):
            quote = "" if quote else char
        elif char == "$" and quote != "'" and line.startswith("$(", index):
            end = _closing_paren(line, index + 2)
            words = evaluate(substitute(line[index + 2 : end], evaluate))
            if quote:
                out.append(" ".join(words).replace("\\", "\\\\").replace('"', '\\"'))
            else:
                out.append(" ".join(shlex.quote(word) for word in words))
            index = end + 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _closing_paren(line: str, start: int) -> int:
    """Index of the ``)`` that closes a ``$(`` whose text starts at *start*."""
    depth, quote, index = 1, "", start
    while index < len(line):
        char = line[index]
        if char == "\\" and quote != "'":
            index += 2
            continue
        if char in "'\"" and quote in ("", char):
            quote = "" if quote else char
        elif not quote and char == "(":
            depth += 1
        elif not quote and char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise fail("unexpected end of line: a $( has no closing )")


def split(line: str) -> list[str]:
    """Split *line* into words as a POSIX shell would (quotes, backslashes), one-line errors."""
    try:
        return shlex.split(line)
    except ValueError as exc:
        raise fail(f"cannot read the line: {exc}") from None


def run_line(line: str, engine: Engine | None = None, **options: Any) -> Any:
    """Run one ``docker …`` line (the leading ``docker`` is optional) and return its result."""
    from .commands import run_command

    def evaluate(inner: str) -> list[str]:
        words = split(inner)
        if not words or words[0] != "docker":
            raise fail(f"only docker commands can run inside $( ): {inner.strip()!r}")
        return as_words(run_line(inner, engine))

    argv = split(substitute(line, evaluate))
    if argv and argv[0] == "docker":
        argv = argv[1:]
    argv, engine = _global_options(argv, engine)
    if not argv:
        raise fail(f"Usage: {GLOBAL_USAGE}; commands: {', '.join(command_names())}")
    name, args = argv[0], argv[1:]
    if name in ("container", "image") and args:
        key = (name, args[0])
        if key not in MANAGEMENT_ALIASES:
            raise fail(
                f'unknown command: "docker {name} {args[0]}"; supported: '
                + ", ".join(sorted(v for (group, v) in MANAGEMENT_ALIASES if group == name))
            )
        name, args = MANAGEMENT_ALIASES[key], args[1:]
    return run_command(name, args, engine or default_engine(), **options)


def _global_options(argv: list[str], engine: Engine | None) -> tuple[list[str], Engine | None]:
    """Consume the CLI's global flags (``-v``, ``-H HOST``) that stand before the command."""
    while argv and argv[0].startswith("-"):
        flag = argv.pop(0)
        if flag in ("-v", "--version"):
            return ["--version"], engine
        if flag in ("-H", "--host") or flag.startswith("--host="):
            host = flag.split("=", 1)[1] if "=" in flag else (argv.pop(0) if argv else "")
            if not host:
                raise fail("flag needs an argument: --host")
            engine = engine_for(host)
        else:
            raise fail(f"unknown flag: {flag} (docker supports: -H, --host; -v, --version)")
    return argv, engine


def command_names() -> list[str]:
    """The subcommands ``%docker`` knows, sorted."""
    from .commands import COMMANDS

    return sorted(name for name in COMMANDS if not name.startswith("-"))
