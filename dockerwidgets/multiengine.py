"""One list over several engines: ``%docker --engines default,gpu ps -a``.

The engines are contexts of the CLI's store (``all`` means every one). The command runs
on each, and the tables are stacked under an ENGINE column (``engine`` in the typed
frame). An engine that does not answer is left out with a one-line warning, and its
message is kept in ``frame.attrs["errors"]``; the others are shown as usual.
"""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd

from .engine import Engine, context_engine
from .errors import UsageError, fail
from .frames import with_typed

LIST_COMMANDS = ("ps", "images", "service ls", "node ls")


def resolve_engines(names: list[str]) -> list[Engine]:
    """The engines *names* stand for: context names, or ``all`` for every context in the store."""
    from .contexts import list_contexts

    if names == ["all"]:
        names = [context.name for context in list_contexts()]
    return [context_engine(name) for name in dict.fromkeys(names)]


def run_on_engines(name: str, args: list[str], names: list[str], **options: Any) -> Any:
    """Run a list command on each engine and stack the results, or fail in one line."""
    from .commands import run_command

    if name not in LIST_COMMANDS:
        raise fail(f"--engines works with {', '.join(LIST_COMMANDS)}, not with {name}")
    engines = resolve_engines(names)
    results: list[tuple[str, Any]] = []
    errors: dict[str, str] = {}
    for engine in engines:
        try:
            results.append((engine.name, run_command(name, args, engine, **options)))
        except UsageError as exc:
            errors[engine.name] = str(exc)
            print(f"engine {engine.name}: {exc}", file=sys.stderr)
    if not results:
        raise fail("; ".join(f"engine {engine}: {message}" for engine, message in errors.items()))
    if all(isinstance(result, list) for _, result in results):
        return [f"{engine}/{item}" for engine, result in results for item in result]
    frame = stack(results)
    frame.attrs["errors"] = errors
    return frame


def stack(results: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Tables from several engines, one under the other, with ENGINE first (typed: ``engine``)."""
    texts, typed = [], []
    for engine, frame in results:
        if "typed" in frame.attrs:
            typed.append(frame.docker.typed.assign(engine=engine))
        texts.append(frame.assign(ENGINE=engine)[["ENGINE", *frame.columns]])
    combined = pd.concat(texts, ignore_index=True)
    if typed and len(typed) == len(texts):
        with_typed(combined, pd.concat(typed, ignore_index=True))
    return combined
