"""PORTS column and `docker port` output, as docker CLI v28.2.2 formats them (formatter/container.go, port.go)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dockerwidgets.portspec import parse_uint16

__all__ = ["PortNotPublished", "displayable_ports", "join_host_port", "natural_less", "port_lines"]


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


def natural_less(a: str, b: str) -> bool:
    """Compare strings in natural order like fvbommel/sortorder.NaturalLess."""
    s1, s2 = a.encode(), b.encode()
    i = j = 0
    while i < len(s1) and j < len(s2):
        d1, d2 = 48 <= s1[i] <= 57, 48 <= s2[j] <= 57
        if d1 != d2:
            return d1
        if not d1:
            if s1[i] != s2[j]:
                return s1[i] < s2[j]
            i += 1
            j += 1
            continue
        while i < len(s1) and s1[i] == 48:
            i += 1
        while j < len(s2) and s2[j] == 48:
            j += 1
        nz1, nz2 = i, j
        while i < len(s1) and 48 <= s1[i] <= 57:
            i += 1
        while j < len(s2) and 48 <= s2[j] <= 57:
            j += 1
        if i - nz1 != j - nz2:
            return i - nz1 < j - nz2
        if s1[nz1:i] != s2[nz2:j]:
            return s1[nz1:i] < s2[nz2:j]
        if nz1 != nz2:
            return nz1 < nz2
    return len(s1) < len(s2)


class _NaturalKey:
    """Sort key wrapper using natural_less."""

    def __init__(self, text: str) -> None:
        """Store the text."""
        self.text = text

    def __lt__(self, other: _NaturalKey) -> bool:
        """Compare naturally."""
        return natural_less(self.text, other.text)


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
    return sorted(out, key=_NaturalKey)
