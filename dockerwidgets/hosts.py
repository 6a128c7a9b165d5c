"""Engine addresses as the CLI reads them: ``-H``/``DOCKER_HOST`` (docker/cli ``opts/hosts.go``) and Go's dial checks.

:func:`parse_host` is a port of the CLI's ``ParseHost``: ``::`` is ``tcp://[::]:2375``, ``:1`` is
``tcp://localhost:1``, ``tcp://`` is ``tcp://localhost:2375``, an empty value the default socket,
and what it refuses gets the CLI's line (``Failed to initialize: unable to resolve docker endpoint:
invalid bind address format: foo://x``). :func:`dial_refusal` says why Go would not even try to
connect to an address it accepted (``lookup 0.0.0.0:70000:80: no such host``, ``address 99999:
invalid port``), so no name that cannot be one is ever looked up.
"""

from __future__ import annotations

import ipaddress
import re

from .humanize import go_quote

DEFAULT_HOST = "unix:///var/run/docker.sock"
DEFAULT_TCP_HOST = "tcp://localhost:2375"
DEFAULT_TLS_HOST = "tcp://localhost:2376"
_HOST_CHARACTERS = re.compile(r"[A-Za-z0-9\-_.~!$&'()*+,;=:\[\]<>\"%]*")


class HostError(ValueError):
    """An address the CLI refuses; ``str()`` is its line."""


def parse_host(value: str, default_to_tls: bool = False) -> str:
    """``ParseHost``: the engine address *value* (``-H``, ``DOCKER_HOST``) stands for, as the CLI reads it."""
    host = value.strip()
    if not host:
        return DEFAULT_TLS_HOST if default_to_tls else DEFAULT_HOST
    try:
        return _daemon_host(host)
    except HostError as exc:
        raise HostError(f"Failed to initialize: unable to resolve docker endpoint: {exc}") from None


def _daemon_host(address: str) -> str:
    proto, has_proto, rest = address.partition("://")
    if not has_proto and proto:
        proto, rest = "tcp", proto
    if proto == "tcp":
        return parse_tcp_address(rest, DEFAULT_TCP_HOST)
    if proto in ("unix", "npipe"):
        if "://" in rest:
            raise HostError(f"invalid proto, expected {proto}: {rest}")
        return f"{proto}://{rest or ('/var/run/docker.sock' if proto == 'unix' else '//./pipe/docker_engine')}"
    if proto in ("fd", "ssh"):
        return address
    raise HostError(f"invalid bind address format: {address}")


def parse_tcp_address(address: str, default: str) -> str:
    """``ParseTCPAddr``: ``host:port[/path]`` with the default's host and port filled in."""
    if address in ("", "tcp://"):
        return default
    body = address.removeprefix("tcp://")
    if "://" in body or not body:
        raise HostError(f"invalid proto, expected tcp: {address}")
    default_host, default_port = default.removeprefix("tcp://").rsplit(":", 1)
    if body.endswith("]:"):
        body += default_port
    url_host, path = _url_host_and_path("tcp://" + body)
    split = _split_host_port(url_host) or _split_host_port(_join_host_port(url_host, default_port))
    if split is None:
        raise HostError(f"invalid bind address format: {address}")
    host, port = split
    return f"tcp://{_join_host_port(host or default_host, port or default_port)}{path}"


def _url_host_and_path(url: str) -> tuple[str, str]:
    """Go's ``url.Parse`` for a ``tcp://`` URL, as far as the CLI uses it: the host (unescaped) and the path."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        raise HostError(f"parse {go_quote(url)}: net/url: invalid control character in URL")
    rest = url[len("tcp://") :]
    rest = rest.split("#", 1)[0].split("?", 1)[0]
    authority, slash, path = rest.partition("/")
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            raise HostError(f"parse {go_quote(url)}: missing ']' in host")
        port = host[end + 1 :]
    else:
        colon = host.rfind(":")
        port = host[colon:] if colon >= 0 else ""
    if port and not (port[0] == ":" and port[1:].isdigit() and port[1:].isascii()) and port != ":":
        raise HostError(f"parse {go_quote(url)}: invalid port {go_quote(port)} after host")
    for char in host:
        if char.isascii() and not _HOST_CHARACTERS.fullmatch(char):
            raise HostError(f"parse {go_quote(url)}: invalid character {go_quote(char)} in host name")
    return _unescape(host, url), (slash + path if slash else "")


def _unescape(text: str, url: str) -> str:
    """``%XX`` escapes of a URL's host."""
    out, index = bytearray(), 0
    raw = text.encode()
    while index < len(raw):
        if raw[index : index + 1] == b"%":
            code = raw[index + 1 : index + 3].decode("ascii", "replace")
            if not re.fullmatch(r"[0-9A-Fa-f]{2}", code):
                raise HostError(f"parse {go_quote(url)}: invalid URL escape {go_quote('%' + code)}")
            out.append(int(code, 16))
            index += 3
        else:
            out.append(raw[index])
            index += 1
    return out.decode("utf-8", "replace")


def _split_host_port(text: str) -> tuple[str, str] | None:
    """Go's ``net.SplitHostPort``, or ``None`` where it fails."""
    colon = text.rfind(":")
    if colon < 0:
        return None
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or end + 1 != colon:
            return None
        host, start, stop = text[1:end], 1, end + 1
    else:
        host, start, stop = text[:colon], 0, 0
        if ":" in host:
            return None
    if "[" in text[start:] or "]" in text[stop:]:
        return None
    return host, text[colon + 1 :]


def _join_host_port(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def is_domain_name(name: str) -> bool:
    """Go's ``isDomainName`` (net/dnsclient.go): what its resolver would look up at all."""
    if name == ".":
        return True
    if not name or len(name) > 254 or (len(name) == 254 and name[-1] != "."):
        return False
    last, non_numeric, part = ".", False, 0
    for char in name:
        if char.isascii() and (char.isalpha() or char == "_"):
            non_numeric, part = True, part + 1
        elif char.isascii() and char.isdigit():
            part += 1
        elif char == "-":
            if last == ".":
                return False
            non_numeric, part = True, part + 1
        elif char == ".":
            if last in ".-" or part > 63 or part == 0:
                return False
            part = 0
        else:
            return False
        last = char
    return last != "-" and part <= 63 and non_numeric


def _is_ip(text: str) -> bool:
    """Go's ``net.ParseIP``: dotted quads without leading zeros, or IPv6 (with a zone for link-local)."""
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


CONNECTION_REFUSED = "connect: connection refused"


def dial_refusal(host: str) -> str | None:
    """Why the CLI gives up on an address before sending anything (Go's ``dial tcp``, its ssh URL check), or ``None``.

    Port 0 is :data:`CONNECTION_REFUSED` (Go dials it and is refused).
    """
    if host.startswith("ssh://"):
        authority = host[len("ssh://") :].partition("/")[0].rpartition("@")[2]
        name = authority.rpartition(":")[0] if ":" in authority else authority
        if not name:
            return "Failed to initialize: ssh host connection is not valid: invalid SSH URL: hostname is empty"
        return None
    if not host.startswith("tcp://"):
        return None
    authority = host[len("tcp://") :].partition("/")[0]
    split = _split_host_port(authority)
    if split is None:
        return None
    name, port = split
    if port and (not port.isdigit() or int(port) > 65535):
        return f"dial tcp: address {port}: invalid port"
    if name and not _is_ip(name) and not is_domain_name(name):
        return f"dial tcp: lookup {name}: no such host"
    if port == "0":
        return CONNECTION_REFUSED
    return None
