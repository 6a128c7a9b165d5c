"""What commands return, and how it shows: the CLI's text, plain, and JSON, collapsible."""

from __future__ import annotations

from typing import Any

import pandas as pd


class CliText(str):
    """Text the docker CLI would print (an id, a name, a report), shown without quotes."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class IdList(list):
    """``-q`` output: a list of ids (shown one per line, like the CLI)."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("\n".join(self) if self else "[]")


class InspectResult(dict):
    """One object of ``docker inspect``: the engine's JSON as a dict, collapsible in JupyterLab."""

    def _repr_json_(self) -> tuple[dict, dict]:
        return dict(self), {"expanded": False, "root": self.get("Name") or self.get("Id", "")[:19]}


class InspectResults(list):
    """``docker inspect`` of several objects: a list of dicts, collapsible in JupyterLab."""

    def _repr_json_(self) -> tuple[list, dict]:
        return list(self), {"expanded": False, "root": "inspect"}


def lines(items: list[str]) -> CliText | None:
    """The CLI's output of one line per item; ``None`` (nothing shown) when there are none."""
    return CliText("\n".join(items)) if items else None


def as_words(result: Any) -> list[str]:
    """The words a result stands for inside ``$( … )``, as the CLI's printed output would split."""
    if result is None:
        return []
    if isinstance(result, pd.DataFrame):
        return result.to_string(index=False).split()
    if isinstance(result, (list, tuple)) and all(isinstance(item, str) for item in result):
        return [word for item in result for word in item.split()]
    if isinstance(result, dict):
        import json

        return json.dumps(result).split()
    return str(result).split()
