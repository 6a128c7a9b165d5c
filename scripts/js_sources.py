"""Print the SHA-256 of every front-end source (js/*.js, js/*.css, the npm pins), one line each, sorted.

scripts/build-js writes this into dockerwidgets/widgets/static/SOURCES.sha256; a unit test
recomputes it, so a source changed without a rebuild fails the tests (no node needed).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

JS = Path(__file__).resolve().parent.parent / "js"
PATTERNS = ("*.js", "*.css", "package.json", "package-lock.json")


def sources() -> list[Path]:
    """The files the bundle is built from."""
    return sorted({path for pattern in PATTERNS for path in JS.glob(pattern)})


def manifest() -> str:
    """``<sha256>  js/<name>`` per source."""
    return "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  js/{path.name}\n" for path in sources())


if __name__ == "__main__":
    print(manifest(), end="")
