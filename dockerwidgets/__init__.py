"""dockerwidgets: the Docker engine inside Jupyter notebooks.

``%load_ext dockerwidgets`` registers the ``%docker`` magic; ``dockerwidgets.docker("ps -a")``
does the same from plain Python. Heavy modules are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .engine import Engine


def docker(line: str, engine: Engine | None = None, **options: Any) -> Any:
    """Run a docker CLI line (``"ps -a"``, ``"docker rm -f web"``) and return its result."""
    from .commandline import run_line
    from .display import cell_progress, present

    if options.get("show", True):  # panels ask for no display of their own (their bars are theirs)
        options.setdefault("progress", cell_progress)
    return present(run_line(line, engine, **options))


def __getattr__(name: str) -> Any:
    """The panels and the ``Dashboard``, imported on first use (ipywidgets is not cheap)."""
    if name in ("ContainerPanel", "ImagePanel", "ServicePanel", "VolumePanel", "NetworkPanel"):
        from .widgets import panels

        return getattr(panels, name)
    if name == "Dashboard":
        from .widgets.dashboard import Dashboard

        return Dashboard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%docker`` (called by ``%load_ext dockerwidgets``)."""
    from .magic import DockerMagics

    ipython.register_magics(DockerMagics(ipython))


__all__ = [
    "ContainerPanel",
    "Dashboard",
    "ImagePanel",
    "NetworkPanel",
    "ServicePanel",
    "VolumePanel",
    "__version__",
    "docker",
    "load_ipython_extension",
]
