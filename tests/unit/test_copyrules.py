"""``docker cp``'s path rules (docker/cli cp.go, go-archive copy.go) and the local side of a copy, without an engine."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile

import pytest

from dockerwidgets.copyfs import (
    STAGING_PREFIX,
    copy_info_destination_path,
    copy_info_source_path,
    eval_symlinks,
    extract_archive,
    resolve_local_path,
    tar_resource,
    validate_output_path,
)
from dockerwidgets.copyrules import (
    ArchivePlan,
    CopyError,
    CopyInfo,
    copy_request,
    copy_summary,
    file_mode_problem,
    go_base,
    go_clean,
    go_dir,
    prepare_archive_copy,
    preserve_trailing_dot_or_separator,
    rebase_entry,
    rebase_name,
    split_cp_arg,
    split_path_dir_entry,
)
from dockerwidgets.progress import CopyProgress


@pytest.mark.parametrize(
    ("arg", "container", "path"),
    [
        ("/abs/path:withcolon", "", "/abs/path:withcolon"),  # docker/cli cp_test.go's cases
        ("./relative:path", "", "./relative:path"),
        ("relative/path", "", "relative/path"),
        ("container:/opt/foo", "container", "/opt/foo"),
        ("web:relative", "web", "relative"),
        ("web:", "web", ""),
        ("-", "", "-"),
    ],
)
def test_split_cp_arg(arg, container, path):
    assert split_cp_arg(arg) == (container, path)


@pytest.mark.parametrize(
    ("source", "destination", "message"),
    [
        ("a:/x", "b:/y", "copying between containers is not supported"),
        ("x", "y", "must specify at least one container source"),
        ("", "c:/y", "source can not be empty"),
        ("c:/x", "", "destination can not be empty"),
    ],
)
def test_copy_request_refusals(source, destination, message):
    with pytest.raises(CopyError, match=rf"^{message}$"):
        copy_request(source, destination)


def test_copy_request_directions():
    assert copy_request("web:/etc", ".").direction == "from"
    assert copy_request("-", "web:/tmp").direction == "to"
    assert copy_request("-", "web:/tmp").source == "-"


@pytest.mark.parametrize(
    ("path", "cleaned"),
    [
        ("", "."),
        ("//a", "/a"),
        ("a/../..", ".."),
        ("/..", "/"),
        ("a/./b/", "a/b"),
        ("/a/b/.", "/a/b"),
        ("..//x", "../x"),
    ],
)
def test_go_clean(path, cleaned):
    assert go_clean(path) == cleaned


def test_go_base_and_dir():
    assert [go_base(p) for p in ("/", "a/", "", "/a/b")] == ["/", "a", ".", "b"]
    assert [go_dir(p) for p in ("/", "a/", "", "/a/b", "a")] == ["/", "a", ".", "/a", "."]


@pytest.mark.parametrize(
    ("cleaned", "original", "kept"),
    [("/w/a", "a/.", "/w/a/."), ("/w/a", "a/", "/w/a/"), ("/w/a", "a", "/w/a"), ("/", "/.", "/."), ("/w", ".", "/w/.")],
)
def test_trailing_dot_or_separator_kept(cleaned, original, kept):
    assert preserve_trailing_dot_or_separator(cleaned, original) == kept


def test_split_path_dir_entry_keeps_a_dot():
    assert split_path_dir_entry("/a/b/.") == ("/a/b", ".")
    assert split_path_dir_entry("/a/b/") == ("/a", "b")
    assert split_path_dir_entry("/") == ("/", "/")


def test_rebase_name_after_a_link():
    assert rebase_name("/a/link/", "/a/target") == ("/a/target/", "link")
    assert rebase_name("/a/link/.", "/a/target") == ("/a/target/.", "")  # the content: no name to keep
    assert rebase_name("/a/same", "/b/same") == ("/b/same", "")


@pytest.mark.parametrize(
    ("source", "destination", "plan"),
    [
        (CopyInfo("/s/f", True, False), CopyInfo("/d", True, True), ArchivePlan("/d")),  # into a folder
        (CopyInfo("/s/f", True, False), CopyInfo("/d/g", True, False), ArchivePlan("/d", (("f", "g"),))),  # over a file
        (CopyInfo("/s/dir", True, True), CopyInfo("/d/new"), ArchivePlan("/d", (("dir", "new"),))),  # a new folder
        (CopyInfo("/s/dir/.", True, True), CopyInfo("/d/new"), ArchivePlan("/d", ((".", "new"),))),  # content
        (CopyInfo("/s/f", True, False), CopyInfo("/d/new"), ArchivePlan("/d", (("f", "new"),))),  # a new file
        (CopyInfo("/s/l", True, False, "x"), CopyInfo("/d/new"), ArchivePlan("/d", (("x", "new"),))),  # -L's name
    ],
)
def test_prepare_archive_copy(source, destination, plan):
    assert prepare_archive_copy(source, destination) == plan


def test_prepare_archive_copy_refusals():
    with pytest.raises(CopyError, match=r"^cannot copy directory$"):
        prepare_archive_copy(CopyInfo("/s/dir", True, True), CopyInfo("/d/file", True, False))
    with pytest.raises(CopyError, match=r"^no such directory$"):
        prepare_archive_copy(CopyInfo("/s/f", True, False), CopyInfo("/d/new/"))
    with pytest.raises(CopyError, match=r"^no such directory$"):
        prepare_archive_copy(CopyInfo("/s/f", True, False), CopyInfo("/d/new/."))


def test_rebase_entry_renames_the_first_name_only():
    assert rebase_entry("d/x/d", "d", "e") == "e/x/d"
    assert rebase_entry("./x", ".", "new") == "new/x"
    assert rebase_entry("/bin", "/", "root") == "root/bin"  # the root is renamed as a prefix
    assert ArchivePlan("/d", (("a", "b"), ("b", "c"))).entry_name("a/x") == "c/x"


def test_summary_and_modes():
    assert copy_summary(2048, "/x") == "Successfully copied 2.05kB to /x"
    assert copy_summary(52_400_000, "web:/tmp") == "Successfully copied 52.4MB to web:/tmp"
    assert file_mode_problem(1 << 26 | 1 << 21) == "got a device"
    assert file_mode_problem(1 << 19) == "got an irregular file"
    assert file_mode_problem(1 << 31) is None
    progress = CopyProgress("Copying to container - ", 52_400_000)
    assert progress.text == "Copying to container - 52.4MB"
    assert "<progress" in progress.html()


# ---- the local side, on a temporary folder ----


def tree(tmp_path):
    source = tmp_path / "src"
    (source / "sub").mkdir(parents=True)
    (source / "bytes").write_bytes(bytes(range(256)) * 5000)
    (source / "empty").write_bytes(b"")
    (source / "sub" / "f").write_text("hi\n")
    os.symlink("sub/f", source / "link")
    os.link(source / "bytes", source / "hard")
    return source


def digest(root) -> dict[str, str]:
    """Every entry under *root*: kind, mode and content (or link target)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            if os.path.islink(path):
                found[relative] = "link " + os.readlink(path)
            elif os.path.isdir(path):
                found[relative] = f"dir {oct(os.lstat(path).st_mode)}"
            else:
                data = open(path, "rb").read()
                found[relative] = f"file {oct(os.lstat(path).st_mode)} {hashlib.sha256(data).hexdigest()}"
    return found


def round_trip(source_path: str, destination: str) -> None:
    info = copy_info_source_path(source_path, False)
    plan = prepare_archive_copy(info, copy_info_destination_path(destination))
    data = b"".join(tar_resource(info, plan))
    extract_archive(io.BytesIO(data), plan)


def test_a_folder_copied_through_the_archive_is_the_same(tmp_path):
    source = tree(tmp_path)
    round_trip(str(source), str(tmp_path / "copy"))
    assert digest(tmp_path / "copy") == digest(source)
    assert os.path.samefile(tmp_path / "copy" / "bytes", tmp_path / "copy" / "hard")
    assert os.stat(tmp_path / "copy" / "sub").st_mtime == int(os.stat(source / "sub").st_mtime)


def test_the_upload_archive_names_entries_as_the_cli(tmp_path):
    source = tree(tmp_path)
    dot = copy_info_source_path(str(source) + "/.", False)
    names = tarfile.open(fileobj=io.BytesIO(b"".join(tar_resource(dot)))).getnames()
    assert names == [".", "./bytes", "./empty", "./hard", "./link", "./sub", "./sub/f"]
    renamed = tar_resource(copy_info_source_path(str(source), False), ArchivePlan("/x", (("src", "new"),)))
    archive = tarfile.open(fileobj=io.BytesIO(b"".join(renamed)))
    assert archive.getnames()[:2] == ["new", "new/bytes"]
    assert archive.getmember("new/hard").linkname == "new/bytes"
    assert archive.getmember("new/bytes").uname == ""


def test_content_merges_into_an_existing_folder(tmp_path):
    source = tree(tmp_path)
    (tmp_path / "dst").mkdir()
    (tmp_path / "dst" / "kept").write_text("kept")
    round_trip(str(source) + "/.", str(tmp_path / "dst"))
    assert (tmp_path / "dst" / "kept").read_text() == "kept"
    assert (tmp_path / "dst" / "sub" / "f").read_text() == "hi\n"


def test_an_error_midway_leaves_nothing_behind(tmp_path):
    source = tree(tmp_path)
    destination = tmp_path / "dst"
    (destination / "src" / "sub" / "f").mkdir(parents=True)  # a folder where the archive has a file, late in it
    before = digest(destination)
    with pytest.raises(CopyError, match=r'^cannot overwrite directory ".*/dst/src/sub/f" with non-directory ".*/dst"$'):
        round_trip(str(source), str(destination))
    assert digest(destination) == before  # bytes, empty, link... were extracted aside, and removed
    assert not [name for name in os.listdir(destination) if name.startswith(STAGING_PREFIX)]


def test_an_archive_cut_short_leaves_nothing_behind(tmp_path):
    source = tree(tmp_path)
    info = copy_info_source_path(str(source), False)
    data = b"".join(tar_resource(info))
    destination = tmp_path / "dst"
    destination.mkdir()
    with pytest.raises(CopyError, match=r"^archive/tar: "):
        extract_archive(io.BytesIO(data[:700_000]), ArchivePlan(str(destination)))
    assert os.listdir(destination) == []


def test_links_that_leave_the_destination_are_refused(tmp_path):
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as writer:
        entry = tarfile.TarInfo("evil")
        entry.type, entry.linkname = tarfile.SYMTYPE, "../../etc/passwd"
        writer.addfile(entry)
    archive.seek(0)
    with pytest.raises(CopyError, match=r"^invalid symlink "):
        extract_archive(archive, ArchivePlan(str(tmp_path)))
    assert os.listdir(tmp_path) == []


def test_local_path_errors_are_gos(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CopyError, match=r"^lstat //nope: no such file or directory$"):
        copy_info_source_path("/nope", False)
    with pytest.raises(CopyError, match=r"^not a directory$"):
        copy_info_source_path(f"{tmp_path}/file/", False)
    with pytest.raises(CopyError, match=rf'^invalid output path: directory "{tmp_path}/nodir" does not exist$'):
        validate_output_path(f"{tmp_path}/nodir/x")
    with pytest.raises(CopyError, match=rf"^stat {tmp_path}/file/: not a directory$"):
        validate_output_path(f"{tmp_path}/file/")
    with pytest.raises(CopyError, match=r'^invalid output path: "/dev/null" must be a directory or a regular file'):
        validate_output_path("/dev/null")


def test_eval_symlinks_follows_links_as_go(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink("real", tmp_path / "alias")
    os.symlink(str(tmp_path / "real"), tmp_path / "absolute")
    assert eval_symlinks(f"{tmp_path}/alias/") == f"{tmp_path}/real"
    assert eval_symlinks(f"{tmp_path}/absolute/../alias") == f"{tmp_path}/real"
    assert resolve_local_path("x/.").endswith("/x/.")


def test_the_copy_view_counts_and_ends_without_a_running_bar():
    from dockerwidgets.widgets.progress import CopyView

    view = CopyView("Copying from container - ")
    view.update(2048)
    assert "Copying from container - 2.05kB" in view.widget.value and "<progress" in view.widget.value
    view.update(52_400_000)
    view.finish()
    assert view.widget.value == "<code>Copying from container - 52.4MB</code>"
