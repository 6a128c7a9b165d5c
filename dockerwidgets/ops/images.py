"""Image operations: list, inspect, pull (events to a callback), remove, prune."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docker.errors import NotFound

from .. import transport
from ..engine import Engine
from ..errors import fail
from ..progress import pull_message
from ..reference import InvalidReference, Reference, parse_reference

ProgressCallback = Callable[[dict], object]


def reference(text: str) -> Reference:
    """Parse an image reference; a malformed one gets the engine's one-line message."""
    try:
        return parse_reference(text)
    except InvalidReference as exc:
        raise fail(str(exc)) from None


def list_images(engine: Engine, all: bool = False, filters: dict[str, list[str]] | None = None) -> list[dict]:
    """The engine's images (its JSON, one request)."""
    with engine.errors():
        return transport.list_images(engine.api, all=all, filters=filters or None)


def inspect_image(engine: Engine, ref: str) -> dict:
    """``GET /images/{ref}/json``."""
    with engine.errors():
        return engine.api.inspect_image(ref)


def find_image(engine: Engine, ref: str) -> dict | None:
    """The image *ref* names, or ``None`` when there is none (other errors raise)."""
    with engine.errors():
        try:
            return engine.api.inspect_image(ref)
        except NotFound:
            return None


def pull(
    engine: Engine, ref: str | Reference, on_progress: ProgressCallback | None = None, platform: str | None = None
) -> list[str]:
    """Pull *ref* (default tag ``latest``) for *platform* (the engine's own when ``None``), each event of
    the engine's stream to *on_progress*.

    Returns the CLI's closing lines (``Digest: …``, ``Status: …``, the reference); an
    ``error`` event in the stream ends the pull in one line.
    """
    parsed = reference(ref) if isinstance(ref, str) else ref
    parsed = parsed.with_default_tag()
    messages: list[str] = []
    with engine.errors():
        stream = engine.api.pull(
            parsed.name, tag=parsed.digest or parsed.tag, stream=True, decode=True, platform=platform
        )
        try:
            for event in stream:
                if "error" in event:
                    raise fail(event["error"])
                if on_progress is not None:
                    on_progress(event)
                message = pull_message(event)
                if message is not None:
                    messages.append(message)
        finally:
            stream.close()
    return [*messages, str(parsed)]


def remove_images(engine: Engine, refs: Sequence[str], force: bool = False, noprune: bool = False) -> list[str]:
    """Remove each image (all checked to exist first); the CLI's ``Untagged: …`` / ``Deleted: …`` lines."""
    with engine.errors():
        for ref in refs:
            engine.api.inspect_image(ref)
    printed: list[str] = []
    for ref in refs:
        with engine.errors():
            for item in engine.api.remove_image(ref, force=force, noprune=noprune):
                printed.extend(f"{key}: {value}" for key, value in item.items())
    return printed


def prune_images(engine: Engine, filters: dict[str, list[str]] | None = None, all: bool = False) -> dict:
    """Remove dangling images (every unused one with *all*); the engine's report."""
    filters = dict(filters or {})
    if all:
        filters["dangling"] = ["false"]
    with engine.errors():
        return engine.api.prune_images(filters=filters or None)
