"""The image panel's run form, as a ``docker run`` line: pure, so it is tested without an engine."""

from __future__ import annotations

import re
import shlex

from ...errors import fail

_SEPARATORS = re.compile(r"[\s,]+")


def words(text: str, what: str) -> list[str]:
    """*text* split as a shell would (quotes kept together); a bad quote is a one-line error."""
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise fail(f"cannot read the {what}: {exc}") from None


def run_args(
    image: str,
    name: str = "",
    ports: str = "",
    env: str = "",
    command: str = "",
    interactive: bool = False,
    detach: bool = True,
    labels: dict[str, str] | None = None,
) -> list[str]:
    """The ``docker run`` words for the form's fields (ports split on commas or spaces, env and command as a shell would)."""
    image = image.strip()
    if not image:
        raise fail("choose an image to run (select one, or type its name)")
    args = ["run"]
    if detach:
        args.append("-d")
    if interactive:
        args.extend(["-i", "-t"])
    if name.strip():
        args.extend(["--name", name.strip()])
    for port in (p for p in _SEPARATORS.split(ports.strip()) if p):
        args.extend(["-p", port])
    for variable in words(env, "environment"):
        args.extend(["-e", variable])
    for key, value in (labels or {}).items():
        args.extend(["-l", f"{key}={value}"])
    args.append(image)
    args.extend(words(command, "command"))
    return args


def run_line(*args: object, **kwargs: object) -> str:
    """The form as one CLI line (``shlex.join`` of :func:`run_args`), as ``%docker`` would read it."""
    return shlex.join(run_args(*args, **kwargs))  # type: ignore[arg-type]
