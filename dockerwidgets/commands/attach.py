"""Commands that stream into a console: ``attach``, ``start -a``, ``run`` (not ``-d``), ``exec``
and ``logs -f``. Each parses its flags, opens the session through :mod:`dockerwidgets.ops.streams`
(the one place that opens consoles), and returns a :class:`~dockerwidgets.results.ConsoleRequest`,
which :func:`dockerwidgets.display.present` turns into the console users get.
"""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..ops import streams
from ..ops.streams import detach_keys_or_fail
from ..results import ConsoleRequest
from .registry import command

__all__ = ["attach", "detach_keys_or_fail", "exec_console", "follow_logs", "open_container_console", "start_attached"]


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
) -> ConsoleRequest:
    """Attach to *container* (then start it, when *start*): the console to show."""
    session = streams.attach(
        engine, container, stdin=stdin, tty=tty, detach_keys=detach_keys, start=start,
        wait_condition=wait_condition, save_to=save_to, name=title,
    )  # fmt: skip
    return ConsoleRequest(session, tty=tty, sig_proxy=sig_proxy, title=title or container[:12])


_attach = CommandParser("attach", "exactly 1 argument", "docker attach [OPTIONS] CONTAINER")
_attach.add_argument("--detach-keys", help="Override the key sequence for detaching a container")
add_flag(_attach, "--no-stdin", help="Do not attach STDIN")
_attach.add_argument("--sig-proxy", default="true", choices=["true", "false"], help="Proxy all received signals")
_attach.add_argument("container", metavar="CONTAINER")


@command("attach")
def attach(args: list[str], engine: Engine, **options: Any) -> ConsoleRequest:
    """``docker attach``: the console on a running container."""
    ns = _attach.parse(args)
    session, info = streams.attach_running(
        engine, ns.container, stdin=not ns.no_stdin, detach_keys=ns.detach_keys, save_to=options.get("save_to")
    )
    tty = bool(info["Config"].get("Tty"))
    return ConsoleRequest(session, tty=tty, sig_proxy=ns.sig_proxy == "true", title=info["Name"].lstrip("/"))


def start_attached(
    engine: Engine, container: str, interactive: bool, detach_keys: str | None, **options: Any
) -> ConsoleRequest:
    """``docker start -a [-i]``: attach, then start (if it is not running already)."""
    with engine.errors():
        info = engine.api.inspect_container(container)
    config = info["Config"]
    return open_container_console(
        engine, info["Id"], stdin=interactive and bool(config.get("OpenStdin")), tty=bool(config.get("Tty")),
        detach_keys=detach_keys, start=not info["State"].get("Running"), save_to=options.get("save_to"),
        title=info["Name"].lstrip("/"),
    )  # fmt: skip


def exec_console(
    engine: Engine, container: str, command_args: list[str], ns: Any, env: list[str], **options: Any
) -> ConsoleRequest:
    """``docker exec [-i] [-t]``: the console on a new process in a running container."""
    session = streams.exec_session(
        engine, container, command_args, stdin=ns.interactive, tty=ns.tty, env=env, user=ns.user or "",
        workdir=ns.workdir, detach_keys=getattr(ns, "detach_keys", None), save_to=options.get("save_to"),
    )  # fmt: skip
    return ConsoleRequest(session, tty=ns.tty, sig_proxy=False, title=f"exec {container}")


def follow_logs(engine: Engine, container: str, params: dict[str, Any], **options: Any) -> ConsoleRequest:
    """``docker logs -f``: the console following a container's log (read-only)."""
    session = streams.follow_logs(engine, container, params, save_to=options.get("save_to"))
    return ConsoleRequest(session, tty=False, sig_proxy=False, title=f"logs {session.name}")
