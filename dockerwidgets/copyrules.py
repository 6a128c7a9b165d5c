"""``docker cp``'s path rules, pure: ports of docker/cli ``cp.go`` and moby/go-archive ``copy.go``.

Which side is the container (``splitCpArg``), Go's path functions (``filepath.Clean``, ``Dir``,
``Base``, ``Split``), the trailing ``/`` and ``/.`` rules, ``PrepareArchiveCopy`` (where an
archive is extracted and how its first name is renamed) and ``RebaseArchiveEntries``' renaming.
Nothing here touches a file or the engine; :mod:`dockerwidgets.copyfs` and
:mod:`dockerwidgets.ops.copy` do, following these rules.
"""

from __future__ import annotations

import errno as errnos
import os
from dataclasses import dataclass

from .humanize import human_size

SEPARATOR = "/"

# Go's os.FileMode bits, as the engine's path stat (``X-Docker-Container-Path-Stat``) carries them.
MODE_DIR = 1 << 31
MODE_SYMLINK = 1 << 27
MODE_DEVICE = 1 << 26
MODE_IRREGULAR = 1 << 19


class CopyError(Exception):
    """A copy the CLI's rules refuse; the text is the CLI's line."""


def go_clean(path: str) -> str:
    """Go's ``filepath.Clean``: the shortest equivalent path (``""`` is ``"."``, ``//a`` is ``/a``)."""
    if not path:
        return "."
    rooted = path.startswith(SEPARATOR)
    parts: list[str] = []
    for part in path.split(SEPARATOR):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = SEPARATOR.join(parts)
    if rooted:
        return SEPARATOR + cleaned
    return cleaned or "."


def go_split(path: str) -> tuple[str, str]:
    """Go's ``filepath.Split``: the folder (with its trailing ``/``) and the last name."""
    index = path.rfind(SEPARATOR)
    return path[: index + 1], path[index + 1 :]


def go_base(path: str) -> str:
    """Go's ``filepath.Base``: the last name, trailing ``/`` ignored (``/`` for the root, ``.`` for nothing)."""
    if not path:
        return "."
    path = path.rstrip(SEPARATOR)
    if not path:
        return SEPARATOR
    return path[path.rfind(SEPARATOR) + 1 :]


def go_dir(path: str) -> str:
    """Go's ``filepath.Dir``: everything but the last name, cleaned."""
    folder, _ = go_split(path)
    return go_clean(folder)


def go_join(*parts: str) -> str:
    """Go's ``filepath.Join``: the non-empty parts joined by ``/`` and cleaned (``""`` when all are empty)."""
    kept = [part for part in parts if part]
    return go_clean(SEPARATOR.join(kept)) if kept else ""


def is_abs(path: str) -> bool:
    """The CLI's ``isAbs``: a local absolute path."""
    return path.startswith(SEPARATOR)


def go_errno(error: OSError) -> str:
    """Go's text for an ``errno`` (``no such file or directory``): the C library's, in lower case."""
    if error.errno is None:
        return str(error)
    text = os.strerror(error.errno)
    if error.errno == errnos.ENOENT:
        return "no such file or directory"
    return text[:1].lower() + text[1:]


def os_error(operation: str, path: str, error: OSError) -> str:
    """Go's ``*PathError`` text: ``lstat /nope: no such file or directory``."""
    return f"{operation} {path}: {go_errno(error)}"


def split_cp_arg(arg: str) -> tuple[str, str]:
    """The CLI's ``splitCpArg``: ``("web", "/etc")`` for ``web:/etc``, ``("", arg)`` for a local path.

    A local path holding ``:`` must be absolute or start with ``.`` (``./file:name.txt``).
    """
    if is_abs(arg):
        return "", arg
    container, colon, path = arg.partition(":")
    if not colon or container.startswith("."):
        return "", arg
    return container, path


@dataclass(frozen=True)
class CopyRequest:
    """Which way a ``docker cp`` goes: ``from`` a container to a local path, or ``to`` one."""

    direction: str
    container: str
    source: str
    destination: str


def copy_request(source: str, destination: str) -> CopyRequest:
    """The CLI's ``runCopy`` dispatch: exactly one side names a container."""
    if source == "":
        raise CopyError("source can not be empty")
    if destination == "":
        raise CopyError("destination can not be empty")
    source_container, source_path = split_cp_arg(source)
    destination_container, destination_path = split_cp_arg(destination)
    if source_container and destination_container:
        raise CopyError("copying between containers is not supported")
    if source_container:
        return CopyRequest("from", source_container, source_path, destination_path)
    if destination_container:
        return CopyRequest("to", destination_container, source_path, destination_path)
    raise CopyError("must specify at least one container source")


def has_trailing_separator(path: str) -> bool:
    return path.endswith(SEPARATOR)


def specifies_current_dir(path: str) -> bool:
    """The last name is ``.`` (``SRC/.``: the folder's content, not the folder)."""
    return go_base(path) == "."


def asserts_directory(path: str) -> bool:
    """``dst/`` or ``dst/.``: the path must be a folder."""
    return has_trailing_separator(path) or specifies_current_dir(path)


def preserve_trailing_dot_or_separator(cleaned: str, original: str) -> str:
    """Give *cleaned* back the trailing ``/.`` or ``/`` that *original* had (``PreserveTrailingDotOrSeparator``)."""
    if not specifies_current_dir(cleaned) and specifies_current_dir(original):
        if not has_trailing_separator(cleaned):
            cleaned += SEPARATOR
        cleaned += "."
    if not has_trailing_separator(cleaned) and has_trailing_separator(original):
        cleaned += SEPARATOR
    return cleaned


def split_path_dir_entry(path: str) -> tuple[str, str]:
    """The folder and the entry a path names, a trailing ``.`` kept (``SplitPathDirEntry``)."""
    cleaned = go_clean(path)
    if specifies_current_dir(path):
        cleaned += SEPARATOR + "."
    return go_dir(cleaned), go_base(cleaned)


def rebase_name(path: str, resolved: str) -> tuple[str, str]:
    """``GetRebaseName``: *resolved* given *path*'s trailing ``/.`` or ``/``, and the name its entries must take."""
    if specifies_current_dir(path) and not specifies_current_dir(resolved):
        resolved += SEPARATOR + "."
    if has_trailing_separator(path) and not has_trailing_separator(resolved):
        resolved += SEPARATOR
    return resolved, (go_base(path) if go_base(path) != go_base(resolved) else "")


@dataclass(frozen=True)
class CopyInfo:
    """A copy's source or destination (``archive.CopyInfo``)."""

    path: str
    exists: bool = False
    is_dir: bool = False
    rebase_name: str = ""


@dataclass(frozen=True)
class ArchivePlan:
    """Where an archive is extracted, and the renamings of its entries' first name, in order."""

    directory: str
    renames: tuple[tuple[str, str], ...] = ()

    def entry_name(self, name: str) -> str:
        """The name an archive entry takes at the destination."""
        for old, new in self.renames:
            name = rebase_entry(name, old, new)
        return name

    def after(self, old: str, new: str) -> ArchivePlan:
        """This plan, with the entries first renamed from *old* to *new* (``-L``'s ``RebaseArchiveEntries``)."""
        return ArchivePlan(self.directory, ((old, new), *self.renames))


def prepare_archive_copy(source: CopyInfo, destination: CopyInfo) -> ArchivePlan:
    """``PrepareArchiveCopy``: the folder to extract into, and how the source's entries are renamed.

    A destination folder takes the source as it is; a new name, or an existing file, takes
    the source renamed to its base name; a folder cannot replace a file, and a file cannot
    make a folder (``dst/``).
    """
    destination_dir, destination_base = split_path_dir_entry(destination.path)
    _, source_base = split_path_dir_entry(source.path)
    if source.rebase_name:
        source_base = source.rebase_name
    if destination.exists and destination.is_dir:
        return ArchivePlan(destination.path)
    if destination.exists and source.is_dir:
        raise CopyError("cannot copy directory")
    if not destination.exists and not source.is_dir and asserts_directory(destination.path):
        raise CopyError("no such directory")
    return ArchivePlan(destination_dir, ((source_base, destination_base),))


def rebase_entry(name: str, old: str, new: str) -> str:
    """``RebaseArchiveEntries``' renaming: the first *old* in *name* becomes *new* (the root is ``""``)."""
    if old == SEPARATOR:
        old = ""
    return name.replace(old, new, 1)


def file_mode_problem(mode: int) -> str | None:
    """``ValidateOutputPathFileMode``: why a path of this Go file mode cannot be written to, or ``None``."""
    if mode & MODE_DEVICE:
        return "got a device"
    if mode & MODE_IRREGULAR:
        return "got an irregular file"
    return None


def copy_summary(size: int, destination: str) -> str:
    """The CLI's closing line: ``Successfully copied 52.4MB to /tmp/out`` (the archive's bytes)."""
    return f"Successfully copied {human_size(size)} to {destination}"
