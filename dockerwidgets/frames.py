"""The engine's lists as DataFrames: the CLI's columns and text, typed values beside them.

A frame's columns are the docker CLI's headers, in its order, holding its own text
(``Up 5 seconds``, ``0.0.0.0:8080->80/tcp``, ``1.98MB``). The typed values (full id,
timestamps, state, exit code, bytes, ports as data) sit in a second frame with the same
index, reachable as ``frame.docker.typed``: filter the text frame, and ``typed`` follows.
Both are built column-wise in one pass over the engine's JSON.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .humanize import ellipsis, go_quote, human_duration, human_size, natural_key, truncate_id
from .ports_display import displayable_ports
from .timestamps import rfc3339_seconds

CONTAINER_COLUMNS = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
IMAGE_COLUMNS = ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
PORT_COLUMNS = ["CONTAINER PORT", "HOST IP", "HOST PORT"]
_EXIT_CODE = re.compile(r"^Exited \((-?\d+)\)")


class TypedTwin:
    """A frame's typed values, kept in ``frame.attrs["typed"]``.

    It compares by identity and is never deep-copied, so pandas can concat, merge and copy
    the text frame as usual (a DataFrame in ``attrs`` makes those fail). It remembers the
    text frame's first column, to tell when rows no longer line up with it. The typed frame
    may be given as a function that builds it: it is then built on first use, once, so a
    list that is only looked at never pays for it.
    """

    __slots__ = ("_build", "_frame", "key_column", "key_values")

    def __init__(
        self, frame: pd.DataFrame | Callable[[], pd.DataFrame], key_column: str, key_values: pd.Series
    ) -> None:
        self._frame, self._build = (frame, None) if isinstance(frame, pd.DataFrame) else (None, frame)
        self.key_column = key_column
        self.key_values = key_values

    @property
    def frame(self) -> pd.DataFrame:
        """The typed frame (built now if it was deferred)."""
        if self._frame is None:
            self._frame = self._build()
            self._build = None
        return self._frame

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__

    def __deepcopy__(self, memo: dict) -> TypedTwin:
        return self  # a snapshot nobody changes: sharing it is safe, copying it is slow

    def __repr__(self) -> str:
        return f"<typed values of {len(self.key_values if self._frame is None else self._frame)} rows>"


@pd.api.extensions.register_dataframe_accessor("docker")
class DockerAccessor:
    """``frame.docker.typed``: the typed values of the rows this frame still holds."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    @property
    def typed(self) -> pd.DataFrame:
        """The typed frame, aligned with this frame's rows (after any filtering or sorting)."""
        twin = self._frame.attrs.get("typed")
        if not isinstance(twin, TypedTwin):
            raise AttributeError("this DataFrame did not come from dockerwidgets (or was combined with another)")
        index = self._frame.index
        stale = AttributeError(
            "these rows no longer line up with their typed values (after a merge or a new index): "
            "take frame.docker.typed before combining"
        )
        try:
            rows = twin.frame.loc[index]
        except KeyError:
            raise stale from None
        column = twin.key_column
        if (
            column in self._frame.columns
            and not (self._frame[column].to_numpy() == twin.key_values.loc[index].to_numpy()).all()
        ):
            raise stale
        return rows


def with_typed(frame: pd.DataFrame, typed: pd.DataFrame | Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Attach *typed* (same index, same rows; or a function building it) to the text *frame* as its typed twin."""
    key = frame.columns[0] if len(frame.columns) else ""
    frame.attrs["typed"] = TypedTwin(typed, key, frame[key].copy() if key else pd.Series(dtype=object))
    return frame


def _with_typed(text: dict[str, list], typed: dict[str, Any] | pd.DataFrame) -> pd.DataFrame:
    return with_typed(pd.DataFrame(text), typed if isinstance(typed, pd.DataFrame) else pd.DataFrame(typed))


def _ago(created: float, now: float) -> str:
    return human_duration(now - created) + " ago"


def _per_distinct(values: list, format: Callable[[Any], Any]) -> list:
    """``[format(v) for v in values]``, calling *format* once per distinct value (rows share many)."""
    done = dict.fromkeys(values)
    for value in done:
        done[value] = format(value)
    return list(map(done.__getitem__, values))


def _utc_seconds(seconds: list) -> pd.DatetimeIndex:
    """Unix seconds as a UTC datetime column, converted in one vectorised call."""
    return pd.to_datetime(np.asarray(seconds, dtype=np.int64), unit="s", utc=True)


def _exit_code(status: str) -> int | None:
    match = _EXIT_CODE.match(status)
    return int(match.group(1)) if match else None


def _nullable_ints(values: list[int | None]) -> pd.api.extensions.ExtensionArray:
    """An ``Int64`` column (NA for ``None``), built from two numpy arrays."""
    count = len(values)
    missing = np.fromiter((value is None for value in values), dtype=bool, count=count)
    numbers = np.fromiter((0 if value is None else value for value in values), dtype=np.int64, count=count)
    return pd.arrays.IntegerArray(numbers, missing)


_STR = pd.Series(["text"]).dtype  # what pandas infers for text: ``str`` from pandas 3, ``object`` before
_STR_ARRAYS = not pd.api.types.is_object_dtype(_STR)


def _strings(values: list[str]) -> Any:
    """A list of ``str`` as the column pandas would infer from it, without the inference pass."""
    return pd.array(values, dtype=_STR) if values and _STR_ARRAYS else values


def container_names(container: dict, no_trunc: bool = False) -> list[str]:
    """A container's names as the CLI shows them: no leading slash, no link aliases."""
    names = [name[1:] if name.startswith("/") else name for name in container.get("Names") or []]
    return names if no_trunc else [name for name in names if "/" not in name]


def _image_text(image: str, image_id: str, no_trunc: bool) -> str:
    if not image:
        return "<no image>"
    if no_trunc:
        return image
    if image_id and truncate_id(image) == truncate_id(image_id):
        return truncate_id(image)
    if "@" in image:
        image = image.split("@", 1)[0]
    return image


def container_image(container: dict, no_trunc: bool = False) -> str:
    """The IMAGE column: the reference as created, short id for an id, digest dropped."""
    return _image_text(container.get("Image") or "", container.get("ImageID") or "", no_trunc)


def _single_names(raw_names: list) -> list[str] | None:
    """The NAMES text when every container has one name, ``/name`` (the usual case), else ``None``.

    Checked and stripped on one joined string: a name holds no NUL, so the NULs between
    names count them, and each must be followed by the slash that is its only one.
    """
    firsts = [raw[0] for raw in raw_names if len(raw) == 1]
    if len(firsts) != len(raw_names) or not firsts:
        return None
    joined = "\0".join(firsts)
    if joined[:1] != "/" or joined.count("/") != len(firsts) or joined.count("\0/") != len(firsts) - 1:
        return None
    return joined[1:].split("\0/")


def _image_column(images: list[str], image_ids: list[str], no_trunc: bool) -> list[str]:
    """The IMAGE text of each row, each distinct image formatted once.

    The image id matters only for an image given by (a prefix of) its id: only when some
    image is one are the (image, id) pairs formatted instead of the images alone.
    """
    if not no_trunc:
        short_ids = {truncate_id(image_id) for image_id in set(image_ids) if image_id}
        if any(truncate_id(image) in short_ids for image in set(images)):
            pairs = list(zip(images, image_ids, strict=True))
            return _per_distinct(pairs, lambda pair: _image_text(*pair, no_trunc))
    return _per_distinct(images, lambda image: _image_text(image, "", no_trunc))


def containers_frame(containers: list[dict], no_trunc: bool = False, now: float | None = None) -> pd.DataFrame:
    """``docker ps`` as a DataFrame, from the engine's ``GET /containers/json`` reply.

    Column by column: each column is one comprehension over the reply, and what rows share
    (image, command, creation second, status) is formatted once per distinct value.
    """
    now = time.time() if now is None else now
    ids = [c["Id"] for c in containers]
    images = [c.get("Image") or "" for c in containers]
    image_ids = [c.get("ImageID") or "" for c in containers]
    commands = [c.get("Command") or "" for c in containers]
    created = [c.get("Created") or 0 for c in containers]
    statuses = [c.get("Status") or "" for c in containers]
    ports = [c.get("Ports") or [] for c in containers]
    raw_names = [c.get("Names") or () for c in containers]
    shown_names = _single_names(raw_names)
    if shown_names is None:
        names = [container_names(c, no_trunc) for c in containers]
        shown_names = [",".join(n) for n in names]
    else:
        names = None  # the typed lists are made from shown_names when asked for
    text = {
        "CONTAINER ID": _strings(ids if no_trunc else [i[:12] for i in ids]),
        "IMAGE": _strings(_image_column(images, image_ids, no_trunc)),
        "COMMAND": _strings(_per_distinct(commands, lambda c: go_quote(c if no_trunc else ellipsis(c, 20)))),
        "CREATED": _strings(_per_distinct(created, lambda moment: _ago(moment, now))),
        "STATUS": _strings(statuses),
        "PORTS": _strings([displayable_ports(p) if p else "" for p in ports]),
        "NAMES": _strings(shown_names),
    }

    def typed() -> pd.DataFrame:  # built on first use of frame.docker.typed
        nonlocal names
        if names is None:
            names = [[name] for name in shown_names]
        return pd.DataFrame(
            {
                "id": _strings(ids),
                "name": _strings([n[0] if n else "" for n in names]),
                "image": _strings(images),
                "image_id": _strings(image_ids),
                "command": _strings(commands),
                "created": _utc_seconds(created),
                "state": _strings([c.get("State") or "" for c in containers]),
                "status": _strings(statuses),
                "exit_code": _nullable_ints(_per_distinct(statuses, _exit_code)),
                "ports": ports,
                "names": names,
                "labels": [c.get("Labels") or {} for c in containers],
            }
        )

    return with_typed(pd.DataFrame(text), typed)


def images_frame(images: list[dict], no_trunc: bool = False, now: float | None = None) -> pd.DataFrame:
    """``docker images`` as a DataFrame: one row per tag, ``<none>`` for untagged images."""
    now = time.time() if now is None else now
    repositories, tags, ids, created, sizes, digests = [], [], [], [], [], []
    for image in images:
        repo_tags = [t for t in image.get("RepoTags") or [] if t != "<none>:<none>"]
        repo_digests = [d for d in image.get("RepoDigests") or [] if d != "<none>@<none>"]
        pairs = [tuple(t.rsplit(":", 1)) for t in repo_tags]
        if not pairs:
            pairs = [(d.split("@", 1)[0], "<none>") for d in repo_digests[:1]] or [("<none>", "<none>")]
        image_id, moment, size = image["Id"], image.get("Created") or 0, image.get("Size") or 0
        for repository, tag in pairs:
            repositories.append(repository)
            tags.append(tag)
            ids.append(image_id)
            created.append(moment)
            sizes.append(size)
            digests.append(next((d.split("@", 1)[1] for d in repo_digests if d.split("@", 1)[0] == repository), None))
    text = {
        "REPOSITORY": repositories,
        "TAG": tags,
        "IMAGE ID": ids if no_trunc else [truncate_id(image_id) for image_id in ids],
        "CREATED": _per_distinct(created, lambda moment: _ago(moment, now)),
        "SIZE": _per_distinct(sizes, human_size),
    }
    typed = {
        "id": ids,
        "repository": repositories,
        "tag": tags,
        "digest": digests,
        "created": _utc_seconds(created),
        "size": pd.array(sizes, dtype="int64"),
    }
    return _with_typed(text, typed)


def ports_frame(bindings: dict[str, list[dict] | None]) -> pd.DataFrame:
    """``docker port NAME`` as a DataFrame, from ``NetworkSettings.Ports`` of an inspect."""
    rows: dict[str, list] = {column: [] for column in PORT_COLUMNS}
    for container_port, hosts in sorted(bindings.items(), key=lambda item: _port_key(item[0])):
        for host in hosts or []:
            rows["CONTAINER PORT"].append(container_port)
            rows["HOST IP"].append(host.get("HostIp", ""))
            rows["HOST PORT"].append(host.get("HostPort", ""))
    typed = {
        "container_port": [int(p.split("/")[0]) for p in rows["CONTAINER PORT"]],
        "protocol": [p.split("/")[1] if "/" in p else "tcp" for p in rows["CONTAINER PORT"]],
        "host_ip": list(rows["HOST IP"]),
        "host_port": [int(p) if p else 0 for p in rows["HOST PORT"]],
    }
    return _with_typed(rows, typed)


def _port_key(port: str) -> tuple[int, str]:
    number, _, proto = port.partition("/")
    return (int(number) if number.isdigit() else 0, proto)


# --- Swarm: services, their tasks, nodes -------------------------------------------------------

SERVICE_COLUMNS = ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
TASK_COLUMNS = ["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"]
NODE_COLUMNS = ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"]
_TASK_ERROR_WIDTH = 30


def _capitalized(text: str) -> str:
    """Go's ``formatter.PrettyPrint`` of a string: its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def _utc(timestamps: list[str | None]) -> pd.Series:
    """Engine timestamps as a UTC datetime column (NaT for none)."""
    return pd.to_datetime(pd.Series(timestamps, dtype=object), utc=True, errors="coerce", format="ISO8601")


def _add(columns: dict[str, list], **values: Any) -> None:
    """Append one row's values to their columns."""
    for key, value in values.items():
        columns[key].append(value)


def _swarm_frame(
    text: dict[str, list], typed: dict[str, list], *, ints: tuple = (), bools: tuple = (), times: tuple = ()
) -> pd.DataFrame:
    """The text columns, and the typed ones with their dtypes: Int64 counts, booleans, UTC timestamps."""
    columns: dict[str, Any] = dict(typed)
    columns.update({key: pd.array(typed[key], dtype="Int64") for key in ints})
    columns.update({key: pd.array(typed[key], dtype="bool") for key in bools})
    columns.update({key: _utc(typed[key]) for key in times})
    return _with_typed(text, columns)


def service_mode(spec: dict) -> str:
    """The MODE column: ``replicated``, ``global``, ``replicated job``, ``global job``."""
    mode = spec.get("Mode") or {}
    for key, text in (("Global", "global"), ("Replicated", "replicated")):
        if key in mode:
            return text
    for key, text in (("ReplicatedJob", "replicated job"), ("GlobalJob", "global job")):
        if key in mode:
            return text
    return ""


def service_image(image: str) -> str:
    """The IMAGE column: a tagged reference without its digest (``busybox:latest``), else as given."""
    from .reference import InvalidReference, parse_reference

    try:
        ref = parse_reference(image)
    except InvalidReference:
        return image
    return f"{ref.familiar_name}:{ref.tag}" if ref.tag else image


def service_ports(ports: list[dict] | None) -> str:
    """The PORTS column of ``service ls``: ingress ports, consecutive ones merged (``*:8080-8081->80-81/tcp``)."""
    shown: list[str] = []
    current: list[Any] | None = None  # [published start, published end, target start, target end, protocol]

    def text(run: list[Any]) -> str:
        published = f"{run[0]}-{run[1]}" if run[1] > run[0] else str(run[0])
        target = f"{run[2]}-{run[3]}" if run[3] > run[2] else str(run[2])
        return f"*:{published}->{target}/{run[4]}"

    ordered = sorted(ports or [], key=lambda p: (p.get("Protocol") or "", p.get("PublishedPort") or 0))
    for port in ordered:
        if (port.get("PublishMode") or "ingress") != "ingress":
            continue
        published, target = int(port.get("PublishedPort") or 0), int(port.get("TargetPort") or 0)
        protocol = port.get("Protocol") or "tcp"
        if (
            current is None
            or protocol != current[4]
            or published - current[1] > 1
            or target - current[3] > 1
            or (current[3] != current[2] and target <= current[3])
        ):
            if current is not None and current[0] > 0:
                shown.append(text(current))
            current = [published, published, target, target, protocol]
            continue
        current[1], current[3] = published, target
    if current is not None and current[0] > 0:
        shown.append(text(current))
    return ", ".join(shown)


def service_status(services: list[dict], tasks: list[dict], nodes: list[dict]) -> dict[str, tuple[int, int, int]]:
    """``(running, desired, completed)`` tasks per service id, counted as the CLI and the engine count them.

    Running: tasks in state ``running`` on a node that is not down. Desired: the replicas of a
    replicated service; for a global one (and jobs), its tasks not meant to be shut down.
    """
    active = {node["ID"] for node in nodes if ((node.get("Status") or {}).get("State") or "") != "down"}
    counts = {service["ID"]: [0, 0, 0] for service in services}
    for task in tasks:
        count = counts.get(task.get("ServiceID") or "")
        if count is None:
            continue
        state = (task.get("Status") or {}).get("State") or ""
        if state == "running" and task.get("NodeID") in active:
            count[0] += 1
        if (task.get("DesiredState") or "") not in ("shutdown", "remove", "complete"):
            count[1] += 1
        if state == "complete":
            count[2] += 1
    status = {}
    for service in services:
        running, desired, completed = counts[service["ID"]]
        replicated = ((service.get("Spec") or {}).get("Mode") or {}).get("Replicated")
        if replicated is not None:
            desired = int(replicated.get("Replicas") or 0)
        status[service["ID"]] = (running, desired, completed)
    return status


def _replicas_text(spec: dict, running: int, desired: int, completed: int) -> str:
    mode = spec.get("Mode") or {}
    if "ReplicatedJob" in mode:
        return (
            f"{running}/{desired} ({completed}/{(mode['ReplicatedJob'] or {}).get('TotalCompletions') or 0} completed)"
        )
    if "GlobalJob" in mode:
        return f"{running}/{desired} ({completed}/{desired + completed} completed)"
    max_replicas = ((spec.get("TaskTemplate") or {}).get("Placement") or {}).get("MaxReplicas") or 0
    if "Replicated" in mode and max_replicas > 0:
        return f"{running}/{desired} (max {max_replicas} per node)"
    return f"{running}/{desired}"


def services_frame(services: list[dict], tasks: list[dict], nodes: list[dict]) -> pd.DataFrame:
    """``docker service ls`` as a DataFrame, from ``GET /services``, one ``GET /tasks`` and ``GET /nodes``."""
    services = sorted(services, key=lambda s: natural_key((s.get("Spec") or {}).get("Name") or ""))
    status = service_status(services, tasks, nodes)
    text: dict[str, list] = {column: [] for column in SERVICE_COLUMNS}
    typed: dict[str, list] = {
        key: []
        for key in ("id", "name", "mode", "running", "desired", "image", "ports", "labels", "created", "updated")
    }
    for service in services:
        spec = service.get("Spec") or {}
        image = ((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image") or ""
        ports = (service.get("Endpoint") or {}).get("Ports") or []
        running, desired, completed = status[service["ID"]]
        mode = service_mode(spec)
        text["ID"].append(truncate_id(service["ID"]))
        text["NAME"].append(spec.get("Name") or "")
        text["MODE"].append(mode)
        text["REPLICAS"].append(_replicas_text(spec, running, desired, completed))
        text["IMAGE"].append(service_image(image))
        text["PORTS"].append(service_ports(ports))
        _add(
            typed,
            id=service["ID"], name=spec.get("Name") or "", mode=mode, running=running, desired=desired, image=image,
            ports=ports, labels=spec.get("Labels") or {}, created=service.get("CreatedAt"),
            updated=service.get("UpdatedAt"),
        )  # fmt: skip
    return _swarm_frame(text, typed, ints=("running", "desired"), times=("created", "updated"))


def node_names(nodes: list[dict]) -> dict[str, str]:
    """Node id -> the name the CLI shows for it (its spec name, else its hostname)."""
    return {
        node["ID"]: (node.get("Spec") or {}).get("Name")
        or (node.get("Description") or {}).get("Hostname")
        or node["ID"]
        for node in nodes
    }


def task_name(task: dict, service_name: str) -> str:
    """``web.1`` for a replicated task (its slot), ``web.<node id>`` for a global one."""
    slot = task.get("Slot") or 0
    return f"{service_name}.{slot}" if slot else f"{service_name}.{task.get('NodeID') or ''}"


def service_tasks_frame(
    tasks: list[dict],
    service_names: dict[str, str],
    node_names: dict[str, str],
    no_trunc: bool = False,
    now: float | None = None,
) -> pd.DataFrame:
    """``docker service ps`` as a DataFrame: a slot's earlier tasks follow it, indented ``\\_``, newest first."""
    now = time.time() if now is None else now
    named = [
        (task_name(task, service_names.get(task.get("ServiceID") or "", task.get("ServiceID") or "")), task)
        for task in tasks
    ]
    named.sort(key=lambda pair: rfc3339_seconds(pair[1].get("CreatedAt")) or 0.0, reverse=True)
    named.sort(key=lambda pair: natural_key(pair[0]))  # stable: newest first within a slot
    text: dict[str, list] = {column: [] for column in TASK_COLUMNS}
    keys = ("id", "name", "service_id", "service", "slot", "node_id", "node", "image", "desired_state", "state",
            "timestamp", "created", "error", "message", "container_id", "exit_code", "ports")  # fmt: skip
    typed: dict[str, list] = {key: [] for key in keys}
    previous = None
    for name, task in named:
        status = task.get("Status") or {}
        container = status.get("ContainerStatus") or {}
        image = ((task.get("Spec") or {}).get("ContainerSpec") or {}).get("Image") or ""
        error = status.get("Err") or ""
        shown_error = error if no_trunc else ellipsis(error, _TASK_ERROR_WIDTH)
        ports = (status.get("PortStatus") or {}).get("Ports") or []
        state = status.get("State") or ""
        changed = rfc3339_seconds(status.get("Timestamp"))
        node_id = task.get("NodeID") or ""
        text["ID"].append(task["ID"] if no_trunc else truncate_id(task["ID"]))
        text["NAME"].append(f" \\_ {name}" if name == previous else name)
        text["IMAGE"].append(image if no_trunc else service_image(image))
        text["NODE"].append(node_names.get(node_id, node_id))
        text["DESIRED STATE"].append(_capitalized(task.get("DesiredState") or ""))
        text["CURRENT STATE"].append(f"{_capitalized(state)} {human_duration(now - (changed or now)).lower()} ago")
        text["ERROR"].append(f'"{shown_error}"' if shown_error else "")
        text["PORTS"].append(
            ",".join(
                f"*:{p.get('PublishedPort', 0)}->{p.get('TargetPort', 0)}/{p.get('Protocol') or 'tcp'}" for p in ports
            )
        )
        previous = name
        service_id = task.get("ServiceID") or ""
        _add(
            typed,
            id=task["ID"], name=name, service_id=service_id, service=service_names.get(service_id, service_id),
            slot=task.get("Slot") or None, node_id=node_id, node=node_names.get(node_id, node_id), image=image,
            desired_state=task.get("DesiredState") or "", state=state, timestamp=status.get("Timestamp"),
            created=task.get("CreatedAt"), error=error, message=status.get("Message") or "",
            container_id=container.get("ContainerID") or "", exit_code=container.get("ExitCode"), ports=ports,
        )  # fmt: skip
    return _swarm_frame(text, typed, ints=("slot", "exit_code"), times=("timestamp", "created"))


def nodes_frame(nodes: list[dict], self_id: str = "") -> pd.DataFrame:
    """``docker node ls`` as a DataFrame; the engine's own node is marked ``ID *`` as the CLI marks it."""
    nodes = sorted(nodes, key=lambda n: natural_key((n.get("Description") or {}).get("Hostname") or ""))
    text: dict[str, list] = {column: [] for column in NODE_COLUMNS}
    keys = ("id", "self", "hostname", "status", "availability", "role", "manager_status", "leader", "addr",
            "engine_version", "labels", "created")  # fmt: skip
    typed: dict[str, list] = {key: [] for key in keys}
    for node in nodes:
        spec, description = node.get("Spec") or {}, node.get("Description") or {}
        manager = node.get("ManagerStatus")
        reachability = ("leader" if manager.get("Leader") else manager.get("Reachability") or "") if manager else ""
        state = (node.get("Status") or {}).get("State") or ""
        version = (description.get("Engine") or {}).get("EngineVersion") or ""
        text["ID"].append(node["ID"] + (" *" if node["ID"] == self_id else ""))
        text["HOSTNAME"].append(description.get("Hostname") or "")
        text["STATUS"].append(_capitalized(state))
        text["AVAILABILITY"].append(_capitalized(spec.get("Availability") or ""))
        text["MANAGER STATUS"].append(_capitalized(reachability))
        text["ENGINE VERSION"].append(version)
        _add(
            typed,
            id=node["ID"], self=node["ID"] == self_id, hostname=description.get("Hostname") or "", status=state,
            availability=spec.get("Availability") or "", role=spec.get("Role") or "", manager_status=reachability,
            leader=bool(manager and manager.get("Leader")), addr=(node.get("Status") or {}).get("Addr") or "",
            engine_version=version, labels=spec.get("Labels") or {}, created=node.get("CreatedAt"),
        )  # fmt: skip
    return _swarm_frame(text, typed, bools=("self", "leader"), times=("created",))


def stack(results: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Tables from several engines, one under the other, with ENGINE first (typed: ``engine``)."""
    texts, typed = [], []
    for engine, frame in results:
        if "typed" in frame.attrs:
            typed.append(frame.docker.typed.assign(engine=engine))
        texts.append(frame.assign(ENGINE=engine)[["ENGINE", *frame.columns]])
    combined = pd.concat(texts, ignore_index=True)
    if typed and len(typed) == len(texts):
        with_typed(combined, pd.concat(typed, ignore_index=True))
    return combined
