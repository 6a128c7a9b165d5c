"""ImagePanel: ``%docker images`` as a live table, with pull (a bar per layer), remove and a run form.

Pull calls ``ops.images.pull`` on the panel's worker, its events drawn as the magic's bars
inside the panel; remove (asked first) calls ``ops.images.remove_images``. A run that is not
detached puts what it returns (the console) under the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any

import ipywidgets as w

from ..progress import PullView
from .base import PAGE_SIZE, Panel
from .model import ImageModel
from .runline import words

ACTIONS = ("pull", "remove", "run")


class ImagePanel(Panel):
    """The engine's images, live: filter, sort, page; pull by reference, remove, and run from a form."""

    def __init__(
        self,
        engine: Any = None,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        engines: list | None = None,
        ops: Any = None,
        events: Mapping[str, Any] | None = None,
    ) -> None:
        model = ImageModel(engine, engines=engines, ops=ops, live=live, page_size=page_size, events=events)
        self.reference = w.Text(placeholder="image to pull, e.g. ubuntu:14.04", layout=w.Layout(width="260px"))
        self.progress = w.HTML()
        text = {"layout": w.Layout(width="250px"), "style": {"description_width": "70px"}}
        self.form = {
            "image": w.Text(description="image", placeholder="selected image", **text),
            "name": w.Text(description="name", placeholder="--name", **text),
            "ports": w.Text(description="ports", placeholder="8080:80, 8443:443", **text),
            "env": w.Text(description="env", placeholder="KEY=value OTHER='two words'", **text),
            "command": w.Text(description="command", placeholder="sh -c 'echo hi'", **text),
            "labels": w.Text(description="labels", placeholder="key=value", **text),
            "interactive": w.Checkbox(description="-i -t (console)", value=False, indent=False),
            "detach": w.Checkbox(description="detached (-d)", value=True, indent=False),
        }
        self._bars: PullView | None = None
        super().__init__(model)
        model.observe(self._fill_image, "selection")

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: repository, tag, id"

    def layout_children(self) -> list[w.Widget]:
        """Filter row, pull bar and its progress, the shared rows, then the run form."""
        rows = super().layout_children()
        form = self.form
        rows[1] = w.HBox([self.reference, self.buttons["pull"], self.buttons["remove"]])
        run_form = w.VBox(
            [
                w.HTML("<b>run the selected image</b>"),
                w.HBox([form["image"], form["name"], form["ports"]]),
                w.HBox([form["env"], form["command"], form["labels"]]),
                w.HBox([form["interactive"], form["detach"], self.buttons["run"]]),
            ]
        )
        return [*rows[:2], self.progress, *rows[2:-1], run_form, rows[-1]]

    def params(self, name: str) -> dict[str, Any]:
        """Pull takes the reference box (and draws its bars here); run takes the form."""
        if name == "pull":
            reference = self.reference.value.strip()
            bars = PullView(reference, self.progress)
            self._bars = bars
            return {"reference": reference, "on_progress": bars.update}
        if name == "run":
            labels = {}
            for word in words(self.form["labels"].value, "labels"):
                key, _, value = word.partition("=")
                labels[key] = value
            fields = {key: widget.value for key, widget in self.form.items() if key != "labels"}
            return {"form": {**fields, "labels": labels}}
        return {}

    def act(self, name: str, keys: Any = None) -> Future | None:
        """Start action *name*; a pull's bars get their last draw when it ends."""
        future = super().act(name, keys)
        if name == "pull" and future is not None:
            future.add_done_callback(lambda _, bars=self._bars: bars.finish())
        return future

    def pull(self, reference: str, timeout: float | None = None) -> str:
        """Pull *reference* (bars drawn in the panel), wait for it, and return the message line."""
        self.reference.value = reference
        self.act("pull")
        self.wait(timeout)
        return self.message

    def _fill_image(self, change: dict) -> None:
        selection = change["new"]
        if len(selection) == 1:
            self.form["image"].value = self.model.names(selection)[0]
