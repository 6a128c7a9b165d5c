"""The table of a panel, as pure functions: filter, sort, page, and render one escaped HTML ``<table>``.

A panel shows one page of its DataFrame as a single HTML string, so a refresh is one
update of one widget whatever the number of rows. Every string the engine hands over
goes through :func:`html.escape` before it becomes HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...ports_display import join_host_port

TABLE_CLASS = "dw-panel-table"
STYLE = (
    f"<style>.{TABLE_CLASS}{{border-collapse:collapse;font-size:12px;font-family:var(--jp-code-font-family,monospace)}}"
    f".{TABLE_CLASS} th,.{TABLE_CLASS} td{{padding:2px 8px;text-align:left;white-space:nowrap;"
    f"border-bottom:1px solid var(--jp-border-color2,#ddd)}}"
    f".{TABLE_CLASS} th{{font-weight:600}}"
    f".{TABLE_CLASS} tr.dw-selected td{{background:var(--jp-brand-color3,#cde)}}</style>"
)
LOCAL_HOSTS = ("", "0.0.0.0", "::")


@dataclass(frozen=True)
class Page:
    """Which rows of a frame are on screen: ``start`` to ``stop``, page ``number`` of ``count``."""

    number: int
    count: int
    start: int
    stop: int
    total: int

    def label(self) -> str:
        """``1–25 of 1000`` (or ``0 of 0``)."""
        if not self.total:
            return "0 of 0"
        return f"{self.start + 1}–{self.stop} of {self.total}"


def page_of(total: int, number: int, size: int) -> Page:
    """The page *number* (clamped to the pages there are) of *total* rows, *size* rows each."""
    count = max(1, -(-total // size))
    number = min(max(number, 0), count - 1)
    start = number * size
    return Page(number, count, start, min(start + size, total), total)


def filter_rows(frame: pd.DataFrame, text: str, haystack: pd.Series) -> pd.DataFrame:
    """The rows whose *haystack* (lower-cased text aligned with *frame*) contains *text*, case-insensitively."""
    needle = text.strip().lower()
    if not needle:
        return frame
    return frame[haystack.loc[frame.index].str.contains(needle, regex=False).to_numpy()]


def sort_rows(frame: pd.DataFrame, key: pd.Series, descending: bool) -> pd.DataFrame:
    """*frame* ordered by *key* (a series aligned with it), stable, so equal keys keep their order."""
    if frame.empty:
        return frame
    order = key.loc[frame.index].sort_values(ascending=not descending, kind="stable").index
    return frame.loc[order]


def lowered(*columns: Iterable[Any]) -> list[str]:
    """One lower-cased search string per row, joining the given columns (row-aligned iterables)."""
    return ["\x00".join(str(value) for value in values).lower() for values in zip(*columns, strict=True)]


def port_link_items(ports: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """Published ports as ``{"text": …, "href": …}``: TCP ones link to ``http://HOST:PORT`` (127.0.0.1 for
    0.0.0.0 and ::, one link for both), others have an empty ``href``. Plain data: the view sets it as text."""
    links: dict[str, dict[str, str]] = {}
    plain: dict[str, dict[str, str]] = {}
    for port in sorted(ports or [], key=lambda p: (int(p.get("PrivatePort") or 0), int(p.get("PublicPort") or 0))):
        private, public = int(port.get("PrivatePort") or 0), int(port.get("PublicPort") or 0)
        kind, ip = str(port.get("Type") or "tcp"), str(port.get("IP") or "")
        if not public:
            text = f"{private}/{kind}"
            plain.setdefault(text, {"text": text, "href": ""})
            continue
        text = f"{join_host_port(ip or '0.0.0.0', str(public))}->{private}/{kind}"
        if kind != "tcp":
            plain.setdefault(text, {"text": text, "href": ""})
            continue
        host = "127.0.0.1" if ip in LOCAL_HOSTS else ip
        url = f"http://{join_host_port(host, str(public))}"
        links.setdefault(url, {"text": text, "href": url})  # 0.0.0.0 and :: publish the same port: one link
    return [*links.values(), *plain.values()]


def port_links(ports: Sequence[Mapping[str, Any]] | None) -> str:
    """:func:`port_link_items` as escaped HTML (``<a … rel="noopener noreferrer">``), for HTML tables."""
    return ", ".join(
        f'<a href="{html.escape(item["href"])}" target="_blank" rel="noopener noreferrer">{html.escape(item["text"])}</a>'
        if item["href"]
        else html.escape(item["text"])
        for item in port_link_items(ports)
    )


def table_html(
    frame: pd.DataFrame,
    columns: Sequence[str],
    keys: Sequence[str],
    selected: Iterable[str] = (),
    cells: Mapping[str, Callable[[Any], str]] | None = None,
    raw: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """One ``<table>`` of *frame*'s *columns*, escaped; rows whose key (in *keys*) is *selected* are marked.

    *cells* maps a column to a function that makes its cell's HTML from the row's value in
    *raw* (a row-aligned sequence), for cells that are more than text (port links). Such a
    function must escape what it is given.
    """
    cells, raw = cells or {}, raw or {}
    chosen = set(selected)
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    values = [frame[column].tolist() for column in columns]
    rows = []
    for index, key in enumerate(keys):
        tds = []
        for column, column_values in zip(columns, values, strict=True):
            make = cells.get(column)
            cell = make(raw[column][index]) if make else html.escape(str(column_values[index]))
            tds.append(f"<td>{cell}</td>")
        mark = ' class="dw-selected"' if key in chosen else ""
        rows.append(f'<tr{mark} data-key="{html.escape(key)}">{"".join(tds)}</tr>')
    if not rows:
        rows.append(f'<tr><td colspan="{len(columns)}"><i>nothing to show</i></td></tr>')
    return f'{STYLE}<table class="{TABLE_CLASS}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
