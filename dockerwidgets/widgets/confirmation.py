"""The view of a :class:`~dockerwidgets.results.Confirmation`: the warning, Yes and No, then the outcome."""

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
