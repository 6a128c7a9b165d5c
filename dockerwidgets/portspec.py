"""Port specs for -p/--publish and --expose, modelled on go-connections nat and docker/cli opts.go."""

from __future__ import annotations

import ipaddress
import re

__all__ = [
    "InvalidPortSpec",
    "PortMapping",
    "convert_to_standard_notation",
    "parse_expose",
    "parse_port_range",
    "parse_port_spec",
    "parse_publish",
]

PortMapping = tuple[str, dict[str, str]]

_VALID_PROTOS = ("tcp", "udp", "sctp")
_GO_INT_RE = re.compile(r"[+-]?[0-9]+", re.ASCII)


class InvalidPortSpec(ValueError):
    """Raised for an invalid port specification (message text as in Go)."""


def _parse_port_number(raw: str) -> int:
    """Parse one port number like nat.parsePortNumber (strconv.ParseInt base 10)."""
    if raw == "":
        raise InvalidPortSpec("value is empty")
    if not _GO_INT_RE.fullmatch(raw):
        raise InvalidPortSpec("invalid syntax")
    port = int(raw)
    if not -(2**63) <= port < 2**63:
        raise InvalidPortSpec("value out of range")
    if port < 0 or port > 65535:
        raise InvalidPortSpec("value out of range (0\u201365535)")
    return port


def parse_port_range(ports: str) -> tuple[int, int]:
    """Parse '8000' or '8000-9000' into (start, end) like nat.parsePortRange."""
    if ports == "":
        raise InvalidPortSpec("empty string specified for ports")
    start, sep, end = ports.partition("-")
    try:
        start_port = _parse_port_number(start)
    except InvalidPortSpec as err:
        raise InvalidPortSpec(f"invalid start port '{start}': {err}") from None
    if not sep or start == end:
        return start_port, start_port
    try:
        end_port = _parse_port_number(end)
    except InvalidPortSpec as err:
        raise InvalidPortSpec(f"invalid end port '{end}': {err}") from None
    if end_port < start_port:
        raise InvalidPortSpec("invalid port range: " + ports)
    return start_port, end_port


def _split_parts(raw: str) -> tuple[str, str, str]:
    """Split '[ip:]hostPort:containerPort' like nat.splitParts."""
    parts = raw.split(":")
    if len(parts) == 1:
        return "", "", parts[0]
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return ":".join(parts[:-2]), parts[-2], parts[-1]


def _split_host_port(hostport: str) -> str:
    """Return the host of a bracketed 'host:port' like net.SplitHostPort, raising Go's AddrError text."""

    def fail(why: str) -> InvalidPortSpec:
        """Build an AddrError-style message."""
        return InvalidPortSpec(f"address {hostport}: {why}")

    i = hostport.rfind(":")
    if i < 0:
        raise fail("missing port in address")
    end = hostport.find("]")
    if end < 0:
        raise fail("missing ']' in address")
    if end + 1 == len(hostport):
        raise fail("missing port in address")
    if end + 1 != i:
        raise fail("too many colons in address" if hostport[end + 1] == ":" else "missing port in address")
    if "[" in hostport[1:]:
        raise fail("unexpected '[' in address")
    if "]" in hostport[end + 1 :]:
        raise fail("unexpected ']' in address")
    return hostport[1:end]


def _valid_ip(ip: str) -> bool:
    """Report whether Go's net.ParseIP would accept ip."""
    if "%" in ip:
        return False
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        return False
    return True


def parse_port_spec(raw: str) -> list[PortMapping]:
    """Parse one '[ip:][hostPort:]containerPort[/proto]' spec like nat.ParsePortSpec."""
    ip, host_port, container_port = _split_parts(raw)
    container_port, _, proto = container_port.partition("/")
    if container_port == "":
        raise InvalidPortSpec(f"no port specified: {raw}<empty>")
    proto = (proto or "tcp").lower()
    if proto not in _VALID_PROTOS:
        raise InvalidPortSpec("invalid proto: " + proto)
    if ip.startswith("["):
        try:
            ip = _split_host_port(ip + ":")
        except InvalidPortSpec as err:
            raise InvalidPortSpec(f"invalid IP address {ip}: {err}") from None
    if ip and not _valid_ip(ip):
        raise InvalidPortSpec("invalid IP address: " + ip)
    try:
        start, end = parse_port_range(container_port)
    except InvalidPortSpec:
        raise InvalidPortSpec("invalid containerPort: " + container_port) from None
    start_host = end_host = 0
    if host_port:
        try:
            start_host, end_host = parse_port_range(host_port)
        except InvalidPortSpec:
            raise InvalidPortSpec("invalid hostPort: " + host_port) from None
        if end - start != end_host - start_host and end != start:
            raise InvalidPortSpec(
                f"invalid ranges specified for container and host Ports: {container_port} and {host_port}"
            )
    count = end - start + 1
    mappings: list[PortMapping] = []
    for i in range(count):
        h_port = ""
        if host_port:
            h_port = str(start_host + i)
            if count == 1 and start_host != end_host:
                h_port += f"-{end_host}"
        mappings.append((f"{start + i}/{proto}", {"HostIp": ip, "HostPort": h_port}))
    return mappings


def convert_to_standard_notation(specs: list[str]) -> list[str]:
    """Convert long-syntax 'target=80,published=8080' specs to short syntax like the docker CLI."""
    result: list[str] = []
    for spec in specs:
        if "=" not in spec:
            result.append(spec)
            continue
        params = {"protocol": "tcp"}
        for param in spec.split(","):
            key, sep, value = param.partition("=")
            if not sep or key == "":
                raise InvalidPortSpec(
                    f"invalid publish opts format (should be name=value but got '{param}')"
                )
            params[key] = value
        result.append(f"{params.get('published', '')}:{params.get('target', '')}/{params['protocol']}")
    return result


def parse_publish(specs: list[str]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Parse -p/--publish values into Engine API (ExposedPorts, PortBindings) like nat.ParsePortSpecs."""
    exposed: dict[str, dict] = {}
    bindings: dict[str, list[dict]] = {}
    for spec in convert_to_standard_notation(list(specs)):
        for port, binding in parse_port_spec(spec):
            exposed.setdefault(port, {})
            bindings.setdefault(port, []).append(binding)
    return exposed, bindings


def parse_expose(specs: list[str]) -> dict[str, dict]:
    """Parse --expose values ('80', '80/udp', '8000-8010/tcp') into Engine API ExposedPorts."""
    exposed: dict[str, dict] = {}
    for spec in specs:
        try:
            if spec == "":
                raise InvalidPortSpec("invalid port range: value is empty")
            port_range, _, proto = spec.partition("/")
            start, end = _parse_expose_range(port_range, spec)
        except InvalidPortSpec as err:
            raise InvalidPortSpec(f"invalid range format for --expose: {err}") from None
        proto = (proto or "tcp").lower()
        for port in range(start, end + 1):
            exposed.setdefault(f"{port}/{proto}", {})
    return exposed


def _parse_uint16(raw: str) -> int:
    """Parse a port like moby's network.parsePortNumber (strconv.ParseUint(raw, 10, 16))."""
    if raw == "":
        raise InvalidPortSpec("value is empty")
    if not raw.isascii() or not raw.isdigit():
        raise InvalidPortSpec("invalid syntax")
    if int(raw) > 65535:
        raise InvalidPortSpec("value out of range")
    return int(raw)


def _parse_expose_range(port_range: str, spec: str) -> tuple[int, int]:
    """Parse the port part of an --expose value like moby's network.ParsePortRange."""
    start, sep, end = port_range.partition("-")
    try:
        start_port = _parse_uint16(start)
    except InvalidPortSpec as err:
        raise InvalidPortSpec(f"invalid start port '{start}': {err}") from None
    if not sep or start == end:
        return start_port, start_port
    try:
        end_port = _parse_uint16(end)
    except InvalidPortSpec as err:
        raise InvalidPortSpec(f"invalid end port '{end}': {err}") from None
    if end_port < start_port:
        raise InvalidPortSpec("invalid port range: " + spec)
    return start_port, end_port
