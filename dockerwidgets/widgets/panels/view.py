"""The panel's table as one anywidget: the page on screen, selection by click, shift-click and checkbox, quick actions.

The front end is ``static/table.js`` (built from ``js/table.js`` by ``scripts/build-js``); it
sets every engine string with ``textContent`` or a DOM property, never as markup. The
kernel sends only the page on screen, in one state update per redraw (``hold_sync``), and
receives ``select`` and ``action`` messages, which it hands to the callbacks it was given.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Sequence
from typing import Any

import anywidget
import pandas as pd
import traitlets

STATIC = pathlib.Path(__file__).resolve().parent.parent / "static"


class TableView(anywidget.AnyWidget):
    """One page of a panel's rows; ``rows`` is a list of plain dicts (key, label, cells, tone, pending, links, tips)."""

    _esm = STATIC / "table.js"
    _css = STATIC / "table.css"

    columns = traitlets.List(traitlets.Unicode()).tag(sync=True)
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    selected = traitlets.List(traitlets.Unicode()).tag(sync=True)
    quick = traitlets.List(traitlets.Dict()).tag(sync=True)
    status_column = traitlets.Unicode("").tag(sync=True)
    empty = traitlets.Unicode("nothing to show").tag(sync=True)

    def __init__(
        self,
        on_select: Callable[[list[str]], Any] | None = None,
        on_action: Callable[[str, str], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._on_select = on_select
        self._on_action = on_action
        self.on_msg(self._message)

    def draw(self, columns: Sequence[str], rows: list[dict], selected: Sequence[str]) -> None:
        """Send the page in one update (only what changed is sent)."""
        with self.hold_sync():
            if list(columns) != self.columns:
                self.columns = list(columns)
            if rows != self.rows:
                self.rows = rows
            if list(selected) != self.selected:
                self.selected = list(selected)

    def _message(self, widget: Any, content: dict, buffers: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "select" and self._on_select is not None:
            self._on_select([str(key) for key in content.get("keys") or []])
        elif kind == "action" and self._on_action is not None:
            self._on_action(str(content.get("name") or ""), str(content.get("key") or ""))

    # what a test or the headless API does in place of the browser
    def click_rows(self, keys: Sequence[str]) -> None:
        """What the front end sends when the page's selection becomes *keys*."""
        self._message(self, {"type": "select", "keys": list(keys)}, None)

    def click_quick(self, name: str, key: str) -> None:
        """What the front end sends when a row's quick action *name* is clicked."""
        self._message(self, {"type": "action", "name": name, "key": key}, None)


def page_rows(
    rows: pd.DataFrame,
    columns: Sequence[str],
    keys: Sequence[str],
    labels: Sequence[str],
    decorations: Sequence[dict],
    pending: dict[str, str],
) -> list[dict]:
    """The page's rows as the front end takes them: plain strings, never markup."""
    values = [[str(value) for value in rows[column].tolist()] for column in columns]
    out = []
    for index, key in enumerate(keys):
        extra = decorations[index] if index < len(decorations) else {}
        row = {
            "key": key,
            "label": labels[index],
            "cells": [column_values[index] for column_values in values],
            "tone": extra.get("tone", ""),
            "pending": pending.get(key, ""),
        }
        if extra.get("links"):
            row["links"] = {column: list(items) for column, items in extra["links"].items() if items}
        if extra.get("tips"):
            row["tips"] = {column: str(tip) for column, tip in extra["tips"].items()}
        out.append(row)
    return out
