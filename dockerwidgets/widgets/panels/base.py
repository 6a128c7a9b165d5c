"""What both panels share: a live page of a DataFrame as one HTML table, a selection, an action bar,
a one-line message, an in-widget confirmation and a detail area under the table.

The widgets are made once, in ``__init__``, and a refresh only sets their values, so the
number of widgets is bounded by the page, never by the number of rows. The panel follows
the engine's events (:class:`~dockerwidgets.events.EventFollower`) and redraws itself from
that thread; ``close()`` stops the thread and closes every widget of the panel.
"""

from __future__ import annotations

import html
import shlex
import threading
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd

from ...engine import Engine, default_engine
from ...errors import UsageError, fail
from ...sessions.events import EventFollower
from .table import Page, filter_rows, page_of, sort_rows, table_html

PAGE_SIZE = 20


def run_action(line: Sequence[str], engine: Engine) -> Any:
    """Run a docker line as the magic does (a console is returned, not shown in the cell)."""
    from ... import docker

    return docker(shlex.join(line), engine, show=False)


def one_line(text: object) -> str:
    """*text* folded to one line (the panel's message line shows one)."""
    return " ".join(str(text).split())


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


class Panel(w.VBox):
    """A live table of the engine's objects; subclasses say what the rows are and what the actions do."""

    noun = "object"
    columns: ClassVar[Sequence[str]] = ()
    sort_keys: ClassVar[dict[str, str]] = {}  # column -> typed column to sort by (else the text)
    default_sort = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {}

    def __init__(
        self, engine: Engine | None = None, page_size: int = PAGE_SIZE, live: bool = True, engines: list | None = None
    ) -> None:
        from ...engine import resolve_engines

        names = [e for e in engines or [] if isinstance(e, str)]
        given = [e for e in engines or [] if not isinstance(e, str)]
        self.engines: list[Engine] = [*given, *resolve_engines(names)] if engines else []
        self.engine = engine or (self.engines[0] if self.engines else default_engine())
        self.engine_errors: dict[str, str] = {}  # engine name -> why it is not in the table now
        self.page_size = page_size
        self.frame = pd.DataFrame()
        self._all = pd.DataFrame()
        self._haystack = pd.Series(dtype=str)
        self._selected: list[str] = []
        self._page = 0
        self._page_keys: list[str] = []
        self._pending: tuple[str, Callable[[], Any]] | None = None
        self._detail_object: Any = None
        self._message = ""
        self._lock = threading.RLock()
        self._quiet = False
        self._closed = False
        self.follower: EventFollower | None = None
        self.followers: list[EventFollower] = []

        self.filter = w.Text(placeholder=self.filter_placeholder(), layout=w.Layout(width="260px"))
        self.sort_by = w.Dropdown(
            options=list(self.columns), value=self.default_sort[0], description="sort", layout=w.Layout(width="190px")
        )
        self.descending = w.ToggleButton(
            value=self.default_sort[1], description="↓", tooltip="descending", layout=w.Layout(width="36px")
        )
        self.table = w.HTML()
        self.selection = w.SelectMultiple(options=[], rows=min(page_size, 10), layout=w.Layout(width="220px"))
        self.selected_label = w.HTML()
        self.previous = w.Button(description="◀", tooltip="previous page", layout=w.Layout(width="36px"))
        self.next = w.Button(description="▶", tooltip="next page", layout=w.Layout(width="36px"))
        self.page_label = w.HTML()
        self.message_line = w.HTML()
        self.question = w.HTML()
        self.yes = w.Button(description="Yes, continue", button_style="danger")
        self.no = w.Button(description="No")
        self.confirm_box = w.HBox([self.question, self.yes, self.no], layout=w.Layout(display="none"))
        self.buttons: dict[str, w.Button] = self.make_buttons()
        self.detail_title = w.HTML()
        self.detail_close = w.Button(description="×", tooltip="close", layout=w.Layout(width="36px"))
        self.detail_body = w.VBox()
        self.detail = w.VBox(
            [w.HBox([self.detail_close, self.detail_title]), self.detail_body], layout=w.Layout(display="none")
        )

        self.filter.observe(lambda _: self._goto(0), "value")
        self.sort_by.observe(lambda _: self.render(), "value")
        self.descending.observe(self._on_direction, "value")
        self.selection.observe(self._on_selection, "value")
        self.previous.on_click(lambda _: self._goto(self._page - 1))
        self.next.on_click(lambda _: self._goto(self._page + 1))
        self.yes.on_click(lambda _: self._guarded(self.confirm))
        self.no.on_click(lambda _: self.cancel())
        self.detail_close.on_click(lambda _: self.close_detail())
        for name, button in self.buttons.items():
            button.on_click(lambda _, name=name: self._guarded(lambda: self.act(name)))

        super().__init__(self.layout_children())
        self.add_class("dw-panel")
        if live and self.engines:  # one follower per engine; one that does not answer is retried
            for each in self.engines:
                follower = EventFollower(
                    each,
                    self.event_filters,
                    self._live_refresh,
                    lambda m, name=each.name: self._live_error(f"engine {name}: {m}"),
                )
                self.followers.append(follower.start(retry=True))
            self.follower = self.followers[0]
        elif live:
            self.follower = EventFollower(self.engine, self.event_filters, self._live_refresh, self._live_error)
            try:
                self.follower.start()  # before the first read: no change after it is missed
                self.followers = [self.follower]
            except UsageError as exc:
                self.follower = None
                self.say(str(exc), error=True)
        self.refresh()

    # --- several engines ---------------------------------------------------------------------

    def load_line(self, line: Sequence[str]) -> pd.DataFrame:
        """Run a list line on the engine, or on each engine (stacked under ENGINE; the silent ones noted)."""
        if not self.engines:
            return run_action(line, self.engine)
        from ...frames import stack

        results, errors = [], {}
        for engine in self.engines:
            try:
                results.append((engine.name, run_action(line, engine)))
            except UsageError as exc:
                errors[engine.name] = str(exc)
        self.engine_errors = errors
        if not results:
            raise fail("; ".join(f"engine {name}: {message}" for name, message in errors.items()))
        return stack(results)

    def split_key(self, key: str) -> tuple[Engine, str]:
        """The engine that owns a row, and the row's key on that engine (``engine/id`` with several)."""
        if not self.engines:
            return self.engine, key
        name, _, raw = key.partition("/")
        for engine in self.engines:
            if engine.name == name:
                return engine, raw
        raise fail(f"no engine called {name}")

    def run_on(self, line: Sequence[str], keys: Sequence[str]) -> Any:
        """Run *line*, whose arguments include the row *keys*, on the engine(s) owning them."""
        groups: dict[str, tuple[Engine, dict[str, str]]] = {}
        for key in keys:
            engine, raw = self.split_key(key)
            groups.setdefault(engine.name, (engine, {}))[1][key] = raw
        result = None
        for engine, mine in groups.values():
            args = [mine.get(token, token) for token in line if token not in keys or token in mine]
            result = run_action(args, engine)
        return result

    # --- what subclasses provide -------------------------------------------------------------

    def filter_placeholder(self) -> str:
        """The filter box's hint."""
        return "filter"

    def make_buttons(self) -> dict[str, w.Button]:
        """The action buttons, by action name."""
        return {}

    def layout_children(self) -> list[w.Widget]:
        """The panel's rows, top to bottom."""
        return [
            w.HBox([self.filter, self.sort_by, self.descending]),
            w.HBox(list(self.buttons.values())),
            self.confirm_box,
            self.message_line,
            w.HBox([w.VBox([self.selection, self.selected_label]), self.table]),
            w.HBox([self.previous, self.page_label, self.next]),
            self.detail,
        ]

    def load(self) -> pd.DataFrame:
        """The engine's whole list, as the magic's DataFrame."""
        raise NotImplementedError

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Lower-cased text the filter box searches, one string per row of *frame*."""
        raise NotImplementedError

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """The key (what an action is given) of each row of *frame*."""
        raise NotImplementedError

    def row_labels(self, frame: pd.DataFrame) -> list[str]:
        """The label of each row of *frame* in the selection box."""
        return self.row_keys(frame)

    def narrow(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows hidden by a subclass's own switches (the containers' all/running)."""
        return frame

    def cells(self, rows: pd.DataFrame) -> tuple[dict[str, Callable[[Any], str]], dict[str, list]]:
        """Cells that are HTML rather than text, and the raw values they are made from."""
        return {}, {}

    def resolve(self, name: str) -> str | None:
        """The key of the row *name* (a name, id or id prefix) stands for, or ``None``."""
        keys = self.row_keys(self._all)
        return name if name in keys else None

    def act(self, name: str) -> Any:
        """Run action *name* on the selection (what its button does)."""
        raise NotImplementedError

    # --- the headless API ----------------------------------------------------------------------

    def __repr__(self) -> str:
        shown = len(self.frame)
        return f"<{type(self).__name__}: {shown} {self.noun}{'' if shown == 1 else 's'} shown>"

    @property
    def message(self) -> str:
        """The message line's text (the last action's outcome or error)."""
        return self._message

    @property
    def selected(self) -> list[str]:
        """The keys of the selected rows."""
        return list(self._selected)

    @property
    def pending(self) -> str | None:
        """The question waiting for :meth:`confirm` or :meth:`cancel`, if any."""
        return self._pending[0] if self._pending else None

    def refresh(self) -> None:
        """Read the engine's list again and redraw (a failure is shown in the message line)."""
        had_errors = bool(self.engine_errors)
        try:
            frame = self.load()
        except UsageError as exc:
            self.say(str(exc), error=True)
            return
        if self.engine_errors:
            self.say("; ".join(f"engine {name}: {message}" for name, message in self.engine_errors.items()), error=True)
        elif had_errors:
            self.say("every engine answers again")
        with self._lock:
            self._all = frame
            self._haystack = self.haystack(frame)
            present = set(self.row_keys(frame))
            self._selected = [key for key in self._selected if key in present]
            self.render()

    def select(self, names_or_ids: str | Sequence[str] | None) -> list[str]:
        """Select rows by name, id or id prefix (an empty list clears); an unknown one selects nothing."""
        names = [names_or_ids] if isinstance(names_or_ids, str) else list(names_or_ids or [])
        with self._lock:
            keys = []
            for name in names:
                key = self.resolve(name)
                if key is None:
                    self.say(f"Error: No such {self.noun}: {name}", error=True)
                    raise fail(f"Error: No such {self.noun}: {name}")
                keys.append(key)
            self._selected = list(dict.fromkeys(keys))
            shown = self.row_keys(self.frame)
            if keys and keys[0] in shown and keys[0] not in self._page_keys:
                self._page = shown.index(keys[0]) // self.page_size
            self.render()
            return self.selected

    def confirm(self) -> Any:
        """Do the pending action (the Yes button)."""
        with self._lock:
            pending, self._pending = self._pending, None
            self._show_question(None)
        if pending is None:
            raise fail("nothing to confirm")
        try:
            return pending[1]()
        except UsageError as exc:
            self.say(str(exc), error=True)
            raise

    def cancel(self) -> None:
        """Drop the pending action (the No button): nothing is done."""
        with self._lock:
            if self._pending is not None:
                self._pending = None
                self._show_question(None)
                self.say("Cancelled: nothing was done.")

    def close(self) -> None:
        """Stop following the engine's events and close every widget of the panel."""
        if getattr(self, "_closed", True):
            return
        self._closed = True
        for follower in self.followers:
            follower.close()
        self.close_detail()
        for child in self.children:
            close_tree(child)
        close_tree(self.layout)
        super().close()

    # --- drawing -------------------------------------------------------------------------------

    def render(self) -> None:
        """Redraw the table, the selection box and the pager from the data already read."""
        with self._lock:
            view = sort_rows(self.narrow(filter_rows(self._all, self.filter.value, self._haystack)), *self._sort_key())
            self.frame = view
            page = page_of(len(view), self._page, self.page_size)
            self._page = page.number
            rows = view.iloc[page.start : page.stop]
            keys = self.row_keys(rows)
            self._page_keys = keys
            cells, raw = self.cells(rows)
            self._quiet = True
            try:
                self.table.value = table_html(rows, self.columns, keys, self._selected, cells, raw)
                options = list(zip(self.row_labels(rows), keys, strict=True))
                value = tuple(key for key in keys if key in self._selected)
                with self.selection.hold_sync():
                    if options != list(self.selection.options):
                        self.selection.options = options
                    if tuple(self.selection.value) != value:
                        self.selection.value = value
                self._draw_pager(page)
                self._draw_selected()
            finally:
                self._quiet = False

    def say(self, text: str, error: bool = False) -> None:
        """Show *text* (escaped, one line) in the message line."""
        self._message = one_line(text)
        color = "var(--jp-error-color1,#c00)" if error else "inherit"
        self.message_line.value = f'<span class="dw-message" style="color:{color}">{html.escape(self._message)}</span>'

    def ask(self, question: str, action: Callable[[], Any]) -> None:
        """Show *question* with Yes and No; *action* runs on :meth:`confirm`."""
        with self._lock:
            self._pending = (one_line(question), action)
            self._show_question(self._pending[0])

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
        if previous is not None:
            closer = getattr(previous, "close", None)
            if callable(closer):
                try:
                    closer()
                except Exception:
                    pass
        for child in body:
            close_tree(child)

    # --- internals -----------------------------------------------------------------------------

    def _sort_key(self) -> tuple[pd.Series, bool]:
        column = self.sort_by.value
        typed_column = self.sort_keys.get(column)
        if typed_column and not self._all.empty:
            key = self._all.docker.typed[typed_column]
        elif column in self._all:
            key = self._all[column]
        else:
            key = pd.Series(range(len(self._all)), index=self._all.index)
        return key, bool(self.descending.value)

    def _draw_pager(self, page: Page) -> None:
        self.page_label.value = f"<span>{html.escape(page.label())}</span>"
        self.previous.disabled = page.number == 0
        self.next.disabled = page.number >= page.count - 1

    def _draw_selected(self) -> None:
        if not self._selected:
            self.selected_label.value = "<i>none selected</i>"
            return
        names = dict(zip(self.row_keys(self._all), self.row_labels(self._all), strict=True))
        shown = [names.get(key, key) for key in self._selected[:5]]
        more = f", and {len(self._selected) - 5} more" if len(self._selected) > 5 else ""
        self.selected_label.value = html.escape(f"{len(self._selected)} selected: {', '.join(shown)}{more}")

    def _show_question(self, question: str | None) -> None:
        self.question.value = f"<b>{html.escape(question)}</b>" if question else ""
        self.confirm_box.layout.display = "" if question else "none"

    def _goto(self, page: int) -> None:
        with self._lock:
            self._page = page
            self.render()

    def _on_direction(self, change: dict) -> None:
        self.descending.description = "↓" if change["new"] else "↑"
        self.descending.tooltip = "descending" if change["new"] else "ascending"
        self.render()

    def _on_selection(self, change: dict) -> None:
        with self._lock:
            if self._quiet:
                return
            on_page = set(self._page_keys)
            self._selected = [key for key in self._selected if key not in on_page] + list(change["new"])
            self.table.value = self._table_for_page()
            self._draw_selected()

    def _table_for_page(self) -> str:
        page = page_of(len(self.frame), self._page, self.page_size)
        rows = self.frame.iloc[page.start : page.stop]
        cells, raw = self.cells(rows)
        return table_html(rows, self.columns, self._page_keys, self._selected, cells, raw)

    def _guarded(self, action: Callable[[], Any]) -> None:
        """Run a button's action; an error a user can cause is shown, never raised into the kernel."""
        try:
            action()
        except UsageError as exc:
            self.say(str(exc), error=True)
        except Exception as exc:  # the panel keeps working whatever happens
            self.say(f"{type(exc).__name__}: {exc}", error=True)

    def _live_refresh(self) -> None:
        if not self._closed:
            self.refresh()

    def _live_error(self, message: str) -> None:
        if not self._closed:
            self.say(message, error=True)

    def _need(self, how_many: str = "some") -> list[str]:
        """The selection, checked: ``"one"`` needs exactly one row."""
        if not self._selected:
            raise fail(f"select a {self.noun} first")
        if how_many == "one" and len(self._selected) != 1:
            raise fail(f"select exactly one {self.noun} for this")
        return list(self._selected)
