"""A TTY session's screen on the kernel side: a terminal emulator (pyte) fed the decoded output as
it is, escapes included, so ``text`` is what a terminal shows (``vi``, ``top`` too) plus a
bounded scrollback, and :meth:`TerminalEmulator.repaint` draws that screen again for a view that
(re)connects, instead of replaying the history.

pyte keeps its parser's state between feeds, so an escape sequence split across reads is read
whole; the session's incremental decoder already joins a character split across reads.

pyte is slow (about 0.1-0.3 MB/s here), so the reader never waits on it: :meth:`feed` only
queues the text, and the emulator catches up when someone looks (``text``, ``repaint``,
``cursor``). When more than ``CATCH_UP_LIMIT`` characters queue up unseen (a flood), the head
of the queue is dropped at a line boundary, keeping the last ``CATCH_UP_KEEP``: a flood's
screen is its last lines, and the scrollback then starts there (``skipped`` counts what the
emulator never drew; ``save_to`` keeps every byte).
"""

from __future__ import annotations

import threading

import pyte
from pyte.graphics import BG_AIXTERM, BG_ANSI, FG_AIXTERM, FG_ANSI

DEFAULT_COLS = 80
DEFAULT_ROWS = 24
CATCH_UP_LIMIT = 256 * 1024  # characters queued unseen before the head is dropped
CATCH_UP_KEEP = 32 * 1024  # characters kept then (a few hundred lines: the screen and some scrollback)


class TerminalEmulator:
    """A screen of ``cols`` × ``rows`` and up to ``history`` lines scrolled off its top; thread-safe."""

    def __init__(self, cols: int = DEFAULT_COLS, rows: int = DEFAULT_ROWS, history: int = 3000) -> None:
        self.lock = threading.RLock()
        self._screen = pyte.HistoryScreen(cols, rows, history=max(history, 1), ratio=0.5)
        self._stream = pyte.Stream(self._screen)
        self._queue: list[str] = []
        self._queued = 0
        self.skipped = 0  # characters dropped unseen during floods

    def feed(self, text: str) -> None:
        """Take decoded output, escapes and all (queued: drawn when someone looks)."""
        with self.lock:
            self._queue.append(text)
            self._queued += len(text)
            if self._queued > CATCH_UP_LIMIT:
                self._drop_head()

    def _drop_head(self) -> None:
        text = "".join(self._queue)
        cut = text.find("\n", len(text) - CATCH_UP_KEEP)
        cut = len(text) - CATCH_UP_KEEP if cut < 0 else cut + 1
        self.skipped += cut
        self._queue, self._queued = [text[cut:]], len(text) - cut

    def _catch_up(self) -> None:
        """Draw what is queued (the caller holds the lock)."""
        if self._queue:
            text = "".join(self._queue)
            self._queue, self._queued = [], 0
            self._stream.feed(text)

    @property
    def size(self) -> tuple[int, int]:
        """``(cols, rows)``."""
        with self.lock:
            return self._screen.columns, self._screen.lines

    def resize(self, cols: int, rows: int) -> bool:
        """Take the size the terminal now has; ``False`` when it did not change (or is not a size)."""
        if cols <= 0 or rows <= 0:
            return False
        with self.lock:
            self._catch_up()  # what came before the resize was drawn at the old size
            if (self._screen.columns, self._screen.lines) == (cols, rows):
                return False
            self._screen.resize(lines=rows, columns=cols)
            return True

    @property
    def cursor(self) -> tuple[int, int]:
        """``(x, y)``, 0-based, on the screen."""
        with self.lock:
            self._catch_up()
            return self._screen.cursor.x, self._screen.cursor.y

    def _history_lines(self) -> list[str]:
        columns = self._screen.columns
        return [_row(line, columns) for line in self._screen.history.top]

    def screen_lines(self) -> list[str]:
        """The rows on screen, trailing blanks removed."""
        with self.lock:
            self._catch_up()
            return [line.rstrip() for line in self._screen.display]

    @property
    def text(self) -> str:
        """The scrollback, then the screen, as plain text: each row without its trailing blanks (the
        cursor's row keeps them up to the cursor, so a prompt keeps its space), blank rows below both
        the cursor and the last written row dropped. Output ending with a newline ends with one."""
        with self.lock:
            self._catch_up()
            history = [line.rstrip() for line in self._history_lines()]
            rows = list(self._screen.display)
            x, y = self._screen.cursor.x, self._screen.cursor.y
        screen = [line.rstrip() for line in rows]
        if 0 <= y < len(screen) and x > len(screen[y]):
            screen[y] = rows[y][:x]
        last = max([y, *(i for i, line in enumerate(screen) if line)])
        lines = history + screen[: last + 1]
        if not any(lines):
            return ""
        return "\n".join(lines)

    def repaint(self) -> bytes:
        """What to write into a reset terminal of the same size to show this state: the scrollback
        (so it scrolls into the terminal's own), the screen with its colours and attributes, then the
        cursor where it is, drawing in the style the program last chose."""
        with self.lock:
            self._catch_up()
            columns = self._screen.columns
            history = [_styled_row(line, columns) for line in self._screen.history.top]
            rows = [_styled_row(self._screen.buffer[y], columns) for y in range(self._screen.lines)]
            x, y = self._screen.cursor.x, self._screen.cursor.y
            hidden = self._screen.cursor.hidden
            style = _sgr(self._screen.cursor.attrs)
        body = "\r\n".join([*history, *rows])
        tail = f"\x1b[{y + 1};{x + 1}H" + ("\x1b[?25l" if hidden else "") + (f"\x1b[{style}m" if style != "0" else "")
        return (body + tail).encode("utf-8", "replace")


_FG = {name: code for code, name in {**FG_ANSI, **FG_AIXTERM}.items() if name != "default"}
_BG = {name: code for code, name in {**BG_ANSI, **BG_AIXTERM}.items() if name != "default"}
_FLAGS = (("bold", 1), ("italics", 3), ("underscore", 4), ("blink", 5), ("reverse", 7), ("strikethrough", 9))


def _colour(value: str, names: dict[str, int], extended: int) -> list[str]:
    """pyte's colour (a name, or ``rrggbb`` for 256 and true colours) as SGR parameters."""
    if value in names:
        return [str(names[value])]
    if len(value) == 6:
        try:
            red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
        except ValueError:
            return []
        return [str(extended), "2", str(red), str(green), str(blue)]
    return []


def _sgr(char: pyte.screens.Char) -> str:
    """The SGR parameters that draw in *char*'s style from a reset (``0`` alone: the default)."""
    codes = ["0"]
    codes += [str(code) for flag, code in _FLAGS if getattr(char, flag)]
    codes += _colour(char.fg, _FG, 38) + _colour(char.bg, _BG, 48)
    return ";".join(codes)


def _styled_row(line: dict, columns: int) -> str:
    """One row as text with SGR escapes where the style changes; trailing default blanks left out."""
    last = -1
    for x in range(columns):
        char = line[x]
        if char.data not in ("", " ") or char.bg != "default" or char.reverse:
            last = x
    pieces, current = [], "0"
    for x in range(last + 1):
        char = line[x]
        if not char.data:  # the second half of a wide character is stored empty
            continue
        style = _sgr(char)
        if style != current:
            pieces.append(f"\x1b[{style}m")
            current = style
        pieces.append(char.data)
    if current != "0":
        pieces.append("\x1b[0m")
    return "".join(pieces)


def _row(line: dict, columns: int) -> str:
    """One line of pyte's history (a column → Char mapping) as text; wide characters take two columns."""
    chars = []
    for x in range(columns):
        data = line[x].data
        if data:  # the second half of a wide character is stored empty
            chars.append(data)
    return "".join(chars)
