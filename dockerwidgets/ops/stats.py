"""Containers' resource usage: one sample of each (``stats --no-stream``), and the stream of one.

As the CLI does, every container is asked at once (one request each, side by side, on a
client whose pool holds them all); the engine answers each after a second, when it has two
readings to compute CPU from. Without names, the containers are the running ones (all with
``all``), listed in one request, each known by its short id as the CLI's ``Container`` field.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from .. import transport
from ..engine import Engine
from ..errors import UsageError, fail
from ..stats import StatsEntry, entry_of, no_sample
from .containers import list_containers

MAX_WORKERS = 64  # requests in flight at once; more containers wait for a free one


def targets(engine: Engine, refs: Sequence[str] | None, all: bool = False) -> list[str]:
    """What to sample: the *refs* given, else the short id of each running container (each one with *all*)."""
    if refs:
        return list(dict.fromkeys(refs))  # a name given twice is asked once, as the CLI's list of stats keeps it
    return [container["Id"][:12] for container in list_containers(engine, all=all)]


def sample(engine: Engine, refs: Sequence[str] | None = None, all: bool = False) -> list[StatsEntry]:
    """One sample of each container (``docker stats --no-stream``), in the order asked.

    Containers named by the user must all exist: the engine's errors, joined, are one
    ``UsageError``. A listed container that went away meanwhile shows ``--``, as in the CLI.
    """
    asked = targets(engine, refs, all)
    if not asked:
        return []
    client = engine.pooled_client(min(len(asked), MAX_WORKERS))
    try:
        with ThreadPoolExecutor(min(len(asked), MAX_WORKERS), thread_name_prefix="dockerwidgets-stats") as pool:
            answers = list(pool.map(lambda ref: _one(engine, client, ref), asked))
    finally:
        client.close()
    errors = [answer for answer in answers if isinstance(answer, str)]
    if errors and refs:
        raise fail("; ".join(errors))
    return [no_sample(ref) if isinstance(answer, str) else answer for ref, answer in zip(asked, answers, strict=True)]


def _one(engine: Engine, client: object, ref: str) -> StatsEntry | str:
    """One container's sample, or the one-line error the engine gave for it."""
    try:
        with engine.errors():
            return entry_of(transport.stats_once(client, ref), ref)
    except UsageError as exc:
        return str(exc)


def open_stream(engine: Engine, client: object, ref: str) -> transport.ResponseStream:
    """The engine's stats stream of one container (a JSON object a line, about one a second) on *client*."""
    with engine.errors():
        return transport.open_stats(client, ref)
