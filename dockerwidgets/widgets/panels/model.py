"""A panel's state as traitlets, with no widget: rows, selection, page, sort, filter, pending actions, message.

:class:`PanelModel` reads the engine's list through ``ops`` (injected, so tests give it a
fake), keeps it as the magic's DataFrame (text + typed twin), and runs the actions of
:mod:`.actions` on a small thread pool of its own, so a click never blocks the kernel.
A row with an action running shows it in :attr:`PanelModel.pending` (``{key: "stopping…"}``)
until the engine's events have brought the row's new state (or, with ``live=False``, until
the model has read the list again through ops). Every change set ends with one increment
of :attr:`PanelModel.revision`, which is what a view redraws on.

Loads and applies happen under one lock, in order; a refresh asked for while one is loading
is served by the next load (requests coalesce, none is lost, the last read always wins).
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ClassVar

import pandas as pd
from traitlets import Any as AnyTrait
from traitlets import Bool, Dict, HasTraits, Instance, Int, List, Unicode, observe

from ... import frames
from ...errors import UsageError, fail, one_line
from ...humanize import natural_key
from ...sessions.events import EventFollower
from .actions import Action, Call, Detail, actions_of, names_text
from .table import Page, filter_rows, lowered, page_of, port_link_items, sort_rows

PAGE_SIZE = 20
WORKERS = 4
SETTLE_SECONDS = 2.0  # an action's rows not updated by the events after this long are read again
RUNNING_STATES = ("running", "paused", "restarting")  # what `docker ps` without -a lists
RECHECK_SECONDS = (0.25, 0.5, 1.0, 2.0, 5.0)  # services converging: the next look, then the one after, …


class Ops:
    """The real operations, ``ops.containers``, ``ops.images``, … imported on first use."""

    def __getattr__(self, family: str) -> Any:
        if family.startswith("_"):
            raise AttributeError(family)
        try:
            module = importlib.import_module(f"dockerwidgets.ops.{family}")
        except ModuleNotFoundError as exc:
            raise AttributeError(family) from exc
        setattr(self, family, module)
        return module


def resolve(spec: Any) -> Any:
    """An engine from a context name or a host URL; anything else (an Engine, a test's stand-in) as is."""
    if not isinstance(spec, str):
        return spec
    from ...engine import resolve_engine

    return resolve_engine(spec)


class PanelModel(HasTraits):
    """What a panel shows and does, observable and linkable; the view only draws it."""

    kind: ClassVar[str] = ""  # "containers", "images" or "services": its row of actions.ACTIONS
    noun: ClassVar[str] = "object"
    columns: ClassVar[tuple[str, ...]] = ()
    sort_keys: ClassVar[dict[str, str]] = {}  # column -> typed column to sort by (else the text)
    default_sort: ClassVar[tuple[str, bool]] = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {}

    rows = Instance(pd.DataFrame, args=(), help="every row read from the engine(s)")
    shown = Instance(pd.DataFrame, args=(), help="the rows filtered, narrowed and sorted")
    selection = List(Unicode(), help="keys of the selected rows")
    page = Int(0)
    page_size = Int(PAGE_SIZE)
    sort_column = Unicode()
    descending = Bool(True)
    filter = Unicode("")
    pending = Dict(help="row key -> what runs on it ('stopping…')")
    message = Unicode("")
    error = Bool(False)
    question = Unicode("", help="the question waiting for confirm() or cancel()")
    detail = AnyTrait(None, help="an actions.Detail to show under the table")
    engine_errors = Dict(help="engine name -> why its rows are missing")
    revision = Int(0, help="incremented once per change set: what a view redraws on")

    def __init__(
        self,
        engine: Any = None,
        *,
        engines: Sequence[Any] | None = None,
        ops: Any = None,
        live: bool = True,
        page_size: int = PAGE_SIZE,
        options: dict[str, Any] | None = None,
        load: bool = True,
        events: Mapping[str, Any] | None = None,
        **traits: Any,
    ) -> None:
        self.ops = ops if ops is not None else Ops()
        self.shared_events = dict(events or {})  # engine name -> an EventHub to subscribe to (the dashboard's)
        self.options = dict(options or {})
        if engines:
            from ...engine import resolve_engines

            specs = list(engines)
            resolved = resolve_engines(specs) if specs == ["all"] else [resolve(spec) for spec in specs]
            self.engines = list({engine.name: engine for engine in resolved}.values())
        else:
            self.engines = []
        if engine is None and not self.engines:
            from ...engine import default_engine

            engine = default_engine()
        self.engine = resolve(engine) if engine is not None else self.engines[0]
        self.multi = bool(self.engines)
        if self.multi:
            self.columns = ("ENGINE", *type(self).columns)
        self.live = live
        self.actions: dict[str, Action] = actions_of(self.kind) if self.kind else {}
        self.followers: list[Any] = []  # EventFollowers, or Subscriptions to a shared hub
        self.loads = 0  # lists read (what a benchmark or test counts)
        self._haystack = pd.Series(dtype=str)
        self._lock = threading.RLock()
        self._idle = threading.Condition(self._lock)
        self._load_lock = threading.Lock()
        self._asked = 0  # refreshes asked for
        self._served = 0  # the last ask a finished load covered
        self._batch = 0
        self._dirty = False
        self._running: dict[str, str] = {}
        self._settling: dict[str, tuple[str, float]] = {}
        self._list_changed: float | None = None  # when an action on no row (pull) that changes the list ended
        self._futures: set[Future] = set()
        self._confirm: Callable[[], Any] | None = None
        self._settle_timer: threading.Timer | None = None
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="dockerwidgets-action")
        traits = {"sort_column": self.default_sort[0], "descending": self.default_sort[1], **traits}
        super().__init__(page_size=page_size, **traits)
        self.rows = self.shown = pd.DataFrame(columns=list(self.columns))  # no rows until a list is read, if ever
        if live:
            self._follow()
        if load:
            self.refresh()

    # --- what a kind provides ------------------------------------------------------------------

    def load_one(self, engine: Any) -> pd.DataFrame:
        """The engine's whole list, as the magic's DataFrame."""
        raise NotImplementedError

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Lower-cased text the filter searches, one string per row of *frame*."""
        return pd.Series(lowered(*(frame[column] for column in self.columns if column in frame)), index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """What an action on each row of *frame* is given (a full id, ``repository:tag``)."""
        raise NotImplementedError

    def labels(self, frame: pd.DataFrame) -> list[str]:
        """Each row's name in messages."""
        return self.raw_keys(frame)

    def narrow(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows hidden by a kind's own switch (the containers' all/running)."""
        return frame

    def match(self, frame: pd.DataFrame, name: str) -> list[int]:
        """Positions of the rows of *frame* that *name* (a name, id or id prefix) stands for."""
        keys = self.raw_keys(frame)
        return [index for index, key in enumerate(keys) if key == name]

    def decorations(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """Per row: ``tone`` of its status (ok, warn, bad, off), ``links`` and ``tips`` by column."""
        return [{} for _ in range(len(rows))]

    # --- keys over one or several engines ------------------------------------------------------

    def keys(self, frame: pd.DataFrame) -> list[str]:
        """Row keys: the raw key, or ``engine/raw`` over several engines."""
        if frame.empty:
            return []
        raw = self.raw_keys(frame)
        if not self.multi:
            return raw
        return [f"{engine}/{key}" for engine, key in zip(frame.docker.typed["engine"], raw, strict=True)]

    def split(self, keys: Sequence[str]) -> list[tuple[Any, list[str], list[str]]]:
        """*keys* grouped by engine: ``(engine, raw keys, names)``."""
        names = self.names(keys)
        groups: dict[str, tuple[Any, list[str], list[str]]] = {}
        for key, name in zip(keys, names, strict=True):
            engine, raw = self.engine, key
            if self.multi:
                owner, _, raw = key.partition("/")
                engine = next((each for each in self.engines if each.name == owner), None)
                if engine is None:
                    raise fail(f"no engine called {owner}")
            group = groups.setdefault(engine.name, (engine, [], []))
            group[1].append(raw)
            group[2].append(name)
        return list(groups.values())

    def names(self, keys: Sequence[str]) -> list[str]:
        """The names of rows *keys* (a short id for one not listed)."""
        labels = dict(zip(self.keys(self.rows), self.labels(self.rows), strict=True)) if len(self.rows) else {}
        return [labels.get(key, key.rsplit("/", 1)[-1][:12]) for key in keys]

    def resolve(self, name: str) -> str | None:
        """The key of the row *name* stands for (``engine/name`` over several engines), or ``None``."""
        frame = self.rows
        if frame.empty:
            return None
        keys = self.keys(frame)
        if self.multi:
            owner, sep, rest = name.partition("/")
            engines = frame.docker.typed["engine"].tolist()
            if sep and owner in set(engines):
                mask = [engine == owner for engine in engines]
                sub = frame[mask]
                found = [keys[i] for i, m in enumerate(mask) if m]
                hits = self.match(sub, rest)
                return found[hits[0]] if len(hits) == 1 else None
        hits = self.match(frame, name)
        return keys[hits[0]] if len(hits) == 1 else None

    # --- reading the engine --------------------------------------------------------------------

    def load(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The list of the engine, or of every engine stacked (with the ones that did not answer)."""
        if not self.multi:
            return self.load_one(self.engine), {}
        fanout = getattr(self.ops, "fanout", None) or importlib.import_module("dockerwidgets.ops.fanout")
        results, errors = fanout.on_engines(self.engines, self.load_one)
        if not results:
            raise fail("; ".join(f"engine {name}: {message}" for name, message in errors.items()))
        return frames.stack([(engine.name, frame) for engine, frame in results]), dict(errors)

    def refresh(self) -> bool:
        """Read the list again and apply it; ``False`` (and the message line says why) when it failed.

        Loads run one at a time and apply in order under the model's lock. A call made while
        another loads waits for the next load, which serves every call made before it started.
        """
        with self._lock:
            self._asked += 1
            mine = self._asked
        with self._load_lock:
            if self._closed or self._served >= mine:
                return True  # a load that started after this call was made has been applied
            with self._lock:
                covers = self._asked
            started = time.monotonic()
            try:
                frame, errors = self.load()
            except UsageError as exc:
                self._served = covers
                self.say(str(exc), error=True)
                return False
            self._served = covers
            self.loads += 1
            self._apply(frame, errors, started)
            return True

    def _apply(self, frame: pd.DataFrame, errors: dict[str, str], started: float) -> None:
        with self._changes():
            had_errors = bool(self.engine_errors)
            self._haystack = self.haystack(frame) if len(frame) else pd.Series(dtype=str)
            self.rows = frame
            present = set(self.keys(frame))
            kept = [key for key in self.selection if key in present]
            if kept != self.selection:
                self.selection = kept
            settled = [key for key, (_, ended) in self._settling.items() if ended <= started or key not in present]
            for key in settled:
                del self._settling[key]
            if self._list_changed is not None and self._list_changed <= started:
                self._list_changed = None
                settled.append("")
            if settled:
                self._publish_pending()
            self.engine_errors = errors
            self._reshape()
            if errors:
                self.say("; ".join(f"engine {name}: {message}" for name, message in errors.items()), error=True)
            elif had_errors:
                self.say("every engine answers again")

    def _follow(self) -> None:
        engines = self.engines or [self.engine]
        for engine in engines:
            report = (
                (lambda m, name=engine.name: self._live_error(f"engine {name}: {m}"))
                if self.multi
                else self._live_error
            )
            hub = self.shared_events.get(engine.name)
            if hub is not None:  # the dashboard's one stream for this engine, already open
                self.followers.append(hub.subscribe(self.event_filters, self._live_refresh, report, self.wants_event))
                continue
            follower = EventFollower(engine, self.event_filters, self._live_refresh, report, accept=self.wants_event)
            try:
                follower.start(retry=self.multi)  # before the first read: no change after it is missed
            except UsageError as exc:
                self.say(str(exc), error=True)
                continue
            self.followers.append(follower)

    def wants_event(self, event: dict) -> bool:
        """Whether an event that passed :attr:`event_filters` can change the list (a kind narrows it further)."""
        return True

    @property
    def follower(self) -> EventFollower | None:
        """The (first) events follower, if the model is live."""
        return self.followers[0] if self.followers else None

    def _live_refresh(self) -> None:
        if not self._closed:
            self.refresh()

    def _live_error(self, message: str) -> None:
        if not self._closed:
            self.say(message, error=True)

    # --- the view's state ----------------------------------------------------------------------

    @contextlib.contextmanager
    def _changes(self) -> Iterator[None]:
        """Group trait changes: one increment of ``revision`` at the end, whatever changed inside."""
        with self._lock:
            self._batch += 1
            try:
                with self.hold_trait_notifications():
                    yield
            finally:
                self._batch -= 1
                if not self._batch and self._dirty:
                    self._dirty = False
                    self.revision += 1

    @observe("selection", "page", "pending", "shown")
    def _on_drawn_state(self, change: dict) -> None:
        with self._lock:
            if self._batch:
                self._dirty = True
            else:
                self.revision += 1

    @observe("filter", "sort_column", "descending", "page_size")
    def _on_shape(self, change: dict) -> None:
        with self._changes():
            if change["name"] == "filter":
                self.page = 0
            self._reshape()

    def _reshape(self) -> None:
        """Filter, narrow and sort the rows into ``shown``, and keep the page in range."""
        with self._changes():
            frame = self.rows
            view = sort_rows(self.narrow(filter_rows(frame, self.filter, self._haystack)), *self._sort_key())
            self.shown = view
            self._dirty = True
            number = page_of(len(view), self.page, self.page_size).number
            if number != self.page:
                self.page = number

    def _sort_key(self) -> tuple[pd.Series, bool]:
        frame, column = self.rows, self.sort_column
        typed_column = self.sort_keys.get(column)
        if typed_column and not frame.empty:
            key = frame.docker.typed[typed_column]
        elif column in frame:  # text: names and tags in the CLI's natural order (web2 before web10)
            key = frame[column].map(lambda text: natural_key(str(text)))
        else:
            key = pd.Series(range(len(frame)), index=frame.index)
        return key, bool(self.descending)

    def visible(self) -> tuple[Page, pd.DataFrame, list[str]]:
        """The page on screen: its bounds, its rows and their keys (never more than ``page_size``)."""
        with self._lock:
            view = self.shown
            page = page_of(len(view), self.page, self.page_size)
            rows = view.iloc[page.start : page.stop]
            return page, rows, self.keys(rows)

    def goto(self, page: int) -> None:
        """Show page *page* (clamped)."""
        with self._lock:
            self.page = page_of(len(self.shown), page, self.page_size).number

    def say(self, text: str, error: bool = False) -> None:
        """Put *text*, folded to one line, in the message."""
        with self.hold_trait_notifications():
            self.error = error
            self.message = one_line(text)

    # --- selection -----------------------------------------------------------------------------

    def select(self, names_or_ids: str | Sequence[str] | None) -> list[str]:
        """Select rows by name, id or id prefix (an empty list clears); an unknown one selects nothing."""
        names = [names_or_ids] if isinstance(names_or_ids, str) else list(names_or_ids or [])
        with self._changes():
            keys = []
            for name in names:
                key = self.resolve(name)
                if key is None:
                    self.say(f"Error: No such {self.noun}: {name}", error=True)
                    raise fail(f"Error: No such {self.noun}: {name}")
                keys.append(key)
            self.selection = list(dict.fromkeys(keys))
            _, _, on_page = self.visible()
            shown = self.keys(self.shown)
            if keys and keys[0] in shown and keys[0] not in on_page:
                self.page = shown.index(keys[0]) // self.page_size
            return list(self.selection)

    def select_on_page(self, keys: Sequence[str]) -> None:
        """Make *keys* the selection of the page on screen (what the view's clicks send); other pages keep theirs."""
        with self._changes():
            _, _, on_page = self.visible()
            page = set(on_page)
            chosen = [key for key in keys if key in page]
            self.selection = [key for key in self.selection if key not in page] + chosen

    # --- actions ---------------------------------------------------------------------------------

    def act(self, name: str, keys: Sequence[str] | None = None, **params: Any) -> Future | None:
        """Run action *name* on *keys* (the selection by default) on the worker; a Future, or None when it asks first.

        Raises a one-line UsageError when the action cannot start (no selection, a row busy, a missing parameter).
        """
        action = self.actions.get(name)
        if action is None:
            raise fail(f"unknown action: {name}")
        with self._lock:
            keys = list(self.selection if keys is None else keys)
            if action.needs != "none" and not keys:
                raise fail(f"select a {self.noun} first")
            if action.needs == "one" and len(keys) != 1:
                raise fail(f"select exactly one {self.noun} for this")
            if action.needs == "none":
                keys = []
            if action.param and not _given(params.get(action.param)):
                raise fail(action.missing or f"{action.param} is needed")
            busy = [key for key in keys if key in self.pending]
            if busy:
                what = self.pending[busy[0]]
                raise fail(f"{names_text(self.names(busy))}: {what} already; wait for it to end")
            if action.asks_for(len(keys)):
                names = self.names(keys)
                question = action.question.format(count=len(keys), names=names_text(names), noun=self.noun)
                self.ask(question, lambda: self._submit(action, keys, params))
                return None
            return self._submit(action, keys, params)

    def ask(self, question: str, action: Callable[[], Any]) -> None:
        """Wait for :meth:`confirm` (or :meth:`cancel`) before running *action*."""
        with self._lock:
            self._confirm = action
            self.question = one_line(question)

    def confirm(self) -> Any:
        """Run the action waiting for an answer (its Future)."""
        with self._lock:
            action, self._confirm = self._confirm, None
            self.question = ""
        if action is None:
            raise fail("nothing to confirm")
        return action()

    def cancel(self) -> None:
        """Drop the action waiting for an answer: nothing is done."""
        with self._lock:
            if self._confirm is not None:
                self._confirm = None
                self.question = ""
                self.say("Cancelled: nothing was done.")

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no action runs and every acted-on row shows its new state; ``False`` on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._futures or self._running or self._settling or self._list_changed is not None:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining if remaining is not None else 0.5)
            return True

    def _submit(self, action: Action, keys: list[str], params: dict[str, Any]) -> Future:
        with self._lock:
            if self._closed:
                raise fail("this panel is closed")
            busy = [key for key in keys if key in self.pending]
            if busy:  # asked first, and something else started on the row meanwhile
                raise fail(f"{names_text(self.names(busy))}: {self.pending[busy[0]]} already; wait for it to end")
            names = self.names(keys)
            label = action.pending or f"{action.name}…"
            if action.pending:
                for key in keys:
                    self._running[key] = action.pending
                self._publish_pending()
            future = self._executor.submit(self._work, action, keys, names, dict(params))
            self._futures.add(future)
            future.add_done_callback(self._finished)
            self.say(f"{label} {names_text(names)}" if names else label)
            return future

    def _finished(self, future: Future) -> None:
        with self._idle:
            self._futures.discard(future)
            self._idle.notify_all()

    def _work(self, action: Action, keys: list[str], names: list[str], params: dict[str, Any]) -> Any:
        """The action, on a worker thread: its outcome (or one-line error) goes to the message."""
        result: Any = None
        try:
            for engine, refs, group_names in self.split(keys) if keys else [(self.engine, [], [])]:
                result = action.run(Call(self.ops, engine, refs, group_names, params, self))
        except UsageError as exc:
            self._end(action, keys, ok=False)
            self.say(str(exc), error=True)
            return None
        except Exception as exc:  # the panel keeps working whatever happens
            self._end(action, keys, ok=False)
            self.say(f"{type(exc).__name__}: {exc}", error=True)
            return None
        if isinstance(result, Detail):
            self.detail = result
        param = params.get(action.param, "")
        if isinstance(param, dict):
            param = str(param.get("image", "")).strip()
        text = result if isinstance(result, str) else ""
        if isinstance(result, Detail):
            text = "attached" if result.kind == "console" else result.title
        self._end(action, keys, ok=True)
        self.say(action.done.format(name=action.name, names=names_text(names), param=param, result=text))
        if action.changes_rows and not self.followers:
            self.refresh()  # no events to bring the change: read the list once, through ops
        return result

    def _end(self, action: Action, keys: list[str], ok: bool) -> None:
        with self._changes():
            ended = time.monotonic()
            for key in keys:
                label = self._running.pop(key, None)
                if ok and label and action.changes_rows:
                    self._settling[key] = (label, ended)
            if ok and not keys and action.changes_rows:
                self._list_changed = ended
            self._publish_pending()
            if (self._settling or self._list_changed is not None) and self.followers:
                self._arm_settle_timer()

    def _publish_pending(self) -> None:
        with self._idle:
            pending = {key: label for key, (label, _) in self._settling.items()}
            pending.update(self._running)
            if pending != self.pending:
                self.pending = pending
            self._idle.notify_all()

    def _arm_settle_timer(self) -> None:
        if self._settle_timer is not None or self._closed:
            return
        self._settle_timer = threading.Timer(SETTLE_SECONDS, self._settle_late)
        self._settle_timer.daemon = True
        self._settle_timer.start()

    def _settle_late(self) -> None:
        """Rows an action changed that no event has updated yet: read the list once (an engine may send none)."""
        with self._lock:
            self._settle_timer = None
            ends = [ended for _, ended in self._settling.values()]
            if self._list_changed is not None:
                ends.append(self._list_changed)
            late = any(time.monotonic() - ended >= SETTLE_SECONDS * 0.9 for ended in ends)
        if late and not self._closed:
            self.refresh()
        with self._lock:
            if self._settling or self._list_changed is not None:
                self._arm_settle_timer()

    # --- the end ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop following the engine, stop the timers and the worker (a running action ends on its own)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            timer, self._settle_timer = self._settle_timer, None
        if timer is not None:
            timer.cancel()
        for follower in self.followers:
            follower.close()
        self._executor.shutdown(wait=False, cancel_futures=True)
        with self._idle:
            self._settling.clear()
            self._running.clear()
            self._list_changed = None
            self._idle.notify_all()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed


def _given(value: Any) -> bool:
    return bool(value.strip()) if isinstance(value, str) else value is not None and value != {}


# --- the three kinds ---------------------------------------------------------------------------


class ContainerModel(PanelModel):
    """``ps -a`` rows; ``show`` = ``"running"`` narrows to what ``ps`` without ``-a`` lists."""

    kind = "containers"
    noun = "container"
    columns = tuple(frames.CONTAINER_COLUMNS)
    sort_keys: ClassVar[dict[str, str]] = {"CREATED": "created", "CONTAINER ID": "id"}
    default_sort = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["container"]}

    show = Unicode("all")

    def __init__(
        self, engine: Any = None, *, show: str = "all", filters: dict | None = None, stats: Any = False, **kwargs: Any
    ) -> None:
        """*stats*: add CPU % and MEM columns, from a live stats sampler of the running containers (or the object given)."""
        self.filters = dict(filters or {})
        self.stats_feed: Any = None
        self._stats_source = stats
        super().__init__(engine, show=show, **kwargs)
        if stats:
            from .stats_columns import STATS_COLUMNS, STATS_SORT_KEYS

            self.columns = (*self.columns, *STATS_COLUMNS)
            self.sort_keys = {**type(self).sort_keys, **STATS_SORT_KEYS}
            if self.live or stats is not True:
                self._start_stats(stats)

    def _start_stats(self, stats: Any) -> None:
        """Follow the running containers' stats (one sampler per engine, no history) and redraw at most once a second."""
        from .stats_columns import StatsFeed

        if stats is True:
            from ...sessions.stats import StatsSampler

            sources = [StatsSampler(engine, history_seconds=0) for engine in (self.engines or [self.engine])]
        else:
            sources = [stats]
        try:
            self.stats_feed = [StatsFeed(source, self._stats_news).start() for source in sources]
        except UsageError as exc:
            self.say(str(exc), error=True)
        self._stats_news()

    def _stats_entries(self) -> list:
        feeds = self.stats_feed or []
        if not feeds and self._stats_source is True and not self.live:  # not live: one sample a load
            engines = self.engines or [self.engine]
            return [entry for engine in engines for entry in self.ops.stats.sample(engine)]
        return [entry for feed in feeds for entry in feed.entries()]

    def _stats_news(self) -> None:
        """New samples: the stats columns of the rows read last, set again (one change set, one redraw)."""
        from .stats_columns import with_stats

        with self._changes():
            if self._closed or self.rows.empty or "CPU %" not in self.rows:
                return
            self.rows = with_stats(self.rows, self._stats_entries())
            self._reshape()

    @observe("show")
    def _on_show(self, change: dict) -> None:
        with self._changes():
            self.page = 0
            self._reshape()

    def load_one(self, engine: Any) -> pd.DataFrame:
        """``ps -a`` with the panel's filters (and the stats columns, with ``stats``)."""
        frame = frames.containers_frame(
            self.ops.containers.list_containers(engine, all=True, filters=self.filters or None)
        )
        if self._stats_source:
            from .stats_columns import with_stats

            frame = with_stats(frame, self._stats_entries())
        return frame

    def close(self) -> None:
        """Stop the stats too."""
        super().close()
        for feed in self.stats_feed or []:
            feed.close()

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Names, image, status and the whole command."""
        typed = frame.docker.typed
        text = lowered((",".join(names) for names in typed["names"]), typed["image"], frame["STATUS"], typed["command"])
        return pd.Series(text, index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """Full container ids."""
        return frame.docker.typed["id"].tolist() if len(frame) else []

    def labels(self, frame: pd.DataFrame) -> list[str]:
        """Names (the short id for a container without one)."""
        if frame.empty:
            return []
        typed = frame.docker.typed
        return [name or cid[:12] for name, cid in zip(typed["name"], typed["id"], strict=True)]

    def narrow(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Only running (and paused, restarting) containers when ``show`` says so."""
        if self.show != "running" or frame.empty:
            return frame
        return frame[frame.docker.typed["state"].isin(RUNNING_STATES).to_numpy()]

    def match(self, frame: pd.DataFrame, name: str) -> list[int]:
        """A name, a full id, else an unambiguous id prefix."""
        typed = frame.docker.typed
        name = name.lstrip("/")
        ids, names = typed["id"].tolist(), typed["names"].tolist()
        exact = [i for i, (cid, each) in enumerate(zip(ids, names, strict=True)) if cid == name or name in each]
        return exact or [i for i, cid in enumerate(ids) if name and cid.startswith(name)]

    def decorations(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """Status tone from the state (and exit code), ports as links, the whole command as a tooltip."""
        if rows.empty:
            return []
        typed = rows.docker.typed
        out = []
        for state, code, ports, command in zip(
            typed["state"], typed["exit_code"], typed["ports"], typed["command"], strict=True
        ):
            tone = {"running": "ok", "paused": "warn", "restarting": "warn", "dead": "bad"}.get(state, "off")
            if state == "exited" and not pd.isna(code) and int(code) != 0:
                tone = "bad"
            out.append({"tone": tone, "links": {"PORTS": port_link_items(ports)}, "tips": {"COMMAND": command}})
        return out


class ImageModel(PanelModel):
    """``images`` rows, keyed ``repository:tag`` (the id for an untagged image)."""

    kind = "images"
    noun = "image"
    columns = tuple(frames.IMAGE_COLUMNS)
    sort_keys: ClassVar[dict[str, str]] = {"CREATED": "created", "SIZE": "size"}
    default_sort = ("CREATED", True)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["image"]}

    def load_one(self, engine: Any) -> pd.DataFrame:
        """``images``."""
        return frames.images_frame(self.ops.images.list_images(engine))

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Repository, tag and id."""
        return pd.Series(lowered(frame["REPOSITORY"], frame["TAG"], frame.docker.typed["id"]), index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """``repository:tag``, or the image id for an untagged image."""
        if frame.empty:
            return []
        ids = frame.docker.typed["id"].tolist()
        return [
            f"{repository}:{tag}" if repository != "<none>" and tag != "<none>" else image_id
            for repository, tag, image_id in zip(frame["REPOSITORY"], frame["TAG"], ids, strict=True)
        ]

    def labels(self, frame: pd.DataFrame) -> list[str]:
        """The key, with an untagged image's id shortened."""
        return [key.split(":", 1)[-1][:12] if key.startswith("sha256:") else key for key in self.raw_keys(frame)]

    def match(self, frame: pd.DataFrame, name: str) -> list[int]:
        """``repository:tag`` (``:latest`` when no tag is given), a full id, else an unambiguous id prefix."""
        keys = self.raw_keys(frame)
        candidates = [name, f"{name}:latest"] if ":" not in name.rsplit("/", 1)[-1] else [name]
        for candidate in candidates:
            if candidate in keys:
                return [keys.index(candidate)]
        ids = frame.docker.typed["id"].tolist()
        bare = name.split(":", 1)[-1] if name.startswith("sha256:") else name
        hits = {
            ids[i].split(":", 1)[-1]: i for i in range(len(ids)) if bare and ids[i].split(":", 1)[-1].startswith(bare)
        }
        return list(hits.values())


class ServiceModel(PanelModel):
    """``service ls`` rows; while a service converges, the list is read again a little later each time."""

    kind = "services"
    noun = "service"
    columns = tuple(frames.SERVICE_COLUMNS)
    sort_keys: ClassVar[dict[str, str]] = {"ID": "id"}
    default_sort = ("NAME", False)
    event_filters: ClassVar[dict[str, list[str]]] = {"type": ["service", "node", "container"]}

    def __init__(self, engine: Any = None, *, filters: dict | None = None, **kwargs: Any) -> None:
        self.filters = dict(filters or {})
        self._recheck: threading.Timer | None = None
        self._recheck_step = 0
        self._last_replicas: list[str] = []
        super().__init__(engine, **kwargs)

    def load_one(self, engine: Any) -> pd.DataFrame:
        """``service ls`` with the panel's filters."""
        return frames.services_frame(*self.ops.services.list_services(engine, filters=self.filters or None))

    def haystack(self, frame: pd.DataFrame) -> pd.Series:
        """Name, image, mode and ports."""
        return pd.Series(lowered(frame["NAME"], frame["IMAGE"], frame["MODE"], frame["PORTS"]), index=frame.index)

    def raw_keys(self, frame: pd.DataFrame) -> list[str]:
        """Full service ids."""
        return frame.docker.typed["id"].tolist() if len(frame) else []

    def labels(self, frame: pd.DataFrame) -> list[str]:
        """Service names."""
        return frame.docker.typed["name"].tolist() if len(frame) else []

    def match(self, frame: pd.DataFrame, name: str) -> list[int]:
        """A full id, a name, else an unambiguous id prefix."""
        typed = frame.docker.typed
        ids, names = typed["id"].tolist(), typed["name"].tolist()
        exact = [i for i, (sid, each) in enumerate(zip(ids, names, strict=True)) if name in (sid, each)]
        return exact or [i for i, sid in enumerate(ids) if name and sid.startswith(name)]

    def decorations(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """REPLICAS: ok once converged, warn while not."""
        if rows.empty:
            return []
        typed = rows.docker.typed
        return [{"tone": "ok" if done else "warn"} for done in (typed["running"] == typed["desired"]).tolist()]

    @property
    def converging(self) -> bool:
        """Whether some service has fewer tasks running than it wants."""
        if self.rows.empty:
            return False
        typed = self.rows.docker.typed
        return bool((typed["running"] != typed["desired"]).any())

    def refresh(self) -> bool:
        """Read the services again; while one is converging, look again a little later."""
        done = super().refresh()
        if self.live and not self._closed:
            self._schedule_recheck()
        return done

    def close(self) -> None:
        """Stop the re-checks too."""
        with self._lock:
            timer, self._recheck = self._recheck, None
        if timer is not None:
            timer.cancel()
        super().close()

    def _schedule_recheck(self) -> None:
        replicas = self.rows["REPLICAS"].tolist() if "REPLICAS" in self.rows else []
        with self._lock:
            if replicas != self._last_replicas:
                self._recheck_step = 0  # something moved: look again soon
            self._last_replicas = replicas
            if not self.converging or self._recheck is not None or self._closed:
                return
            delay = RECHECK_SECONDS[min(self._recheck_step, len(RECHECK_SECONDS) - 1)]
            self._recheck_step += 1
            self._recheck = threading.Timer(delay, self._recheck_now)
            self._recheck.daemon = True
            self._recheck.start()

    def _recheck_now(self) -> None:
        with self._lock:
            self._recheck = None
        if not self._closed:
            self.refresh()
