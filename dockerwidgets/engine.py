"""The engine layer: which Docker engine to talk to, its docker-py client, and its errors.

Every command takes an :class:`Engine` explicitly (``default_engine()`` when none is
given), so several engines can live side by side. Lists go through docker-py's
low-level ``APIClient``: one request per list, the engine's JSON as it is.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docker
import requests
from docker.errors import APIError, DockerException

from . import transport
from .contexts import DEFAULT_HOST, TLS
from .errors import UsageError, fail
from .hosts import CONNECTION_REFUSED, HostError, dial_refusal, parse_host

CONNECT_TIMEOUT = 3.0
REQUEST_TIMEOUT = 120.0


def current_spec() -> tuple[str, TLS | None]:
    """Address and TLS settings of the engine the CLI would use now."""
    from .contexts import current_context_name

    name = current_context_name()
    try:
        return context_spec(name)
    except UsageError:
        if name == os.environ.get("DOCKER_CONTEXT"):
            raise
        from .contexts import config_dir

        raise fail(
            f'Current context "{name}" is not found on the file system, please check your config file at '
            f"{config_dir() / 'config.json'}"
        ) from None


def context_spec(name: str) -> tuple[str, TLS | None]:
    """Address and TLS settings of a context (``default``: ``DOCKER_HOST``, ``DOCKER_TLS_VERIFY``)."""
    from .contexts import read_context

    if name == "default":
        tls = tls_from_environment()
        return user_host(os.environ.get("DOCKER_HOST") or DEFAULT_HOST, tls is not None), tls
    context = read_context(name)
    return context.host, context.tls


def cert_folder() -> Path:
    """Where the CLI looks for ``ca.pem``, ``cert.pem``, ``key.pem``: ``DOCKER_CERT_PATH``, else ``~/.docker``."""
    return Path(os.environ.get("DOCKER_CERT_PATH") or Path.home() / ".docker")


def tls_from_environment() -> TLS | None:
    """``DOCKER_TLS_VERIFY`` and ``DOCKER_CERT_PATH``, as the CLI reads them."""
    if not os.environ.get("DOCKER_TLS_VERIFY"):
        return None
    folder = cert_folder()
    return TLS(verify=True, ca=str(folder / "ca.pem"), cert=str(folder / "cert.pem"), key=str(folder / "key.pem"))


def user_host(value: str, default_to_tls: bool = False) -> str:
    """An engine address a user gave (``-H``, ``DOCKER_HOST``, a URL in ``engines``), read as the CLI reads it."""
    try:
        return parse_host(value, default_to_tls)
    except HostError as exc:
        raise fail(str(exc)) from None


class Engine:
    """One Docker engine, reached at ``host`` through a lazily created docker-py ``APIClient``."""

    def __init__(self, host: str | None = None, tls: TLS | None = None, name: str | None = None) -> None:
        if host is None:
            host, tls = current_spec()
        self.host = host
        self.tls = tls
        self.name = name or host
        self._api: docker.APIClient | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Engine({self.name!r})" if self.name != self.host else f"Engine({self.host!r})"

    def _tls_config(self) -> docker.tls.TLSConfig | bool:
        if self.tls is None:
            return False
        for path in (self.tls.ca, self.tls.cert, self.tls.key):
            if path and not Path(path).is_file():
                raise fail(f"could not read TLS material {path}: open {path}: no such file or directory")
        client_cert = (self.tls.cert, self.tls.key) if self.tls.cert and self.tls.key else None
        verify = (self.tls.ca or True) if self.tls.verify else False
        return docker.tls.TLSConfig(client_cert=client_cert, ca_cert=self.tls.ca, verify=verify)

    @property
    def api(self) -> docker.APIClient:
        """The low-level client, connected (API version negotiated) on first use."""
        if self._api is None:
            refusal = dial_refusal(self.host)
            if refusal == CONNECTION_REFUSED:
                raise fail(self.unreachable_message())
            if refusal and refusal.startswith("Failed"):
                raise fail(refusal)
            if refusal:  # as Go's dialer: nothing sent, no name looked up that cannot be one
                authority = self.host.removeprefix("tcp://")
                raise fail(f'error during connect: Get "http://{authority}/version": {refusal}')
            with self._lock, self.errors():
                if self._api is None:
                    api = transport.connect(self.host, self._tls_config(), CONNECT_TIMEOUT, REQUEST_TIMEOUT)
                    self._api = api
        return self._api

    def pooled_client(self, size: int) -> docker.APIClient:
        """A client of its own holding up to *size* connections, for that many requests side by side (the caller closes it).

        docker-py's pool keeps 10 connections; more at once (the stats of 20 containers) would
        open and drop extra ones, each with a warning from urllib3.
        """
        with self.errors():
            version = self.api.api_version
            return transport.connect(
                self.host, self._tls_config(), CONNECT_TIMEOUT, REQUEST_TIMEOUT, version=version, max_pool_size=size
            )

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
        except transport.ssh_errors() as exc:  # ssh:// (paramiko): no engine reached
            self._api = None
            raise fail(transport.ssh_error_message(self.host, exc)) from None
        except requests.exceptions.SSLError as exc:
            self._api = None
            raise fail(f"error during connect: {self.host}: {_tls_reason(exc)}") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout, ConnectionError):
            self._api = None
            raise fail(self.unreachable_message()) from None
        except DockerException as exc:
            self._api = None
            text = str(exc)
            if "SSLError" in text or ("SSL" in text and "certificate" in text):
                raise fail(f"error during connect: {self.host}: {_tls_reason(exc)}") from None
            if "HTTP request to an HTTPS server" in text:
                raise fail("Error response from daemon: Client sent an HTTP request to an HTTPS server.") from None
            if "Error while fetching server API version" in text:
                raise fail(self.unreachable_message()) from None
            raise fail(text) from None


def _tls_reason(exc: Exception) -> str:
    """The heart of a TLS failure (``certificate verify failed: …``), without the wrapping."""
    text = str(exc)
    match = re.search(r"\[SSL[^\]]*\] ([^(')\]]+)", text)
    return f"tls: {match.group(1).strip()}" if match else "tls: handshake failed"


def api_error_message(exc: APIError) -> str:
    """The CLI's text for an engine error: ``Error response from daemon: <the engine's message>``."""
    explanation = exc.explanation
    if isinstance(explanation, bytes):
        explanation = explanation.decode("utf-8", "replace")
    if not explanation and exc.response is not None:
        explanation = exc.response.reason
    return f"Error response from daemon: {explanation}"


_engines: dict[str, Engine] = {}


def engine_for(host: str, tls: TLS | None = None, name: str | None = None) -> Engine:
    """The ``Engine`` at *host*, one kept per address and TLS settings so its connections are reused."""
    key = f"{host} {tls} {name}"
    engine = _engines.get(key)
    if engine is None:
        engine = _engines[key] = Engine(host, tls, name)
    return engine


class DeferredEngine:
    """An engine named now and resolved on first use (``--context x``, the current context).

    Commands are given one, so those that never talk to the engine (``context use``,
    ``--help``, a usage error) work even when the current context cannot be resolved.
    """

    def __init__(self, resolve: Callable[[], Engine]) -> None:
        self._resolve = resolve
        self._engine: Engine | None = None

    def resolved(self) -> Engine:
        """The engine itself (resolved now if it was not yet)."""
        if self._engine is None:
            self._engine = self._resolve()
        return self._engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolved(), name)

    def __repr__(self) -> str:
        return repr(self._engine) if self._engine is not None else "Engine(<not resolved yet>)"


def default_engine() -> Engine:
    """The engine the docker CLI would talk to now."""
    return engine_for(*current_spec())


def context_engine(name: str) -> Engine:
    """The engine a context of the CLI's store names (``default`` included)."""
    return engine_for(*context_spec(name), name)


HOST_SCHEMES = ("unix://", "tcp://", "ssh://", "npipe://", "http://", "https://")


def resolve_engine(spec: str | Engine) -> Engine:
    """The engine *spec* stands for: an :class:`Engine`, a host URL (``unix://…``, ``tcp://…``, ``ssh://…``) or a context name."""
    if isinstance(spec, DeferredEngine):
        return spec.resolved()
    if isinstance(spec, Engine):
        return spec
    if spec.startswith(HOST_SCHEMES):
        return engine_for(user_host(spec), None, spec)
    return context_engine(spec)


def resolve_engines(specs: list[str | Engine]) -> list[Engine]:
    """The engines *specs* stand for (``"all"`` alone: every context of the CLI's store), each once."""
    if list(specs) == ["all"]:
        from .contexts import list_contexts

        specs = [context.name for context in list_contexts()]
    engines: dict[str, Engine] = {}
    for spec in specs:
        engine = resolve_engine(spec)
        engines.setdefault(engine.name, engine)
    return list(engines.values())
