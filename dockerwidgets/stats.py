"""``docker stats``, pure: the CLI's formulas over the engine's stats JSON, its text, and the frames.

The numbers follow docker/cli ``cli/command/container/stats_helpers.go``: CPU % is the
container's CPU time over the host's since the previous sample (``precpu_stats``), times
the online CPUs; memory leaves out the inactive page cache (``total_inactive_file`` on
cgroup v1, ``inactive_file`` on v2); network and block I/O are summed over interfaces and
devices. The text follows ``formatter_stats.go``: binary units for memory (``23.54GiB``),
decimal ones for I/O (``2.05MB``), ``--`` for a container with no sample. The engine here
is Linux's; a Windows engine's fields (private working set) are not read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .cliformat import TABLE, write_rows
from .errors import fail
from .frames import with_typed
from .gotemplate import FormatterContext, TemplateError
from .humanize import binary_size, human_size, truncate_id
from .timestamps import rfc3339_seconds

STATS_COLUMNS = ["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"]
TYPED_COLUMNS = [
    "id", "name", "cpu_percent", "mem_used", "mem_limit", "mem_percent",
    "net_rx", "net_tx", "block_read", "block_write", "pids",
]  # fmt: skip
BYTE_COLUMNS = ["mem_used", "mem_limit", "net_rx", "net_tx", "block_read", "block_write"]
NO_VALUE = "--"

# formatter_stats.go: the CLI's default table and the header of each template field
TABLE_FORMAT = (
    "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"
)
STATS_CONTEXT = "*container.statsContext"  # the Go type a template runs on (named in its errors)
HEADERS = {
    "Container": "CONTAINER",
    "Name": "NAME",
    "ID": "CONTAINER ID",
    "CPUPerc": "CPU %",
    "MemUsage": "MEM USAGE / LIMIT",
    "MemPerc": "MEM %",
    "NetIO": "NET I/O",
    "BlockIO": "BLOCK I/O",
    "PIDs": "PIDS",
}


@dataclass(frozen=True, slots=True)
class StatsEntry:
    """One container's numbers, as the CLI's ``StatsEntry`` holds them (bytes, percents)."""

    container: str  # what it was asked by (a name, an id prefix; the short id when listed)
    id: str = ""
    name: str = ""
    cpu_percent: float = 0.0
    mem_used: int = 0
    mem_limit: int = 0
    mem_percent: float = 0.0
    net_rx: int = 0
    net_tx: int = 0
    block_read: int = 0
    block_write: int = 0
    pids: int = 0
    valid: bool = True  # False: no sample (yet); the CLI shows "--"
    time: float | None = None  # the engine's read time (unix seconds)

    def typed(self) -> tuple:
        """The values of :data:`TYPED_COLUMNS`, in order."""
        return (
            self.id, self.name.lstrip("/"), self.cpu_percent, self.mem_used, self.mem_limit, self.mem_percent,
            self.net_rx, self.net_tx, self.block_read, self.block_write, self.pids,
        )  # fmt: skip


# --- the formulas (stats_helpers.go) ---------------------------------------------------------


def cpu_percent(previous: dict, current: dict) -> float:
    """CPU % between two ``cpu_stats``: Δ container time / Δ host time × online CPUs × 100 (0 unless both grew)."""
    cpu_delta = float(_usage(current)) - float(_usage(previous))
    system_delta = float(current.get("system_cpu_usage") or 0) - float(previous.get("system_cpu_usage") or 0)
    online = float(current.get("online_cpus") or 0)
    if online == 0.0:
        online = float(len((current.get("cpu_usage") or {}).get("percpu_usage") or []))
    if system_delta > 0.0 and cpu_delta > 0.0:
        return cpu_delta / system_delta * online * 100.0
    return 0.0


def _usage(cpu_stats: dict) -> int:
    return int((cpu_stats.get("cpu_usage") or {}).get("total_usage") or 0)


def memory_used(memory_stats: dict) -> int:
    """Usage without the inactive page cache: ``total_inactive_file`` on cgroup v1, ``inactive_file`` on v2."""
    usage = int(memory_stats.get("usage") or 0)
    stats = memory_stats.get("stats") or {}
    if "total_inactive_file" in stats and int(stats["total_inactive_file"]) < usage:  # cgroup v1
        return usage - int(stats["total_inactive_file"])
    inactive = int(stats.get("inactive_file") or 0)
    return usage - inactive if inactive < usage else usage


def memory_percent(limit: float, used: float) -> float:
    """Used over limit, in percent; 0 without a limit (a container with no cgroup data)."""
    return used / limit * 100.0 if limit else 0.0


def block_io(blkio_stats: dict) -> tuple[int, int]:
    """Bytes read and written, summed over devices (``io_service_bytes_recursive``, ops ``read``/``write``)."""
    read = write = 0
    for entry in blkio_stats.get("io_service_bytes_recursive") or []:
        op = str(entry.get("op") or "")[:1]
        if op in ("r", "R"):
            read += int(entry.get("value") or 0)
        elif op in ("w", "W"):
            write += int(entry.get("value") or 0)
    return read, write


def network_io(networks: dict | None) -> tuple[int, int]:
    """Bytes received and sent, summed over the container's interfaces."""
    rx = tx = 0
    for interface in (networks or {}).values():
        rx += int(interface.get("rx_bytes") or 0)
        tx += int(interface.get("tx_bytes") or 0)
    return rx, tx


def entry_of(sample: dict, container: str) -> StatsEntry:
    """A :class:`StatsEntry` from one of the engine's stats objects (``GET /containers/{id}/stats``)."""
    memory = sample.get("memory_stats") or {}
    used = memory_used(memory)
    limit = int(memory.get("limit") or 0)
    rx, tx = network_io(sample.get("networks"))
    read, write = block_io(sample.get("blkio_stats") or {})
    return StatsEntry(
        container=container,
        id=str(sample.get("id") or ""),
        name=str(sample.get("name") or ""),
        cpu_percent=cpu_percent(sample.get("precpu_stats") or {}, sample.get("cpu_stats") or {}),
        mem_used=used,
        mem_limit=limit,
        mem_percent=memory_percent(limit, used),
        net_rx=rx,
        net_tx=tx,
        block_read=read,
        block_write=write,
        pids=int((sample.get("pids_stats") or {}).get("current") or 0),
        time=rfc3339_seconds(sample.get("read")),
    )


def no_sample(container: str, id: str = "", name: str = "") -> StatsEntry:
    """A container with no sample (yet): the CLI's ``--`` row."""
    return StatsEntry(container=container, id=id, name=name, valid=False)


# --- the text (formatter_stats.go) -----------------------------------------------------------


def percentage(value: float) -> str:
    """``strconv.FormatFloat(v, 'f', 2, 64) + "%"``."""
    return f"{value:.2f}%"


def cli_fields(entry: StatsEntry, trunc: bool = True) -> dict[str, str]:
    """The CLI's template fields of *entry* (``.ID``, ``.CPUPerc``, …), as text; also ``--format json``'s object."""
    name = entry.name[1:] if entry.name.startswith("/") else entry.name
    valid = entry.valid
    return {
        "BlockIO": f"{human_size(entry.block_read)} / {human_size(entry.block_write)}" if valid else NO_VALUE,
        "CPUPerc": percentage(entry.cpu_percent) if valid else NO_VALUE,
        "Container": entry.container,
        "ID": truncate_id(entry.id) if trunc else entry.id,
        "MemPerc": percentage(entry.mem_percent) if valid else NO_VALUE,
        "MemUsage": f"{binary_size(entry.mem_used)} / {binary_size(entry.mem_limit)}" if valid else "-- / --",
        "Name": name or NO_VALUE,
        "NetIO": f"{human_size(entry.net_rx)} / {human_size(entry.net_tx)}" if valid else NO_VALUE,
        "PIDs": str(entry.pids) if valid else NO_VALUE,
    }


def stats_frame(entries: Sequence[StatsEntry], trunc: bool = True) -> pd.DataFrame:
    """The CLI's table as a DataFrame (its columns and text), the typed values as its twin.

    Typed: ``id``, ``name``, ``cpu_percent``, ``mem_percent`` (float), bytes in ``mem_used``,
    ``mem_limit``, ``net_rx``, ``net_tx``, ``block_read``, ``block_write`` and ``pids``
    (``Int64``: NA for a container with no sample, shown ``--``).
    """
    fields = [cli_fields(entry, trunc) for entry in entries]
    keys = ["ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs"]
    text = pd.DataFrame({column: [row[key] for row in fields] for column, key in zip(STATS_COLUMNS, keys, strict=True)})
    return with_typed(text, typed_frame(entries))


def typed_frame(entries: Iterable[StatsEntry]) -> pd.DataFrame:
    """The typed values of *entries*, column-wise (NA where there is no sample)."""
    entries = list(entries)
    columns = list(zip(*(entry.typed() for entry in entries), strict=True)) if entries else [()] * len(TYPED_COLUMNS)
    valid = [entry.valid for entry in entries]
    data: dict[str, object] = {}
    for name, values in zip(TYPED_COLUMNS, columns, strict=True):
        if name in ("id", "name"):
            data[name] = pd.array(list(values), dtype="object") if not values else list(values)
        elif name in ("cpu_percent", "mem_percent"):
            data[name] = pd.array([v if ok else None for v, ok in zip(values, valid, strict=True)], dtype="Float64")
        else:
            data[name] = pd.array([v if ok else None for v, ok in zip(values, valid, strict=True)], dtype="Int64")
    return pd.DataFrame(data)


def format_stats(entries: Sequence[StatsEntry], format: str, trunc: bool = True) -> str:
    """``docker stats --no-stream --format FORMAT``: the text the CLI prints (``table``, ``json``, a Go template)."""
    rows = [FormatterContext(STATS_CONTEXT, cli_fields(entry, trunc)) for entry in entries]
    try:
        return write_rows(TABLE_FORMAT if format == TABLE else format, rows, HEADERS).removesuffix("\n")
    except TemplateError as exc:
        raise fail(str(exc)) from None


__all__ = [
    "HEADERS",
    "STATS_COLUMNS",
    "TYPED_COLUMNS",
    "StatsEntry",
    "block_io",
    "cli_fields",
    "cpu_percent",
    "entry_of",
    "format_stats",
    "memory_percent",
    "memory_used",
    "network_io",
    "no_sample",
    "stats_frame",
]
