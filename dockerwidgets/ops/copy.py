"""``docker cp``: files and folders between a container and the local filesystem, streamed both ways.

The container side is the engine's archive endpoints (``HEAD``/``GET``/``PUT
/containers/{id}/archive``, :mod:`dockerwidgets.transport`); the path rules are the CLI's
(:mod:`dockerwidgets.copyrules`), the local side :mod:`dockerwidgets.copyfs`. No archive and no
file is ever held whole: a copy holds a few pieces of 1 MiB.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .. import transport
from ..copyfs import (
    CHUNK,
    AtomicFile,
    copy_info_destination_path,
    copy_info_source_path,
    extract_archive,
    resolve_local_path,
    tar_resource,
    validate_output_path,
)
from ..copyrules import (
    MODE_DIR,
    MODE_SYMLINK,
    CopyError,
    CopyInfo,
    copy_summary,
    file_mode_problem,
    go_join,
    prepare_archive_copy,
    rebase_name,
    split_path_dir_entry,
)
from ..engine import Engine
from ..errors import fail
from ..humanize import human_size

ProgressCallback = Callable[[int], object]  # the archive's bytes moved so far
TarSource = bytes | bytearray | memoryview | BinaryIO | os.PathLike
ARCHIVE_BYTES_LIMIT = 64 * 1024 * 1024  # `cp C:/src -` kept in memory at most this big; past it, stream to stdout=


@dataclass(frozen=True)
class CopyOutcome:
    """What a copy did: the archive's bytes moved (what the CLI counts) and the destination as the CLI names it."""

    copied: int
    destination: str

    @property
    def summary(self) -> str:
        """``Successfully copied 52.4MB to /tmp/out``."""
        return copy_summary(self.copied, self.destination)


@contextlib.contextmanager
def _rules() -> Iterator[None]:
    """A refusal of the CLI's rules, as its one line."""
    try:
        yield
    except CopyError as exc:
        raise fail(str(exc)) from None


def stat_path(engine: Engine, container: str, path: str) -> dict | None:
    """The engine's stat of *path* in *container* (``name``, ``size``, ``mode`` in Go's bits, ``mtime``,
    ``linkTarget``), or ``None`` when it has none to give (no such path or container): the CLI ignores that too."""
    try:
        with engine.errors():
            return transport.stat_path(engine.api, container, path)
    except Exception:
        return None


def _followed_source(engine: Engine, container: str, path: str) -> tuple[str, str]:
    """``-L`` on the container side: a symlink's target, and the name its archive entries must take."""
    found = stat_path(engine, container, path)
    if found is None or not found.get("mode", 0) & MODE_SYMLINK:
        return path, ""
    target = found.get("linkTarget") or ""
    if not target.startswith("/"):
        target = go_join(split_path_dir_entry(path)[0], target)
    return rebase_name(path, target)


class _Counted:
    """A response read through, its bytes counted for the bar (the CLI's ``copyProgressPrinter``)."""

    def __init__(self, stream: transport.ArchiveStream, on_progress: ProgressCallback | None) -> None:
        self._stream = stream
        self._on_progress = on_progress
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        if self._on_progress is not None and data:
            self._on_progress(self.count)
        return data

    def readinto(self, buffer: Any) -> int:
        size = self._stream.readinto(buffer)
        self.count += size
        if self._on_progress is not None and size:
            self._on_progress(self.count)
        return size


def copy_from(
    engine: Engine,
    container: str,
    src: str,
    dst: str,
    archive: bool = False,
    follow_link: bool = False,
    on_progress: ProgressCallback | None = None,
) -> CopyOutcome:
    """``docker cp CONTAINER:SRC DST``: the container's file or folder extracted at the local *dst*.

    *archive* changes nothing this way (the CLI never sets a local owner). Nothing is left at
    *dst* on an error: the archive is extracted aside and renamed into place at the end.
    """
    del archive
    destination = resolve_local_path(dst)
    with _rules():
        validate_output_path(destination)
    source, rebase = _followed_source(engine, container, src) if follow_link else (src, "")
    with engine.errors():
        stream = transport.open_archive(engine.api, container, source)
    try:
        counted = _Counted(stream, on_progress)
        is_dir = bool(stream.stat.get("mode", 0) & MODE_DIR)
        info = CopyInfo(source, exists=True, is_dir=is_dir, rebase_name=rebase)
        with _rules():
            plan = prepare_archive_copy(info, copy_info_destination_path(destination))
            if rebase:
                plan = plan.after(split_path_dir_entry(source)[1], rebase)
            extract_archive(counted, plan)
    finally:
        stream.close()
    return CopyOutcome(counted.count, destination)


def _destination(engine: Engine, container: str, dst: str) -> CopyInfo:
    """The container-side destination as the CLI learns it: a stat, a symlink at the end followed once."""
    info = CopyInfo(dst)
    found = stat_path(engine, container, dst)
    if found is not None and found.get("mode", 0) & MODE_SYMLINK:
        target = found.get("linkTarget") or ""
        if not target.startswith("/"):
            target = go_join(split_path_dir_entry(dst)[0], target)
        info = CopyInfo(target)
        found = stat_path(engine, container, target)
    problem = file_mode_problem(found.get("mode", 0)) if found else None
    if problem:
        raise fail(f'destination "{container}:{dst}" must be a directory or a regular file: {problem}')
    if found is not None:
        return CopyInfo(info.path, exists=True, is_dir=bool(found.get("mode", 0) & MODE_DIR))
    return info


def copy_to(
    engine: Engine,
    container: str,
    src: str,
    dst: str,
    archive: bool = False,
    follow_link: bool = False,
    on_progress: ProgressCallback | None = None,
) -> CopyOutcome:
    """``docker cp SRC CONTAINER:DST``: the local file or folder sent as a tar made while it is sent.

    *archive* (``-a``) keeps the files' uid and gid; *follow_link* (``-L``) copies what a
    symlink names rather than the link.
    """
    source = resolve_local_path(src)
    destination = _destination(engine, container, dst)
    with _rules():
        info = copy_info_source_path(source, follow_link)
        plan = prepare_archive_copy(info, destination)
    sent = [0]

    def count(total: int) -> None:
        sent[0] = total
        if on_progress is not None:
            on_progress(total)

    with _rules(), engine.errors():
        transport.put_archive(engine.api, container, plan.directory, tar_resource(info, plan, count), archive)
    return CopyOutcome(sent[0], f"{container}:{destination.path}")


def _chunks(source: TarSource, sent: list[int], on_progress: ProgressCallback | None) -> Iterator[bytes]:
    """A tar given as bytes, a binary file object or a path, in pieces of 1 MiB."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source).cast("B")
        pieces: Iterator[bytes] = (bytes(view[at : at + CHUNK]) for at in range(0, len(view), CHUNK))
        yield from _counted(pieces, sent, on_progress)
        return
    if isinstance(source, os.PathLike):
        with open(source, "rb") as handle:
            yield from _counted(iter(lambda: handle.read(CHUNK), b""), sent, on_progress)
        return
    yield from _counted(iter(lambda: source.read(CHUNK), b""), sent, on_progress)


def _counted(pieces: Iterator[bytes], sent: list[int], on_progress: ProgressCallback | None) -> Iterator[bytes]:
    for piece in pieces:
        sent[0] += len(piece)
        yield piece
        if on_progress is not None:
            on_progress(sent[0])


def extract_to(
    engine: Engine,
    container: str,
    tar: TarSource,
    dst: str,
    archive: bool = False,
    on_progress: ProgressCallback | None = None,
) -> CopyOutcome:
    """``docker cp - CONTAINER:DST``: a tar (bytes, a binary file object or a path) extracted into the folder *dst*."""
    if not isinstance(tar, (bytes, bytearray, memoryview, os.PathLike)) and not hasattr(tar, "read"):
        raise fail(f"docker cp -: the tar must be bytes, a binary file object or a path, not {type(tar).__name__}")
    destination = _destination(engine, container, dst)
    if not destination.is_dir:
        raise fail(f'destination "{container}:{dst}" must be a directory')
    sent = [0]
    with engine.errors():
        transport.put_archive(engine.api, container, destination.path, _chunks(tar, sent, on_progress), archive)
    return CopyOutcome(sent[0], f"{container}:{destination.path}")


def archive_from(
    engine: Engine,
    container: str,
    src: str,
    sink: Any,
    follow_link: bool = False,
    on_progress: ProgressCallback | None = None,
) -> int:
    """``docker cp CONTAINER:SRC -``: the engine's tar of *src* written to *sink* (``write(bytes)``) as it comes.

    Returns the bytes written.
    """
    source = _followed_source(engine, container, src)[0] if follow_link else src
    with engine.errors():
        stream = transport.open_archive(engine.api, container, source)
    try:
        counted = _Counted(stream, on_progress)
        with engine.errors():
            while piece := counted.read(CHUNK):
                sink.write(piece)
    finally:
        stream.close()
    return counted.count


class _Bounded(io.BytesIO):
    """Bytes kept in memory up to a limit, past which the copy stops."""

    def __init__(self, limit: int, what: str) -> None:
        super().__init__()
        self.limit = limit
        self.what = what

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise fail(
                f"docker cp: the archive of {self.what} is over {human_size(self.limit)}: "
                "pass stdout= (a path or a binary file object) to stream it"
            )
        return super().write(data)


def archive_bytes(
    engine: Engine,
    container: str,
    src: str,
    follow_link: bool = False,
    limit: int = ARCHIVE_BYTES_LIMIT,
    on_progress: ProgressCallback | None = None,
) -> bytes:
    """``docker cp CONTAINER:SRC -`` kept as bytes, refused in one line past *limit*."""
    sink = _Bounded(limit, f"{container}:{src}")
    archive_from(engine, container, src, sink, follow_link, on_progress)
    return sink.getvalue()


def archive_to_file(
    engine: Engine,
    container: str,
    src: str,
    target: str | os.PathLike | Any,
    follow_link: bool = False,
    on_progress: ProgressCallback | None = None,
) -> int:
    """``docker cp CONTAINER:SRC -`` streamed to a path (written aside, renamed at the end) or a binary file object."""
    if hasattr(target, "write"):
        return archive_from(engine, container, src, target, follow_link, on_progress)
    with _rules():
        sink = AtomicFile(os.fspath(target))
    try:
        written = archive_from(engine, container, src, sink, follow_link, on_progress)
    except BaseException:
        sink.discard()
        raise
    sink.commit()
    return written
