"""How results show: the one place where what a command returns meets a widget.

Commands return values (a DataFrame, ``CliText``, a :class:`~dockerwidgets.results.PanelRequest`,
a :class:`~dockerwidgets.results.ConsoleRequest`); :func:`present` turns the requests into
widgets: a console request with a TTY into a :class:`~dockerwidgets.widgets.terminal.Terminal`,
one without into the line :class:`~dockerwidgets.widgets.console.Console`, an events request into the live
:class:`~dockerwidgets.widgets.events.EventsView`, a stats request into the live
:class:`~dockerwidgets.widgets.stats.StatsView`. The magic and :func:`dockerwidgets.docker` both return ``present(result)``, and
IPython displays it once.
"""

from __future__ import annotations

from typing import Any

from .results import Confirmation, ConsoleRequest, EventsRequest, PanelRequest, StatsRequest


def present(result: Any) -> Any:
    """The object a user gets for *result*: a panel, a console, a question with buttons, or the result itself."""
    if isinstance(result, PanelRequest):
        return make_panel(result)
    if isinstance(result, Confirmation):
        from .widgets.confirmation import Prompt

        return Prompt(result)
    if isinstance(result, ConsoleRequest):
        from .widgets.terminal import console_for

        return console_for(result.session, tty=result.tty, sig_proxy=result.sig_proxy, title=result.title)
    if isinstance(result, EventsRequest):
        from .widgets.events import EventsView

        return EventsView(result.session, template=result.template)
    if isinstance(result, StatsRequest):
        from .widgets.stats import StatsView

        return StatsView(
            result.engine, result.containers, all=result.all, no_trunc=result.no_trunc, format=result.format
        )
    return result


def cell_progress(reference: str, kind: str = "pull") -> Any:
    """Pull bars shown in the current cell (a :class:`~dockerwidgets.widgets.progress.PullView`), when in a kernel;
    ``kind="copy"``: a copy's count (a :class:`~dockerwidgets.widgets.progress.CopyView`, *reference* its header)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    from IPython.display import display

    from .widgets.progress import CopyView, PullView

    view = CopyView(reference) if kind == "copy" else PullView(reference)
    display(view.widget)
    return view


def make_panel(request: PanelRequest) -> Any:
    """The panel a :class:`PanelRequest` names."""
    if request.kind == "dashboard":
        from .widgets.dashboard import Dashboard

        return Dashboard(request.engine, **request.options)
    from .widgets import panels

    kinds = {"containers": "ContainerPanel", "images": "ImagePanel", "services": "ServicePanel",
             "volumes": "VolumePanel", "networks": "NetworkPanel"}  # fmt: skip
    panel_class = getattr(panels, kinds[request.kind])
    return panel_class(request.engine, **request.options)
