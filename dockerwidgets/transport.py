"""The engine transport: the only module that knows docker-py's private parts.

Connecting (API version negotiation), hijacked attach/exec sockets, streamed responses
(``logs --follow``, ``service logs``), the ``wait`` response, JSON replies parsed by a
fast parser (docker-py's own calls included), list reads over a unix socket straight
through docker-py's connection pool, and the URL helpers all live here. When docker-py changes, this file changes;
everything above calls these typed functions with a low-level ``APIClient``.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import socket
import sys
import urllib.parse
from collections.abc import Iterator
from typing import Any, Protocol
from urllib.parse import urlencode

import docker
import urllib3
from docker.constants import MINIMUM_DOCKER_API_VERSION
from docker.transport import UnixHTTPAdapter

try:  # a well-kept fast parser; the standard library's when it is absent
    import orjson

    loads = orjson.loads
except ImportError:  # pragma: no cover
    loads = json.loads


def ssh_errors() -> tuple[type[BaseException], ...]:
    """What docker-py's paramiko transport raises when an ssh:// engine cannot be reached.

    Empty until paramiko is loaded (no ssh:// engine, no such error), so nothing here imports it.
    """
    paramiko = sys.modules.get("paramiko")
    if paramiko is None:
        return ()
    return (
        paramiko.SSHException,  # authentication, host keys, a session gone
        paramiko.ssh_exception.NoValidConnectionsError,  # nothing listening
        socket.gaierror,  # an unknown host name
    )


READ_SIZE = 65536
UPGRADE = {"Connection": "Upgrade", "Upgrade": "tcp"}


def parse(body: bytes | str) -> Any:
    """A JSON reply parsed by the fast parser, with the cyclic garbage collector paused meanwhile.

    A reply is a tree of fresh dicts and lists (no cycles): a collection triggered in the
    middle of building the 40,000 of a 1000-container list would only scan them in vain
    (about a tenth of the parse, more in a kernel holding many objects).
    """
    if not gc.isenabled():
        return loads(body)
    gc.disable()
    try:
        return loads(body)
    finally:
        gc.enable()


class _Client(docker.APIClient):
    """docker-py's low-level client, its JSON replies parsed by the fast parser (``inspect``, lists, ``version``)."""

    def _result(self, response: Any, json: bool = False, binary: bool = False) -> Any:
        if not json:
            return super()._result(response, json, binary)
        self._raise_for_status(response)
        return parse(response.content)


def connect(
    host: str,
    tls: docker.tls.TLSConfig | bool,
    connect_timeout: float,
    request_timeout: float,
    version: str | None = None,
    **kwargs: Any,
) -> docker.APIClient:
    """A low-level client for *host*, its API version negotiated with the engine (or *version*, known already).

    The version is asked for explicitly: docker-py's own negotiation would run before
    ``trust_env`` can be turned off (with TLS, ``REQUESTS_CA_BUNDLE`` would replace the
    engine's CA, requests #3829).
    """
    if host.startswith("ssh://") and importlib.util.find_spec("paramiko") is None:
        raise docker.errors.DockerException(
            "ssh:// engines need the paramiko package: pip install 'dockerwidgets[ssh]'"
        )
    # ssh://: docker-py connects with paramiko here (use_ssh_client=False, its default), reading
    # ~/.ssh/config (Hostname, Port, User, IdentityFile, ProxyCommand) and ~/.ssh/known_hosts;
    # a host key it does not know is refused (paramiko's RejectPolicy), as the CLI's ssh does.
    try:
        api = _Client(base_url=host, version=MINIMUM_DOCKER_API_VERSION, timeout=connect_timeout, tls=tls, **kwargs)
    except ValueError as exc:  # docker-py's parse_host on an address it cannot read (a port, an IP): the CLI's words
        raise docker.errors.DockerException(f"unable to parse docker host `{host}`: {exc}") from None
    if tls or host.startswith("unix://"):  # a unix socket has no proxy and no netrc: skip their lookups
        api.trust_env = False
    api._version = version or api._retrieve_server_version()
    api.timeout = request_timeout
    return api


def ssh_error_message(host: str, exc: BaseException) -> str:
    """One line for a failed ssh:// connection (one of :func:`ssh_errors`), in OpenSSH's words where it has them."""
    import paramiko

    if isinstance(exc, paramiko.ssh_exception.NoValidConnectionsError):
        key, error = next(iter(exc.errors.items()))
        address, port = key[:2]
        reason = getattr(error, "strerror", None) or str(error)
        text = f"ssh: connect to host {address} port {port}: {reason}"
    elif isinstance(exc, socket.gaierror):
        text = f"ssh: Could not resolve hostname {urllib.parse.urlparse(host).hostname}: {exc.strerror}"
    elif isinstance(exc, paramiko.BadHostKeyException):
        text = f"Host key verification failed (the key of {exc.hostname} is not the one in ~/.ssh/known_hosts)"
    elif isinstance(exc, paramiko.AuthenticationException):
        text = f"Permission denied ({exc} with the keys of ~/.ssh/config's IdentityFile, ~/.ssh/id_* and the agent)"
    elif "not found in known_hosts" in str(exc):
        text = f"Host key verification failed ({exc}: connect once with ssh to add it)"
    else:
        text = f"ssh: {exc}"
    return f"error during connect: {host}: {text}"


def get_json(api: docker.APIClient, path: str, *args: str, params: dict[str, Any] | None = None) -> Any:
    """``GET path`` (``{0}`` filled from *args*, quoted) parsed by the fast parser; HTTP errors raised as docker-py's."""
    url = api._url(path, *args)
    body = _get_unix(api, url, params)
    if body is None:
        response = api._get(url, params=params)
        api._raise_for_status(response)
        body = response.content
    return parse(body)


def _get_unix(api: docker.APIClient, url: str, params: dict[str, Any] | None) -> bytes | None:
    """A ``GET`` over a unix socket straight through docker-py's connection pool: the body, or ``None``.

    ``requests`` spends more on a request than the engine's list of 1000 containers takes
    to parse (its session merges proxies and netrc from the environment, and reads the body
    in 10 KB pieces); a unix socket has no proxy, no netrc, no TLS. ``None`` means "ask the
    usual way": another transport, a status other than 2xx (the engine redirects a path
    with ``//`` in a name; docker-py's own exception is raised for an error), or a failed
    connection (requests' exception is raised then).
    """
    adapter = api.get_adapter(url)
    if not isinstance(adapter, UnixHTTPAdapter):
        return None
    pool = adapter.get_connection(api.base_url)  # one pool for every path (docker-py keys pools by URL)
    target = url[url.index("/", len("http+docker://")) :]
    query = urlencode({key: value for key, value in (params or {}).items() if value is not None})
    try:
        response = pool.urlopen(
            "GET",
            f"{target}?{query}" if query else target,
            headers=api.headers,
            retries=False,
            timeout=api.timeout,
        )
    except urllib3.exceptions.HTTPError:
        return None
    return response.data if 200 <= response.status < 300 else None  # a redirect (``a//b``) or an error: requests


def get_bytes(api: docker.APIClient, path: str, *args: str, params: dict[str, Any] | None = None) -> bytes:
    """``GET path``: the whole body (a log's bytes, as the engine frames them)."""
    response = api._get(api._url(path, *args), params=params)
    api._raise_for_status(response)
    return response.content


def list_containers(
    api: docker.APIClient, all: bool = False, limit: int = -1, filters: dict | None = None, size: bool = False
) -> list[dict]:
    """``GET /containers/json``: one request, the engine's JSON as it is."""
    params: dict[str, Any] = {"all": int(all), "limit": limit, "size": int(size)}
    if filters:
        params["filters"] = json.dumps(filters)
    return get_json(api, "/containers/json", params=params)


def list_images(api: docker.APIClient, all: bool = False, filters: dict | None = None) -> list[dict]:
    """``GET /images/json``: one request."""
    params: dict[str, Any] = {"all": int(all)}
    if filters:
        params["filters"] = json.dumps(filters)
    return get_json(api, "/images/json", params=params)


def inspect_container_with_size(api: docker.APIClient, container: str) -> dict:
    """``GET /containers/{id}/json?size=1`` (docker-py's ``inspect_container`` takes no size)."""
    return get_json(api, "/containers/{0}/json", container, params={"size": 1})


class EngineStream(Protocol):
    """A connected stream from the engine: read until ``b""``; maybe write."""

    def read(self) -> bytes: ...
    def send(self, data: bytes) -> None: ...
    def shutdown_write(self) -> None: ...
    def close(self) -> None: ...


def _raw_socket(api: docker.APIClient, response: Any) -> socket.socket:
    raw = api._get_raw_response_socket(response)
    return getattr(raw, "_sock", raw)


class HijackedStream:
    """An attach or exec connection, upgraded to a raw socket (both directions)."""

    def __init__(self, api: docker.APIClient, response: Any) -> None:
        self._response = response
        self._sock = _raw_socket(api, response)
        self._sock.settimeout(None)
        # Read through the buffer that parsed the HTTP headers: it may already hold the first bytes.
        self._reader = response.raw._fp.fp

    def read(self) -> bytes:
        try:
            if hasattr(self._reader, "read1"):
                return self._reader.read1(READ_SIZE)
            # ssh://: paramiko's ChannelFile, whose read(n) waits for n bytes. What it buffered, then the channel's.
            buffered = self._reader._rbuffer
            if buffered:
                self._reader._rbuffer = b""
                return bytes(buffered)
            return self._sock.recv(READ_SIZE)
        except (OSError, ValueError, EOFError):
            return b""

    def send(self, data: bytes) -> None:
        self._sock.sendall(data)

    def shutdown_write(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(Exception):
            self._response.close()
        with contextlib.suppress(OSError):
            self._sock.close()


class ResponseStream:
    """A streamed HTTP response (``logs --follow``): read-only, chunked encoding handled by urllib3.

    A live stream gives each chunk as it comes (the engine sends one per log line or event);
    a *bounded* one (a body that ends by itself: ``logs`` without ``--follow``, ``events --until``)
    gives pieces of up to 64 KiB, however small the engine's chunks, so a thousand lines are a
    few reads rather than a thousand.
    """

    def __init__(self, api: docker.APIClient, response: Any, bounded: bool = False) -> None:
        self._response = response
        self._sock = _raw_socket(api, response)
        self._sock.settimeout(None)
        self._bounded = bounded
        self._chunks = None if bounded else response.raw.stream(READ_SIZE, decode_content=False)

    def read(self) -> bytes:
        try:
            if self._chunks is None:
                return self._response.raw.read(READ_SIZE, decode_content=False) or b""
            return next(self._chunks)
        except Exception:
            return b""

    def send(self, data: bytes) -> None:
        raise OSError("this stream takes no input")

    def shutdown_write(self) -> None:
        pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(Exception):
            self._response.close()


class WaitResponse:
    """``POST /containers/{id}/wait`` sent before the start: its answer is the exit code."""

    def __init__(self, api: docker.APIClient, response: Any) -> None:
        self._api = api
        self._response = response

    def exit_code(self, timeout: float) -> int | None:
        """The container's exit code, waiting at most *timeout* seconds for the engine to say it."""
        _raw_socket(self._api, self._response).settimeout(timeout)
        return loads(self._response.content)["StatusCode"]

    def close(self) -> None:
        """Close it, also while a reader waits in :meth:`exit_code` (the socket is shut first, so that read ends)."""
        with contextlib.suppress(Exception):
            _raw_socket(self._api, self._response).shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(Exception):
            self._response.close()


LONGEST_WAIT = 1 << 31  # seconds: beyond this a socket timeout overflows (and it is for ever anyway)


def stop_container(api: docker.APIClient, container: str, timeout: int | None, restart: bool = False) -> None:
    """``POST /containers/{id}/stop`` (or ``restart``), with ``t`` when given; it lasts as long as the engine waits.

    docker-py gives the request its own read timeout plus ``t`` seconds (plus 10 without ``t``):
    for ``-t -1`` (wait for ever, as the engine and the CLI read it), or a container's own longer
    ``--stop-timeout``, that would end the request early with a wrong message, and a ``t`` the CLI
    accepts (any int64) overflows the socket's timeout. The CLI sets no limit of its own; neither does
    this, except the read timeout plus ``t`` for a ``t`` of a sensible size.
    """
    action = "restart" if restart else "stop"
    params = {} if timeout is None else {"t": timeout}
    bounded = timeout is not None and 0 <= timeout and api.timeout is not None and timeout + api.timeout < LONGEST_WAIT
    response = api._post(
        api._url(f"/containers/{{0}}/{action}", container), params=params,
        timeout=api.timeout + timeout if bounded else None,
    )  # fmt: skip
    api._raise_for_status(response)


def open_attach(api: docker.APIClient, container: str, *, stdin: bool, detach_keys: str) -> HijackedStream:
    """``POST /containers/{id}/attach`` upgraded to a raw socket (stdout, stderr, maybe stdin)."""
    params = {"stdin": int(stdin), "stdout": 1, "stderr": 1, "stream": 1, "detachKeys": detach_keys}
    response = api._post(api._url("/containers/{0}/attach", container), params=params, stream=True, headers=UPGRADE)
    api._raise_for_status(response)
    return HijackedStream(api, response)


def open_wait(api: docker.APIClient, container: str, condition: str = "next-exit") -> WaitResponse:
    """Register the wait for *container*'s exit now (before its start), to be read later."""
    response = api._post(
        api._url("/containers/{0}/wait", container), params={"condition": condition}, stream=True, timeout=None
    )
    api._raise_for_status(response)
    return WaitResponse(api, response)


def open_exec(api: docker.APIClient, exec_id: str, *, tty: bool) -> HijackedStream:
    """``POST /exec/{id}/start`` upgraded to a raw socket."""
    response = api._post_json(
        api._url("/exec/{0}/start", exec_id), headers=UPGRADE, data={"Tty": tty, "Detach": False}, stream=True
    )
    api._raise_for_status(response)
    return HijackedStream(api, response)


def open_stream(api: docker.APIClient, path: str, target: str, params: dict[str, Any]) -> ResponseStream:
    """``GET path`` (a logs endpoint with ``follow``) as a stream that never times out."""
    return open_get(api, path, target, params=params)


def open_get(
    api: docker.APIClient, path: str, *args: str, params: dict[str, Any] | None = None, bounded: bool = False
) -> ResponseStream:
    """``GET path`` (``{0}`` filled from *args*) as a stream read piece by piece, never timing out
    (``/events`` until its ``until``, ``/containers/{id}/logs`` of any size): the body is never held whole.

    *bounded*: the body ends by itself, and is read in pieces of up to 64 KiB (see :class:`ResponseStream`).
    """
    response = api._get(api._url(path, *args), params=params, stream=True, timeout=None)
    try:
        api._raise_for_status(response)
    except BaseException:
        response.close()
        raise
    return ResponseStream(api, response, bounded=bounded)


def json_lines(stream: ResponseStream) -> Iterator[Any]:
    """The JSON values of a stream that sends one per line (``/events``), parsed as each line completes."""
    held = b""
    while True:
        chunk = stream.read()
        if not chunk:
            break
        held += chunk
        *complete, held = held.split(b"\n")
        for line in complete:
            if line.strip():
                yield loads(line)
    if held.strip():
        yield loads(held)


def stats_once(api: docker.APIClient, container: str) -> dict:
    """``GET /containers/{id}/stats?stream=0``: one sample, its ``precpu_stats`` filled (the engine waits a cycle for it), as the CLI's ``--no-stream`` asks."""
    return get_json(api, "/containers/{0}/stats", container, params={"stream": 0})


def open_stats(api: docker.APIClient, container: str) -> ResponseStream:
    """``GET /containers/{id}/stats?stream=1``: one JSON object a line, about one a second, until closed."""
    return open_stream(api, "/containers/{0}/stats", container, {"stream": 1})


def _path_stat(header: str | None) -> dict | None:
    """The engine's ``X-Docker-Container-Path-Stat`` header (base64 JSON: name, size, mode, mtime, linkTarget)."""
    if not header:
        return None
    import base64

    return loads(base64.b64decode(header))


def stat_path(api: docker.APIClient, container: str, path: str) -> dict:
    """``HEAD /containers/{id}/archive?path=``: the path's stat (Go's file mode bits); HTTP errors raised as docker-py's."""
    response = api.head(api._url("/containers/{0}/archive", container), params={"path": path})
    api._raise_for_status(response)
    return _path_stat(response.headers.get("X-Docker-Container-Path-Stat")) or {}


class ArchiveStream:
    """``GET /containers/{id}/archive``: the tar as a file object read piece by piece, and the path's stat.

    ``read(n)`` goes to the ``http.client`` response under urllib3's (chunked encoding undone
    there, one copy fewer than urllib3's own ``read``): the body is never held whole.
    """

    def __init__(self, response: Any) -> None:
        self._response = response
        self._body = response.raw._fp  # http.client's response: decodes the chunks itself
        self.stat = _path_stat(response.headers.get("X-Docker-Container-Path-Stat")) or {}

    def read(self, size: int = -1) -> bytes:
        return self._body.read(None if size < 0 else size) or b""

    def readinto(self, buffer: Any) -> int:
        """Fill *buffer* (a big file's data lands there straight from the socket, no bytes made)."""
        return self._body.readinto(buffer) or 0

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._response.close()


def open_archive(api: docker.APIClient, container: str, path: str) -> ArchiveStream:
    """``GET /containers/{id}/archive?path=`` as a stream that never times out.

    The tar is asked for as it is (``Accept-Encoding: identity``), as the CLI receives it:
    a gzip of it would cost both sides time (requests asks for gzip unless told).
    """
    response = api._get(
        api._url("/containers/{0}/archive", container),
        params={"path": path},
        stream=True,
        timeout=None,
        headers={"Accept-Encoding": "identity"},
    )
    try:
        api._raise_for_status(response)
    except BaseException:
        response.close()
        raise
    return ArchiveStream(response)


def put_archive(
    api: docker.APIClient, container: str, path: str, body: Iterator[bytes], copy_uid_gid: bool = False
) -> None:
    """``PUT /containers/{id}/archive``: *body*'s chunks sent as they come (chunked encoding), as the CLI sends them.

    ``noOverwriteDirNonDir`` as the CLI sets it; ``copyUIDGID`` for ``cp -a``. An engine that
    answers before reading everything (a missing path) is heard: urllib3 reads its answer
    after a broken pipe.
    """
    params = {"path": path, "noOverwriteDirNonDir": "true"}
    if copy_uid_gid:
        params["copyUIDGID"] = "true"
    response = api._put(
        api._url("/containers/{0}/archive", container),
        params=params,
        data=body,
        headers={"Content-Type": "application/x-tar"},
        timeout=None,
    )
    try:
        api._raise_for_status(response)
    finally:
        response.close()
