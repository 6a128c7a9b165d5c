"""The CLI's ``--format`` over rows: docker/cli ``formatter.Context`` and Go's ``text/tabwriter``.

A format is ``table`` (the CLI's columns), ``table TEMPLATE`` (a header line, then one line per
row, aligned in columns), ``json`` (one JSON object per row), ``raw`` (chosen by the caller),
or any other Go template, run once per row. ``\\t`` and ``\\n`` typed in the format are a tab
and a newline, as in the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .gotemplate import render, render_header

TABLE = "table"
RAW = "raw"
JSON = "json"
JSON_TEMPLATE = "{{json .}}"

# docker/cli formatter.postFormat: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)
MIN_WIDTH = 10
PADDING = 3


def is_table(format: str) -> bool:
    """Whether *format* is a table (``table`` or ``table TEMPLATE``), as ``Format.IsTable``."""
    return format.startswith(TABLE)


def final_template(format: str) -> str:
    """The template a format runs (``Context.preFormat``): no ``table`` prefix, ``json`` spelled out, escapes made."""
    if is_table(format):
        format = format[len(TABLE) :]
    elif format == JSON:
        format = JSON_TEMPLATE
    return format.strip(" ").replace("\\t", "\t").replace("\\n", "\n")


def write_rows(format: str, rows: Iterable[Any], headers: Mapping[str, str]) -> str:
    """Each row through *format* (``Context.Write``); a table gets its header line and aligned columns.

    Raises :class:`~dockerwidgets.gotemplate.TemplateError`; its text is the CLI's
    (``template parsing error: …``) for parse and execution errors alike.
    """
    template = final_template(format)
    body = "".join(render(template, row) + "\n" for row in rows)
    if not is_table(format):
        return body
    return tabwriter(render_header(template, dict(headers)) + "\n" + body)


def tabwriter(text: str, min_width: int = MIN_WIDTH, padding: int = PADDING, pad_char: str = " ") -> str:
    """Align tab-terminated cells in columns as Go's ``text/tabwriter`` (no flags).

    A column block is a run of lines that have a cell in that column; its width is the widest
    cell plus *padding* (at least *min_width*). The text after a line's last tab is not aligned,
    and an empty one at the very end is no cell.
    """
    lines = [line.split("\t") for line in text.split("\n")]
    if lines[-1][-1] == "":
        lines[-1].pop()
    out: list[str] = []
    _format_block(lines, [], 0, len(lines), out, min_width, padding, pad_char)
    return "\n".join(out)


def _format_block(
    lines: list[list[str]],
    widths: list[int],
    line0: int,
    line1: int,
    out: list[str],
    min_width: int,
    padding: int,
    pad_char: str,
) -> None:
    """Go's ``Writer.format``: find the blocks of the next column, size each, recurse to the right."""
    column = len(widths)
    this = line0
    while this < line1:
        if column >= len(lines[this]) - 1:
            this += 1
            continue
        _write_lines(lines, widths, line0, this, out, pad_char)
        line0 = this
        width = min_width
        while this < line1 and column < len(lines[this]) - 1:
            width = max(width, len(lines[this][column]) + padding)
            this += 1
        widths.append(width)
        _format_block(lines, widths, line0, this, out, min_width, padding, pad_char)
        widths.pop()
        line0 = this
    _write_lines(lines, widths, line0, line1, out, pad_char)


def _write_lines(
    lines: list[list[str]], widths: list[int], line0: int, line1: int, out: list[str], pad_char: str
) -> None:
    for cells in lines[line0:line1]:
        out.append(
            "".join(
                cell.ljust(widths[index], pad_char) if index < len(widths) else cell for index, cell in enumerate(cells)
            )
        )
