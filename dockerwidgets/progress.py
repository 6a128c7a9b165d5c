"""Pull progress: the engine's pull stream as one bar per layer and one overall.

The events are folded into per-layer state in the kernel; the front end gets one HTML
widget, redrawn at most ``MAX_REDRAWS_PER_SECOND`` times, never once per event. Inside
``with render_into(widget):`` the bars go to that widget (a panel's) instead of a new
one displayed in the cell, so a panel's pull runs the magic's own code.
"""

from __future__ import annotations

import contextlib
import html
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

MAX_REDRAWS_PER_SECOND = 10
_target: ContextVar[Any] = ContextVar("dockerwidgets_progress_target", default=None)


@contextlib.contextmanager
def render_into(widget: Any) -> Iterator[Any]:
    """Within the block, pulls that show progress draw into *widget* (an ``ipywidgets.HTML``)."""
    token = _target.set(widget)
    try:
        yield widget
    finally:
        _target.reset(token)


@dataclass
class Layer:
    """One layer's last status and byte counts."""

    status: str = ""
    current: int = 0
    total: int = 0

    @property
    def fraction(self) -> float:
        if self.status in ("Pull complete", "Already exists"):
            return 1.0
        if self.status == "Extracting" and self.total:
            return 0.5 + 0.5 * min(self.current / self.total, 1.0)
        if self.status == "Download complete":
            return 0.5
        if self.total:
            return 0.5 * min(self.current / self.total, 1.0)
        return 0.0


class PullProgress:
    """Folds pull events into layer states and (when shown) redraws a bounded HTML view."""

    def __init__(self, reference: str, show: bool = True) -> None:
        self.reference = reference
        self.layers: dict[str, Layer] = {}
        self.messages: list[str] = []
        self._widget: Any = None
        self._last_draw = 0.0
        if show:
            target = _target.get()
            self._widget = target if target is not None else _display_html()

    def update(self, event: dict) -> None:
        """Take one event of the engine's pull stream."""
        status = event.get("status") or ""
        layer_id = event.get("id")
        detail = event.get("progressDetail") or {}
        if layer_id and status not in ("Pulling from " + layer_id,) and not status.startswith("Pulling from"):
            layer = self.layers.setdefault(layer_id, Layer())
            layer.status = status
            if "current" in detail:
                layer.current = int(detail.get("current") or 0)
                layer.total = int(detail.get("total") or layer.total or 0)
        elif status:
            self.messages.append(f"{layer_id}: {status}" if layer_id else status)
        self._draw()

    @property
    def overall(self) -> float:
        """The whole pull's progress, 0 to 1 (each layer counts the same)."""
        if not self.layers:
            return 0.0
        return sum(layer.fraction for layer in self.layers.values()) / len(self.layers)

    def finish(self) -> None:
        """Draw the final state, whatever the throttle says."""
        self._draw(force=True)

    def html(self) -> str:
        """The progress as HTML: an overall bar and one per layer, every string escaped."""
        rows = [
            f"<div><b>{html.escape(self.reference)}</b> "
            f"<progress max='1' value='{self.overall:.3f}'></progress> {self.overall:.0%}</div>"
        ]
        for layer_id, layer in self.layers.items():
            rows.append(
                f"<div><code>{html.escape(layer_id)}</code> <progress max='1' value='{layer.fraction:.3f}'>"
                f"</progress> {html.escape(layer.status)}</div>"
            )
        rows.extend(f"<div>{html.escape(message)}</div>" for message in self.messages)
        return "".join(rows)

    def _draw(self, force: bool = False) -> None:
        if self._widget is None:
            return
        now = time.monotonic()
        if force or now - self._last_draw >= 1.0 / MAX_REDRAWS_PER_SECOND:
            self._last_draw = now
            self._widget.value = self.html()


def _display_html() -> Any:
    """Show an empty HTML widget in the current cell, when running in a kernel."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is None or not hasattr(shell, "kernel"):
            return None
        import ipywidgets as w
        from IPython.display import display

        widget = w.HTML()
        display(widget)
        return widget
    except ImportError:
        return None
