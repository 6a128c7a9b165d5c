"""A ``docker …`` line, read as the CLI reads it, then dispatched to its subcommand.

``$(docker …)`` inside a line is evaluated here, by this package, and never by a shell:
its output is split into words and put in its place, as a shell would.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .commands import COMMANDS, run_command
from .contexts import TLS
from .engine import (
    DeferredEngine,
    Engine,
    cert_folder,
    context_engine,
    current_spec,
    default_engine,
    engine_for,
    resolve_engines,
)
from .errors import fail
from .frames import stack
from .hosts import HostError, parse_host
from .ops.fanout import on_engines
from .results import as_words

GLOBAL_USAGE = "docker [OPTIONS] COMMAND"

# `docker container X` / `docker image X` spell the same commands as the short forms.
MANAGEMENT_ALIASES: dict[tuple[str, str], str] = {
    ("container", "ls"): "ps",
    ("container", "list"): "ps",
    ("container", "ps"): "ps",
    ("image", "ls"): "images",
    ("image", "list"): "images",
    ("image", "pull"): "pull",
    ("image", "rm"): "rmi",
    ("image", "remove"): "rmi",
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
        return shlex.split(line, comments=True)  # `# …` ends the line, as in a shell
    except ValueError as exc:
        raise fail(f"cannot read the line: {exc}") from None


def run_line(line: str, engine: Engine | None = None, engines: list[str] | None = None, **options: Any) -> Any:
    """Run one ``docker …`` line (the leading ``docker`` is optional) and return its result.

    *engines* (context names or host URLs, or ``--engines a,b`` in the line) runs a list
    command on each and returns one table with an ENGINE column. The engine is resolved
    only when the command needs one (``context use`` works with a broken current context).
    """

    def evaluate(inner: str) -> list[str]:
        words = split(inner)
        if not words or words[0] != "docker":
            raise fail(f"only docker commands can run inside $( ): {inner.strip()!r}")
        return as_words(run_line(inner, engine))

    argv = split(substitute(line, evaluate))
    if argv and argv[0] == "docker":
        argv = argv[1:]
    argv, chosen, named = _global_options(argv)
    engines = named or engines
    if not argv:
        raise fail(f"Usage: {GLOBAL_USAGE}; commands: {', '.join(command_names())}")
    name, args = argv[0], argv[1:]
    if args and f"{name} {args[0]}" in COMMANDS:
        name, args = f"{name} {args[0]}", args[1:]
    elif name in ("container", "image") and args and (name, args[0]) in MANAGEMENT_ALIASES:
        name, args = MANAGEMENT_ALIASES[(name, args[0])], args[1:]
    elif name in _groups():
        supported = ", ".join(sorted({n.split()[1] for n in COMMANDS if n.startswith(f"{name} ")} | _aliases(name)))
        if not args:
            raise fail(f"Usage: docker {name} COMMAND; commands: {supported}")
        raise fail(f'unknown command: "docker {name} {args[0]}"; supported: {supported}')
    try:
        if engines and name in ENGINES_COMMANDS:  # one widget over every engine, not one result each
            return run_command(name, args, DeferredEngine(default_engine), engines=engines, **options)
        if engines:
            return run_on_engines(name, args, engines, **options)
        return run_command(name, args, chosen or engine or DeferredEngine(default_engine), **options)
    except KeyboardInterrupt:  # a kernel interrupt while the engine is waited for (wait, stop -t -1, a slow engine)
        raise fail(interrupted(name)) from None


def interrupted(name: str) -> str:
    """The line for a command interrupted while it blocked: the CLI exits quietly (130); nothing is undone."""
    return f"docker {name}: interrupted; the engine keeps what it had done, nothing else was changed"


LIST_COMMANDS = ("ps", "images", "service ls", "node ls")
ENGINES_COMMANDS = ("dashboard",)  # take --engines themselves


def run_on_engines(name: str, args: list[str], specs: list[str], **options: Any) -> Any:
    """Run a list command on each engine and stack the tables under ENGINE; silent engines are left out with a warning."""
    if name not in LIST_COMMANDS:
        raise fail(f"--engines works with {', '.join((*LIST_COMMANDS, *ENGINES_COMMANDS))}, not with {name}")
    results, errors = on_engines(resolve_engines(specs), lambda engine: run_command(name, args, engine, **options))
    for engine_name, message in errors.items():
        print(f"engine {engine_name}: {message}", file=sys.stderr)
    if not results:
        raise fail("; ".join(f"engine {engine}: {message}" for engine, message in errors.items()))
    if all(isinstance(result, list) for _, result in results):
        return [f"{engine.name}/{item}" for engine, result in results for item in result]
    frame = stack([(engine.name, result) for engine, result in results])
    frame.attrs["errors"] = errors
    return frame


def _groups() -> set[str]:
    return {n.split()[0] for n in COMMANDS if " " in n} | {"container", "image"}


def _aliases(group: str) -> set[str]:
    return {verb for (prefix, verb) in MANAGEMENT_ALIASES if prefix == group}


GLOBAL_FLAGS = (
    "-H, --host; -c, --context; --engines; --tls; --tlsverify; --tlscacert; --tlscert; --tlskey; -v, --version"
)
_VALUE_FLAGS = {"-H": "host", "--host": "host", "-c": "context", "--context": "context", "--engines": "engines",
                "--tlscacert": "ca", "--tlscert": "cert", "--tlskey": "key"}  # fmt: skip


def _global_options(argv: list[str]) -> tuple[list[str], DeferredEngine | None, list[str] | None]:
    """Consume the CLI's global flags before the command: the engine they choose (made when needed), or the engines."""
    values: dict[str, str] = {}
    tls = verify = False
    while argv and argv[0].startswith("-"):
        flag, has_value, value = argv.pop(0).partition("=")
        if flag in ("-v", "--version"):
            return ["--version"], None, None
        if flag in _VALUE_FLAGS:
            if not has_value:
                if not argv:
                    raise fail(f"flag needs an argument: {flag}")
                value = argv.pop(0)
            values[_VALUE_FLAGS[flag]] = value
        elif flag == "--tls":
            tls = value.lower() not in ("false", "0")
        elif flag == "--tlsverify":
            verify = value.lower() not in ("false", "0")
        else:
            raise fail(f"unknown flag: {flag} (docker supports: {GLOBAL_FLAGS})")
    if "host" in values and "context" in values:
        raise fail("conflicting options: cannot specify both --host and --context")
    if "engines" in values:
        if "host" in values or "context" in values:
            raise fail("conflicting options: --engines names the engines itself (no --host or --context)")
        return argv, None, [name for name in values["engines"].split(",") if name]
    if "context" in values:
        return argv, DeferredEngine(lambda: context_engine(values["context"])), None
    if "host" in values or tls or verify:
        settings = _tls_settings(values, tls, verify)
        if "host" in values:
            try:
                host = parse_host(values["host"], default_to_tls=tls or verify)
            except HostError as exc:
                raise fail(str(exc)) from None
            return argv, DeferredEngine(lambda: engine_for(host, settings)), None
        return argv, DeferredEngine(lambda: engine_for(current_spec()[0], settings)), None
    return argv, None, None


def _tls_settings(values: dict[str, str], tls: bool, verify: bool) -> TLS | None:
    """``--tls``/``--tlsverify`` and the certificate flags (default files under ``DOCKER_CERT_PATH``)."""
    if not (tls or verify or {"ca", "cert", "key"} & values.keys()):
        return None
    folder = cert_folder()

    def file(key: str, default: str) -> str | None:
        path = values.get(key) or str(folder / default)
        return path if key in values or Path(path).is_file() else None

    return TLS(
        verify=verify,
        ca=file("ca", "ca.pem") if verify else None,
        cert=file("cert", "cert.pem"),
        key=file("key", "key.pem"),
    )


def command_names() -> list[str]:
    """The subcommands ``%docker`` knows, sorted."""
    return sorted(name for name in COMMANDS if not name.startswith("-"))
