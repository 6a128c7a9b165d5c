"""``docker volume ls`` as data: the CLI's columns and text, the typed twin, and the ``--format`` rows.

The CLI sorts volumes by name (``sortorder.NaturalLess``) and shows ``DRIVER``, ``VOLUME
NAME``; the typed twin (``frame.docker.typed``) holds what a notebook computes with: the
mountpoint, the creation time as a UTC Timestamp, labels and options as dicts.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .diskusage import volume_context
from .frames import _strings, _utc, with_typed
from .gotemplate import GoStruct
from .humanize import natural_key

VOLUME_COLUMNS = ["DRIVER", "VOLUME NAME"]
# docker/cli formatter.newVolumeContext: the header of each field a ``table`` format names.
VOLUME_HEADERS = {
    "ID": "ID", "Name": "VOLUME NAME", "Group": "GROUP", "Driver": "DRIVER", "Scope": "SCOPE",
    "Availability": "AVAILABILITY", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS", "Links": "LINKS",
    "Size": "SIZE", "Status": "STATUS",
}  # fmt: skip
VOLUME_RAW = "name: {{.Name}}\\ndriver: {{.Driver}}\\n"
VOLUME_RAW_QUIET = "name: {{.Name}}"


def sorted_volumes(volumes: list[dict]) -> list[dict]:
    """The volumes in the CLI's order: by name, digits compared as numbers."""
    return sorted(volumes, key=lambda volume: natural_key(volume.get("Name") or ""))


def volumes_frame(volumes: list[dict]) -> pd.DataFrame:
    """``docker volume ls`` as a DataFrame, from the engine's ``GET /volumes`` list (sorted here, as the CLI does)."""
    volumes = sorted_volumes(volumes)
    names = [volume.get("Name") or "" for volume in volumes]
    drivers = [volume.get("Driver") or "" for volume in volumes]
    text = {"DRIVER": _strings(drivers), "VOLUME NAME": _strings(names)}

    def typed() -> pd.DataFrame:  # built on first use of frame.docker.typed
        return pd.DataFrame(
            {
                "name": _strings(names),
                "driver": _strings(drivers),
                "mountpoint": _strings([volume.get("Mountpoint") or "" for volume in volumes]),
                "created": _utc([volume.get("CreatedAt") for volume in volumes]),
                "labels": [volume.get("Labels") or {} for volume in volumes],
                "scope": _strings([volume.get("Scope") or "" for volume in volumes]),
                "options": [volume.get("Options") or {} for volume in volumes],
            }
        )

    return with_typed(pd.DataFrame(text, columns=VOLUME_COLUMNS), typed)


def header_label(name: str) -> str:
    """docker/cli ``SubHeaderContext.Label``: a ``{{.Label "com.example.some-key"}}`` column's header (``some key``)."""
    return name.split(".")[-1].replace("-", " ").replace("_", " ")


def label_method(labels: dict[str, str] | None) -> dict[str, Callable[[str], str]]:
    """A context's ``Label`` method: one label's value (``""`` when it has none)."""
    labels = labels or {}
    return {"Label": lambda name: labels.get(name, "")}


VOLUME_CONTEXT = "*formatter.volumeContext"


def volume_headers() -> GoStruct:
    """The header row of a ``table`` format: the column names, ``.Label`` included."""
    return GoStruct(VOLUME_CONTEXT, VOLUME_HEADERS, methods={"Label": header_label})


def volume_contexts(volumes: list[dict]) -> list[GoStruct]:
    """docker/cli's ``volumeContext`` of each volume, in the CLI's order: what a ``--format`` template sees."""
    contexts = []
    for volume in sorted_volumes(volumes):
        context = volume_context(volume)
        context.methods = label_method(volume.get("Labels"))
        contexts.append(context)
    return contexts
