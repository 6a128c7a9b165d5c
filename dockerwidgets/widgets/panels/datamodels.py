"""The volumes' and the networks' panel models: ``volume ls`` and ``network ls`` with a CONTAINERS column.

Each is the magic's own DataFrame (its text and typed twin) plus one column saying which
containers (running or not) use the volume or the network, both read through ``ops`` (the
list, and one ``containers?all=1`` list for the users). They follow the engine's volume or
network events, and the container events that change who uses what (create, destroy,
rename); the other container events (start, stop, …) change nothing they show and cause no read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import pandas as pd

from ... import frames
from ...humanize import natural_key
from ...networkframes import networks_frame
from ...volumeframes import volumes_frame
from .model import PanelModel
from .table import lowered

USERS_COLUMN = "CONTAINERS"
# Container events that change which containers use a volume or a network.
USER_CHANGES = frozenset({"create", "destroy", "rename"})
NETWORK_USER_CHANGES = USER_CHANGES | {"start"}
# Volume and network events that change nothing a list shows.
QUIET_VOLUME_ACTIONS = frozenset({"mount", "unmount"})


def users_text(uses: Sequence[Any]) -> list[str]:
    """The users' names in the CLI's natural order (``web2`` before ``web10``)."""
    return sorted((str(getattr(use, "name", use)) for use in uses), key=natural_key)


def _unique(uses: list[Any]) -> list[Any]:
    """*uses* without repeats (by container id when they have one), in order."""
    seen: dict[Any, Any] = {}
    for each in uses:
        seen.setdefault(getattr(each, "id", each), each)
    return list(seen.values())


def with_users(frame: pd.DataFrame, users: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """*frame* with a CONTAINERS column (names, comma-separated) and typed ``containers`` (lists of names).

    The typed twin stays deferred: built, with the list's own, on first use.
    """
    names = [users_text(uses) for uses in users]
    text = frame.copy()
    text[USERS_COLUMN] = [", ".join(each) for each in names]

    def typed() -> pd.DataFrame:
        twin = frame.docker.typed.copy()
        twin["containers"] = pd.Series(names, index=frame.index, dtype=object)
        return twin

    return frames.with_typed(text, typed)


class VolumeModel(PanelModel):
    """``volume ls`` rows with who uses each, keyed by volume name."""

    kind = "volumes"
    noun = "volume"
    columns = ("DRIVER", "VOLUME NAME", USERS_COLUMN)
    sort_keys: ClassVar[dict[str, str]] = {}
    default_sort = ("VOLUME NAME", False)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["volume", "container"]}

    def __init__(self, engine: Any = None, *, filters: Mapping[str, list[str]] | None = None, **kwargs: Any) -> None:
        self.filters = dict(filters or {})
        super().__init__(engine, **kwargs)

    def wants_event(self, event: dict) -> bool:
        """A volume created or removed, or a container made or removed (it may mount one)."""
        action = str(event.get("Action") or "").split(":", 1)[0]
        if event.get("Type") == "container":
            return action in USER_CHANGES
        return action not in QUIET_VOLUME_ACTIONS

    def load_one(self, engine: Any) -> pd.DataFrame:
        """``volume ls`` (the panel's filters), and the containers' mounts for CONTAINERS."""
        volumes = self.ops.volumes.list_volumes(engine, self.filters or None)
        users = self.ops.volumes.volume_users(engine)
        frame = volumes_frame(volumes)
        names = frame.docker.typed["name"].tolist() if len(frame) else []
        return with_users(frame, [users.get(name, []) for name in names])

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Driver, name and the users' names."""
        return pd.Series(lowered(frame["DRIVER"], frame["VOLUME NAME"], frame[USERS_COLUMN]), index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """Volume names."""
        return frame.docker.typed["name"].tolist() if len(frame) else []

    def decorations(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """In use: ok; unused (what prune would take): off."""
        return [{"tone": "ok" if used else "off"} for used in rows[USERS_COLUMN].tolist()] if len(rows) else []


class NetworkModel(PanelModel):
    """``network ls`` rows with who is connected to each, keyed by full network id."""

    kind = "networks"
    noun = "network"
    columns = ("NETWORK ID", "NAME", "DRIVER", "SCOPE", USERS_COLUMN)
    sort_keys: ClassVar[dict[str, str]] = {"NETWORK ID": "id"}
    default_sort = ("NAME", False)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["network", "container"]}

    def __init__(self, engine: Any = None, *, filters: Mapping[str, list[str]] | None = None, **kwargs: Any) -> None:
        self.filters = dict(filters or {})
        super().__init__(engine, **kwargs)

    def wants_event(self, event: dict) -> bool:
        """A network created, removed, connected or disconnected, or a container made, started, removed or renamed.

        A container's start matters here: the engine lists a new container's network id only once
        it has started, after the ``connect`` event.
        """
        if event.get("Type") == "container":
            return str(event.get("Action") or "").split(":", 1)[0] in NETWORK_USER_CHANGES
        return True

    def load_one(self, engine: Any) -> pd.DataFrame:
        """``network ls`` (the panel's filters), and the containers' networks for CONTAINERS."""
        networks = self.ops.networks.list_networks(engine, self.filters or None)
        users = self.ops.networks.network_users(engine)
        frame = networks_frame(networks)
        if not len(frame):
            return with_users(frame, [])
        typed = frame.docker.typed
        # by id; by name too, for a container created and never started (the engine gives it no NetworkID yet)
        return with_users(
            frame,
            [
                _unique([*users.get(nid, []), *users.get(name, [])])
                for nid, name in zip(typed["id"], typed["name"], strict=True)
            ],
        )

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Name, driver, scope, id and the users' names."""
        typed = frame.docker.typed
        text = lowered(frame["NAME"], frame["DRIVER"], frame["SCOPE"], typed["id"], frame[USERS_COLUMN])
        return pd.Series(text, index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """Full network ids."""
        return frame.docker.typed["id"].tolist() if len(frame) else []

    def labels(self, frame: pd.DataFrame) -> list[str]:
        """Network names."""
        return frame.docker.typed["name"].tolist() if len(frame) else []

    def match(self, frame: pd.DataFrame, name: str) -> list[int]:
        """A full id, a name, else an unambiguous id prefix (as the engine resolves a network)."""
        typed = frame.docker.typed
        ids, names = typed["id"].tolist(), typed["name"].tolist()
        exact = [i for i, nid in enumerate(ids) if nid == name] or [i for i, each in enumerate(names) if each == name]
        return exact or [i for i, nid in enumerate(ids) if name and nid.startswith(name)]

    def decorations(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """Containers connected: ok; none: off."""
        return [{"tone": "ok" if used else "off"} for used in rows[USERS_COLUMN].tolist()] if len(rows) else []
