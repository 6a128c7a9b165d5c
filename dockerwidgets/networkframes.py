"""``docker network ls`` as data: the CLI's columns and text, the typed twin, and the ``--format`` rows.

The CLI sorts networks by name (``sortorder.NaturalLess``) and shows ``NETWORK ID`` (12
characters unless ``--no-trunc``), ``NAME``, ``DRIVER``, ``SCOPE``; the typed twin
(``frame.docker.typed``) holds the full id, the creation time (UTC Timestamp), the flags
as booleans, the subnets as a list and the labels as a dict.
"""

from __future__ import annotations

import pandas as pd

from .frames import _strings, _utc, with_typed
from .gotemplate import FormatterContext, GoStruct
from .gotime import rfc3339_time_text
from .humanize import natural_key, truncate_id
from .volumeframes import header_label, label_method

NETWORK_COLUMNS = ["NETWORK ID", "NAME", "DRIVER", "SCOPE"]
# docker/cli network.FormatWrite: the header of each field a ``table`` format names.
NETWORK_HEADERS = {
    "ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv4": "IPV4", "IPv6": "IPV6",
    "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED AT",
}  # fmt: skip
NETWORK_CONTEXT = "*network.networkContext"
NETWORK_RAW = "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n"
NETWORK_RAW_QUIET = "network_id: {{.ID}}"


def sorted_networks(networks: list[dict]) -> list[dict]:
    """The networks in the CLI's order: by name, digits compared as numbers."""
    return sorted(networks, key=lambda network: natural_key(network.get("Name") or ""))


def network_subnets(network: dict) -> list[str]:
    """The subnets of a network's IPAM configuration, in its order."""
    configs = (network.get("IPAM") or {}).get("Config") or []
    return [config["Subnet"] for config in configs if config.get("Subnet")]


def networks_frame(networks: list[dict], no_trunc: bool = False) -> pd.DataFrame:
    """``docker network ls`` as a DataFrame, from the engine's ``GET /networks`` list (sorted here, as the CLI does)."""
    networks = sorted_networks(networks)
    ids = [network.get("Id") or "" for network in networks]
    names = [network.get("Name") or "" for network in networks]
    drivers = [network.get("Driver") or "" for network in networks]
    scopes = [network.get("Scope") or "" for network in networks]
    text = {
        "NETWORK ID": _strings(ids if no_trunc else [network_id[:12] for network_id in ids]),
        "NAME": _strings(names),
        "DRIVER": _strings(drivers),
        "SCOPE": _strings(scopes),
    }

    def typed() -> pd.DataFrame:  # built on first use of frame.docker.typed
        return pd.DataFrame(
            {
                "id": _strings(ids),
                "name": _strings(names),
                "driver": _strings(drivers),
                "scope": _strings(scopes),
                "created": _utc([network.get("Created") for network in networks]),
                "internal": [bool(network.get("Internal")) for network in networks],
                "attachable": [bool(network.get("Attachable")) for network in networks],
                "ipv6": [bool(network.get("EnableIPv6")) for network in networks],
                "subnets": [network_subnets(network) for network in networks],
                "labels": [network.get("Labels") or {} for network in networks],
            }
        )

    return with_typed(pd.DataFrame(text, columns=NETWORK_COLUMNS), typed)


def _go_bool(value: object) -> str:
    return "true" if value else "false"


def network_context(network: dict, trunc: bool) -> GoStruct:
    """docker/cli's ``networkContext`` of one network: what a ``--format`` template sees."""
    labels = network.get("Labels") or {}
    network_id = network.get("Id") or ""
    fields = {
        "CreatedAt": rfc3339_time_text(network.get("Created")),
        "Driver": network.get("Driver") or "",
        "ID": truncate_id(network_id) if trunc else network_id,
        "IPv4": _go_bool(network.get("EnableIPv4")),
        "IPv6": _go_bool(network.get("EnableIPv6")),
        "Internal": _go_bool(network.get("Internal")),
        "Labels": ",".join(sorted(f"{key}={value}" for key, value in labels.items())),
        "Name": network.get("Name") or "",
        "Scope": network.get("Scope") or "",
    }
    context = FormatterContext(NETWORK_CONTEXT, fields)
    context.methods = label_method(labels)
    return context


def network_headers() -> GoStruct:
    """The header row of a ``table`` format: the column names, ``.Label`` included."""
    return GoStruct(NETWORK_CONTEXT, NETWORK_HEADERS, methods={"Label": header_label})


def network_contexts(networks: list[dict], trunc: bool = True) -> list[GoStruct]:
    """The ``networkContext`` of each network, in the CLI's order."""
    return [network_context(network, trunc) for network in sorted_networks(networks)]
