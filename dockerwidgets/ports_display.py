"""PORTS column and `docker port` output, as docker CLI v28.2.2 formats them (formatter/container.go, port.go)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dockerwidgets.humanize import natural_key
from dockerwidgets.portspec import parse_uint16

__all__ = ["PortNotPublished", "displayable_ports", "join_host_port", "port_lines"]


class PortNotPublished(ValueError):
    """Raised by port_lines for an invalid private port or one with no public binding."""


def join_host_port(host: str, port: str) -> str:
    """Combine host and port like Go's net.JoinHostPort (brackets hosts containing ':')."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _form_group(key: str, start: int, last: int) -> str:
    """Format one port group like formGroup."""
    parts = key.split("/")
    group_type, ip = parts[0], ""
    if len(parts) > 1:
        ip, group_type = parts[0], parts[1]
    group = str(start) if start == last else f"{start}-{last}"
    if ip:
        group = f"{join_host_port(ip, group)}->{group}"
    return f"{group}/{group_type}"


def displayable_ports(ports: Sequence[Mapping[str, Any]] | None) -> str:
    """Return the PORTS column text for an Engine API container summary's Ports list."""
    items = sorted(
        ports or [],
        key=lambda p: (
            int(p.get("PrivatePort") or 0),
            str(p.get("IP") or "").encode(),
            int(p.get("PublicPort") or 0),
            str(p.get("Type") or ""),
        ),
    )
    groups: dict[str, list[int]] = {}
    result: list[str] = []
    host_mappings: list[str] = []
    for port in items:
        current = int(port.get("PrivatePort") or 0)
        public = int(port.get("PublicPort") or 0)
        port_type = str(port.get("Type") or "")
        ip = str(port.get("IP") or "")
        key = port_type
        if ip:
            if public != current:
                mapping = f"{join_host_port(ip, str(public))}->{current}/{port_type}"
                host_mappings.append(mapping)
                continue
            key = f"{ip}/{port_type}"
        group = groups.get(key)
        if group is None:
            groups[key] = [current, current]
            continue
        if current == group[1] + 1:
            group[1] = current
            continue
        result.append(_form_group(key, group[0], group[1]))
        groups[key] = [current, current]
    result.extend(_form_group(key, first, last) for key, (first, last) in groups.items())
    result.extend(host_mappings)
    return ", ".join(result)


def _as_port_map(ports: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None) -> dict[str, list[dict]]:
    """Accept NetworkSettings.Ports (inspect) or a container summary Ports list."""
    if ports is None:
        return {}
    if isinstance(ports, Mapping):
        return {key: list(value or []) for key, value in ports.items()}
    result: dict[str, list[dict]] = {}
    for port in ports:
        key = f"{port.get('PrivatePort')}/{port.get('Type') or 'tcp'}"
        bindings = result.setdefault(key, [])
        if port.get("PublicPort"):
            bindings.append({"HostIp": port.get("IP") or "", "HostPort": str(port["PublicPort"])})
    return result


def port_lines(
    ports: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    private_port: str | None = None,
    container: str = "",
) -> list[str]:
    """Return `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` output lines, naturally sorted like the CLI."""
    port_map = _as_port_map(ports)
    out: list[str] = []
    if private_port:
        port, _, proto = private_port.partition("/")
        try:
            parse_uint16(port)
        except ValueError as err:
            raise PortNotPublished(f"Error: invalid port ({port}): {err}") from None
        frontends = port_map.get(f"{port}/{proto or 'tcp'}") or []
        if not frontends:
            raise PortNotPublished(f"Error: No public port '{private_port}' published for {container}")
        out = [join_host_port(f.get("HostIp") or "", str(f.get("HostPort") or "")) for f in frontends]
    else:
        for key, frontends in port_map.items():
            for f in frontends:
                out.append(f"{key} -> {join_host_port(f.get('HostIp') or '', str(f.get('HostPort') or ''))}")
    return sorted(out, key=natural_key)
