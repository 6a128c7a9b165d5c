"""``docker cp`` both ways against the private engine, the docker CLI run beside it as the witness.

Each rule case is run by the CLI and by us on the same fresh folders: both fail with the same
line, or both leave the same tree (names, kinds, modes, sizes, sha256, link targets, file times).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tarfile

import pytest
from conftest import PRIVATE_HOST, cli
from IPython.core.error import UsageError

from dockerwidgets.copyfs import STAGING_PREFIX
from dockerwidgets.ops import copy as ops
from dockerwidgets.results import CopyResult, TarArchive


def cli_cp(*args: str) -> str | None:
    """``docker cp`` by the CLI: ``None`` when it succeeds, else its error line (its last line of stderr)."""
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, "cp", *args], capture_output=True, text=True, timeout=120)
    return None if result.returncode == 0 else result.stderr.strip().splitlines()[-1]


def cli_summary(*args: str) -> str:
    """The CLI's closing line, which it prints only on a terminal: run it under ``script``."""
    command = " ".join(["docker", "-H", PRIVATE_HOST, "cp", *args])
    output = subprocess.run(["script", "-qc", command, "/dev/null"], capture_output=True, text=True, timeout=120).stdout
    return output.replace("\r", "\n").strip().splitlines()[-1]


def ours(docker, line: str) -> str | None:
    try:
        docker(f"cp {line}")
    except UsageError as exc:
        assert type(exc) is UsageError and "\n" not in str(exc)
        return str(exc)
    return None


def local_tree(root) -> dict[str, str]:
    """Every entry under *root*: kind, mode, size, sha256 or link target, a file's time (folders' times move)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            info = os.lstat(path)
            if os.path.islink(path):
                found[relative] = f"link {os.readlink(path)}"
            elif os.path.isdir(path):
                found[relative] = f"dir {oct(info.st_mode)}"
            else:
                with open(path, "rb") as handle:
                    sha = hashlib.file_digest(handle, "sha256").hexdigest()
                found[relative] = f"file {oct(info.st_mode)} {info.st_size} {sha} {int(info.st_mtime)}"
    return found


def container_tree(container: str, root: str) -> str:
    """The same, in the container (busybox's find, stat and sha256sum)."""
    script = (
        f"cd {root} && find . | sort | while read f; do "
        'if [ -L "$f" ]; then echo "$f link $(readlink "$f") $(stat -c \'%u:%g\' "$f")"; '
        'elif [ -d "$f" ]; then echo "$f dir $(stat -c \'%a %u:%g\' "$f")"; '
        'else echo "$f file $(stat -c \'%a %s %Y %u:%g\' "$f") $(sha256sum < "$f" | cut -c1-64)"; fi; done'
    )
    return cli("exec", container, "sh", "-c", script)


def make_source(root) -> None:
    """A folder tree: all 256 byte values, an empty file, a symlink, a hard link, a subfolder; and a plain file."""
    folder = root / "d"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "bytes").write_bytes(bytes(range(256)) * 4099)
    (folder / "empty").write_bytes(b"")
    (folder / "sub" / "deeper" / "f").write_text("deep\n")
    os.chmod(folder / "sub" / "deeper" / "f", 0o750)
    os.symlink("sub/deeper/f", folder / "link")
    os.link(folder / "bytes", folder / "hard")
    (root / "f").write_bytes(b"\x00\xff" * 1000)
    os.symlink("f", root / "flink")


@pytest.fixture
def box(engine, tmp_path):
    """A running busybox holding /src (the same tree as the local one), and the local tree."""
    cli("run", "-d", "--name", "box", "busybox", "sleep", "600")
    source = tmp_path / "source"
    source.mkdir()
    make_source(source)
    assert cli_cp(f"{source}/.", "box:/src") is None
    return source


@pytest.fixture
def docker(engine):
    import dockerwidgets

    return lambda line, **options: dockerwidgets.docker(line, engine, **options)


def reset_local(root) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "exists").mkdir(parents=True)
    (root / "file").write_text("old\n")
    os.utime(root / "file", (1_000_000_000, 1_000_000_000))


FROM_CASES = [
    ("/src/d", "exists"),
    ("/src/d", "new"),
    ("/src/d/", "new"),
    ("/src/d/.", "exists"),
    ("/src/d/.", "new"),
    ("/src/d", "file"),
    ("/src/d/.", "file"),
    ("/src/f", "exists"),
    ("/src/f", "exists/"),
    ("/src/f", "new"),
    ("/src/f", "new/"),
    ("/src/f", "file"),
    ("/src/f", "file/"),
    ("/src/f/", "new"),
    ("/src/flink", "new"),
    ("-L /src/flink", "new"),
    ("/nope", "new"),
    ("/src/d", "missing/x"),
    ("/", "root"),
]


@pytest.mark.parametrize(("src", "dst"), FROM_CASES)
def test_from_a_container_as_the_cli(box, docker, tmp_path, src, dst):
    root = tmp_path / "root"
    flags, _, path = src.rpartition(" ")
    if path == "/":
        pytest.skip("the whole root is large; its naming is covered by the unit tests")
    reset_local(root)
    theirs = cli_cp(*flags.split(), f"box:{path}", str(root / dst))
    expected = local_tree(root)
    reset_local(root)
    mine = ours(docker, f"{flags} box:{path} {root / dst}".strip())
    assert mine == theirs
    assert local_tree(root) == expected
    assert not [name for _, dirs, _ in os.walk(root) for name in dirs if name.startswith(STAGING_PREFIX)]


def reset_container() -> None:
    cli(
        "exec",
        "box",
        "sh",
        "-c",
        "rm -rf /w && mkdir -p /w/exists && echo old > /w/file && touch -t 200109090146.40 /w/file",
    )


TO_CASES = [
    ("d", "exists"),
    ("d", "new"),
    ("d/", "new"),
    ("d/.", "exists"),
    ("d/.", "new"),
    ("d", "file"),
    ("d/.", "file"),
    ("f", "exists"),
    ("f", "exists/"),
    ("f", "new"),
    ("f", "new/"),
    ("f", "file"),
    ("f", "file/"),
    ("f/", "new"),
    ("flink", "new"),
    ("-L flink", "new"),
    ("-a d", "new"),
    ("nope", "new"),
    ("d", "missing/x"),
]


@pytest.mark.parametrize(("src", "dst"), TO_CASES)
def test_into_a_container_as_the_cli(box, docker, src, dst):
    flags, _, path = src.rpartition(" ")
    if flags == "-a":
        os.chown(box / "d" / "sub" / "deeper" / "f", 1234, 5678)
    reset_container()
    theirs = cli_cp(*flags.split(), str(box / path), f"box:/w/{dst}")
    expected = container_tree("box", "/w")
    reset_container()
    mine = ours(docker, f"{flags} {box / path} box:/w/{dst}".strip())
    assert mine == theirs
    assert container_tree("box", "/w") == expected
    if flags == "-a":
        assert "1234:5678" in expected


def test_byte_exact_both_ways_and_the_summary_is_the_clis(box, docker, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(os.urandom(1 << 20) * 50)  # 50 MiB
    result = docker(f"cp {big} box:/tmp/big")
    assert isinstance(result, CopyResult)
    assert result == cli_summary(str(big), "box:/tmp/big")
    assert result.copied > 50 * (1 << 20) and result.destination == "box:/tmp/big"
    sha = hashlib.sha256(big.read_bytes()).hexdigest()
    assert cli("exec", "box", "sh", "-c", "sha256sum < /tmp/big").split()[0] == sha
    back = docker(f"cp box:/tmp/big {tmp_path}/back")
    assert hashlib.sha256((tmp_path / "back").read_bytes()).hexdigest() == sha
    assert back == cli_summary("box:/tmp/big", str(tmp_path / "back"))
    tree = docker(f"cp box:/src/d {tmp_path}/tree")
    assert local_tree(tmp_path / "tree") == local_tree(box / "d")
    assert tree == cli_summary("box:/src/d", str(tmp_path / "tree"))
    assert os.path.samefile(tmp_path / "tree" / "bytes", tmp_path / "tree" / "hard")


def test_quiet_returns_nothing_and_container_cp_is_the_same(box, docker, tmp_path):
    assert docker(f"cp -q box:/src/f {tmp_path}/q") is None
    assert (tmp_path / "q").read_bytes() == (box / "f").read_bytes()
    assert docker(f"container cp box:/src/f {tmp_path}/c").startswith("Successfully copied")


def test_a_tar_from_python_goes_in_and_one_comes_back_out(box, docker, tmp_path):
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as writer:
        entry = tarfile.TarInfo("given/hello")
        entry.size = 5
        writer.addfile(entry, io.BytesIO(b"hello"))
    data = archive.getvalue()
    assert docker("cp - box:/tmp", stdin=data).endswith("to box:/tmp")
    assert cli("exec", "box", "cat", "/tmp/given/hello") == "hello"
    (tmp_path / "in.tar").write_bytes(data)
    docker("cp - box:/var", stdin=open(tmp_path / "in.tar", "rb"))
    docker("cp - box:/root", stdin=tmp_path / "in.tar")
    assert cli("exec", "box", "cat", "/var/given/hello", "/root/given/hello") == "hellohello"
    out = docker("cp box:/src/d -")
    assert isinstance(out, TarArchive)
    names = tarfile.open(fileobj=io.BytesIO(out)).getnames()
    assert names[0] == "d" and "d/sub/deeper/f" in names
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, "cp", "box:/src/d", "-"], capture_output=True)
    assert bytes(out) == result.stdout  # the engine's own tar, byte for byte
    assert docker("cp box:/src/d -", stdout=str(tmp_path / "out.tar")) is None
    assert (tmp_path / "out.tar").read_bytes() == result.stdout
    sink = io.BytesIO()
    docker("cp box:/src/f -", stdout=sink)
    assert tarfile.open(fileobj=io.BytesIO(sink.getvalue())).extractfile("f").read() == (box / "f").read_bytes()


def test_dash_errors(box, docker, engine, ipython):
    with pytest.raises(UsageError, match="a notebook has no standard input"):
        ipython.run_line_magic("docker", "cp - box:/tmp")
    with pytest.raises(UsageError, match=r'^destination "box:/src/f" must be a directory$'):
        docker("cp - box:/src/f", stdin=b"")
    assert cli_cp("-", "box:/src/f") == 'destination "box:/src/f" must be a directory'
    with pytest.raises(UsageError, match=r"^docker cp: the archive of box:/src is over 1kB: pass stdout="):
        ops.archive_bytes(engine, "box", "/src", limit=1000)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ghost:/etc {tmp}", "Error response from daemon: No such container: ghost"),
        ("{tmp}/f ghost:/tmp", "Error response from daemon: No such container: ghost"),
        ("box:/nope {tmp}", "Error response from daemon: Could not find the file /nope in container box"),
        ("/nope box:/tmp", "lstat //nope: no such file or directory"),
        ("{tmp}/f {tmp}/g", "must specify at least one container source"),
        ("box:/a box:/b", "copying between containers is not supported"),
        ("{tmp}/f box:/nope/x", "Error response from daemon: Could not find the file /nope in container box"),
    ],
)
def test_errors_are_the_clis_line_and_change_nothing(box, docker, tmp_path, line, expected):
    (tmp_path / "f").write_text("x")
    line = line.replace("{tmp}", str(tmp_path))
    before = sorted(os.listdir(tmp_path))
    assert ours(docker, line) == expected
    assert cli_cp(*line.split()) == expected
    assert sorted(os.listdir(tmp_path)) == before


def test_an_error_mid_stream_leaves_no_partial_copy(box, docker, tmp_path):
    mine_root, their_root = tmp_path / "mine", tmp_path / "theirs"
    for root in (mine_root, their_root):  # a file where the container has a folder, after other entries
        (root / "d" / "sub").mkdir(parents=True)
        (root / "d" / "sub" / "deeper").write_text("a file")
    before = local_tree(mine_root)
    message = ours(docker, f"box:/src/d {mine_root}")
    assert message.startswith("cannot overwrite non-directory")
    assert message.replace(str(mine_root), str(their_root)) == cli_cp("box:/src/d", str(their_root))
    assert local_tree(mine_root) == before  # d/bytes, d/empty… were extracted aside and removed
    assert (their_root / "d" / "bytes").exists()  # where the CLI leaves them


def test_an_interrupt_mid_stream_leaves_nothing(box, docker, engine, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"\x01" * (30 << 20))
    docker(f"cp -q {big} box:/tmp/big")
    out = tmp_path / "out"
    out.mkdir()

    def interrupt(count: int) -> None:
        if count > 5 << 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ops.copy_from(engine, "box", "/tmp/big", str(out / "big"), on_progress=interrupt)
    assert os.listdir(out) == []
    with pytest.raises(KeyboardInterrupt):
        ops.archive_to_file(engine, "box", "/tmp/big", str(out / "big.tar"), on_progress=interrupt)
    assert os.listdir(out) == []
