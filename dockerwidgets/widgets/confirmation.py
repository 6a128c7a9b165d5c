"""A :class:`~dockerwidgets.results.Confirmation` as the user gets it: the same question, shown with Yes and No."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..results import QUESTION, Confirmation


def confirmation_view(question: Confirmation) -> w.VBox:
    """The question as a widget; answering it (here or from code) shows the outcome under it."""
    yes = w.Button(description="Yes, continue", button_style="danger")
    no = w.Button(description="No")
    text = w.HTML(f"<pre>{html.escape(question.warning)}\n{QUESTION}</pre>")
    box = w.VBox([text, w.HBox([yes, no])])

    def show(outcome: str) -> None:
        box.children = (text, w.HTML(f"<pre>{html.escape(outcome)}</pre>"))

    def click(action: Callable[[], Any]) -> None:
        try:
            action()
        except Exception as exc:
            show(str(exc))

    yes.on_click(lambda _: click(question.confirm))
    no.on_click(lambda _: question.cancel())
    question.on_answer(show)
    return box


class Prompt:
    """The question a command asked (``container prune``): ``confirm()``, ``cancel()``, ``state``, ``result``;
    displayed, the warning with Yes and No buttons."""

    def __init__(self, question: Confirmation) -> None:
        self.question = question
        self._view: w.VBox | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.question, name)

    def confirm(self) -> Any:
        """Do the action (once) and return its result."""
        return self.question.confirm()

    def cancel(self) -> None:
        """Drop the action: nothing is done."""
        self.question.cancel()

    def widget(self) -> w.VBox:
        """The view, made once."""
        if self._view is None:
            self._view = confirmation_view(self.question)
        return self._view

    def __repr__(self) -> str:
        return repr(self.question)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())
