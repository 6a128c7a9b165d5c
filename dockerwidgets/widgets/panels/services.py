"""ServicePanel: ``%docker service ls`` as a live table: replicas + and −, remove (asked first), tasks and logs.

It follows the engine's service, node and container events (bursts coalesced, as every
panel). A task's state reaches the swarm's manager a moment after its container's event,
so while a service converges the model looks again, a little later each time, until
REPLICAS reads ``N/N`` everywhere (:class:`~.model.ServiceModel`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import PAGE_SIZE, Panel
from .model import RECHECK_SECONDS, ServiceModel

__all__ = ["RECHECK_SECONDS", "ServicePanel"]


class ServicePanel(Panel):
    """The swarm's services, live: filter, sort, page; scale, remove, tasks and logs of the selection."""

    status_column = "REPLICAS"

    def __init__(
        self,
        engine: Any = None,
        filters: dict[str, list[str]] | None = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        engines: list | None = None,
        ops: Any = None,
        events: Mapping[str, Any] | None = None,
    ) -> None:
        model = ServiceModel(
            engine, filters=filters, engines=engines, ops=ops, live=live, page_size=page_size, events=events
        )
        super().__init__(model)

    @property
    def converging(self) -> bool:
        """Whether some service shown has fewer tasks running than it wants."""
        return self.model.converging

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: name, image, mode"
