"""The engine itself: its version."""

from __future__ import annotations

from ..engine import Engine


def version(engine: Engine) -> dict:
    """``GET /version``: the engine's version, API versions, components."""
    with engine.errors():
        return engine.api.version()


def api_version(engine: Engine) -> str:
    """The API version this client negotiated with the engine."""
    with engine.errors():
        return engine.api.api_version
