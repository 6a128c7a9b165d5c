"""``docker cp`` (and ``container cp``): files and folders between a container and the local filesystem.

``-`` has no terminal to read from or write to in a notebook, so (our design):
``docker("cp - C:/dst", stdin=tar)`` takes the tar as bytes, a binary file object or a path;
``cp C:/src -`` returns the tar as bytes (:class:`~dockerwidgets.results.TarArchive`, at most
64 MiB), or streams it to ``stdout=`` (a path, written aside and renamed at the end, or a
binary file object) and returns nothing.
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..copyrules import CopyError, copy_request
from ..engine import Engine
from ..errors import fail
from ..ops import copy as ops
from ..results import CopyResult, TarArchive
from .registry import command

USAGE = "docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|- or docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH"
NO_STDIN = (
    "docker cp -: a notebook has no standard input: pass the tar as stdin= to dockerwidgets.docker(…) "
    "(bytes, a binary file object or a path)"
)
FROM_HEADER = "Copying from container - "
TO_HEADER = "Copying to container - "

_cp = CommandParser("cp", "exactly 2 arguments", USAGE)
add_flag(_cp, "-a", "--archive", help="Archive mode (copy all uid/gid information)")
add_flag(_cp, "-L", "--follow-link", help="Always follow symlinks in SRC_PATH")
add_flag(_cp, "-q", "--quiet", help="Suppress progress output during copy")
_cp.add_argument("source", metavar="SRC_PATH")
_cp.add_argument("destination", metavar="DEST_PATH")


@command("cp", "container cp")
def cp(args: list[str], engine: Engine, **options: Any) -> Any:
    """``docker cp``: the CLI's line ``Successfully copied 52.4MB to …`` (a :class:`CopyResult`); ``-q``: nothing."""
    ns = _cp.parse(args)
    try:
        request = copy_request(ns.source, ns.destination)
    except CopyError as exc:
        raise fail(str(exc)) from None
    from_container = request.direction == "from"
    make_view = None if ns.quiet else options.get("progress")
    view = make_view(FROM_HEADER if from_container else TO_HEADER, kind="copy") if make_view else None
    on_progress = view.update if view is not None else None
    try:
        if from_container and request.destination == "-":
            target = options.get("stdout")
            where = f"{request.container}:{request.source}"
            if target is None:
                data = ops.archive_bytes(
                    engine, request.container, request.source, ns.follow_link, on_progress=on_progress
                )
                return TarArchive(data, where)
            ops.archive_to_file(engine, request.container, request.source, target, ns.follow_link, on_progress)
            return None
        if from_container:
            outcome = ops.copy_from(
                engine, request.container, request.source, request.destination, ns.archive, ns.follow_link, on_progress
            )
        elif request.source == "-":
            tar = options.get("stdin")
            if tar is None:
                raise fail(NO_STDIN)
            outcome = ops.extract_to(engine, request.container, tar, request.destination, ns.archive, on_progress)
        else:
            outcome = ops.copy_to(
                engine, request.container, request.source, request.destination, ns.archive, ns.follow_link, on_progress
            )
    finally:
        if view is not None:
            view.finish()
    return None if ns.quiet else CopyResult(outcome.summary, outcome.copied, outcome.destination)
