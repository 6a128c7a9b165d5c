"""One call over several engines: the results of those that answered, and why the others did not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..engine import Engine
from ..errors import UsageError

T = TypeVar("T")


def on_engines(engines: Sequence[Engine], call: Callable[[Engine], T]) -> tuple[list[tuple[Engine, T]], dict[str, str]]:
    """*call* on each engine in turn: ``[(engine, result), …]`` and ``{engine name: one-line error}``."""
    results: list[tuple[Engine, T]] = []
    errors: dict[str, str] = {}
    for engine in engines:
        try:
            results.append((engine, call(engine)))
        except UsageError as exc:
            errors[engine.name] = str(exc)
    return results, errors
