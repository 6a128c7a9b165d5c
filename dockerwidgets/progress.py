"""Pull progress, pure: the engine's pull events folded into one state per layer and one overall.

:func:`pull_message` says which events are the CLI's printed lines; :class:`PullProgress`
keeps the layers and renders them as escaped HTML. The widget that shows it, redrawn at
most ``MAX_REDRAWS_PER_SECOND`` times, is :mod:`dockerwidgets.widgets.progress`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

MAX_REDRAWS_PER_SECOND = 10


def pull_message(event: dict) -> str | None:
    """The line the CLI prints for a pull event that is not a layer's progress (``Digest: …``), else ``None``."""
    status = event.get("status") or ""
    layer_id = event.get("id")
    if layer_id and not status.startswith("Pulling from"):
        return None
    if not status:
        return None
    return f"{layer_id}: {status}" if layer_id else status


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
    """Folds pull events into layer states; :meth:`html` draws them (every string escaped)."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        self.layers: dict[str, Layer] = {}
        self.messages: list[str] = []

    def update(self, event: dict) -> None:
        """Take one event of the engine's pull stream."""
        message = pull_message(event)
        if message is not None:
            self.messages.append(message)
            return
        layer_id = event.get("id")
        if not layer_id:
            return
        detail = event.get("progressDetail") or {}
        layer = self.layers.setdefault(layer_id, Layer())
        layer.status = event.get("status") or ""
        if "current" in detail:
            layer.current = int(detail.get("current") or 0)
            layer.total = int(detail.get("total") or layer.total or 0)

    @property
    def overall(self) -> float:
        """The whole pull's progress, 0 to 1 (each layer counts the same)."""
        if not self.layers:
            return 0.0
        return sum(layer.fraction for layer in self.layers.values()) / len(self.layers)

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


@dataclass
class CopyProgress:
    """A ``docker cp``'s count, as the CLI shows it on a terminal: ``Copying to container - 52.4MB``."""

    header: str
    copied: int = 0
    done: bool = False

    @property
    def text(self) -> str:
        from .humanize import human_size

        return f"{self.header}{human_size(self.copied)}"

    def html(self) -> str:
        """The count, escaped, with a running bar until the copy is done."""
        bar = "" if self.done else " <progress></progress>"
        return f"<code>{html.escape(self.text)}</code>{bar}"
