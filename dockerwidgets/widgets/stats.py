"""The live ``docker stats``: the CLI's table updated about once a second, and CPU % and memory plotted over time.

A :class:`StatsView` follows a :class:`~dockerwidgets.sessions.stats.StatsSampler` (one
stream per container, a bounded history). Its drawing thread wakes when there is news and
then at most ``updates_per_second`` times a second: one update of the table (the panels'
anywidget table, text only) and one update of the plot, whatever the number of containers.

The plot is plotly's ``FigureWidget`` (plotly ≥ 6 draws it with anywidget, from the
JavaScript bundle inside the plotly package: nothing is fetched at run time), one line per
container in each of two rows (CPU %, memory in MiB). plotly sends one batch of changes as
four messages (the two edit counters, the update, and its reset to ``null``), and answers
each of the front end's reports with one more; :class:`BatchedFigure` sends the batch as one
message and leaves the resets out (the front end acts only on non-null values), so a second
of 20 containers is two messages in all.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go
from ipywidgets.widgets.widget import _remove_buffers
from plotly.subplots import make_subplots

from ..engine import DeferredEngine, Engine, default_engine
from ..errors import one_line
from ..sessions.stats import StatsSampler
from ..settings import stats_settings
from ..stats import STATS_COLUMNS, format_stats
from .panels.base import close_tree
from .panels.view import TableView, page_rows

MIB = float(1 << 20)
COLORS = plotly.colors.qualitative.Plotly
EMPTY = np.zeros(0)


class BatchedFigure(go.FigureWidget):
    """plotly's ``FigureWidget``, whose :meth:`one_message` block reaches the front end as one message."""

    _dw_collected: dict | None = None

    def send_state(self, key: Any = None) -> None:
        """Collect inside :meth:`one_message`; never send the kernel's resets of the front end's reports."""
        state = self.get_state(key=key)
        state = {name: value for name, value in state.items() if not (value is None and name.startswith("_js2py_"))}
        if not state:
            return
        collected = self._dw_collected
        if collected is None:
            return super().send_state(list(state))
        for name, value in state.items():
            if value is None and name.startswith("_py2js_") and name in collected:
                continue  # plotly's reset of a message just collected: the front end ignores null
            collected[name] = value

    @contextlib.contextmanager
    def one_message(self) -> Iterator[None]:
        """Send every state change made inside as a single ``update`` message."""
        self._dw_collected = {}
        try:
            yield
        finally:
            collected, self._dw_collected = self._dw_collected, None
            if collected and self.comm is not None:
                state, buffer_paths, buffers = _remove_buffers(collected)
                self._send({"method": "update", "state": state, "buffer_paths": buffer_paths}, buffers=buffers)


def stats_figure() -> BatchedFigure:
    """Two rows sharing the time axis: CPU % above, memory (MiB) below; no traces yet.

    The layout is whole before the widget is made: the front end starts from the widget's
    first state, so nothing it needs is left to later messages.
    """
    figure = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=("CPU %", "memory (MiB)")
    )
    figure.update_layout(
        height=420,
        margin={"l": 50, "r": 10, "t": 30, "b": 30},
        legend={"orientation": "h", "y": -0.12},
        uirevision="keep",  # zoom and hidden lines survive the updates
    )
    figure.update_xaxes(type="date")
    figure.update_xaxes(title_text="time (UTC)", row=2, col=1)
    figure.update_yaxes(rangemode="tozero")
    return BatchedFigure(figure)


class StatsView(w.VBox):
    """``docker stats`` live: the table (``.frame``), the plot, and the history (``.history``) until :meth:`stop`."""

    def __init__(
        self,
        engine: Engine | DeferredEngine | None = None,
        containers: Sequence[str] | None = None,
        all: bool = False,
        no_trunc: bool = False,
        format: str | None = None,
        history_seconds: float | None = None,
        updates_per_second: float = 1.0,
        plot: bool = True,
    ) -> None:
        """Start following now; named containers must all exist (else one line, and nothing is left running)."""
        if isinstance(engine, DeferredEngine):
            engine = engine.resolved()
        self.engine = engine if engine is not None else default_engine()
        self.trunc = not no_trunc
        self.format = format
        self.interval = 1.0 / max(updates_per_second, 0.01)
        self.draws = 0  # redraws made (a test's or a benchmark's count)
        self._stop = threading.Event()
        self._news = threading.Event()
        self._closed = True  # until it is whole: close() of a half-made view does nothing
        self._traces: dict[str, int] = {}  # container name -> index of its CPU trace (its memory trace follows)
        self.message_line = w.HTML()
        self.table = TableView(quick=[], empty="no container to show")
        self.text = w.HTML()
        self.figure = stats_figure() if plot else None
        self.sampler = StatsSampler(
            self.engine,
            containers,
            all=all,
            history_seconds=stats_settings.history if history_seconds is None else history_seconds,
            on_error=self._say,
        )
        self.sampler.subscribe(self._news.set)
        self._painter = threading.Thread(target=self._paint, name="dockerwidgets-stats-view", daemon=True)
        try:
            self.sampler.start()  # named containers that are not there: one line, nothing left running
        except BaseException:
            for part in (self.message_line, self.table, self.text, self.figure):
                if part is not None:
                    close_tree(part)
            raise
        parts: list[w.Widget] = [self.message_line, self.text if format else self.table]
        if self.figure is not None:
            parts.append(self.figure)
        super().__init__(parts)
        self.add_class("dw-stats")
        self._closed = False
        self._painter.start()

    # --- the headless API ----------------------------------------------------------------------

    @property
    def frame(self) -> pd.DataFrame:
        """The current table: the CLI's columns and text, its typed twin."""
        return self.sampler.frame(self.trunc)

    @property
    def history(self) -> pd.DataFrame:
        """The samples kept (the last ``stats_history`` seconds): ``time``, ``container``, the typed columns."""
        return self.sampler.history()

    @property
    def text_value(self) -> str:
        """With ``--format``: the CLI's text of the current samples."""
        return format_stats(self.sampler.entries(), self.format or "table", self.trunc)

    @property
    def running(self) -> bool:
        """Whether the streams are still followed."""
        return not self._stop.is_set()

    @property
    def threads(self) -> list[threading.Thread]:
        """The view's threads still running: its painter and the sampler's."""
        return [thread for thread in [self._painter, *self.sampler.threads] if thread.is_alive()]

    def stop(self, timeout: float = 5.0) -> None:
        """End the streams (threads joined, sockets closed); the widget keeps its last picture."""
        self._stop.set()
        self._news.set()
        self.sampler.stop(timeout)
        if self._painter.is_alive() and self._painter is not threading.current_thread():
            self._painter.join(timeout)
        self._say("stopped")

    def close(self) -> None:
        """Stop, then close every widget of the view."""
        if getattr(self, "_closed", True):
            return
        self._closed = True
        self.stop()
        for child in self.children:
            close_tree(child)
        super().close()

    def __repr__(self) -> str:
        state = "live" if self.running else "stopped"
        return (
            f"<StatsView ({state}): {len(self.sampler.entries())} containers, {self.sampler.history_rows} samples kept>"
        )

    # --- drawing ---------------------------------------------------------------------------------

    def _paint(self) -> None:
        while True:
            self._news.wait()
            if self._stop.is_set():
                return
            self._news.clear()
            try:
                self.draw()
            except Exception as exc:  # the view keeps going whatever a draw meets
                self._say(f"{type(exc).__name__}: {one_line(exc)}")
            if self._stop.wait(self.interval):
                return

    def draw(self) -> None:
        """Send the table and the plot as they are now: one update each."""
        self.draws += 1
        entries = self.sampler.entries()
        if self.format:
            value = f"<pre style='margin:0'>{html.escape(format_stats(entries, self.format, self.trunc))}</pre>"
            if value != self.text.value:
                self.text.value = value
        else:
            frame = self.sampler.frame(self.trunc)
            keys = [entry.id or entry.container for entry in entries]
            labels = [entry.name.lstrip("/") or entry.container for entry in entries]
            self.table.draw(STATS_COLUMNS, page_rows(frame, STATS_COLUMNS, keys, labels, [], {}), [])
        if self.figure is not None:
            self._plot()

    def _plot(self) -> None:
        series = self.sampler.series()
        figure = self.figure
        new = [name for name in series if name not in self._traces]
        if new:  # one addTraces message for every newcomer: its CPU line above, its memory line below
            traces, rows = [], []
            for name in new:
                self._traces[name] = len(figure.data) + len(traces)
                color = COLORS[(self._traces[name] // 2) % len(COLORS)]
                for row in (1, 2):
                    traces.append(
                        go.Scatter(x=[], y=[], name=name, legendgroup=name, showlegend=row == 1, mode="lines",
                                   line={"color": color, "width": 1.5})
                    )  # fmt: skip
                    rows.append(row)
            with figure.one_message():
                figure.add_traces(traces, rows=rows, cols=[1] * len(rows))
        xs, ys, indexes = [], [], []
        for name, index in self._traces.items():
            times, cpu, memory = series.get(name, (EMPTY, EMPTY, EMPTY))
            x = np.datetime_as_string((times * 1000.0).astype("datetime64[ms]"))  # UTC; a date axis reads text
            xs += [x, x]
            ys += [cpu, memory / MIB]
            indexes += [index, index + 1]
        with figure.one_message():  # one restyle of every line (plotly's own validation of each is the slow part)
            figure.plotly_restyle({"x": xs, "y": ys}, trace_indexes=indexes)

    def _say(self, text: str) -> None:
        if not self._closed:
            self.message_line.value = f"<span class='dw-message'>{html.escape(text)}</span>"
