"""``docker context ls | use | show | inspect | create | rm`` on the CLI's own context store."""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd

from .. import contexts
from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import fail
from ..frames import with_typed
from ..results import CliText, InspectResult, InspectResults, lines
from .registry import command

CONTEXT_COLUMNS = ["NAME", "DESCRIPTION", "DOCKER ENDPOINT", "ERROR"]

_ls = CommandParser("context ls", "no arguments", "docker context ls [OPTIONS]")
add_flag(_ls, "-q", "--quiet", help="Only show context names")


@command("context ls", "context list")
def context_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker context ls``: a DataFrame (the current context marked `` *``); ``-q``: the names."""
    ns = _ls.parse(args)
    found = contexts.list_contexts()
    if ns.quiet:
        return [context.name for context in found]
    current = contexts.current_context_name()
    frame = pd.DataFrame(
        {
            "NAME": [c.name + (" *" if c.name == current else "") for c in found],
            "DESCRIPTION": [c.description for c in found],
            "DOCKER ENDPOINT": [c.host for c in found],
            "ERROR": ["" for _ in found],
        }
    )
    return with_typed(
        frame,
        pd.DataFrame(
            {
                "name": [c.name for c in found],
                "current": [c.name == current for c in found],
                "host": [c.host for c in found],
                "tls": [c.tls is not None for c in found],
                "skip_tls_verify": [c.skip_tls_verify for c in found],
            }
        ),
    )


_show = CommandParser("context show", "no arguments", "docker context show")


@command("context show")
def context_show(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker context show``: the current context's name."""
    _show.parse(args)
    return CliText(contexts.current_context_name())


_use = CommandParser("context use", "exactly 1 argument", "docker context use CONTEXT")
_use.add_argument("name", metavar="CONTEXT")


@command("context use")
def context_use(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker context use``: the current context for this package and the CLI alike."""
    ns = _use.parse(args)
    contexts.use_context(ns.name)
    import os

    if os.environ.get("DOCKER_HOST"):
        print(
            "Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set "
            "the global --context flag, or unset DOCKER_HOST environment variable.",
            file=sys.stderr,
        )
    return CliText(ns.name)


_inspect = CommandParser("context inspect", "any number of arguments", "docker context inspect [CONTEXT] [CONTEXT...]")
_inspect.add_argument("names", nargs="*", metavar="CONTEXT")


@command("context inspect")
def context_inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker context inspect``: the context (the current one by default) as a dict."""
    ns = _inspect.parse(args)
    found = [InspectResult(contexts.inspect_context(name)) for name in ns.names or [contexts.current_context_name()]]
    return found[0] if len(found) == 1 else InspectResults(found)


_create = CommandParser("context create", "exactly 1 argument", "docker context create [OPTIONS] CONTEXT")
_create.add_argument("--description", default="", help="Description of the context")
_create.add_argument(
    "--docker", default="", help="set the docker endpoint (host=…,ca=…,cert=…,key=…,skip-tls-verify=…)"
)
_create.add_argument("name", metavar="CONTEXT")
DOCKER_ENDPOINT_KEYS = ("host", "ca", "cert", "key", "skip-tls-verify")


def parse_endpoint(spec: str) -> dict[str, str]:
    """``--docker host=tcp://…,ca=…`` as a dict, refusing keys the CLI refuses."""
    fields: dict[str, str] = {}
    for item in filter(None, spec.split(",")):
        key, sep, value = item.partition("=")
        if not sep:
            raise fail(f"unable to parse docker endpoint: invalid field {item!r} must be a key=value pair")
        if key not in DOCKER_ENDPOINT_KEYS:
            raise fail(f"unable to create docker endpoint config: unrecognized config key: {key}")
        fields[key] = value
    return fields


@command("context create")
def context_create(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker context create NAME --docker host=…``: prints the name."""
    ns = _create.parse(args)
    fields = parse_endpoint(ns.docker)
    skip = fields.get("skip-tls-verify", "false").lower()
    if skip not in ("true", "false", "1", "0"):
        raise fail(f'unable to create docker endpoint config: name: "skip-tls-verify": invalid boolean value "{skip}"')
    contexts.create_context(
        ns.name,
        fields.get("host") or contexts.DEFAULT_HOST,
        ns.description,
        skip_tls_verify=skip in ("true", "1"),
        ca=fields.get("ca"),
        cert=fields.get("cert"),
        key=fields.get("key"),
    )
    return CliText(ns.name)


_rm = CommandParser("context rm", "at least 1 argument", "docker context rm CONTEXT [CONTEXT...]")
add_flag(_rm, "-f", "--force", help="Force the removal of a context in use")
_rm.add_argument("names", nargs="+", metavar="CONTEXT")


@command("context rm", "context remove")
def context_rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker context rm``: every one checked first, then removed; prints the names."""
    ns = _rm.parse(args)
    ns.names = list(dict.fromkeys(ns.names))  # a name given twice is removed once
    current = contexts.current_context_name()
    for name in ns.names:
        if name == "default":
            raise fail('context "default" cannot be removed')
        contexts.read_context(name)
        if name == current and not ns.force:
            raise fail(f'context "{name}" is in use, set -f flag to force remove')
    for name in ns.names:
        contexts.remove_context(name, force=ns.force)
    return lines(ns.names)
