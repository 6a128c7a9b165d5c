"""The local side of ``docker cp``: paths resolved as the CLI resolves them, archives streamed both ways.

Ports of go-archive's ``CopyInfoSourcePath``, ``CopyInfoDestinationPath``, ``TarResource`` (an
upload archive made as it is sent: a generator of chunks, never the whole archive) and
``Untar`` (a downloaded archive read in stream mode). Nothing is half-done: an archive is
extracted into a staging folder inside the destination folder and renamed into place at the
end; on any error (or an interrupt) the staging folder is removed and the destination is as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from .copyrules import (
    ArchivePlan,
    CopyError,
    CopyInfo,
    go_base,
    go_clean,
    go_dir,
    go_join,
    go_split,
    has_trailing_separator,
    os_error,
    preserve_trailing_dot_or_separator,
    rebase_name,
    split_path_dir_entry,
)
from .humanize import go_quote

CHUNK = 1 << 20  # file data moves in pieces of 1 MiB: a few of them is all a copy holds
BLOCK = 512
STAGING_PREFIX = ".dw-cp-"
XATTR_PREFIX = "SCHILY.xattr."
MAX_LINKS = 255


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def eval_symlinks(path: str) -> str:
    """Go's ``filepath.EvalSymlinks``, with its errors (``lstat /nope: no such file or directory``,
    ``not a directory`` for a file followed by ``/``)."""
    volume = 1 if path.startswith("/") else 0
    destination = path[:volume]
    links = 0
    start = end = volume
    while start < len(path):
        while start < len(path) and path[start] == "/":
            start += 1
        end = start
        while end < len(path) and path[end] != "/":
            end += 1
        part = path[start:end]
        if not part:
            break
        if part == ".":
            start = end
            continue
        if part == "..":
            cut = destination.rfind("/", volume)
            if cut < volume or destination[cut + 1 :] == "..":
                if len(destination) > volume:
                    destination += "/"
                destination += ".."
            else:
                destination = destination[:cut]
            start = end
            continue
        if len(destination) > 0 and not destination.endswith("/"):
            destination += "/"
        destination += part
        try:
            info = os.lstat(destination)
        except OSError as exc:
            raise CopyError(os_error("lstat", destination, exc)) from None
        if not stat.S_ISLNK(info.st_mode):
            if not stat.S_ISDIR(info.st_mode) and end < len(path):
                raise CopyError("not a directory")
            start = end
            continue
        links += 1
        if links > MAX_LINKS:
            raise CopyError("EvalSymlinks: too many links")
        try:
            link = os.readlink(destination)
        except OSError as exc:
            raise CopyError(os_error("readlink", destination, exc)) from None
        path = link + path[end:]
        if link.startswith("/"):
            destination, end, volume = "/", 1, 1
        else:
            cut = destination.rfind("/", volume)
            destination = destination[:volume] if cut < volume else destination[:cut]
            end = 0
        start = end
    return go_clean(destination)


def resolve_local_path(path: str) -> str:
    """The CLI's ``resolveLocalPath``: absolute, cleaned, its trailing ``/`` or ``/.`` kept."""
    absolute = go_clean(path if path.startswith("/") else go_join(os.getcwd(), path))
    return preserve_trailing_dot_or_separator(absolute, path)


def copy_info_source_path(path: str, follow_link: bool) -> CopyInfo:
    """``CopyInfoSourcePath``: what a local source is (symlinks before its last ``/`` resolved, all with ``-L``)."""
    if follow_link:
        resolved, rebase = rebase_name(path, eval_symlinks(path))
    else:
        folder, base = go_split(path)
        resolved = eval_symlinks(folder) + "/" + base
        rebase = ""
        if has_trailing_separator(path) and go_base(path) != go_base(resolved):
            rebase = go_base(path)
    try:
        info = os.lstat(resolved)
    except OSError as exc:
        raise CopyError(os_error("lstat", resolved, exc)) from None
    return CopyInfo(resolved, exists=True, is_dir=stat.S_ISDIR(info.st_mode), rebase_name=rebase)


def copy_info_destination_path(path: str) -> CopyInfo:
    """``CopyInfoDestinationPath``: what a local destination is, symlinks at its end followed (at most 10)."""
    original = path
    info = _lstat_or_error(path)
    hops = 0
    while info is not None and stat.S_ISLNK(info.st_mode):
        if hops > 10:
            raise CopyError(f"too many symlinks in {original}")
        hops += 1
        try:
            target = os.readlink(path)
        except OSError as exc:
            raise CopyError(os_error("readlink", path, exc)) from None
        if not target.startswith("/"):
            target = go_join(split_path_dir_entry(path)[0], target)
        path = target
        info = _lstat_or_error(path)
    if info is not None:
        return CopyInfo(path, exists=True, is_dir=stat.S_ISDIR(info.st_mode))
    parent = split_path_dir_entry(path)[0]
    try:
        parent_info = os.stat(parent)
    except OSError as exc:
        raise CopyError(os_error("stat", parent, exc)) from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise CopyError("not a directory")
    return CopyInfo(path)


def _lstat_or_error(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CopyError(os_error("lstat", path, exc)) from None


def validate_output_path(path: str) -> None:
    """``ValidateOutputPath``: the destination's folder exists, and the destination is a folder or a file."""
    folder = go_dir(go_clean(path))
    if folder not in ("", ".") and not os.path.exists(folder) and _missing(folder):
        raise CopyError(f"invalid output path: directory {go_quote(folder)} does not exist")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise CopyError(os_error("stat", path, exc)) from None
    if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
        return
    problem = "got a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "got an irregular file"
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        return  # Go's named pipes and sockets are neither devices nor irregular
    raise CopyError(f"invalid output path: {go_quote(path)} must be a directory or a regular file: {problem}")


def _missing(path: str) -> bool:
    try:
        os.stat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def content_size(path: str) -> int:
    """The bytes of regular files at *path* (a file's size, or a folder's files summed): what a bar counts to."""
    info = _lstat(path.rstrip(".").rstrip("/") or "/") if path.endswith("/.") else _lstat(path)
    if info is None:
        return 0
    if not stat.S_ISDIR(info.st_mode):
        return info.st_size if stat.S_ISREG(info.st_mode) else 0
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            entry = _lstat(os.path.join(folder, name))
            if entry is not None and stat.S_ISREG(entry.st_mode):
                total += entry.st_size
    return total


# ---- the upload: a local file or folder as a tar stream, made while it is sent ----


def _walk(root: str) -> Iterator[str]:
    """Go's ``filepath.WalkDir`` order: the root, then each folder's names sorted, depth first; links not followed."""
    yield root
    info = _lstat(root)
    if info is None or not stat.S_ISDIR(info.st_mode):
        return
    try:
        names = sorted(os.listdir(root), key=os.fsencode)
    except OSError:
        return
    for name in names:
        yield from _walk(go_join(root, name))


def _relative(base: str, path: str) -> str:
    base, path = go_clean(base), go_clean(path)
    if path == base:
        return "."
    prefix = base if base.endswith("/") else base + "/"
    return path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, base)


@dataclass
class _Pending:
    """Small pieces (headers, small files) gathered into one chunk, so a folder of small files is few writes."""

    pieces: list[bytes]
    size: int = 0

    def add(self, piece: bytes) -> None:
        self.pieces.append(piece)
        self.size += len(piece)

    def take(self) -> bytes:
        joined = b"".join(self.pieces)
        self.pieces.clear()
        self.size = 0
        return joined


def _header(path: str, name: str, info: os.stat_result, seen: dict[tuple[int, int], str]) -> tarfile.TarInfo | None:
    """``addTarFile``'s header: PAX, times in whole seconds, numeric ids only, hard links as links."""
    entry = tarfile.TarInfo(name)
    entry.mode = stat.S_IMODE(info.st_mode)
    entry.uid, entry.gid = info.st_uid, info.st_gid
    entry.uname = entry.gname = ""
    entry.mtime = info.st_mtime_ns // 1_000_000_000
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        entry.type = tarfile.DIRTYPE
    elif stat.S_ISLNK(mode):
        entry.type = tarfile.SYMTYPE
        entry.linkname = os.readlink(path)
    elif stat.S_ISREG(mode):
        entry.type = tarfile.REGTYPE
        entry.size = info.st_size
        if info.st_nlink > 1:
            key = (info.st_dev, info.st_ino)
            if key in seen:
                entry.type, entry.linkname, entry.size = tarfile.LNKTYPE, seen[key], 0
            else:
                seen[key] = name
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        entry.type = tarfile.CHRTYPE if stat.S_ISCHR(mode) else tarfile.BLKTYPE
        entry.devmajor, entry.devminor = os.major(info.st_rdev), os.minor(info.st_rdev)
    elif stat.S_ISFIFO(mode):
        entry.type = tarfile.FIFOTYPE
    else:
        return None  # a socket: Go's tar has no header for it, and the CLI leaves it out
    with contextlib.suppress(OSError):
        capability = os.getxattr(path, "security.capability", follow_symlinks=False)
        entry.pax_headers = {f"{XATTR_PREFIX}security.capability": capability.decode("utf-8", "surrogateescape")}
    return entry


def tar_resource(
    source: CopyInfo, plan: ArchivePlan | None = None, on_bytes: Callable[[int], object] | None = None
) -> Iterator[bytes]:
    """``TarResource`` then ``PrepareArchiveCopy``'s renaming, as chunks of at most about 1 MiB.

    The archive is made while it is read: one file is open at a time and no chunk is kept
    once given. *on_bytes* gets the archive's bytes so far after each chunk.
    """
    source_dir, include = split_path_dir_entry(source.path)
    root = source_dir + "/" + include
    replacement = ("" if source.rebase_name == "/" else source.rebase_name) if source.rebase_name else None
    pending = _Pending([])
    seen: dict[tuple[int, int], str] = {}
    sent = 0

    def flush() -> Iterator[bytes]:
        nonlocal sent
        if pending.size:
            chunk = pending.take()
            sent += len(chunk)
            yield chunk
            if on_bytes is not None:
                on_bytes(sent)

    for path in _walk(root):
        name = _relative(source_dir, path)
        if include == "." and name != ".":
            name = "./" + name
        if replacement is not None:
            name = name.replace(include, replacement, 1)
        info = _lstat(path)
        if info is None:
            continue  # gone while walking: Go logs it and goes on
        entry = _header(path, name, info, seen)
        if entry is None:
            continue
        if plan is not None and plan.renames:
            renamed = plan.entry_name(entry.name + ("/" if entry.isdir() else ""))
            entry.name = renamed[:-1] if entry.isdir() and renamed.endswith("/") else renamed
            if entry.islnk():
                entry.linkname = plan.entry_name(entry.linkname)
        pending.add(entry.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape"))
        if entry.type != tarfile.REGTYPE or not entry.size:
            if pending.size >= CHUNK:
                yield from flush()
            continue
        yield from _file_chunks(path, entry.size, pending, flush)
    pending.add(b"\0" * (2 * BLOCK))
    yield from flush()


def _file_chunks(path: str, size: int, pending: _Pending, flush: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """A file's bytes (exactly its header's size) then the padding to a whole block."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise CopyError(os_error("open", path, exc)) from None
    with handle:
        left = size
        while left:
            piece = handle.read(min(CHUNK, left))
            if not piece:
                raise CopyError(f"archive/tar: missed writing {left} bytes of {path} (it shrank while copied)")
            left -= len(piece)
            pending.add(piece)
            if pending.size >= CHUNK:
                yield from flush()
    if size % BLOCK:
        pending.add(b"\0" * (BLOCK - size % BLOCK))
    if pending.size >= CHUNK:
        yield from flush()


# ---- the download: an archive extracted into a staging folder, renamed into place ----


@dataclass
class _Folder:
    """A folder the archive has a header for: its mode and times are set once everything is in place."""

    final: str
    mode: int
    atime_ns: int
    mtime_ns: int


def _times_ns(member: tarfile.TarInfo) -> tuple[int, int]:
    """The entry's (access, modification) times in nanoseconds; the access time is the later of the two (Go's ``latestTime``)."""

    def ns(text: str | None, fallback: float) -> int:
        return int(Decimal(text) * 1_000_000_000) if text else int(fallback) * 1_000_000_000

    mtime = ns(member.pax_headers.get("mtime"), member.mtime)
    atime = ns(member.pax_headers["atime"], 0) if "atime" in member.pax_headers else mtime
    return max(atime, mtime), mtime


def extract_archive(source: BinaryIO, plan: ArchivePlan) -> None:
    """``Untar`` of *source* (read in stream mode) into ``plan.directory``, nothing left behind on an error.

    As the CLI's: entries renamed by the plan, no owner changed, a folder never replaced by a
    file nor the other way round, links kept inside the destination.
    """
    destination = go_clean(plan.directory)
    try:
        stage = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=destination)
    except OSError as exc:
        raise CopyError(os_error("mkdir", go_join(destination, STAGING_PREFIX), exc)) from None
    try:
        folders = _unpack(source, plan, destination, stage)
        _move(stage, destination)
        for folder in folders:
            os.chmod(folder.final, folder.mode)
            os.utime(folder.final, ns=(folder.atime_ns, folder.mtime_ns))
        os.rmdir(stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _unpack(source: BinaryIO, plan: ArchivePlan, destination: str, stage: str) -> list[_Folder]:
    folders: list[_Folder] = []
    try:
        archive = tarfile.open(fileobj=source, mode="r|", bufsize=CHUNK)
    except tarfile.ReadError as exc:
        raise CopyError(f"archive/tar: {exc}") from None
    with archive:
        try:
            for member in archive:
                folder = _unpack_member(archive, member, plan, destination, stage)
                if folder is not None:
                    folders.append(folder)
        except tarfile.TarError as exc:
            raise CopyError(f"archive/tar: {exc}") from None
        except OSError as exc:
            raise CopyError(os_error("open", getattr(exc, "filename", "") or destination, exc)) from None
    return folders


def _unpack_member(
    archive: tarfile.TarFile, member: tarfile.TarInfo, plan: ArchivePlan, destination: str, stage: str
) -> _Folder | None:
    name = go_clean(plan.entry_name(member.name + ("/" if member.isdir() else "")))
    final = go_join(destination, name)
    relative = _relative(destination, final)
    if relative == ".." or relative.startswith("../"):
        raise CopyError(f"{go_quote(name)} is outside of {go_quote(destination)}")
    existing = _lstat(final) if final != destination else os.lstat(destination)
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode) and not member.isdir():
            raise CopyError(f"cannot overwrite directory {go_quote(final)} with non-directory {go_quote(destination)}")
        if not stat.S_ISDIR(existing.st_mode) and member.isdir():
            raise CopyError(f"cannot overwrite non-directory {go_quote(final)} with directory {go_quote(destination)}")
        if stat.S_ISDIR(existing.st_mode) and name == ".":
            return None
    staged = go_join(stage, name)
    parent = go_dir(staged)
    if not os.path.isdir(parent):
        os.makedirs(parent, 0o755)
    in_stage = _lstat(staged)
    if in_stage is not None and not (stat.S_ISDIR(in_stage.st_mode) and member.isdir()):
        if stat.S_ISDIR(in_stage.st_mode):
            shutil.rmtree(staged)
        else:
            os.unlink(staged)
    mode = member.mode & 0o7777
    if member.isdir():
        if in_stage is None or not stat.S_ISDIR(in_stage.st_mode):
            os.mkdir(staged, 0o700)
        atime, mtime = _times_ns(member)
        _set_xattrs(staged, member)
        return _Folder(final, mode, atime, mtime)
    if member.isreg():
        with open(staged, "wb") as handle:
            _copy_data(archive, member, handle)
        os.chmod(staged, mode)
    elif member.issym():
        target = go_join(go_dir(final), member.linkname)
        if not target.startswith(destination):
            raise CopyError(f"invalid symlink {go_quote(final)} -> {go_quote(member.linkname)}")
        os.symlink(member.linkname, staged)
    elif member.islnk():
        linkname = plan.entry_name(member.linkname)
        target = go_join(destination, linkname)
        if not target.startswith(destination):
            raise CopyError(f"invalid hardlink {go_quote(target)} -> {go_quote(linkname)}")
        staged_target = go_join(stage, go_clean(linkname))
        os.link(staged_target if _lstat(staged_target) is not None else target, staged)
    elif member.ischr() or member.isblk():
        kind = stat.S_IFCHR if member.ischr() else stat.S_IFBLK
        os.mknod(staged, mode | kind, os.makedev(member.devmajor, member.devminor))
        os.chmod(staged, mode)
    elif member.isfifo():
        os.mkfifo(staged, mode)
        os.chmod(staged, mode)
    else:
        raise CopyError(f"unhandled tar header type {ord(member.type)}")
    _set_xattrs(staged, member)
    atime, mtime = _times_ns(member)
    if not (member.islnk() and stat.S_ISLNK(os.lstat(staged).st_mode)):
        os.utime(staged, ns=(atime, mtime), follow_symlinks=not member.issym())
    return None


def _copy_data(archive: tarfile.TarFile, member: tarfile.TarInfo, handle: BinaryIO) -> None:
    """A regular entry's bytes, in pieces of 1 MiB, straight from the archive's stream.

    ``extractfile`` would copy each byte four times through ``tarfile``'s buffers. In stream mode
    ``tarfile`` reads through a ``_Stream`` (``buf``: bytes read ahead, ``pos``: where it stands,
    ``fileobj``: the source): when the source can ``readinto``, the data goes from the socket into
    one reused buffer and to the file, and ``pos`` is moved past it, so ``tarfile`` reads the next
    header from the right place (skipping the padding itself). Otherwise, ``_Stream.read``.
    """
    stream = archive.fileobj
    source = getattr(stream, "fileobj", None)
    fast = member.sparse is None and hasattr(source, "readinto") and isinstance(getattr(stream, "buf", None), bytes)
    if member.sparse is not None:
        data = archive.extractfile(member)
        if data is not None:
            shutil.copyfileobj(data, handle, CHUNK)
        return
    left = member.size
    if fast:
        ahead = stream.buf[:left]
        stream.buf = stream.buf[len(ahead) :]
        handle.write(ahead)
        stream.pos += len(ahead)
        left -= len(ahead)
        buffer = memoryview(bytearray(min(CHUNK, left))) if left else None
        while left:
            size = source.readinto(buffer[: min(CHUNK, left)])
            if not size:
                raise tarfile.ReadError("unexpected end of data")
            handle.write(buffer[:size])
            stream.pos += size
            left -= size
        return
    while left:
        piece = stream.read(min(CHUNK, left))
        if not piece:
            raise tarfile.ReadError("unexpected end of data")
        handle.write(piece)
        left -= len(piece)


def _set_xattrs(path: str, member: tarfile.TarInfo) -> None:
    for key, value in member.pax_headers.items():
        if not key.startswith(XATTR_PREFIX):
            continue
        try:
            os.setxattr(path, key[len(XATTR_PREFIX) :], value.encode("utf-8", "surrogateescape"), follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.ENOTSUP, errno.EPERM):
                raise


def _move(staged_dir: str, final_dir: str) -> None:
    """Rename what the staging folder holds into place; folders that exist on both sides are merged."""
    with os.scandir(staged_dir) as entries:
        names = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    for name, is_dir in names:
        staged, final = os.path.join(staged_dir, name), os.path.join(final_dir, name)
        existing = _lstat(final)
        if existing is None:
            os.rename(staged, final)
        elif is_dir and stat.S_ISDIR(existing.st_mode):
            _move(staged, final)
            os.rmdir(staged)
        elif is_dir or stat.S_ISDIR(existing.st_mode):
            raise CopyError(f"cannot overwrite {go_quote(final)}: a folder and a file")
        else:
            os.replace(staged, final)


class AtomicFile:
    """A file written under a temporary name in its folder and renamed at :meth:`commit` (``cp C:/src -`` to a path)."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        try:
            descriptor, self.staged = tempfile.mkstemp(prefix=STAGING_PREFIX, dir=folder)
        except OSError as exc:
            raise CopyError(os_error("open", path, exc)) from None
        self.handle = os.fdopen(descriptor, "wb")

    def write(self, data: bytes) -> int:
        return self.handle.write(data)

    def commit(self) -> None:
        self.handle.close()
        os.chmod(self.staged, 0o644)
        os.replace(self.staged, self.path)

    def discard(self) -> None:
        self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.staged)
