"""NetworkPanel: ``%docker network ls`` as a live table, with the containers on each network, create, remove and prune.

Create takes the name and the driver (empty: the engine's default, bridge) from the boxes
beside it; remove and prune ask first (prune with the CLI's own warning). Every call goes
through ``ops.networks`` on the panel's worker; the rows change by the engine's network
events (create, destroy, connect, disconnect) and the container events that change who is on one.
"""

from __future__ import annotations

from .datamodels import NetworkModel
from .named import NamedObjectPanel

__all__ = ["NetworkPanel"]


class NetworkPanel(NamedObjectPanel):
    """The engine's networks, live: filter, sort, page; create, remove (asked first), prune, inspect."""

    model_class = NetworkModel
    name_hint = "new network's name"
    name_width = "200px"
    driver_hint = "driver (bridge)"
    filter_hint = "filter: name, driver, id, container"
