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
from typing import Any

import pandas as pd

from .humanize import ellipsis, go_quote, human_duration, human_size, truncate_id
from .ports_display import displayable_ports

CONTAINER_COLUMNS = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
IMAGE_COLUMNS = ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
PORT_COLUMNS = ["CONTAINER PORT", "HOST IP", "HOST PORT"]
_EXIT_CODE = re.compile(r"^Exited \((-?\d+)\)")


@pd.api.extensions.register_dataframe_accessor("docker")
class DockerAccessor:
    """``frame.docker.typed``: the typed values of the rows this frame still holds."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    @property
    def typed(self) -> pd.DataFrame:
        """The typed frame, aligned with this frame's rows (after any filtering or sorting)."""
        typed = self._frame.attrs.get("typed")
        if typed is None:
            raise AttributeError("this DataFrame did not come from dockerwidgets")
        return typed.loc[self._frame.index]


def _with_typed(text: dict[str, list], typed: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(text)
    frame.attrs["typed"] = pd.DataFrame(typed)
    return frame


def _ago(created: float, now: float) -> str:
    return human_duration(now - created) + " ago"


def container_names(container: dict, no_trunc: bool = False) -> list[str]:
    """A container's names as the CLI shows them: no leading slash, no link aliases."""
    names = [name[1:] if name.startswith("/") else name for name in container.get("Names") or []]
    return names if no_trunc else [name for name in names if "/" not in name]


def container_image(container: dict, no_trunc: bool = False) -> str:
    """The IMAGE column: the reference as created, short id for an id, digest dropped."""
    image = container.get("Image") or ""
    if not image:
        return "<no image>"
    if no_trunc:
        return image
    image_id = container.get("ImageID") or ""
    if image_id and truncate_id(image) == truncate_id(image_id):
        return truncate_id(image)
    if "@" in image:
        image = image.split("@", 1)[0]
    return image


def containers_frame(containers: list[dict], no_trunc: bool = False, now: float | None = None) -> pd.DataFrame:
    """``docker ps`` as a DataFrame, from the engine's ``GET /containers/json`` reply."""
    now = time.time() if now is None else now
    ids, images, commands, created_text, statuses, ports_text, names_text = [], [], [], [], [], [], []
    created, states, exit_codes, ports, names, image_ids, labels = [], [], [], [], [], [], []
    quoted: dict[str, str] = {}  # many containers share a command: quote each one once
    for container in containers:
        full_id = container["Id"]
        command = container.get("Command") or ""
        status = container.get("Status") or ""
        container_ports = container.get("Ports") or []
        container_names_ = container_names(container, no_trunc)
        ids.append(full_id)
        images.append(container_image(container, no_trunc))
        text_command = quoted.get(command)
        if text_command is None:
            text_command = quoted[command] = go_quote(command if no_trunc else ellipsis(command, 20))
        commands.append(text_command)
        created.append(container.get("Created") or 0)
        created_text.append(_ago(created[-1], now))
        statuses.append(status)
        ports_text.append(displayable_ports(container_ports) if container_ports else "")
        names_text.append(",".join(container_names_))
        states.append(container.get("State") or "")
        match = _EXIT_CODE.match(status)
        exit_codes.append(int(match.group(1)) if match else None)
        ports.append(container_ports)
        names.append(container_names_)
        image_ids.append(container.get("ImageID") or "")
        labels.append(container.get("Labels") or {})
    text = {
        "CONTAINER ID": ids if no_trunc else [full_id[:12] for full_id in ids],
        "IMAGE": images,
        "COMMAND": commands,
        "CREATED": created_text,
        "STATUS": statuses,
        "PORTS": ports_text,
        "NAMES": names_text,
    }
    typed = {
        "id": ids,
        "name": [n[0] if n else "" for n in names],
        "image": [c.get("Image") or "" for c in containers],
        "image_id": image_ids,
        "command": [c.get("Command") or "" for c in containers],
        "created": pd.to_datetime(pd.Series(created, dtype="int64"), unit="s", utc=True),
        "state": states,
        "status": statuses,
        "exit_code": pd.array(exit_codes, dtype="Int64"),
        "ports": ports,
        "names": names,
        "labels": labels,
    }
    return _with_typed(text, typed)


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
        for repository, tag in pairs:
            repositories.append(repository)
            tags.append(tag)
            ids.append(image["Id"])
            created.append(image.get("Created") or 0)
            sizes.append(image.get("Size") or 0)
            digest = next((d.split("@", 1)[1] for d in repo_digests if d.split("@", 1)[0] == repository), None)
            digests.append(digest)
    text = {
        "REPOSITORY": repositories,
        "TAG": tags,
        "IMAGE ID": ids if no_trunc else [truncate_id(image_id) for image_id in ids],
        "CREATED": [_ago(c, now) for c in created],
        "SIZE": [human_size(size) for size in sizes],
    }
    typed = {
        "id": ids,
        "repository": repositories,
        "tag": tags,
        "digest": digests,
        "created": pd.to_datetime(pd.Series(created, dtype="int64"), unit="s", utc=True),
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
