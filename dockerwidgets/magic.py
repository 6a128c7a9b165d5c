"""The ``%docker`` line magic: the docker CLI's syntax, line for line, in a notebook cell.

IPython's ``{expr}`` and ``$var`` expansion keeps working, except inside Go templates
(``{{.Id}}``), which reach ``inspect -f`` as typed: IPython alone would turn ``{{`` into ``{``.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from IPython.core.magic import Magics, line_magic, magics_class, no_var_expand
from IPython.utils.text import DollarFormatter
from traitlets import Float, Int, Unicode, observe

from .commandline import run_line
from .display import cell_progress, present
from .settings import console_settings, stats_settings

_GO_TEMPLATE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_formatter = DollarFormatter()


def expand(line: str, namespace: dict[str, Any]) -> str:
    """Expand ``{expr}`` and ``$var`` from *namespace* outside ``{{ … }}``, as IPython would."""
    parts, last = [], 0
    for match in _GO_TEMPLATE.finditer(line):
        parts.append(_expand_plain(line[last : match.start()], namespace))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_expand_plain(line[last:], namespace))
    return "".join(parts)


def _expand_plain(text: str, namespace: dict[str, Any]) -> str:
    if not text or ("{" not in text and "$" not in text):
        return text
    try:
        return _formatter.vformat(text, args=[], kwargs=namespace)
    except Exception:
        return text


def _caller_namespace(user_ns: dict[str, Any]) -> dict[str, Any]:
    """The user's namespace plus the locals of the code that ran the magic (as IPython does)."""
    namespace = dict(user_ns)
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "run_line_magic":
        frame = frame.f_back
    if frame is not None and frame.f_back is not None:
        namespace.update(frame.f_back.f_locals)
    return namespace


@magics_class
class DockerMagics(Magics):
    """``%docker …``: run a docker CLI line against the engine and return its result.

    Console settings: ``%config DockerMagics.scrollback = 5000``, ``.save_to = "out.log"``,
    ``.updates_per_second = 10``. Live stats: ``%config DockerMagics.stats_history = 300`` (seconds kept).
    """

    scrollback = Int(console_settings.scrollback, help="Lines of console output kept for display").tag(config=True)
    save_to = Unicode(None, allow_none=True, help="A file receiving every byte of console output").tag(config=True)
    updates_per_second = Float(console_settings.updates_per_second, help="Console front-end updates a second").tag(
        config=True
    )

    stats_history = Float(stats_settings.history, help="Seconds of samples a live stats view keeps").tag(config=True)

    @observe("scrollback", "save_to", "updates_per_second")
    def _settings_changed(self, change: dict) -> None:
        setattr(console_settings, change["name"], change["new"])

    @observe("stats_history")
    def _stats_history_changed(self, change: dict) -> None:
        stats_settings.history = float(change["new"])

    @no_var_expand
    @line_magic("docker")
    def docker(self, line: str) -> Any:
        """Run ``docker <line>``: ``%docker ps -a``, ``%docker run -d -p 8080:80 busybox httpd -f``."""
        return present(run_line(expand(line, _caller_namespace(self.shell.user_ns)), progress=cell_progress))
