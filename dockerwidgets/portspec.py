"""Port specs for -p/--publish and --expose, as docker CLI v28.2.2 parses them (go-connections nat v0.5.0)."""

from __future__ import annotations

import ipaddress
import re

from dockerwidgets import goconv

__all__ = [
    "InvalidPortSpec",
    "PortMapping",
    "convert_to_standard_notation",
    "parse_expose",
    "parse_port_config",
    "parse_port_range",
    "parse_port_spec",
    "parse_publish",
    "parse_uint",
    "parse_uint16",
    "split_proto_port",
]

PortMapping = tuple[str, dict[str, str]]

_VALID_PROTOS = ("tcp", "udp", "sctp")


class InvalidPortSpec(ValueError):
    """Raised for an invalid port specification (message text as in Go)."""


def parse_uint(text: str, bits: int = 64) -> int:
    """Parse like Go's strconv.ParseUint(text, 10, bits), raising its NumError text (the first fault found wins)."""
    try:
        return goconv.parse_uint(text, 10, bits)
    except goconv.NumError as exc:
        raise InvalidPortSpec(str(exc)) from None


def parse_uint16(text: str) -> int:
    """Parse like Go's strconv.ParseUint(text, 10, 16), raising its NumError text."""
    return parse_uint(text, 16)


def parse_port_range(ports: str) -> tuple[int, int]:
    """Parse '8000' or '8000-9000' into (start, end) like nat.ParsePortRange (go-connections v0.5.0)."""
    if ports == "":
        raise InvalidPortSpec("empty string specified for ports")
    if "-" not in ports:
        port = parse_uint16(ports)
        return port, port
    parts = ports.split("-")
    start, end = parse_uint16(parts[0]), parse_uint16(parts[1])
    if end < start:
        raise InvalidPortSpec(f"invalid range specified for port: {ports}")
    return start, end


def split_proto_port(raw: str) -> tuple[str, str]:
    """Split 'port[/proto]' into (proto, port) like nat.SplitProtoPort; proto defaults to tcp."""
    parts = raw.split("/")
    if raw == "" or parts[0] == "":
        return "", ""
    if len(parts) == 1:
        return "tcp", raw
    return parts[1] or "tcp", parts[0]


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
    """Parse one '[ip:][hostPort:]containerPort[/proto]' spec like nat.ParsePortSpec (v0.5.0)."""
    ip, host_port, container_port = _split_parts(raw)
    proto, container_port = split_proto_port(container_port)
    if ip.startswith("["):
        try:
            ip = _split_host_port(ip + ":")
        except InvalidPortSpec as err:
            raise InvalidPortSpec(f"invalid IP address {ip}: {err}") from None
    if ip and not _valid_ip(ip):
        raise InvalidPortSpec("invalid IP address: " + ip)
    if container_port == "":
        raise InvalidPortSpec(f"no port specified: {raw}<empty>")
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
    if host_port and end - start != end_host - start_host and end != start:
        raise InvalidPortSpec(
            f"invalid ranges specified for container and host Ports: {container_port} and {host_port}"
        )
    if proto.lower() not in _VALID_PROTOS:
        raise InvalidPortSpec("invalid proto: " + proto)
    mappings: list[PortMapping] = []
    for i in range(end - start + 1):
        h_port = str(start_host + i) if host_port else ""
        if start == end and start_host != end_host:
            h_port += f"-{end_host}"
        mappings.append((f"{start + i}/{proto.lower()}", {"HostIp": ip, "HostPort": h_port}))
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
                raise InvalidPortSpec(f"invalid publish opts format (should be name=value but got '{param}')")
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
    """Parse --expose values ('80', '80/udp', '8000-8010/tcp') into Engine API ExposedPorts like the CLI."""
    exposed: dict[str, dict] = {}
    for spec in specs:
        if ":" in spec:
            raise InvalidPortSpec(f"invalid port format for --expose: {spec}")
        proto, port = split_proto_port(spec)
        try:
            start, end = parse_port_range(port)
        except InvalidPortSpec as err:
            raise InvalidPortSpec(f"invalid range format for --expose: {spec}, error: {err}") from None
        for number in range(start, end + 1):
            exposed.setdefault(f"{number}/{proto}", {})
    return exposed


_LONG_PORT = re.compile(r"\w+=\w+(,\w+=\w+)*")


def parse_port_config(spec: str) -> list[dict]:
    """One ``service create -p/--publish`` value as the engine's PortConfigs, like the CLI's opts.PortOpt.Set.

    The long syntax (``published=8080,target=80,protocol=udp,mode=host``) gives one port; the
    short one (``8080:80/udp``, ``8080-8081:80-81``, ``80``) one per port of its range, published
    on the ingress network.
    """
    if _LONG_PORT.search(spec):
        return [_long_port_config(spec)]
    mappings = parse_port_spec(spec)
    ports = []
    for container_port, binding in mappings:
        if binding["HostIp"]:
            raise InvalidPortSpec("hostip is not supported")
        number, _, protocol = container_port.partition("/")
        first, _, last = binding["HostPort"].partition("-")
        published = range(int(first), int(last or first) + 1) if first else range(0, 1)
        ports.extend(
            {"Protocol": protocol, "TargetPort": int(number), "PublishedPort": port, "PublishMode": "ingress"}
            for port in published
        )
    return ports


def _long_port_config(spec: str) -> dict:
    """``published=8080,target=80[,protocol=…][,mode=…]`` as one PortConfig (keys and values case-insensitive)."""
    port: dict = {"Protocol": "tcp", "PublishMode": "ingress"}
    for field in spec.split(","):
        key, sep, value = field.lower().partition("=")
        if not sep or not key:
            raise InvalidPortSpec(f"invalid field: {field}")
        if key == "protocol":
            if value not in _VALID_PROTOS:
                raise InvalidPortSpec(f"invalid protocol value '{value}'")
            port["Protocol"] = value
        elif key == "mode":
            if value not in ("ingress", "host"):
                raise InvalidPortSpec(f"invalid publish mode value ({value}): must be either 'ingress' or 'host'")
            port["PublishMode"] = value
        elif key in ("target", "published"):
            try:
                number = parse_uint16(value)
            except InvalidPortSpec as exc:
                reason = str(exc).rsplit(": ", 1)[-1]
                raise InvalidPortSpec(f"invalid {key} port ({value}): value must be an integer: {reason}") from None
            port["TargetPort" if key == "target" else "PublishedPort"] = number
        else:
            raise InvalidPortSpec(f"invalid field key: {key}")
    if not port.get("TargetPort"):
        raise InvalidPortSpec("missing mandatory field 'target'")
    return port
