"""A question the CLI would ask (``Are you sure you want to continue? [y/N]``), as an object.

Nothing happens until :meth:`Confirmation.confirm` is called, by code or by its Yes button;
:meth:`Confirmation.cancel` (or the No button) drops it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

QUESTION = "Are you sure you want to continue?"


class Confirmation:
    """A pending action: its warning, and ``confirm()`` / ``cancel()``."""

    def __init__(self, warning: str, action: Callable[[], Any]) -> None:
        self.warning = warning
        self._action = action
        self.state = "pending"  # then "confirmed" or "cancelled"
        self.result: Any = None
        self._widget: Any = None

    def confirm(self) -> Any:
        """Do the action (once) and return its result."""
        if self.state != "pending":
            raise RuntimeError(f"this confirmation is already {self.state}")
        self.state = "confirmed"
        self.result = self._action()
        self._show_outcome(str(self.result))
        return self.result

    def cancel(self) -> None:
        """Drop the action: nothing is done."""
        if self.state == "pending":
            self.state = "cancelled"
            self._show_outcome("Cancelled: nothing was removed.")

    def __repr__(self) -> str:
        return f"{self.warning}\n{QUESTION} [y/N] (call .confirm() to go on, or pass -f)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())

    def widget(self) -> Any:
        """The question as a widget: the warning, Yes and No buttons, then the outcome."""
        if self._widget is None:
            import ipywidgets as w

            yes = w.Button(description="Yes, continue", button_style="danger")
            no = w.Button(description="No")
            yes.on_click(lambda _: self._click(self.confirm))
            no.on_click(lambda _: self.cancel())
            text = w.HTML(f"<pre>{html.escape(self.warning)}\n{QUESTION}</pre>")
            self._widget = w.VBox([text, w.HBox([yes, no])])
        return self._widget

    def _click(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except Exception as exc:
            self._show_outcome(str(exc))

    def _show_outcome(self, text: str) -> None:
        if self._widget is not None:
            import ipywidgets as w

            self._widget.children = (self._widget.children[0], w.HTML(f"<pre>{html.escape(text)}</pre>"))
