"""The engine layer: which Docker engine to talk to, its docker-py client, and its errors.

Every command takes an :class:`Engine` explicitly (``default_engine()`` when none is
given), so several engines can live side by side. Lists go through docker-py's
low-level ``APIClient``: one request per list, the engine's JSON as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import docker
import requests
from docker.errors import APIError, DockerException

from .errors import fail

DEFAULT_HOST = "unix:///var/run/docker.sock"
CONNECT_TIMEOUT = 3.0
REQUEST_TIMEOUT = 120.0


def resolve_host() -> str:
    """Return the engine address the docker CLI would use: ``DOCKER_HOST``, the current context, the default socket."""
    host = os.environ.get("DOCKER_HOST")
    if host:
        return host
    context = os.environ.get("DOCKER_CONTEXT") or _current_context_name()
    if context and context != "default":
        endpoint = _context_endpoint(context)
        if endpoint:
            return endpoint
    return DEFAULT_HOST


def _docker_config_dir() -> Path:
    return Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker")


def _current_context_name() -> str | None:
    try:
        return json.loads((_docker_config_dir() / "config.json").read_text()).get("currentContext")
    except (OSError, ValueError):
        return None


def _context_endpoint(name: str) -> str | None:
    import hashlib

    meta = _docker_config_dir() / "contexts" / "meta" / hashlib.sha256(name.encode()).hexdigest() / "meta.json"
    try:
        return json.loads(meta.read_text())["Endpoints"]["docker"]["Host"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Engine:
    """One Docker engine, reached at ``host`` through a lazily created docker-py ``APIClient``."""

    def __init__(self, host: str | None = None) -> None:
        self.host = host or resolve_host()
        self._api: docker.APIClient | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Engine({self.host!r})"

    @property
    def api(self) -> docker.APIClient:
        """The low-level client, connected (API version negotiated) on first use."""
        if self._api is None:
            with self._lock, self.errors():
                if self._api is None:
                    api = docker.APIClient(base_url=self.host, version="auto", timeout=CONNECT_TIMEOUT)
                    api.timeout = REQUEST_TIMEOUT
                    self._api = api
        return self._api

    def close(self) -> None:
        """Close the client's connections."""
        if self._api is not None:
            self._api.close()
            self._api = None

    def unreachable_message(self) -> str:
        """The docker CLI's message for an engine that does not answer."""
        return f"Cannot connect to the Docker daemon at {self.host}. Is the docker daemon running?"

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Turn docker-py and connection errors into the CLI's one-line ``UsageError``."""
        try:
            yield
        except APIError as exc:
            raise fail(api_error_message(exc)) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout, ConnectionError):
            self._api = None
            raise fail(self.unreachable_message()) from None
        except DockerException as exc:
            if "Error while fetching server API version" in str(exc):
                self._api = None
                raise fail(self.unreachable_message()) from None
            raise fail(str(exc)) from None


def api_error_message(exc: APIError) -> str:
    """The CLI's text for an engine error: ``Error response from daemon: <the engine's message>``."""
    explanation = exc.explanation
    if isinstance(explanation, bytes):
        explanation = explanation.decode("utf-8", "replace")
    if not explanation and exc.response is not None:
        explanation = exc.response.reason
    return f"Error response from daemon: {explanation}"


_engines: dict[str, Engine] = {}


def engine_for(host: str) -> Engine:
    """The ``Engine`` at *host*, one kept per address so its connections are reused."""
    engine = _engines.get(host)
    if engine is None:
        engine = _engines[host] = Engine(host)
    return engine


def default_engine() -> Engine:
    """The engine the docker CLI would talk to now."""
    return engine_for(resolve_host())
