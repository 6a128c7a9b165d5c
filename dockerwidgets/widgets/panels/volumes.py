"""VolumePanel: ``%docker volume ls`` as a live table, with who uses each volume, create, remove and prune.

Create takes the name (empty: the engine names it) and the driver from the boxes beside it;
remove and prune ask first (prune with the CLI's own warning). Every call goes through
``ops.volumes`` on the panel's worker; the rows change by the engine's volume events (and the
container events that change who mounts what).
"""

from __future__ import annotations

from .datamodels import VolumeModel
from .named import NamedObjectPanel

__all__ = ["VolumePanel"]


class VolumePanel(NamedObjectPanel):
    """The engine's volumes, live: filter, sort, page; create, remove (asked first), prune, inspect."""

    model_class = VolumeModel
    name_hint = "new volume's name (empty: random)"
    name_width = "240px"
    driver_hint = "driver (local)"
    filter_hint = "filter: name, driver, container"
