"""One-line errors: everything a user can get wrong ends as IPython's ``UsageError``.

IPython prints a ``UsageError`` as a single line without a traceback, but only for that
exact class, so it is raised as is (never subclassed).
"""

from __future__ import annotations

from IPython.core.error import UsageError

__all__ = ["UsageError", "fail"]


def fail(message: str) -> UsageError:
    """Return the ``UsageError`` for *message*, folded to one line."""
    return UsageError(" ".join(str(message).split()))
