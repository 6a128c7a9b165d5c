"""``docker system df`` as data: the CLI's numbers and text from one ``GET /system/df`` reply.

A port of docker/cli 28's ``formatter/disk_usage.go`` (the summary: TOTAL, ACTIVE, SIZE,
RECLAIMABLE per type, each counted exactly as the CLI counts it) and of the row contexts its
``-v`` tables and ``--format`` templates read (``imageContext``, ``ContainerContext``,
``volumeContext``, ``buildCacheContext``), with the frames built from them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .frames import container_image, container_names, with_typed
from .gotemplate import FormatterContext, GoStruct
from .gotime import go_time_text, rfc3339_time_text
from .humanize import ellipsis, go_quote, human_duration, human_size, truncate_id
from .ports_display import displayable_ports
from .reference import InvalidReference, parse_reference
from .tabwriter import tabwrite
from .timestamps import rfc3339_seconds

IMAGES, CONTAINERS, VOLUMES, BUILD_CACHE = "Images", "Containers", "Local Volumes", "Build Cache"
TYPES = (IMAGES, CONTAINERS, VOLUMES, BUILD_CACHE)
SUMMARY_COLUMNS = ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]
SUMMARY_HEADERS = {
    "Type": "TYPE",
    "TotalCount": "TOTAL",
    "Active": "ACTIVE",
    "Size": "SIZE",
    "Reclaimable": "RECLAIMABLE",
}
SUMMARY_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
SUMMARY_RAW = (
    "type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n"
)

# The -v tables: the CLI's default format of each section, and the headers its contexts know.
SECTION_TABLES = {
    IMAGES: "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t"
    "{{.UniqueSize}}\t{{.Containers}}",
    CONTAINERS: "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t"
    "{{.Names}}",
    VOLUMES: "table {{.Name}}\t{{.Links}}\t{{.Size}}",
    BUILD_CACHE: "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t"
    "{{.Shared}}",
}
SECTION_HEADERS: dict[str, dict[str, str]] = {
    IMAGES: {"ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST", "CreatedSince": "CREATED",
             "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS", "VirtualSize": "SIZE",
             "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE"},
    CONTAINERS: {"ID": "CONTAINER ID", "Names": "NAMES", "Image": "IMAGE", "Command": "COMMAND",
                 "CreatedAt": "CREATED AT", "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE",
                 "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
                 "LocalVolumes": "LOCAL VOLUMES", "Networks": "NETWORKS", "Platform": "PLATFORM"},
    VOLUMES: {"ID": "ID", "Name": "VOLUME NAME", "Group": "GROUP", "Driver": "DRIVER", "Scope": "SCOPE",
              "Availability": "AVAILABILITY", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS", "Links": "LINKS",
              "Size": "SIZE", "Status": "STATUS"},
    BUILD_CACHE: {"ID": "CACHE ID", "Parent": "PARENT", "CacheType": "CACHE TYPE", "Size": "SIZE",
                  "CreatedSince": "CREATED", "LastUsedSince": "LAST USED", "UsageCount": "USAGE", "InUse": "IN USE",
                  "Shared": "SHARED", "Description": "DESCRIPTION"},
}  # fmt: skip
SECTION_TITLES = {
    IMAGES: "Images space usage:",
    CONTAINERS: "Containers space usage:",
    VOLUMES: "Local Volumes space usage:",
    BUILD_CACHE: "Build cache usage:",
}
# A section's frame: the CLI's columns, in its order, from the context's fields.
SECTION_COLUMNS = {
    section: [(SECTION_HEADERS[section][field], field) for field in _fields]
    for section, _fields in {
        IMAGES: ["Repository", "Tag", "ID", "CreatedSince", "Size", "SharedSize", "UniqueSize", "Containers"],
        CONTAINERS: ["ID", "Image", "Command", "LocalVolumes", "Size", "RunningFor", "Status", "Names"],
        VOLUMES: ["Name", "Links", "Size"],
        BUILD_CACHE: ["ID", "CacheType", "Size", "CreatedSince", "LastUsedSince", "UsageCount", "Shared"],
    }.items()
}
RAW_SECTIONS = {
    IMAGES: "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\n"
    "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n",
    CONTAINERS: "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n"
    "state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\n"
    "ports: {{- pad .Ports 1 0}}\nsize: {{.Size}}\\n",
    VOLUMES: "name: {{.Name}}\\ndriver: {{.Driver}}\\n",
    BUILD_CACHE: "build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\n"
    "description: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\n"
    "last_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\n"
    "in_use: {{.InUse}}\nshared: {{.Shared}}\n",
}
_RAW_NAMES = {IMAGES: "Image", CONTAINERS: "Container", VOLUMES: "Volume", BUILD_CACHE: "Build Cache"}
_RANGES = {IMAGES: "Images", CONTAINERS: "Containers", VOLUMES: "Volumes", BUILD_CACHE: "BuildCache"}
# docker/cli NewDiskUsageFormat("raw", verbose=true): every row of every section, its type first.
VERBOSE_RAW = "".join(
    f"{{{{range .{_RANGES[section]}}}}}type: {_RAW_NAMES[section]}\n{RAW_SECTIONS[section]}\n{{{{end -}}}}\n"
    for section in TYPES
)[:-1]

_ACTIVE_STATES = ("running", "paused", "restarting")


def _percent_text(size: int, reclaimable: int) -> str:
    """``1.2MB (50%)`` (Go's integer division of ``reclaimable*100`` by the total), or the size alone for no total."""
    if size > 0:
        percent = abs(reclaimable * 100) // size * (1 if reclaimable >= 0 else -1)
        return f"{human_size(reclaimable, 4)} ({percent}%)"
    return human_size(reclaimable, 4)


def summary(usage: dict) -> list[dict[str, Any]]:
    """Per type: ``type``, ``total``, ``active``, ``size`` and ``reclaimable`` bytes, as the CLI counts them.

    Images: the engine's ``LayersSize``, less what images with containers use alone (``Size`` −
    ``SharedSize``). Containers: their ``SizeRw``, reclaimable unless running, paused or
    restarting. Volumes: sizes the engine measured, reclaimable when no container refers to them.
    Build cache: records not shared, reclaimable unless in use.
    """
    images = usage.get("Images") or []
    containers = usage.get("Containers") or []
    volumes = usage.get("Volumes") or []
    cache = usage.get("BuildCache") or []

    layers = int(usage.get("LayersSize") or 0)
    used = sum(
        (image.get("Size") or 0) - (image.get("SharedSize") or 0)
        for image in images
        if (image.get("Containers") or 0) != 0 and image.get("Size") != -1 and image.get("SharedSize") != -1
    )
    rw = [int(container.get("SizeRw") or 0) for container in containers]
    active = [(container.get("State") or "") in _ACTIVE_STATES for container in containers]
    measured = [
        volume.get("UsageData") or {} for volume in volumes if ((volume.get("UsageData") or {}).get("Size", -1)) != -1
    ]
    builder = sum(int(record.get("Size") or 0) for record in cache if not record.get("Shared"))
    in_use = sum(int(record.get("Size") or 0) for record in cache if record.get("InUse") and not record.get("Shared"))
    return [
        {"type": IMAGES, "total": len(images), "active": sum((image.get("Containers") or 0) > 0 for image in images),
         "size": layers, "reclaimable": layers - used},
        {"type": CONTAINERS, "total": len(containers), "active": sum(active), "size": sum(rw),
         "reclaimable": sum(size for size, on in zip(rw, active, strict=True) if not on)},
        {"type": VOLUMES, "total": len(volumes),
         "active": sum(((volume.get("UsageData") or {}).get("RefCount") or 0) > 0 for volume in volumes),
         "size": sum(int(data.get("Size") or 0) for data in measured),
         "reclaimable": sum(int(data.get("Size") or 0) for data in measured if not data.get("RefCount"))},
        {"type": BUILD_CACHE, "total": len(cache), "active": sum(bool(record.get("InUse")) for record in cache),
         "size": builder, "reclaimable": builder - in_use},
    ]  # fmt: skip


def summary_contexts(rows: list[dict[str, Any]]) -> list[FormatterContext]:
    """The rows as the CLI's templates see them (``{{.Type}}``, ``{{.TotalCount}}``, …, all text)."""
    contexts = []
    for row in rows:
        reclaimable = (
            human_size(row["reclaimable"], 4)
            if row["type"] == BUILD_CACHE
            else _percent_text(row["size"], row["reclaimable"])
        )
        go_type = {IMAGES: "Images", CONTAINERS: "Containers", VOLUMES: "Volumes", BUILD_CACHE: "Builder"}[row["type"]]
        fields = {"Active": str(row["active"]), "Reclaimable": reclaimable, "Size": human_size(row["size"], 4),
                  "TotalCount": str(row["total"]), "Type": row["type"]}  # fmt: skip
        contexts.append(FormatterContext(f"*formatter.diskUsage{go_type}Context", fields))
    return contexts


def summary_frame(usage: dict) -> pd.DataFrame:
    """``docker system df`` as a DataFrame (TYPE, TOTAL, ACTIVE, SIZE, RECLAIMABLE), with its typed twin.

    Typed: ``type``, ``total``, ``active``, ``size`` and ``reclaimable`` in bytes, and
    ``reclaimable_percent`` (a float, NaN when the size is 0).
    """
    rows = summary(usage)
    contexts = summary_contexts(rows)
    text = {
        column: [context[field] for context in contexts]
        for column, field in zip(SUMMARY_COLUMNS, ["Type", "TotalCount", "Active", "Size", "Reclaimable"], strict=True)
    }
    sizes = np.array([row["size"] for row in rows], dtype="int64")
    reclaimable = np.array([row["reclaimable"] for row in rows], dtype="int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = np.where(sizes > 0, reclaimable * 100.0 / np.where(sizes > 0, sizes, 1), np.nan)
    typed = pd.DataFrame(
        {
            "type": [row["type"] for row in rows],
            "total": np.array([row["total"] for row in rows], dtype="int64"),
            "active": np.array([row["active"] for row in rows], dtype="int64"),
            "size": sizes,
            "reclaimable": reclaimable,
            "reclaimable_percent": percent,
        }
    )
    return with_typed(pd.DataFrame(text), typed)


# --- the -v rows: the CLI's contexts of images, containers, volumes, build cache ----------------


def _ago(seconds: float, now: float) -> str:
    return human_duration(now - seconds) + " ago"


def _is_dangling(image: dict) -> bool:
    tags, digests = image.get("RepoTags") or [], image.get("RepoDigests") or []
    if not tags and not digests:
        return True
    return tags == ["<none>:<none>"] and digests == ["<none>@<none>"]


def _repository_and_tag(image: dict) -> tuple[str, str] | None:
    """The first tag's repository and tag (``<none>`` for a dangling image); ``None``: the CLI skips the image."""
    tags = image.get("RepoTags") or []
    if not tags or _is_dangling(image):
        return "<none>", "<none>"
    try:
        reference = parse_reference(tags[0])
    except InvalidReference:
        return None
    if reference.tag is None:
        return "<none>", "<none>"
    return reference.familiar_name, reference.tag


def _size_or_na(value: int | None, text: Callable[[int], str]) -> str:
    return "N/A" if value == -1 else text(int(value or 0))


def image_context(image: dict, repository: str, tag: str, trunc: bool, now: float) -> GoStruct:
    """docker/cli ``imageContext`` of one image in ``system df -v``: every field its templates can read."""
    size, shared, created = int(image.get("Size") or 0), image.get("SharedSize"), int(image.get("Created") or 0)
    image_id = image.get("Id") or ""
    unique = "N/A" if size == -1 or shared == -1 else human_size(size - int(shared or 0), 4)
    fields = {
        "Containers": _size_or_na(image.get("Containers"), str),
        "CreatedAt": go_time_text(created),
        "CreatedSince": _ago(created, now),
        "Digest": "",
        "ID": truncate_id(image_id) if trunc else image_id,
        "Repository": repository,
        "SharedSize": _size_or_na(shared, lambda value: human_size(value, 4)),
        "Size": human_size(size, 3),
        "Tag": tag,
        "UniqueSize": unique,
        "VirtualSize": human_size(size, 4),
    }
    return FormatterContext("*formatter.imageContext", fields)


def _shown_names(container: dict, trunc: bool) -> list[str]:
    """``ContainerContext.Names``: without the slash; truncated, the first name that is not a link alias."""
    names = [name[1:] for name in container.get("Names") or []]
    if trunc:
        single = next((name for name in names if "/" not in name), None)
        if single is not None:
            return [single]
    return names


def container_context(container: dict, trunc: bool, now: float) -> GoStruct:
    """docker/cli ``ContainerContext`` of one container in ``system df -v`` (its virtual size not shown)."""
    created = int(container.get("Created") or 0)
    command = container.get("Command") or ""
    mounts = container.get("Mounts") or []
    mount_names = [mount.get("Name") or mount.get("Source") or "" for mount in mounts]
    if trunc:
        mount_names = [ellipsis(name, 15) for name in mount_names]
    labels = container.get("Labels") or {}
    networks = ((container.get("NetworkSettings") or {}).get("Networks")) or {}
    fields = {
        "Command": go_quote(ellipsis(command, 20) if trunc else command),
        "CreatedAt": go_time_text(created),
        "ID": (container.get("Id") or "")[:12] if trunc else container.get("Id") or "",
        "Image": container_image(container, no_trunc=not trunc),
        "Labels": ",".join(sorted(f"{key}={value}" for key, value in labels.items())),
        "LocalVolumes": str(sum(mount.get("Driver") == "local" for mount in mounts)),
        "Mounts": ",".join(mount_names),
        "Names": ",".join(_shown_names(container, trunc)),
        "Networks": ",".join(networks),
        "Platform": None,
        "Ports": displayable_ports(container.get("Ports") or []),
        "RunningFor": _ago(created, now),
        "Size": human_size(int(container.get("SizeRw") or 0), 3),
        "State": container.get("State") or "",
        "Status": container.get("Status") or "",
    }
    return FormatterContext("*formatter.ContainerContext", fields)


def volume_context(volume: dict) -> GoStruct:
    """docker/cli ``volumeContext`` of one volume (``N/A`` where the engine measured nothing)."""
    usage = volume.get("UsageData")
    labels = volume.get("Labels") or {}
    fields = {
        "Availability": "N/A",
        "Driver": volume.get("Driver") or "",
        "Group": "N/A",
        "Labels": ",".join(sorted(f"{key}={value}" for key, value in labels.items())),
        "Links": "N/A" if usage is None else str(usage.get("RefCount") or 0),
        "Mountpoint": volume.get("Mountpoint") or "",
        "Name": volume.get("Name") or "",
        "Scope": volume.get("Scope") or "",
        "Size": "N/A" if usage is None else human_size(int(usage.get("Size") or 0), 4),
        "Status": "N/A",
    }
    return FormatterContext("*formatter.volumeContext", fields)


def build_cache_context(record: dict, trunc: bool, now: float) -> GoStruct:
    """docker/cli ``buildCacheContext`` of one build cache record (``*`` after the id of one in use)."""
    record_id = record.get("ID") or ""
    parents = record.get("Parents") or []
    parent = ", ".join(parents) if parents else record.get("Parent") or ""
    created = rfc3339_seconds(record.get("CreatedAt"))
    last_used = rfc3339_seconds(record.get("LastUsedAt"))
    fields = {
        "CacheType": record.get("Type") or "",
        "CreatedAt": rfc3339_time_text(record.get("CreatedAt")),
        "CreatedSince": _ago(created if created is not None else -62135596800.0, now),
        "Description": record.get("Description") or "",
        "ID": (truncate_id(record_id) if trunc else record_id) + ("*" if record.get("InUse") else ""),
        "InUse": "true" if record.get("InUse") else "false",
        "LastUsedAt": rfc3339_time_text(record.get("LastUsedAt")) if record.get("LastUsedAt") else "",
        "LastUsedSince": _ago(last_used, now) if last_used is not None else "",
        "Parent": truncate_id(parent) if trunc else parent,
        "Shared": "true" if record.get("Shared") else "false",
        "Size": human_size(int(record.get("Size") or 0), 3),
        "UsageCount": str(int(record.get("UsageCount") or 0)),
    }
    return FormatterContext("*formatter.buildCacheContext", fields)


def sorted_build_cache(records: list[dict]) -> list[dict]:
    """Build cache records as the CLI lists them: never used first, then by last use, then by id."""

    def key(record: dict) -> tuple:
        last_used = record.get("LastUsedAt")
        return (last_used is not None, rfc3339_seconds(last_used) or 0.0, record.get("ID") or "")

    return sorted(records, key=key)


def verbose_rows(usage: dict, trunc: bool = True, now: float | None = None) -> dict[str, list[tuple[dict, GoStruct]]]:
    """Per section, each object the CLI lists with its context: ``{"Images": [(image, context), …], …}``."""
    now = time.time() if now is None else now
    images = []
    for image in usage.get("Images") or []:
        named = _repository_and_tag(image)
        if named is not None:
            images.append((image, image_context(image, *named, trunc, now)))
    return {
        IMAGES: images,
        CONTAINERS: [(c, container_context(c, trunc, now)) for c in usage.get("Containers") or []],
        VOLUMES: [(volume, volume_context(volume)) for volume in usage.get("Volumes") or []],
        BUILD_CACHE: [
            (r, build_cache_context(r, trunc, now)) for r in sorted_build_cache(usage.get("BuildCache") or [])
        ],
    }


def verbose_template_data(usage: dict, trunc: bool = False, now: float | None = None) -> GoStruct:
    """What ``system df -v --format TEMPLATE`` runs over: ``.Images``, ``.Containers``, ``.Volumes``, ``.BuildCache``.

    Ids, images and commands are shortened (*trunc*) only for a ``table …`` format, as in the CLI.
    """
    sections = verbose_rows(usage, trunc=trunc, now=now)
    return GoStruct(
        "*formatter.diskUsageContext",
        {_RANGES[section]: [context for _, context in sections[section]] for section in TYPES},
    )


def build_cache_size(usage: dict) -> int:
    """The build cache's size the CLI heads its table with: records not shared."""
    return sum(int(record.get("Size") or 0) for record in usage.get("BuildCache") or [] if not record.get("Shared"))


def _ints(values: list, missing: Callable[[Any], bool] = lambda value: value is None) -> pd.arrays.IntegerArray:
    """An ``Int64`` column: NA where *missing* says the engine measured nothing (``-1``, or no value)."""
    return pd.array([None if missing(value) else int(value) for value in values], dtype="Int64")


def _times(seconds: list[float | None]) -> pd.DatetimeIndex:
    return pd.to_datetime(pd.Series(seconds, dtype="float64"), unit="s", utc=True)


def _unmeasured(value: Any) -> bool:
    return value is None or value == -1


def section_frames(usage: dict, now: float | None = None) -> dict[str, pd.DataFrame]:
    """``system df -v``: one DataFrame per section, the CLI's columns and text, each with its typed twin."""
    sections = verbose_rows(usage, trunc=True, now=now)
    frames = {}
    for section in TYPES:
        rows = sections[section]
        contexts = [context for _, context in rows]
        objects = [obj for obj, _ in rows]
        text = {column: [context[field] for context in contexts] for column, field in SECTION_COLUMNS[section]}
        build = _TYPED[section]
        # the typed twin is built on first use of .docker.typed: a table only looked at never pays for it
        frames[section] = with_typed(
            pd.DataFrame(text, columns=list(text)), lambda build=build, objects=objects: build(objects)
        )
    return frames


def _typed_images(images: list[dict]) -> pd.DataFrame:
    sizes = [image.get("Size") for image in images]
    shared = [image.get("SharedSize") for image in images]
    return pd.DataFrame(
        {
            "id": [image.get("Id") or "" for image in images],
            "repository": [(_repository_and_tag(image) or ("<none>", "<none>"))[0] for image in images],
            "tag": [(_repository_and_tag(image) or ("<none>", "<none>"))[1] for image in images],
            "created": _times([image.get("Created") or 0 for image in images]),
            "size": _ints(sizes, _unmeasured),
            "shared_size": _ints(shared, _unmeasured),
            "unique_size": _ints(
                [None if _unmeasured(s) or _unmeasured(h) else s - h for s, h in zip(sizes, shared, strict=True)]
            ),
            "containers": _ints([image.get("Containers") for image in images], _unmeasured),
            "repo_tags": [image.get("RepoTags") or [] for image in images],
            "repo_digests": [image.get("RepoDigests") or [] for image in images],
        }
    )


def _typed_containers(containers: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [c.get("Id") or "" for c in containers],
            "name": [(container_names(c) or [""])[0] for c in containers],
            "image": [c.get("Image") or "" for c in containers],
            "image_id": [c.get("ImageID") or "" for c in containers],
            "command": [c.get("Command") or "" for c in containers],
            "local_volumes": np.array(
                [sum(m.get("Driver") == "local" for m in c.get("Mounts") or []) for c in containers], dtype="int64"
            ),
            "size": np.array([int(c.get("SizeRw") or 0) for c in containers], dtype="int64"),
            "created": _times([c.get("Created") or 0 for c in containers]),
            "state": [c.get("State") or "" for c in containers],
            "status": [c.get("Status") or "" for c in containers],
            "mounts": [c.get("Mounts") or [] for c in containers],
        }
    )


def _typed_volumes(volumes: list[dict]) -> pd.DataFrame:
    usages = [volume.get("UsageData") or {} for volume in volumes]
    return pd.DataFrame(
        {
            "name": [volume.get("Name") or "" for volume in volumes],
            "driver": [volume.get("Driver") or "" for volume in volumes],
            "links": _ints([usage.get("RefCount") for usage in usages], _unmeasured),
            "size": _ints([usage.get("Size") for usage in usages], _unmeasured),
            "created": _times([rfc3339_seconds(volume.get("CreatedAt")) for volume in volumes]),
            "mountpoint": [volume.get("Mountpoint") or "" for volume in volumes],
            "labels": [volume.get("Labels") or {} for volume in volumes],
        }
    )


def _typed_build_cache(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [record.get("ID") or "" for record in records],
            "cache_type": [record.get("Type") or "" for record in records],
            "description": [record.get("Description") or "" for record in records],
            "size": np.array([int(record.get("Size") or 0) for record in records], dtype="int64"),
            "created": _times([rfc3339_seconds(record.get("CreatedAt")) for record in records]),
            "last_used": _times([rfc3339_seconds(record.get("LastUsedAt")) for record in records]),
            "usage_count": np.array([int(record.get("UsageCount") or 0) for record in records], dtype="int64"),
            "in_use": np.array([bool(record.get("InUse")) for record in records], dtype=bool),
            "shared": np.array([bool(record.get("Shared")) for record in records], dtype=bool),
            "parents": [
                record.get("Parents") or ([record["Parent"]] if record.get("Parent") else []) for record in records
            ],
        }
    )


_TYPED: dict[str, Callable[[list[dict]], pd.DataFrame]] = {
    IMAGES: _typed_images,
    CONTAINERS: _typed_containers,
    VOLUMES: _typed_volumes,
    BUILD_CACHE: _typed_build_cache,
}


def sections_text(frames: dict[str, pd.DataFrame], build_cache_size: int) -> str:
    """The CLI's ``system df -v`` text from the section frames: each table under its heading."""
    parts = []
    for index, section in enumerate(TYPES):
        title = SECTION_TITLES[section]
        if section == BUILD_CACHE:
            title = f"{title} {human_size(build_cache_size, 4)}"
        frame = frames[section]
        rows = ["\t".join(frame.columns), *("\t".join(map(str, row)) for row in frame.itertuples(index=False))]
        parts.append(("\n" if index else "") + f"{title}\n\n" + tabwrite("\n".join(rows) + "\n"))
    return "".join(parts)
