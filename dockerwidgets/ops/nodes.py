"""Swarm nodes as typed calls over an :class:`~dockerwidgets.engine.Engine`."""

from __future__ import annotations

from ..engine import Engine


def list_nodes(engine: Engine, filters: dict[str, list[str]] | None = None) -> list[dict]:
    """The swarm's nodes (``filters`` as the engine takes them), as ``GET /nodes`` gives them."""
    with engine.errors():
        return engine.api.nodes(filters=filters or None)


def self_node_id(engine: Engine) -> str:
    """The id of the node *engine* is (``""`` outside a swarm): the one ``node ls`` marks ``*``."""
    with engine.errors():
        return (engine.api.info().get("Swarm") or {}).get("NodeID") or ""
