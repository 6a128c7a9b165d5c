"""Pull bars as a widget: one HTML widget, redrawn at most ``MAX_REDRAWS_PER_SECOND`` times, never per event."""

from __future__ import annotations

import time

import ipywidgets as w

from ..progress import MAX_REDRAWS_PER_SECOND, CopyProgress, PullProgress


class PullView:
    """Folds a pull's events (``view.update`` is an ``on_progress`` callback) into *widget*'s bars."""

    def __init__(self, reference: str, widget: w.HTML | None = None) -> None:
        self.progress = PullProgress(reference)
        self.widget = widget if widget is not None else w.HTML()
        self._last_draw = 0.0

    def update(self, event: dict) -> None:
        """Take one event; redraw when the throttle allows."""
        self.progress.update(event)
        now = time.monotonic()
        if now - self._last_draw >= 1.0 / MAX_REDRAWS_PER_SECOND:
            self._last_draw = now
            self.widget.value = self.progress.html()

    def finish(self) -> None:
        """Draw the final state, whatever the throttle says."""
        self.widget.value = self.progress.html()


class CopyView:
    """A copy's bytes so far (``view.update`` is an ``on_progress`` callback), redrawn at most ``MAX_REDRAWS_PER_SECOND`` times."""

    def __init__(self, header: str, widget: w.HTML | None = None) -> None:
        self.progress = CopyProgress(header)
        self.widget = widget if widget is not None else w.HTML()
        self._last_draw = 0.0

    def update(self, copied: int) -> None:
        """Take the bytes copied so far; redraw when the throttle allows."""
        self.progress.copied = copied
        now = time.monotonic()
        if now - self._last_draw >= 1.0 / MAX_REDRAWS_PER_SECOND:
            self._last_draw = now
            self.widget.value = self.progress.html()

    def finish(self) -> None:
        """Draw the final count, whatever the throttle says."""
        self.progress.done = True
        self.widget.value = self.progress.html()
