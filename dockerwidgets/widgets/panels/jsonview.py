"""Collapsible JSON as HTML: nested ``<details>`` for objects and arrays, every key and value escaped."""

from __future__ import annotations

import html
import json
from typing import Any

STYLE = (
    "<style>.dw-json{font-family:var(--jp-code-font-family,monospace);font-size:12px}"
    ".dw-json details>div,.dw-json details>details{margin-left:1.5em}"
    ".dw-json .dw-key{color:var(--jp-mirror-editor-property-color,#05a)}</style>"
)


def json_html(value: Any, title: str = "", open_levels: int = 1) -> str:
    """*value* as collapsible HTML; the first *open_levels* levels start open."""
    return f'{STYLE}<div class="dw-json">{_node(title, value, open_levels)}</div>'


def _key(key: str) -> str:
    return f'<span class="dw-key">{html.escape(key)}</span>: ' if key else ""


def _node(key: str, value: Any, open_levels: int) -> str:
    if isinstance(value, dict):
        items, summary = value.items(), f"{{…}} {len(value)} keys"
    elif isinstance(value, list):
        items, summary = ((f"[{index}]", item) for index, item in enumerate(value)), f"[…] {len(value)} items"
    else:
        return f"<div>{_key(key)}{html.escape(json.dumps(value, ensure_ascii=False, default=str))}</div>"
    if not value:
        return f"<div>{_key(key)}{'{}' if isinstance(value, dict) else '[]'}</div>"
    children = "".join(_node(str(child_key), child, open_levels - 1) for child_key, child in items)
    state = " open" if open_levels > 0 else ""
    return f"<details{state}><summary>{_key(key)}{html.escape(summary)}</summary>{children}</details>"
