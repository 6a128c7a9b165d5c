"""The engine itself: its version, its information, its disk use."""

from __future__ import annotations

from .. import transport
from ..engine import Engine


def version(engine: Engine) -> dict:
    """``GET /version``: the engine's version, API versions, components."""
    with engine.errors():
        return engine.api.version()


def api_version(engine: Engine) -> str:
    """The API version this client negotiated with the engine."""
    with engine.errors():
        return engine.api.api_version


def info(engine: Engine) -> dict:
    """``GET /info``: the engine's information (containers, images, drivers, kernel, swarm, registries), as sent."""
    with engine.errors():
        return transport.get_json(engine.api, "/info")


def disk_usage(engine: Engine) -> dict:
    """``GET /system/df`` (one request): the engine's images, containers, volumes and build cache with their sizes."""
    with engine.errors():
        return transport.get_json(engine.api, "/system/df")
