"""Networks as typed calls over an :class:`~dockerwidgets.engine.Engine`: list, inspect, create, remove, connect, prune.

What ``%docker network …``, the networks panel and tests call. Each returns the engine's
data (or the names done) and raises the CLI's one-line ``UsageError``. A list is one
request; which containers sit on which network comes from one ``containers?all=1`` list
(:func:`network_users`). :func:`remove_networks` checks every network first, so a
missing or busy one leaves the others as they were.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field

from docker.errors import NotFound

from .. import transport
from ..engine import Engine, api_error_message
from ..errors import fail
from .volumes import ContainerUse, container_use

Filters = dict[str, list[str]]


@dataclass
class Ipam:
    """``--subnet``, ``--ip-range``, ``--gateway`` as given (each may be repeated), for :func:`ipam_config`."""

    subnets: list[str] = field(default_factory=list)
    ip_ranges: list[str] = field(default_factory=list)
    gateways: list[str] = field(default_factory=list)
    driver: str = "default"
    options: dict[str, str] = field(default_factory=dict)


def list_networks(engine: Engine, filters: Filters | None = None) -> list[dict]:
    """The engine's networks (``filters`` as it takes them: driver, id, label, name, scope, type, dangling), one request."""
    with engine.errors():
        return engine.api.networks(filters=filters or None) or []


def inspect_network(engine: Engine, ref: str, verbose: bool = False) -> dict:
    """``GET /networks/{ref}`` (name, id or id prefix): the engine's JSON (*verbose*: with the swarm's services)."""
    with engine.errors():
        return engine.api.inspect_network(ref, verbose=verbose or None)


def inspect_networks(engine: Engine, refs: Sequence[str]) -> list[dict]:
    """Inspect every network first: one missing, and its line, before anything else is done."""
    return [inspect_network(engine, ref) for ref in refs]


def _parse_cidr(text: str) -> ipaddress.IPv4Interface | ipaddress.IPv6Interface:
    """Go's ``net.ParseCIDR``: an address with its prefix length (both needed), with Go's error text."""
    try:
        if "/" not in text:
            raise ValueError(text)
        return ipaddress.ip_interface(text)
    except ValueError:
        raise fail(f"invalid CIDR address: {text}") from None


def _contains(subnet: str, data: str) -> bool:
    """The CLI's ``subnetMatches``: whether *data* (an address, or a CIDR's address) lies in *subnet*."""
    try:
        network = _parse_cidr(subnet).network
    except Exception as exc:
        raise fail(f"invalid subnet: {exc}") from None
    if "/" in data:
        address = _parse_cidr(data).ip
    else:
        try:
            address = ipaddress.ip_address(data)
        except ValueError:  # Go's ParseIP gives nil, which no subnet holds
            return False
    return address in network


def ipam_config(ipam: Ipam) -> dict | None:
    """The engine's ``IPAM`` body, checked as the CLI checks it (``createIPAMConfig``), with its lines.

    A subnet alone goes to the engine as given (it judges it: ``Invalid subnet …``); ``None``
    when no subnet, range, gateway, IPAM driver or option is given: the engine picks them.
    """
    if len(ipam.subnets) < len(ipam.ip_ranges) or len(ipam.subnets) < len(ipam.gateways):
        raise fail("every ip-range or gateway must have a corresponding subnet")
    configs: dict[str, dict] = {}
    for subnet in ipam.subnets:
        for known in configs:
            if _contains(subnet, known) or _contains(known, subnet):
                raise fail("multiple overlapping subnet configuration is not supported")
        configs[subnet] = {"Subnet": subnet}
    for ip_range in ipam.ip_ranges:
        matched = False
        for subnet in ipam.subnets:
            _parse_cidr(ip_range)
            if not _contains(subnet, ip_range):
                continue
            if "IPRange" in configs[subnet]:
                raise fail(f"cannot configure multiple ranges ({ip_range}, {configs[subnet]['IPRange']}) "
                           f"on the same subnet ({subnet})")  # fmt: skip
            configs[subnet]["IPRange"] = ip_range
            matched = True
        if not matched:
            raise fail(f"no matching subnet for range {ip_range}")
    for gateway in ipam.gateways:
        matched = False
        for subnet in ipam.subnets:
            if not _contains(subnet, gateway):
                continue
            if "Gateway" in configs[subnet]:
                raise fail(f"cannot configure multiple gateways ({gateway}, {configs[subnet]['Gateway']}) "
                           f"for the same subnet ({subnet})")  # fmt: skip
            configs[subnet]["Gateway"] = gateway
            matched = True
        if not matched:
            raise fail(f"no matching subnet for gateway {gateway}")
    if not configs and ipam.driver == "default" and not ipam.options:
        return None
    return {"Driver": ipam.driver, "Config": list(configs.values()), "Options": dict(ipam.options)}


def create_network(
    engine: Engine,
    name: str,
    driver: str = "bridge",
    options: dict[str, str] | None = None,
    ipam: Ipam | None = None,
    internal: bool = False,
    labels: dict[str, str] | None = None,
    attachable: bool = False,
    ipv6: bool = False,
) -> str:
    """``POST /networks/create``: the new network's id. A name taken is the engine's refusal (checked as the CLI asks)."""
    config = ipam_config(ipam or Ipam())
    with engine.errors():
        reply = engine.api.create_network(
            name, driver=driver or None, options=options or None, ipam=config, check_duplicate=True,
            internal=internal, labels=labels or None, enable_ipv6=ipv6, attachable=attachable or None,
        )  # fmt: skip
    return reply["Id"]


def network_users(engine: Engine, containers: list[dict] | None = None) -> dict[str, list[ContainerUse]]:
    """Which containers (running or not) are attached to each network, by network id: from ONE ``containers?all=1`` list.

    *containers*, that list when the caller has it already.
    """
    if containers is None:
        with engine.errors():
            containers = transport.list_containers(engine.api, all=True)
    users: dict[str, list[ContainerUse]] = {}
    for container in containers:
        use = container_use(container)
        for network in ((container.get("NetworkSettings") or {}).get("Networks") or {}).values():
            network_id = (network or {}).get("NetworkID")
            if network_id:
                users.setdefault(network_id, []).append(use)
    return users


def remove_networks(engine: Engine, refs: Sequence[str], force: bool = False) -> list[str]:
    """Remove each network; the refs removed, as given.

    Every network is checked first: a missing one (skipped with *force*, as the CLI does) or
    one with running containers on it gets the engine's own line, all of them joined, and
    nothing is removed (the CLI would remove the others; a failed cell leaves the engine as it was).
    """
    errors: list[str] = []
    wanted: list[str] = []
    for ref in refs:
        with engine.errors():
            try:
                found = engine.api.inspect_network(ref)
            except NotFound as exc:
                if not force:
                    errors.append(api_error_message(exc))
                continue
        if found.get("Containers"):
            errors.append(_refusal(engine, ref))
            continue
        wanted.append(ref)
    if errors:
        raise fail("\n".join(errors))
    for ref in wanted:
        with engine.errors():
            engine.api.remove_network(ref)
    return wanted


def _refusal(engine: Engine, ref: str) -> str:
    """The engine's own line for removing a network with active endpoints (it refuses and changes nothing)."""
    try:
        with engine.errors():
            engine.api.remove_network(ref)
    except Exception as exc:
        return str(exc)
    return f"Error response from daemon: error while removing network: network {ref} has active endpoints"


def connect(
    engine: Engine,
    network: str,
    container: str,
    aliases: list[str] | None = None,
    ipv4: str | None = None,
    ipv6: str | None = None,
) -> None:
    """``POST /networks/{network}/connect``: attach *container*, with its *aliases* and addresses."""
    with engine.errors():
        engine.api.connect_container_to_network(container, network, ipv4_address=ipv4 or None,
                                                ipv6_address=ipv6 or None, aliases=aliases or None)  # fmt: skip


def disconnect(engine: Engine, network: str, container: str, force: bool = False) -> None:
    """``POST /networks/{network}/disconnect``: detach *container* (*force*: even one gone)."""
    with engine.errors():
        engine.api.disconnect_container_from_network(container, network, force=force)


def prune_networks(engine: Engine, filters: Filters | None = None) -> dict:
    """Remove every custom network no container uses (matching *filters*: until, label); the engine's report."""
    with engine.errors():
        return engine.api.prune_networks(filters=filters or None)
