"""A property-based sweep of ``%docker`` (issue 13): every line a user can type ends in a result or one line.

Lines are built from the package's own command table: each command of ``COMMANDS`` with a
random subset of the flags its :class:`~dockerwidgets.argparsing.CommandParser` declares
(read from the parser, so a command or flag added later is swept without touching this file),
the CLI's global flags, and values drawn from odd strings (empty, blanks, huge and negative
numbers, ``nan``, unicode, quotes, ``$(``, ``|``, templates, bad references, host specs,
durations and times). Each line runs through the magic, against the private engine holding a
known container, and must end within :data:`BOUND` seconds in a result or IPython's
``UsageError`` itself (one line); whatever it returns is closed. Nothing may change (containers,
images, the context store) unless the line's command changes things and it succeeded; then
the world is put back for the next line.

Lines that would rightly wait for ever are not made: ``swarm …`` (port 2377 is the machine's),
``wait`` on a running container, ``events --until`` a moment to come; ``run``/``create`` always
name their container ``sweep-…`` so it is cleaned up. Consoles, terminals, live views and
panels come back at once and are closed. Host specs are loopback addresses or malformed ones,
never a name to look up. Failing examples found are kept below as ``@example``s.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shlex
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PRIVATE_HOST, PRIVATE_SOCKET, cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from IPython.core.error import UsageError

from dockerwidgets.argparsing import PARSERS, CommandParser
from dockerwidgets.commands import COMMANDS

BOUND = 20.0  # seconds a line may take (a stop waits up to 10 s for its container)
EXAMPLES = int(os.environ.get("DW_SWEEP_EXAMPLES", "1000"))  # about a minute on the 2-core machine
SEEDED_IMAGES = ("busybox:latest", "centos:7", "ubuntu:10.04", "ubuntu:14.04", "ubuntu:latest")
PREFIX = "sweep-"  # every container a swept run/create makes is named so, and removed
WEB_COMMAND = ["sh", "-c", 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done']  # stops at once

# Commands that change containers, images or contexts when they succeed (their aliases too).
CHANGES = {
    "run", "create", "rm", "stop", "start", "restart", "kill", "pause", "unpause", "rename", "pull", "rmi",
    "container prune", "image prune", "context create", "context rm", "context use",
    "service create", "service update", "service scale", "service rm",
}  # fmt: skip
# Never swept: a swarm is machine-wide (port 2377).
EXCLUDED_PREFIXES = ("swarm ",)

ODD = {  # kinds of odd values, each drawn as often as the others
    "numbers": ["", " ", "0", "1", "-1", "+1", "007", "0x10", "0x", "1_000", "_1", "1e3", "1.5", "-0", "5", "-5",
                "99999999999999999999", "-99999999999999999999", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483648", "65536"],
    "floats": ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e309", "-1e309", "0.1", "1e-400"],
    "unicode": ["½", "١٢", "１", "é", "🐳", "ß", "\u200b", "\x00", "\t", "x" * 3000, "a" * 300, "ü" * 70],
    "shell": ["'", '"', "\\", "'unclosed", '"unclosed', "`", "$(", ")", "$(docker ps -q)", "$(docker images -q)",
              "$(docker frob)", "$(ls)", "$(docker)", "$HOME", "{x}", "{}", "{0}", "|", ";", "&&", "#", "# c", "*",
              "--", "-", "-x", "--bogus", "-h", "--help"],
    "templates": ["{{", "}}", "{{.Id}}", "{{.Bad}}", "{{json .}}", "{{ end }}", "{{.State.Status", "{{range .}}",
                  "json", "table {{.ID}}", "{{index . 99}}", "{{.Name | printf}}"],
    "filters": ["=", "a=b", "name=", "=v", "key==v", "status=running", "status=nan", "until=nan", "until=-1h",
                "label=a=b", "reference=*", "before=web", "since=nosuch", "dangling=maybe", "id=", "type=nope"],
    "names": ["web", "idle", "nosuch", "WEB", "sweepctx", "default", "all", "busybox", "web web"],
    "references": ["busybox", "centos:7", "ubuntu:14.04", "nosuchimage:1", "Bad:Ref:x", "busybox:", "bad::ref",
                   ".busybox", "a//b", "busybox@sha256:abc", "UPPER", "localhost:1/x", "127.0.0.1:1/x:y",
                   "busybox:latest@sha256:" + "0" * 64, "sha256:", "sha256:" + "f" * 64],
    "moments": ["1s", "-1s", "10m", "-1h", "1h30m", "300ms", "1.5h", ".5s", "1d", "1e9", "2026-11-29", "2026-13-01",
                "2026-02-30", "2026-11-29T25:00", "2026-11-29T16:00:00Z", "2026-11-29T16:00:00+99:00", "0001-01-01",
                "1700000000", "1700000000.5", "-1700000000", "00:00:00", "9999999999999"],
    "ports": ["80", "80/udp", "80/xyz", "0.0.0.0:70000:80", "127.0.0.1::80", "::", ":::80", "1-2", "2-1",
              "1:2:3:4", "published=1,target=2", "65535-0", "[::1]:1:80"],
    "misc": ["SIGKILL", "SIGFOO", "9", "65", "HUP", "on-failure:x", "always", "no", "true", "false", "container",
             "image", "replicated", "global", "linux/nope", "a,b", ",", "x=y,z", "/", "/nonexistent", "."],
}
# Engine addresses: loopback, the private engine, or malformed; never a name that needs a lookup.
HOSTS = [
    "", " ", "::", "0.0.0.0:70000:80", ":::", "[::1]", "[::1]:", "tcp://", "tcp://:0", "tcp://127.0.0.1:1",
    "127.0.0.1:99999", "127.0.0.1:-1", "tcp://[::1]:1", "tcp://127.0.0.1:1/path", "tcp://a://b", "http://127.0.0.1:1",
    "unix://", "unix:///nonexistent.sock", "unix://relative.sock", "npipe://", "fd://", "ssh://", "foo://x",
    "tcp://0.0.0.0:2375:80", "127.0.0.1:1", ":1", "localhost:1", "1.2.3", "[::1", "tcp://[::1", "🐳", "a b",
    "ssh://", "ssh://u@", "127.0.0.1:0x10", "tcp://127.0.0.1:1?x=1", "tcp://%zz:1", "tcp://%31%32%37.0.0.1:1",
    PRIVATE_HOST,
]  # fmt: skip
EXTRA_VALUES: dict[tuple[str, str], list[str]] = {  # (command, flag) -> values worth trying beside the odd ones
    ("context create", "--docker"): [f"host={host}" for host in HOSTS] + ["host", "ca=", "skip-tls-verify=nan"],
}

values = st.one_of(
    *(st.sampled_from(kind) for kind in ODD.values()),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\n\r"), max_size=6),
    st.integers(-(2**70), 2**70).map(str),
)


def parser_of(name: str) -> CommandParser | None:
    """The parser of command *name*: its own, an alias's (``service list``), or its verb's (``container inspect``)."""
    if name in PARSERS:
        return PARSERS[name]
    same = [other for other, function in COMMANDS.items() if function is COMMANDS[name] and other in PARSERS]
    if same:
        return PARSERS[same[0]]
    return PARSERS.get(name.split()[-1])


def changes_things(name: str) -> bool:
    """Whether *name* (or the command it is an alias of) is one that may change the engine or the store."""
    return any(COMMANDS.get(name) is COMMANDS.get(other) for other in CHANGES)


SWEPT = sorted(name for name in COMMANDS if not name.startswith(EXCLUDED_PREFIXES))


@dataclass
class Running:
    """What may not be waited for: the names and ids of the running containers."""

    refs: tuple[str, ...] = ()

    def holds(self, value: str) -> bool:
        """Whether *value* names a running container (by name, or by a prefix of its id as the engine reads it)."""
        return value in self.refs or (value != "" and any(ref.startswith(value) for ref in self.refs if len(ref) == 64))


RUNNING = Running()


def _in_the_future(value: str) -> bool:
    """Whether ``--until value`` names a moment to come (``events`` would wait for it)."""
    from dockerwidgets.timestamps import TimestampError, cli_timestamp

    try:
        moment = float(cli_timestamp(value.strip()))
    except (TimestampError, ValueError, OverflowError):
        return False
    return moment > time.time() - 1


# (command, flag or "" for the positionals) -> a value that would rightly wait for ever.
WAITS_FOR_EVER: dict[tuple[str, str], Callable[[str], bool]] = {
    ("events", "--until"): _in_the_future,
    ("system events", "--until"): _in_the_future,
    ("wait", ""): lambda value: "$(" in value or any(RUNNING.holds(word) for word in value.split() or [value]),
}


# What a positional stands for, by the words of its metavar (``CONTAINER``, ``NAME[:TAG|@DIGEST]``): values that
# name something that is there, so that lines get past their arguments to their flags' values.
PLAUSIBLE = {
    "CONTAINER": ["web", "idle"], "IMAGE": ["busybox", "centos:7"], "NAME": ["web", "busybox:latest"],
    "REPOSITORY": ["busybox", "ubuntu"], "CONTEXT": ["sweepctx", "default"], "SERVICE": ["nosuch"],
    "PRIVATE_PORT": ["80", "80/tcp"], "NEW_NAME": [PREFIX + "renamed"], "TASK": ["nosuch"],
}  # fmt: skip


def plausible(metavar: str) -> list[str]:
    """Values that make sense for a positional whose metavar is *metavar* (any kind when it says nothing known)."""
    found = [value for word, pool in PLAUSIBLE.items() if word in metavar.upper() for value in pool]
    return found or ["web", "idle", "busybox", "sweepctx"]


def _token(draw: st.DrawFn, text: str) -> str:
    """*text* as typed: quoted mostly, sometimes raw (so ``$(``, quotes and ``#`` reach the line's reader)."""
    return text if draw(st.integers(0, 9)) == 0 else shlex.quote(text)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """One ``%docker`` line: global flags, a command, some of its flags with odd values, its arguments."""
    name = draw(st.sampled_from(SWEPT))
    parser = parser_of(name)
    words: list[str] = []
    kind = draw(st.integers(0, 11))
    if kind == 0:
        words += ["-H", _token(draw, draw(st.sampled_from(HOSTS)))]
    elif kind == 1:
        words += ["--context", _token(draw, draw(st.one_of(st.sampled_from(["sweepctx", "default"]), values)))]
    elif kind == 2:
        chosen = draw(st.lists(st.one_of(st.sampled_from(["sweepctx", "default", "all", *HOSTS]), values), max_size=3))
        words += ["--engines", _token(draw, ",".join(chosen))]
    elif kind == 3:
        words += [draw(st.sampled_from(["--tls", "--tlsverify", "--tlscacert=/nonexistent", "-v", "--bogus"]))]
    words += name.split()
    options = [a for a in parser._actions if a.option_strings] if parser else []
    positionals = [a for a in parser._actions if not a.option_strings] if parser else []
    named = name in ("run", "create")
    for action in draw(st.lists(st.sampled_from(options), max_size=3)) if options else []:
        flag = draw(st.sampled_from(action.option_strings))
        if named and action.dest == "name":
            continue
        if action.nargs == 0:
            words.append(flag)
            continue
        pool = [*(action.choices or []), *EXTRA_VALUES.get((name, flag), [])]
        value = draw(st.one_of(st.sampled_from(pool), values) if pool else values)
        wait = WAITS_FOR_EVER.get((name, action.option_strings[-1]))
        if wait is not None and wait(value):
            continue
        if flag.startswith("--") and draw(st.booleans()):
            words.append(_token(draw, f"{flag}={value}"))
        else:
            words += [flag, _token(draw, value)]
    if named:
        words += ["--name", _token(draw, PREFIX + draw(st.one_of(st.integers(0, 10**6).map(str), values)))]
    for action in positionals:
        count = {"?": (0, 1), "*": (0, 2), "+": (1, 2)}.get(action.nargs, (1, 1))  # type: ignore[arg-type]
        meant = plausible(action.metavar or action.dest)
        for _ in range(draw(st.integers(*count))):
            value = draw(st.one_of(st.sampled_from(meant), st.sampled_from(meant), values))
            wait = WAITS_FOR_EVER.get((name, ""))
            if wait is not None and wait(value):
                continue
            words.append(_token(draw, value))
    if draw(st.integers(0, 2)) == 0:  # one more argument (a command for run or exec), now and then
        value = draw(st.one_of(st.sampled_from(["true", "echo", "ls"]), values))
        wait = WAITS_FOR_EVER.get((name, ""))
        if wait is None or not wait(value):
            words.append(_token(draw, value))
    return " ".join(words)


def command_of(line: str) -> str | None:
    """The command a line names (after the global flags), or ``None`` when the line cannot be read."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return None
    while words and words[0].startswith("-"):
        flag = words.pop(0)
        if flag in ("-H", "--host", "-c", "--context", "--engines", "--tlscacert", "--tlscert", "--tlskey") and words:
            words.pop(0)
    if len(words) > 1 and f"{words[0]} {words[1]}" in COMMANDS:
        return f"{words[0]} {words[1]}"
    return words[0] if words else None


# --- the world: a known container, the seeded images, a context store of the sweep's own --------------------------

SEPARATOR = "\n---\n"  # between the parts of a snapshot: containers, images, the context store


class _UnixConnection(http.client.HTTPConnection):
    """HTTP over the private engine's socket: the sweep's witness asks the engine itself, not this package."""

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(PRIVATE_SOCKET)


def _engine_json(path: str) -> list[dict]:
    connection = _UnixConnection("localhost")
    try:
        connection.request("GET", path)
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def engine_snapshot() -> str:
    """What conftest's ``witness()`` holds (each container's id, names, image, state; each image's tags and id),
    read with two requests to the engine rather than two CLI runs: the sweep takes one per line."""
    containers = sorted(
        f"{c['Id']} {','.join(n.lstrip('/') for n in c.get('Names') or [])} {c['Image']} {c['State']}"
        for c in _engine_json("/containers/json?all=1")
    )
    images = sorted(f"{tag} {i['Id']}" for i in _engine_json("/images/json") for tag in i.get("RepoTags") or ["<none>"])
    return "\n".join(containers) + SEPARATOR + "\n".join(images)


def store_snapshot(folder: Path) -> str:
    """The context store as files and their digests: a context made, removed or chosen shows."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return "\n".join(f"{p.relative_to(folder)} {hashlib.sha256(p.read_bytes()).hexdigest()[:16]}" for p in files)


class World:
    """The engine and store every swept line starts from, and the means to put them back."""

    def __init__(self, ipython, store: Path) -> None:
        self.ipython = ipython
        self.store = store
        self.baseline = ""
        self.restored = 0

    def make(self, parts: tuple[int, ...] = (0, 1, 2)) -> None:
        """Put back *parts* of the world (0: containers, ``web`` running and ``idle`` created; 1: every seeded
        image; 2: the context store, holding ``sweepctx``), then take the baseline again."""
        if 1 in parts:
            present = set(cli("images", "--format", "{{.Repository}}:{{.Tag}}").split())
            for image in SEEDED_IMAGES:
                if image not in present:
                    cli("pull", "-q", image)
        if 0 in parts or 1 in parts:
            deadline = time.monotonic() + BOUND
            while ids := cli("ps", "-a", "-q").split():  # a container may be going away by itself (--rm)
                cli("rm", "-f", *ids, check=False)
                if time.monotonic() > deadline:
                    raise AssertionError(f"containers {ids} could not be removed")
            web = cli("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "busybox", *WEB_COMMAND)
            cli("create", "--name", "idle", "busybox", "true")
            RUNNING.refs = ("web", web)
        if 2 in parts:
            for path in sorted(self.store.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            cli("context", "create", "sweepctx", "--docker", f"host={PRIVATE_HOST}")
        self.baseline = self.snapshot()

    def snapshot(self) -> str:
        """Containers and images (the CLI's view), and the context store."""
        return engine_snapshot() + SEPARATOR + store_snapshot(self.store)

    def settled(self, quiet: float = 0.2, longest: float = 5.0) -> str:
        """The snapshot once it stays the same for *quiet* seconds: what a console or an action set going
        (a ``--rm`` container removing itself) has done is counted for its own line, not the next one."""
        deadline = time.monotonic() + longest
        last = self.snapshot()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.snapshot()
            if now == last:
                return now
            last = now
        return last

    def put_back(self, now: str) -> None:
        """Make again the parts of the world that differ from the baseline in snapshot *now*."""
        pairs = zip(now.split(SEPARATOR), self.baseline.split(SEPARATOR), strict=True)
        self.make(tuple(index for index, (mine, theirs) in enumerate(pairs) if mine != theirs))

    def run(self, line: str) -> tuple[object, BaseException | None]:
        """Run *line* through the magic on a thread of its own; fail when it has not ended within :data:`BOUND`."""
        box: dict[str, object] = {}

        def target() -> None:
            try:
                box["result"] = self.ipython.run_line_magic("docker", line)
            except BaseException as exc:
                box["error"] = exc

        thread = threading.Thread(target=target, name="sweep-line", daemon=True)
        thread.start()
        thread.join(BOUND)
        if thread.is_alive():
            raise AssertionError(f"%docker {line!r} did not end within {BOUND:.0f} s")
        return box.get("result"), box.get("error")  # type: ignore[return-value]

    def check(self, line: str) -> None:
        """The property, for one line."""
        result, error = self.run(line)
        close(result)
        if error is not None:
            if type(error) is not UsageError:
                raise AssertionError(f"%docker {line!r} raised {type(error).__name__}: {error}") from error
            message = str(error)
            assert message and "\n" not in message, f"%docker {line!r}: not one line: {message!r}"
        name = command_of(line)
        started_something = result is not None and not isinstance(result, (str, dict, list))
        changed_maybe = started_something or (error is None and name is not None and changes_things(name))
        now = self.settled() if changed_maybe else self.snapshot()
        if now == self.baseline:
            return
        self.put_back(now)
        if error is None and name is not None and changes_things(name):
            self.restored += 1
            return
        outcome = f"failed with {error}" if error is not None else "succeeded"
        raise AssertionError(f"%docker {line!r} {outcome} and changed the engine or the store")


def close(result: object) -> None:
    """Close what a line returned: a console, a terminal, a live view, a panel; a question is answered No."""
    from dockerwidgets.widgets.confirmation import Prompt

    if isinstance(result, Prompt):
        result.cancel()
        return
    closer = getattr(result, "close", None)
    if callable(closer) and not isinstance(result, (str, dict, list)):
        closer()


@pytest.fixture(scope="module")
def world(private_engine, ipython, tmp_path_factory):
    """The sweep's world, with a context store of its own (``DOCKER_CONFIG``), gone afterwards."""
    store = tmp_path_factory.mktemp("docker-config")
    saved = os.environ.get("DOCKER_CONFIG")
    os.environ["DOCKER_CONFIG"] = str(store)
    world = World(ipython, store)
    world.make()
    started = time.monotonic()
    yield world
    print(f"\nsweep: {time.monotonic() - started:.0f} s, the world put back {world.restored} times")
    ids = cli("ps", "-a", "-q").split()
    if ids:
        cli("rm", "-f", *ids)
    if saved is None:
        os.environ.pop("DOCKER_CONFIG", None)
    else:
        os.environ["DOCKER_CONFIG"] = saved


@settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(line=lines())
@example(line="-H :: ps")
@example(line="-H 0.0.0.0:70000:80 ps")
@example(line="stop -t 99999999999999999999 web")
@example(line="restart -t 99999999999999999999 web")
@example(line="logs --since nan web")
# found by the sweep since
@example(line="service ls --panel")  # a panel whose list cannot be read (no swarm) drew columns it did not have
@example(line="-H '[::1' kill busybox")
@example(line="-H 127.0.0.1:99999 events")
@example(line="-H ::: events")
@example(line="-H tcp://:0 ps")
@example(line="-H ssh:// ps")
@example(line="--context sweepctx ps")
@example(line="container inspect --size a//b")  # the engine redirects a path with // (was: JSONDecodeError)
@example(line="ps -n 99999999999999999999")
@example(line="stop -t 9223372036854775807 web")
@example(line="context remove sweepctx sweepctx")  # removed the first, then failed on the second
@example(line="pause web web")  # paused, then failed on the second (the CLI too): one named twice is done once  # a timeout the CLI takes overflowed the socket's
def test_every_line_ends_in_a_result_or_one_line(world, line):
    world.check(line)
