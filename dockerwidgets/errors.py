"""One-line errors: everything a user can get wrong ends as IPython's ``UsageError``.

IPython prints a ``UsageError`` as a single line without a traceback, but only for that
exact class, so it is raised as is (never subclassed).
"""

from __future__ import annotations

from IPython.core.error import UsageError

__all__ = ["UsageError", "fail", "one_line"]


def one_line(text: object) -> str:
    """*text* folded to one line (messages, panel lines and errors show one)."""
    return " ".join(str(text).split())


def fail(message: str) -> UsageError:
    """Return the ``UsageError`` for *message*, folded to one line."""
    return UsageError(one_line(message))
