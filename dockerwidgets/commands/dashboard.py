"""``docker dashboard``: one widget with a tab per kind (not a CLI command; Portainer's home page in a cell).

The command only parses and returns a :class:`~dockerwidgets.results.PanelRequest`;
:func:`dockerwidgets.display.present` makes the :class:`~dockerwidgets.widgets.dashboard.Dashboard`.
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser
from ..engine import Engine
from ..errors import fail
from ..results import PanelRequest
from .registry import command

TABS = ("containers", "images", "volumes", "networks", "services")

_dashboard = CommandParser("dashboard", "no arguments", "docker dashboard [OPTIONS]")
_dashboard.add_argument("--tabs", help=f"Comma-separated tabs to show ({','.join(TABS)}; default: all that apply)")
_dashboard.add_argument("--page-size", type=int, default=None, help="Rows a page holds")


@command("dashboard")
def dashboard(args: list[str], engine: Engine, engines: list[str] | None = None, **_: Any) -> PanelRequest:
    """``dashboard``: containers, images, volumes, networks (and services in a Swarm), one tab each, live."""
    ns = _dashboard.parse(args)
    options: dict[str, Any] = {}
    if ns.tabs:
        kinds = [kind.strip() for kind in ns.tabs.split(",") if kind.strip()]
        unknown = [kind for kind in kinds if kind not in TABS]
        if unknown or not kinds:
            raise fail(f'invalid argument "{ns.tabs}" for "--tabs" flag: tabs are {", ".join(TABS)}')
        options["kinds"] = kinds
    if ns.page_size is not None:
        if ns.page_size < 1:
            raise fail(f'invalid argument "{ns.page_size}" for "--page-size" flag: at least 1')
        options["page_size"] = ns.page_size
    if engines:
        options["engines"] = list(engines)
        return PanelRequest("dashboard", None, options)
    return PanelRequest("dashboard", engine, options)
