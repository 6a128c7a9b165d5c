"""ImagePanel: ``%docker images`` as a live table, with pull (a bar per layer), remove and a run form.

Pull, remove and run go through the magic's own code (``dockerwidgets.docker(...)``); the
pull's bars are drawn into the panel (:func:`~dockerwidgets.progress.render_into`), and a
run that is not detached puts what it returns (the console) under the table.
"""

from __future__ import annotations

import html
import shlex
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd

from ...engine import Engine
from ...errors import fail
from ...ops import images
from ..progress import PullView
from .base import PAGE_SIZE, Panel, as_widget, run_action
from .runline import run_args, words
from .table import lowered

ACTIONS = ("pull", "remove", "run")


class ImagePanel(Panel):
    """The engine's images, live: filter, sort, page; pull by reference, remove, and run from a form."""

    noun = "image"
    columns = ("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE")
    sort_keys: ClassVar[dict[str, str]] = {"CREATED": "created", "SIZE": "size"}
    default_sort = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["image"]}

    def __init__(self, engine: Engine | None = None, page_size: int = PAGE_SIZE, live: bool = True) -> None:
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
        self._form_selection: list[str] = []
        super().__init__(engine, page_size=page_size, live=live)

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter: repository, tag, id"

    def make_buttons(self) -> dict[str, w.Button]:
        """Pull, remove, run."""
        styles = {"remove": "danger", "run": "success", "pull": "primary"}
        return {name: w.Button(description=name, button_style=styles[name]) for name in ACTIONS}

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

    def load(self) -> pd.DataFrame:
        """``images``, as the magic returns it."""
        return run_action(["images"], self.engine)

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Repository, tag and id, lower-cased."""
        if frame.empty:
            return pd.Series([], dtype=str)
        typed = frame.docker.typed
        return pd.Series(lowered(frame["REPOSITORY"], frame["TAG"], typed["id"]), index=frame.index)

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """``repository:tag``, or the image id for an untagged image."""
        if frame.empty:
            return []
        ids = frame.docker.typed["id"].tolist()
        return [
            f"{repository}:{tag}" if repository != "<none>" and tag != "<none>" else image_id
            for repository, tag, image_id in zip(frame["REPOSITORY"], frame["TAG"], ids, strict=True)
        ]

    def row_labels(self, frame: pd.DataFrame) -> list[str]:
        """The key, with an untagged image's id shortened."""
        return [key.split(":", 1)[-1][:12] if key.startswith("sha256:") else key for key in self.row_keys(frame)]

    def resolve(self, name: str) -> str | None:
        """``repository:tag`` (``:latest`` when no tag is given), a full id or an unambiguous id prefix."""
        keys = self.row_keys(self._all)
        candidates = [name, f"{name}:latest"] if ":" not in name.rsplit("/", 1)[-1] else [name]
        for candidate in candidates:
            if candidate in keys:
                return candidate
        if self._all.empty:
            return None
        ids = self._all.docker.typed["id"].tolist()
        bare = name.split(":", 1)[-1] if name.startswith("sha256:") else name
        matches = {
            key for key, image_id in zip(keys, ids, strict=True) if bare and image_id.split(":", 1)[-1].startswith(bare)
        }
        return matches.pop() if len(matches) == 1 else None

    def _draw_selected(self) -> None:
        super()._draw_selected()
        if self._selected != self._form_selection:  # a new selection fills the form's image
            self._form_selection = list(self._selected)
            if len(self._selected) == 1:
                self.form["image"].value = self.row_labels(self._all)[self.row_keys(self._all).index(self._selected[0])]

    # --- actions ---------------------------------------------------------------------------

    def act(self, name: str) -> Any:
        """Run action *name*: ``pull`` the reference typed, ``remove`` the selection (asks first), ``run`` the form."""
        if name not in ACTIONS:
            raise fail(f"unknown action: {name}")
        return getattr(self, f"_{name}")()

    def pull(self, reference: str) -> str:
        """Pull *reference*, its bars drawn in the panel; returns what ``%docker pull`` prints."""
        self.reference.value = reference
        return self._pull()

    def _pull(self) -> str:
        reference = self.reference.value.strip()
        if not reference:
            raise fail("type the image to pull, e.g. ubuntu:14.04")
        self.say(f"pulling {reference}…")
        try:
            view = PullView(reference, self.progress)
            try:
                printed = "\n".join(images.pull(self.engine, reference, on_progress=view.update))
            finally:
                view.finish()
        finally:
            self.refresh()
        status = next((line for line in reversed(printed.splitlines()) if line.startswith("Status:")), "")
        self.say(f"pull {reference}: {status.removeprefix('Status: ') or 'done'}")
        return printed

    def _remove(self) -> None:
        keys = self._need()
        names = ", ".join(self.row_labels(self._all)[self.row_keys(self._all).index(key)] for key in keys)

        def remove() -> Any:
            try:
                result = run_action(["rmi", *keys], self.engine)
            finally:
                self.refresh()
            self.say(f"remove: {names}")
            return result

        self.ask(f"Remove {len(keys)} image(s) ({names})?", remove)

    def _run(self) -> Any:
        form = self.form
        labels = {}
        for word in words(form["labels"].value, "labels"):
            key, _, value = word.partition("=")
            labels[key] = value
        args = run_args(
            form["image"].value,
            name=form["name"].value,
            ports=form["ports"].value,
            env=form["env"].value,
            command=form["command"].value,
            interactive=form["interactive"].value,
            detach=form["detach"].value,
            labels=labels,
        )
        self.say(f"docker {shlex.join(args)}")
        result = run_action(args, self.engine)
        image = form["image"].value.strip()
        if form["detach"].value:
            self.say(f"run {image}: started {str(result)[:12]}")
            return result
        widget = as_widget(result)
        if widget is not None:
            self.show_detail(f"console: {image}", widget)
            if not isinstance(result, w.Widget):
                self._detail_object = result
        else:
            text = html.escape(str(result or ""))
            self.show_detail(f"run {image}", f'<pre style="max-height:30em;overflow:auto;margin:0">{text}</pre>')
        self.say(f"run {image}: attached")
        return result
