"""One events stream per engine, shared by several panels (the dashboard's tabs).

Each panel alone opens its own ``GET /events`` (an :class:`~.events.EventFollower`). A
dashboard shows four or five panels of one engine: rather than four or five streams and ten
threads, it opens one :class:`EventHub` per engine, and each panel *subscribes* with its own
filters. The hub's reader marks the subscriptions an event concerns; its refresher, once per
burst, calls each marked subscription's ``on_change`` (so a burst of container events is one
read of the containers' list, and no read of the images'). Closing a subscription only stops
its calls; closing the hub closes the stream and joins its two threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..engine import Engine
from ..errors import one_line
from .events import COALESCE_SECONDS, EventFollower, changes_a_list

# What the dashboard's panels follow: the hub asks the engine for these types only.
PANEL_EVENT_TYPES = ("container", "image", "volume", "network", "service", "node")


def event_matches(event: Mapping[str, Any], filters: Mapping[str, Sequence[str]]) -> bool:
    """Whether *event* passes *filters* as the engine applies them (``type`` and ``event``; keys ANDed, values ORed)."""
    types = filters.get("type")
    if types and str(event.get("Type") or "") not in types:
        return False
    actions = filters.get("event")
    if actions:
        action = str(event.get("Action") or event.get("status") or "").split(":", 1)[0]
        if action not in actions:
            return False
    return True


class Subscription:
    """One subscriber of a hub: its filters, an optional finer test of each event, and its callbacks.

    It stands where a panel keeps its follower: ``events`` and ``refreshes`` count as an
    :class:`~.events.EventFollower`'s do, ``alive`` is the hub's, ``close()`` unsubscribes.
    """

    def __init__(
        self,
        hub: EventHub,
        filters: Mapping[str, Sequence[str]],
        on_change: Callable[[], Any],
        on_error: Callable[[str], Any] | None = None,
        accept: Callable[[dict], bool] | None = None,
    ) -> None:
        self.hub = hub
        self.filters = {key: list(values) for key, values in filters.items()}
        self.events = 0
        self.refreshes = 0
        self.on_change = on_change
        self.on_error = on_error or (lambda message: None)
        self.accept = accept
        self.marked = False
        self.closed = False

    @property
    def engine(self) -> Engine:
        """The hub's engine."""
        return self.hub.engine

    @property
    def alive(self) -> bool:
        """Whether it still gets calls: subscribed, and the hub's threads run."""
        return not self.closed and self.hub.alive

    def wants(self, event: dict) -> bool:
        """Whether *event* concerns this subscriber."""
        if not event_matches(event, self.filters):
            return False
        return self.accept is None or bool(self.accept(event))

    def close(self, timeout: float = 5.0) -> None:
        """Stop the calls (the hub and its other subscribers go on)."""
        self.hub.unsubscribe(self)


class EventHub(EventFollower):
    """One engine's events stream (of *types*), handed to its subscribers, one call per subscriber per burst."""

    def __init__(
        self,
        engine: Engine,
        types: Iterable[str] = PANEL_EVENT_TYPES,
        on_error: Callable[[str], Any] | None = None,
        window: float = COALESCE_SECONDS,
    ) -> None:
        self._subscriptions: list[Subscription] = []
        self._subscribers_lock = threading.Lock()
        self._report = on_error
        super().__init__(engine, {"type": list(types)}, self._dispatch, self._broadcast_error, window=window)
        self._reader.name = "dockerwidgets-events-hub"

    @property
    def subscriptions(self) -> list[Subscription]:
        """The subscribers now."""
        with self._subscribers_lock:
            return list(self._subscriptions)

    def subscribe(
        self,
        filters: Mapping[str, Sequence[str]],
        on_change: Callable[[], Any],
        on_error: Callable[[str], Any] | None = None,
        accept: Callable[[dict], bool] | None = None,
    ) -> Subscription:
        """Call *on_change* once per burst of events passing *filters* (and *accept*), from the hub's refresher."""
        subscription = Subscription(self, filters, on_change, on_error, accept)
        with self._subscribers_lock:
            self._subscriptions.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """No more calls for *subscription*."""
        with self._subscribers_lock:
            subscription.closed = True
            if subscription in self._subscriptions:
                self._subscriptions.remove(subscription)

    def _take(self, event: dict) -> None:
        """On the reader thread: mark the subscribers *event* concerns; wake the refresher if any."""
        if not changes_a_list(event):
            return
        self.events += 1
        marked = False
        with self._subscribers_lock:
            for subscription in self._subscriptions:
                if subscription.wants(event):
                    subscription.events += 1
                    subscription.marked = True
                    marked = True
        if marked:
            self._pending.set()

    def _missed(self) -> None:
        """After a reconnection every subscriber reads once (the gap's events are lost)."""
        with self._subscribers_lock:
            for subscription in self._subscriptions:
                subscription.marked = True
        self._pending.set()

    def _dispatch(self) -> None:
        """On the refresher thread: one call per marked subscriber."""
        with self._subscribers_lock:
            due = [subscription for subscription in self._subscriptions if subscription.marked]
            for subscription in due:
                subscription.marked = False
        for subscription in due:
            if subscription.closed or self._closed.is_set():
                continue
            try:
                subscription.on_change()
            except Exception as exc:  # one subscriber's failure is its own
                subscription.on_error(one_line(exc))
            subscription.refreshes += 1

    def _broadcast_error(self, message: str) -> None:
        if self._report is not None:
            self._report(message)
        for subscription in self.subscriptions:
            subscription.on_error(message)
