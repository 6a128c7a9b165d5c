"""Commands that stream into the console: ``attach``, ``start -a``, ``run`` (not ``-d``),
``exec`` and ``logs -f``; the first three share :func:`open_container_console`.

For a container, the order is the CLI's: attach, register the wait, then start, so the
first bytes are never missed and the exit code is known however fast the container ends.
"""

from __future__ import annotations

from typing import Any

from .. import transport
from ..argparsing import CommandParser, add_flag
from ..console import Console, new_session
from ..engine import Engine
from ..errors import fail
from ..terminal import DEFAULT_DETACH_KEYS, parse_detach_keys
from .registry import command


def detach_keys_or_fail(spec: str | None) -> tuple[str, bytes]:
    """``--detach-keys`` checked as the CLI checks it; the default is Ctrl+P, Ctrl+Q."""
    spec = spec or DEFAULT_DETACH_KEYS
    try:
        return spec, parse_detach_keys(spec)
    except ValueError as exc:
        raise fail(f"Invalid detach keys ({spec}) provided: {exc}") from None


def show(console: Console, options: dict[str, Any]) -> Console:
    """Display the console in the current cell when running in a kernel (``show=False`` to skip)."""
    if options.get("show", True):
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None and hasattr(shell, "kernel"):
            console.show()
    return console


def open_container_console(
    engine: Engine,
    container: str,
    *,
    stdin: bool,
    tty: bool,
    detach_keys: str | None = None,
    sig_proxy: bool = True,
    start: bool = False,
    wait_condition: str = "next-exit",
    save_to: str | None = None,
    title: str | None = None,
) -> Console:
    """Attach to *container* (then start it, when *start*), and return its console."""
    spec, keys = detach_keys_or_fail(detach_keys)
    api = engine.api
    with engine.errors():
        stream = transport.open_attach(api, container, stdin=stdin, detach_keys=spec)
    try:
        with engine.errors():
            waiting = transport.open_wait(api, container, wait_condition)
    except BaseException:
        stream.close()
        raise
    options: dict[str, Any] = {"save_to": save_to} if save_to else {}
    session = new_session(
        engine, stream, kind="container", target=container, multiplexed=not tty, stdin=stdin,
        detach_keys=keys, wait_response=waiting, **options,
    )  # fmt: skip
    session.start()
    console = Console(session, tty=tty, sig_proxy=sig_proxy, title=title or container[:12])
    if start:
        try:
            with engine.errors():
                api.start(container)
        except BaseException:
            console.close()
            raise
    return console


_attach = CommandParser("attach", "exactly 1 argument", "docker attach [OPTIONS] CONTAINER")
_attach.add_argument("--detach-keys", help="Override the key sequence for detaching a container")
add_flag(_attach, "--no-stdin", help="Do not attach STDIN")
_attach.add_argument("--sig-proxy", default="true", choices=["true", "false"], help="Proxy all received signals")
_attach.add_argument("container", metavar="CONTAINER")


@command("attach")
def attach(args: list[str], engine: Engine, **options: Any) -> Console:
    """``docker attach``: the console on a running container."""
    ns = _attach.parse(args)
    with engine.errors():
        info = engine.api.inspect_container(ns.container)
    state, config = info["State"], info["Config"]
    if not state.get("Running"):
        raise fail("You cannot attach to a stopped container, start it first")
    if state.get("Paused"):
        raise fail("You cannot attach to a paused container, unpause it first")
    console = open_container_console(
        engine, info["Id"], stdin=bool(config.get("OpenStdin")) and not ns.no_stdin, tty=bool(config.get("Tty")),
        detach_keys=ns.detach_keys, sig_proxy=ns.sig_proxy == "true", save_to=options.get("save_to"),
        title=info["Name"].lstrip("/"),
    )  # fmt: skip
    return show(console, options)


def start_attached(
    engine: Engine, container: str, interactive: bool, detach_keys: str | None, **options: Any
) -> Console:
    """``docker start -a [-i]``: attach, then start (if it is not running already)."""
    with engine.errors():
        info = engine.api.inspect_container(container)
    config = info["Config"]
    console = open_container_console(
        engine, info["Id"], stdin=interactive and bool(config.get("OpenStdin")), tty=bool(config.get("Tty")),
        detach_keys=detach_keys, start=not info["State"].get("Running"), save_to=options.get("save_to"),
        title=info["Name"].lstrip("/"),
    )  # fmt: skip
    return show(console, options)


def exec_console(
    engine: Engine, container: str, command_args: list[str], ns: Any, env: list[str], **options: Any
) -> Console:
    """``docker exec [-i] [-t]``: the console on a new process in a running container."""
    spec, keys = detach_keys_or_fail(getattr(ns, "detach_keys", None))
    api = engine.api
    with engine.errors():
        exec_id = api.exec_create(
            container, command_args, stdin=ns.interactive, tty=ns.tty, environment=env or None, user=ns.user or "",
            workdir=ns.workdir, detach_keys=spec,
        )["Id"]  # fmt: skip
        stream = transport.open_exec(api, exec_id, tty=ns.tty)
    session = new_session(
        engine, stream, kind="exec", target=exec_id, multiplexed=not ns.tty, stdin=ns.interactive, detach_keys=keys,
        **({"save_to": options["save_to"]} if options.get("save_to") else {}),
    )  # fmt: skip
    session.start()
    return show(Console(session, tty=ns.tty, sig_proxy=False, title=f"exec {container}"), options)


def follow_logs(engine: Engine, container: str, params: dict[str, Any], **options: Any) -> Console:
    """``docker logs -f``: the console following a container's log (read-only)."""
    api = engine.api
    with engine.errors():
        info = api.inspect_container(container)
        query = {"follow": 1, "stdout": 1, "stderr": 1, **params}
        stream = transport.open_stream(api, "/containers/{0}/logs", info["Id"], query)
    session = new_session(
        engine, stream, kind="logs", target=info["Id"], multiplexed=not info["Config"].get("Tty"), stdin=False,
        detach_keys=b"", **({"save_to": options["save_to"]} if options.get("save_to") else {}),
    )  # fmt: skip
    session.start()
    return show(Console(session, tty=False, sig_proxy=False, title=f"logs {info['Name'].lstrip('/')}"), options)
