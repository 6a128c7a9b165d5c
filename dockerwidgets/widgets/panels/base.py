"""What the three panels share: a model (:mod:`.model`) drawn by one table widget (:mod:`.view`) and a few controls.

The panel is a ``VBox``: filter, sort and direction (linked to the model's traits), the
toolbar (one button per action of :mod:`.actions`, acting on the selection), the Yes/No
question, the one-line message, the table, the pager and a detail area. The widgets are
made once; a redraw sends the page on screen in one update. A click hands the action to
the model's worker and returns at once, so the kernel stays free. ``close()`` stops the
events followers, the worker and every widget.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd

from ...errors import UsageError, one_line
from .actions import Detail
from .jsonview import json_html
from .model import PAGE_SIZE, PanelModel
from .table import table_html
from .view import TableView, page_rows

__all__ = ["PAGE_SIZE", "Panel", "as_widget", "close_tree", "one_line"]


def as_widget(result: Any) -> w.Widget | None:
    """The widget a command's result shows as (a console's ``.widget()``, or itself), if any."""
    if isinstance(result, w.Widget):
        return result
    make = getattr(result, "widget", None)
    if callable(make):
        made = make()
        return made if isinstance(made, w.Widget) else None
    return None


def close_tree(widget: Any) -> None:
    """Close *widget*, its children, and their layouts and styles."""
    for child in getattr(widget, "children", ()) or ():
        close_tree(child)
    for part in ("layout", "style"):
        owned = getattr(widget, part, None)
        if isinstance(owned, w.Widget):
            owned.close()
    if isinstance(widget, w.Widget):
        widget.close()


def pre(text: str) -> str:
    """Text as an escaped, scrollable ``<pre>``."""
    return f'<pre style="max-height:30em;overflow:auto;margin:0">{html.escape(text)}</pre>'


class Panel(w.VBox):
    """A live table of the engine's objects; subclasses name their model and add their own controls."""

    model_class: ClassVar[type[PanelModel]] = PanelModel
    status_column: ClassVar[str] = ""

    def __init__(self, model: PanelModel) -> None:
        self.model = model
        self._detail_object: Any = None
        self._closed = False
        self.filter = w.Text(placeholder=self.filter_placeholder(), layout=w.Layout(width="260px"))
        self.sort_by = w.Dropdown(options=list(model.columns), description="sort", layout=w.Layout(width="190px"))
        self.descending = w.ToggleButton(description="↓", tooltip="descending", layout=w.Layout(width="36px"))
        self._links = [  # the model first: a link starts by giving its target the source's value
            w.link((model, "filter"), (self.filter, "value")),
            w.link((model, "sort_column"), (self.sort_by, "value")),
            w.link((model, "descending"), (self.descending, "value")),
        ]
        self.table = TableView(
            on_select=self._guard_call(model.select_on_page),
            on_action=lambda name, key: self._guarded(lambda: self.act(name, [key])),
            quick=[{"name": a.name, "icon": a.icon} for a in model.actions.values() if a.icon],
            status_column=self.status_column,
        )
        self.selected_label = w.HTML()
        self.previous = w.Button(description="◀", tooltip="previous page", layout=w.Layout(width="36px"))
        self.next = w.Button(description="▶", tooltip="next page", layout=w.Layout(width="36px"))
        self.page_label = w.HTML()
        self.message_line = w.HTML()
        self.question = w.HTML()
        self.yes = w.Button(description="Yes, continue", button_style="danger")
        self.no = w.Button(description="No")
        self.confirm_box = w.HBox([self.question, self.yes, self.no], layout=w.Layout(display="none"))
        self.buttons: dict[str, w.Button] = {
            name: w.Button(
                description=action.title, button_style=action.style, tooltip=name, layout=w.Layout(width="auto")
            )
            for name, action in model.actions.items()
        }
        self.detail_title = w.HTML()
        self.detail_close = w.Button(description="×", tooltip="close", layout=w.Layout(width="36px"))
        self.detail_body = w.VBox()
        self.detail = w.VBox(
            [w.HBox([self.detail_close, self.detail_title]), self.detail_body], layout=w.Layout(display="none")
        )

        self.descending.observe(self._on_direction, "value")
        self.previous.on_click(lambda _: self.model.goto(self.model.page - 1))
        self.next.on_click(lambda _: self.model.goto(self.model.page + 1))
        self.yes.on_click(lambda _: self._guarded(self.confirm))
        self.no.on_click(lambda _: self.cancel())
        self.detail_close.on_click(lambda _: self.close_detail())
        for name, button in self.buttons.items():
            button.on_click(lambda _, name=name: self._guarded(lambda: self.act(name)))
        model.observe(lambda _: self.redraw(), "revision")
        model.observe(lambda _: self._draw_message(), ["message", "error"])
        model.observe(lambda change: self._show_question(change["new"]), "question")
        model.observe(lambda change: self._show(change["new"]), "detail")

        super().__init__(self.layout_children())
        self.add_class("dw-panel")
        self._on_direction({"new": self.descending.value})
        self.redraw()
        self._draw_message()

    # --- what subclasses provide -------------------------------------------------------------

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter"

    def layout_children(self) -> list[w.Widget]:
        """The panel's rows, top to bottom."""
        return [
            w.HBox([self.filter, self.sort_by, self.descending]),
            w.HBox(list(self.buttons.values())),
            self.confirm_box,
            self.message_line,
            self.table,
            w.HBox([self.previous, self.page_label, self.next, self.selected_label]),
            self.detail,
        ]

    def params(self, name: str) -> dict[str, Any]:
        """The parameters action *name* takes from the panel's own controls (rename's new name, …)."""
        return {}

    # --- the headless API ----------------------------------------------------------------------

    def __repr__(self) -> str:
        shown = len(self.frame)
        return f"<{type(self).__name__}: {shown} {self.model.noun}{'' if shown == 1 else 's'} shown>"

    @property
    def frame(self) -> pd.DataFrame:
        """The rows shown (filtered, sorted), as the magic's DataFrame with its typed twin."""
        return self.model.shown

    @property
    def message(self) -> str:
        """The message line's text (the last action's outcome or error)."""
        return self.model.message

    @property
    def selected(self) -> list[str]:
        """The keys of the selected rows."""
        return list(self.model.selection)

    @property
    def pending(self) -> str | None:
        """The question waiting for :meth:`confirm` or :meth:`cancel`, if any."""
        return self.model.question or None

    @property
    def working(self) -> dict[str, str]:
        """Rows with an action running: key -> what it shows (``stopping…``)."""
        return dict(self.model.pending)

    @property
    def engine(self) -> Any:
        """The engine (the first, over several)."""
        return self.model.engine

    @property
    def engines(self) -> list[Any]:
        """The engines of a panel over several (empty for one)."""
        return self.model.engines

    @property
    def engine_errors(self) -> dict[str, str]:
        """Engine name -> why its rows are missing now."""
        return dict(self.model.engine_errors)

    @property
    def follower(self) -> Any:
        """The (first) events follower, if live."""
        return self.model.follower

    @property
    def followers(self) -> list[Any]:
        """Every events follower (one per engine)."""
        return self.model.followers

    @property
    def page_size(self) -> int:
        """Rows a page holds."""
        return self.model.page_size

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """The key of each row of *frame* (what :meth:`select` returns)."""
        return self.model.keys(frame)

    def row_labels(self, frame: pd.DataFrame) -> list[str]:
        """The name of each row of *frame*."""
        return self.model.labels(frame)

    def refresh(self) -> bool:
        """Read the engine's list again (through ops) and redraw; a failure is shown in the message line."""
        return self.model.refresh()

    def select(self, names_or_ids: str | Sequence[str] | None) -> list[str]:
        """Select rows by name, id or id prefix (an empty list clears); an unknown one selects nothing."""
        return self.model.select(names_or_ids)

    def act(self, name: str, keys: Sequence[str] | None = None) -> Future | None:
        """Start action *name* on *keys* (the selection); returns at once (a Future, or None when it asks first)."""
        return self.model.act(name, keys, **self.params(name))

    def confirm(self) -> Any:
        """Do the action waiting for an answer (the Yes button); returns its Future."""
        return self.model.confirm()

    def cancel(self) -> None:
        """Drop the action waiting for an answer (the No button): nothing is done."""
        self.model.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the actions started to end and their rows to show the engine's new state."""
        return self.model.wait(timeout)

    def say(self, text: str, error: bool = False) -> None:
        """Show *text* (one line) in the message line."""
        self.model.say(text, error)

    def close(self) -> None:
        """Stop the events followers and the worker, and close every widget of the panel."""
        if getattr(self, "_closed", True):
            return
        self._closed = True
        self.model.close()
        for link in self._links:
            link.unlink()
        self.close_detail()
        for child in self.children:
            close_tree(child)
        close_tree(self.layout)
        super().close()

    # --- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Send the page on screen to the table (one update), and redraw the pager and the selection line."""
        if self._closed:
            return
        model = self.model
        with model._lock:
            page, rows, keys = model.visible()
            labels = model.labels(rows)
            data = page_rows(rows, model.columns, keys, labels, model.decorations(rows), model.pending)
            chosen = [key for key in keys if key in set(model.selection)]
            selection = list(model.selection)
            names = model.names(selection[:5])
        self.table.draw(model.columns, data, chosen)
        self.page_label.value = f"<span>{html.escape(page.label())}</span>"
        self.previous.disabled = page.number == 0
        self.next.disabled = page.number >= page.count - 1
        if not selection:
            self.selected_label.value = "<i>none selected</i>"
        else:
            more = f", and {len(selection) - 5} more" if len(selection) > 5 else ""
            self.selected_label.value = html.escape(f"{len(selection)} selected: {', '.join(names)}{more}")

    def _draw_message(self) -> None:
        if self._closed:
            return
        color = "var(--jp-error-color1,#c00)" if self.model.error else "inherit"
        text = html.escape(self.model.message)
        self.message_line.value = f'<span class="dw-message" style="color:{color}">{text}</span>'

    def _show_question(self, question: str) -> None:
        if self._closed:
            return
        self.question.value = f"<b>{html.escape(question)}</b>" if question else ""
        self.confirm_box.layout.display = "" if question else "none"

    def _show(self, detail: Detail | None) -> None:
        if detail is None or self._closed:
            return
        if detail.kind == "json":
            self.show_detail(detail.title, json_html(detail.value, title=detail.title.split(": ", 1)[-1]))
        elif detail.kind == "frame":
            frame = detail.value
            keys = frame.docker.typed["id"].tolist() if len(frame) else []
            self.show_detail(detail.title, table_html(frame, [c for c in frame.columns if c != "IMAGE"], keys))
        elif detail.kind == "console":
            widget = as_widget(detail.value)
            self.show_detail(detail.title, widget if widget is not None else pre(str(detail.value or "")))
            if widget is not None and not isinstance(detail.value, w.Widget):
                self._detail_object = detail.value  # closed with the area: the console, not only its view
        else:
            self.show_detail(detail.title, pre(str(detail.value)))

    def show_detail(self, title: str, content: Any) -> None:
        """Put *content* (a widget, or HTML text) under the table, replacing what was there."""
        self.close_detail()
        widget = content if isinstance(content, w.Widget) else w.HTML(str(content))
        self._detail_object = content
        self.detail_title.value = f"<b>{html.escape(title)}</b>"
        self.detail_body.children = (widget,)
        self.detail.layout.display = ""

    def close_detail(self) -> None:
        """Empty the area under the table (a console in it is closed)."""
        previous, self._detail_object = self._detail_object, None
        body = self.detail_body.children
        self.detail_body.children = ()
        self.detail.layout.display = "none"
        if previous is not None and not isinstance(previous, str):
            closer = getattr(previous, "close", None)
            if callable(closer):
                try:
                    closer()
                except Exception:
                    pass
        for child in body:
            close_tree(child)

    # --- internals -----------------------------------------------------------------------------

    def _on_direction(self, change: dict) -> None:
        self.descending.description = "↓" if change["new"] else "↑"
        self.descending.tooltip = "descending" if change["new"] else "ascending"

    def _guarded(self, action: Callable[[], Any]) -> None:
        """Run a click's work; an error a user can cause is shown in one line, never raised into the kernel."""
        try:
            action()
        except UsageError as exc:
            self.model.say(str(exc), error=True)
        except Exception as exc:  # the panel keeps working whatever happens
            self.model.say(f"{type(exc).__name__}: {exc}", error=True)

    def _guard_call(self, function: Callable[..., Any]) -> Callable[..., None]:
        return lambda *args: self._guarded(lambda: function(*args))
