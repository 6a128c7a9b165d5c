"""The swarm itself: init and leave, as typed calls over an :class:`~dockerwidgets.engine.Engine`."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Engine

LISTEN_ADDR = "0.0.0.0:2377"  # the CLI's default --listen-addr


@dataclass(frozen=True)
class SwarmJoin:
    """What ``swarm init`` tells: the new manager's node id, the workers' join token, the address to join."""

    node_id: str
    worker_token: str
    address: str


def swarm_init(
    engine: Engine, advertise_addr: str | None = None, listen_addr: str = LISTEN_ADDR, force_new_cluster: bool = False
) -> SwarmJoin:
    """Make *engine* a one-node swarm's manager; how a worker joins it."""
    with engine.errors():
        node_id = engine.api.init_swarm(
            advertise_addr=advertise_addr, listen_addr=listen_addr, force_new_cluster=force_new_cluster
        )
        token = (engine.api.inspect_swarm().get("JoinTokens") or {}).get("Worker") or ""
        managers = (engine.api.info().get("Swarm") or {}).get("RemoteManagers") or []
    address = next((m.get("Addr") for m in managers if m.get("NodeID") == node_id), None) or listen_addr
    return SwarmJoin(node_id, token, address)


def swarm_leave(engine: Engine, force: bool = False) -> None:
    """Leave the swarm (a manager needs ``force``: the engine's refusal says so)."""
    with engine.errors():
        engine.api.leave_swarm(force=force)
