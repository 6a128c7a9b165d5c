"""``docker network create|ls|inspect|rm|connect|disconnect|prune``: argv to :mod:`dockerwidgets.ops.networks`.

``ls`` is a DataFrame with the CLI's columns (:func:`~dockerwidgets.networkframes.networks_frame`),
or the CLI's text for ``--format``; ``create`` checks subnets, ranges and gateways as the
CLI does before asking the engine; ``rm`` checks every network before removing any;
``prune`` asks first (a :class:`~dockerwidgets.results.Confirmation`) unless ``-f``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..argparsing import CommandParser, add_flag
from ..cliformat import RAW, TABLE
from ..engine import Engine
from ..humanize import truncate_id
from ..networkframes import NETWORK_RAW, NETWORK_RAW_QUIET, network_contexts, network_headers, sorted_networks
from ..ops import networks as ops
from ..results import CliText, Confirmation, IdList, PanelRequest, lines
from .containers import parse_filters
from .registry import command
from .volume import formatted_rows, inspect_each, inspect_result, parse_labels, parse_options, prune_report


def comma_list(values: Sequence[str] | None) -> list[str]:
    """A ``StringSlice`` flag (``--subnet a,b --subnet c``): every value, commas splitting them."""
    return [item for value in values or [] for item in value.split(",") if item]


# --- network create -------------------------------------------------------------------------------

_create = CommandParser("network create", "1 argument", "docker network create [OPTIONS] NETWORK")
add_flag(_create, "--attachable", help="Enable manual container attachment")
_create.add_argument("-d", "--driver", default="bridge", help="Driver to manage the Network")
_create.add_argument("--gateway", action="append", help="IPv4 or IPv6 Gateway for the master subnet")
add_flag(_create, "--internal", help="Restrict external access to the network")
_create.add_argument("--ip-range", action="append", help="Allocate container ip from a sub-range")
_create.add_argument("--ipam-driver", default="default", help="IP Address Management Driver")
_create.add_argument("--ipam-opt", action="append", help="Set IPAM driver specific options")
add_flag(_create, "--ipv6", help="Enable or disable IPv6 address assignment")
_create.add_argument("--label", action="append", help="Set metadata on a network")
_create.add_argument("-o", "--opt", action="append", help="Set driver specific options")
_create.add_argument("--subnet", action="append", help="Subnet in CIDR format that represents a network segment")
_create.add_argument("network", metavar="NETWORK")


@command("network create")
def network_create(args: list[str], engine: Engine, **_: Any) -> CliText:
    """``docker network create NAME``: prints the new network's id."""
    ns = _create.parse(args)
    labels = parse_labels(ns.label)
    ipam = ops.Ipam(
        subnets=comma_list(ns.subnet), ip_ranges=comma_list(ns.ip_range), gateways=comma_list(ns.gateway),
        driver=ns.ipam_driver, options=parse_options(ns.ipam_opt),
    )  # fmt: skip
    network_id = ops.create_network(
        engine, ns.network, driver=ns.driver, options=parse_options(ns.opt), ipam=ipam, internal=ns.internal,
        labels=labels, attachable=ns.attachable, ipv6=ns.ipv6,
    )  # fmt: skip
    return CliText(network_id)


# --- network ls -----------------------------------------------------------------------------------

_ls = CommandParser("network ls", "no arguments", "docker network ls [OPTIONS]")
_ls.add_argument("-f", "--filter", action="append", help='Provide filter values (e.g. "driver=bridge")')
_ls.add_argument("--format", default="", help="Format output using a custom template")
add_flag(_ls, "--no-trunc", help="Do not truncate the output")
_ls.add_argument("--panel", action="store_true", help="Show the networks panel")
add_flag(_ls, "-q", "--quiet", help="Only display network IDs")


@command("network ls", "network list")
def network_ls(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker network ls``: a DataFrame (NETWORK ID, NAME, DRIVER, SCOPE; typed twin beside); ``-q``: ids; ``--format``: text.

    One ``GET /networks``; the engine checks the filters (driver, id, label, name, scope, type, dangling).
    """
    ns = _ls.parse(args)
    if ns.panel:  # the live table, with the containers using each
        return PanelRequest("networks", engine, {"filters": parse_filters(ns.filter) or None})
    networks = ops.list_networks(engine, parse_filters(ns.filter))
    format = ns.format or TABLE
    if format == TABLE:
        if ns.quiet:
            ids = (network["Id"] for network in sorted_networks(networks))
            return IdList(ids if ns.no_trunc else map(truncate_id, ids))
        from ..networkframes import networks_frame

        return networks_frame(networks, no_trunc=ns.no_trunc)
    if format == RAW:
        format = NETWORK_RAW_QUIET if ns.quiet else NETWORK_RAW
    return formatted_rows(format, network_contexts(networks, trunc=not ns.no_trunc), network_headers())


# --- network inspect ------------------------------------------------------------------------------

_inspect = CommandParser(
    "network inspect", "at least 1 argument", "docker network inspect [OPTIONS] NETWORK [NETWORK...]"
)
_inspect.add_argument("-f", "--format", default="", help="Format output using a custom template")
add_flag(_inspect, "-v", "--verbose", help="Verbose output for diagnostics")
_inspect.add_argument("networks", nargs="+", metavar="NETWORK")


@command("network inspect")
def network_inspect(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker network inspect``: the engine's JSON of each network; ``-f``: a template's line per network."""
    ns = _inspect.parse(args)
    objects = inspect_each(ns.networks, lambda ref: ops.inspect_network(engine, ref, verbose=ns.verbose))
    if ns.format:
        objects = [as_inspect_struct(obj) for obj in objects]
    return inspect_result(objects, ns.format)


IPAM_CONFIG_FIELDS = ("Subnet", "IPRange", "Gateway")


def as_inspect_struct(network: dict) -> dict:
    """The network as the CLI's template sees it (its ``network.Inspect`` struct): a field the engine left out is empty.

    ``{{range .IPAM.Config}}{{.Gateway}}{{end}}`` prints nothing for a subnet without a gateway, as the CLI does.
    """
    ipam = dict(network.get("IPAM") or {})
    ipam["Config"] = [
        {**{key: "" for key in IPAM_CONFIG_FIELDS}, **config}
        for config in ipam.get("Config") or []
    ]
    ipam["Options"] = ipam.get("Options") or {}
    return {**network, "IPAM": ipam, "Options": network.get("Options") or {}, "Labels": network.get("Labels") or {},
            "Containers": network.get("Containers") or {}}  # fmt: skip


# --- network rm -----------------------------------------------------------------------------------

_rm = CommandParser("network rm", "at least 1 argument", "docker network rm NETWORK [NETWORK...]")
add_flag(_rm, "-f", "--force", help="Do not error if the network does not exist")
_rm.add_argument("networks", nargs="+", metavar="NETWORK")


@command("network rm", "network remove")
def network_rm(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker network rm``: every network checked first (missing, in use: the engine's lines, nothing removed); prints the names."""
    ns = _rm.parse(args)
    return lines(ops.remove_networks(engine, ns.networks, force=ns.force))


# --- network connect / disconnect -----------------------------------------------------------------

_connect = CommandParser("network connect", "2 arguments", "docker network connect [OPTIONS] NETWORK CONTAINER")
_connect.add_argument("--alias", action="append", help="Add network-scoped alias for the container")
_connect.add_argument("--ip", default="", help='IPv4 address (e.g., "172.30.100.104")')
_connect.add_argument("--ip6", default="", help='IPv6 address (e.g., "2001:db8::33")')
_connect.add_argument("network", metavar="NETWORK")
_connect.add_argument("container", metavar="CONTAINER")


@command("network connect")
def network_connect(args: list[str], engine: Engine, **_: Any) -> None:
    """``docker network connect NETWORK CONTAINER``: prints nothing, as the CLI."""
    ns = _connect.parse(args)
    ops.connect(engine, ns.network, ns.container, aliases=comma_list(ns.alias), ipv4=ns.ip, ipv6=ns.ip6)


_disconnect = CommandParser(
    "network disconnect", "2 arguments", "docker network disconnect [OPTIONS] NETWORK CONTAINER"
)
add_flag(_disconnect, "-f", "--force", help="Force the container to disconnect from a network")
_disconnect.add_argument("network", metavar="NETWORK")
_disconnect.add_argument("container", metavar="CONTAINER")


@command("network disconnect")
def network_disconnect(args: list[str], engine: Engine, **_: Any) -> None:
    """``docker network disconnect NETWORK CONTAINER``: prints nothing, as the CLI."""
    ns = _disconnect.parse(args)
    ops.disconnect(engine, ns.network, ns.container, force=ns.force)


# --- network prune --------------------------------------------------------------------------------

_prune = CommandParser("network prune", "no arguments", "docker network prune [OPTIONS]")
_prune.add_argument("--filter", action="append", help='Provide filter values (e.g. "until=<timestamp>")')
add_flag(_prune, "-f", "--force", help="Do not prompt for confirmation")

PRUNE_WARNING = "WARNING! This will remove all custom networks not used by at least one container."
BUILTIN_NETWORKS = ("bridge", "host", "none", "ingress")
ACTIVE_STATES = ("running", "paused", "restarting")


@command("network prune")
def network_prune(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker network prune``: asks first (a :class:`Confirmation` naming what would go) unless ``-f``."""
    ns = _prune.parse(args)
    filters = parse_filters(ns.filter, "--filter")

    def prune() -> CliText | None:
        report = ops.prune_networks(engine, filters)
        return prune_report(report, "Networks", space=False) if report.get("NetworksDeleted") else None

    if ns.force:
        return prune()
    active = {  # the engine prunes a network whose containers are all stopped: they hold no endpoint
        network_id
        for network_id, uses in ops.network_users(engine).items()
        if any(use.state in ACTIVE_STATES for use in uses)
    }
    unused = [
        network["Name"]
        for network in sorted_networks(ops.list_networks(engine, {"type": ["custom"]}))
        if network["Id"] not in active and network["Name"] not in BUILTIN_NETWORKS
    ]
    listing = (
        f" ({len(unused)}: {', '.join(unused[:10])}{', …' if len(unused) > 10 else ''})" if unused else " (none now)"
    )
    return Confirmation(PRUNE_WARNING + listing, prune)
