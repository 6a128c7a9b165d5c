"""The CLI's ``--format`` over rows: docker/cli's ``formatter.Context`` (aligned by :mod:`~dockerwidgets.tabwriter`).

A format is ``table`` (the CLI's columns), ``table TEMPLATE`` (a header line, then one line per
row, aligned in columns), ``json`` (one JSON object per row), ``raw`` (chosen by the caller),
or any other Go template, run once per row. ``\\t`` and ``\\n`` typed in the format are a tab
and a newline, as in the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .gotemplate import GoStruct, TemplateError, render
from .tabwriter import tabwrite

TABLE = "table"
RAW = "raw"
JSON = "json"
JSON_TEMPLATE = "{{json .}}"


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
    header_row = headers if isinstance(headers, GoStruct) else dict(headers)  # a struct keeps its methods (``Label``)
    return tabwrite(render(template, header_row, header=True) + "\n" + body)


def failed_while_running(error: TemplateError) -> bool:
    """Whether the template parsed and failed as it ran (Go's ``ExecError``: ``… executing "" at <…>: …``).

    Where the CLI runs a template itself (``docker info -f``, ``system df -v --format``) it prints
    such an error as Go gives it, without the ``template parsing error:`` it puts before the others.
    """
    return 'executing "' in error.go_error
