"""The one place that opens consoles: attach (for ``attach``, ``run``, ``start -a``), exec,
``logs -f``, and any other engine stream (``service logs -f``), each as a started
:class:`~dockerwidgets.sessions.console.ConsoleSession`.

For a container, the order is the CLI's: attach, register the wait, then start, so the
first bytes are never missed and the exit code is known however fast the container ends.
"""

from __future__ import annotations

from typing import Any

from .. import transport
from ..engine import Engine
from ..errors import fail
from ..sessions.console import ConsoleSession
from ..terminal import DEFAULT_DETACH_KEYS, parse_detach_keys
from ..transport import EngineStream


def detach_keys_or_fail(spec: str | None) -> tuple[str, bytes]:
    """``--detach-keys`` checked as the CLI checks it; the default is Ctrl+P, Ctrl+Q."""
    spec = spec or DEFAULT_DETACH_KEYS
    try:
        return spec, parse_detach_keys(spec)
    except ValueError as exc:
        raise fail(f"Invalid detach keys ({spec}) provided: {exc}") from None


def attach(
    engine: Engine,
    container: str,
    *,
    stdin: bool,
    tty: bool,
    detach_keys: str | None = None,
    start: bool = False,
    wait_condition: str = "next-exit",
    save_to: str | None = None,
    name: str | None = None,
) -> ConsoleSession:
    """Attach to *container*, register the wait for its exit, then start it when *start*."""
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
    session = _started(
        engine, stream, kind="container", target=container, multiplexed=not tty, stdin=stdin, detach_keys=keys,
        wait_response=waiting, save_to=save_to, name=name, tty=tty,
    )  # fmt: skip
    if start:
        try:
            with engine.errors():
                api.start(container)
        except BaseException:
            waiting.close()  # it never ran: its exit will not come, so nothing waits for it
            session.close()
            raise
    return session


def attach_running(
    engine: Engine,
    ref: str,
    *,
    stdin: bool = True,
    detach_keys: str | None = None,
    save_to: str | None = None,
) -> tuple[ConsoleSession, dict]:
    """Attach to the running container *ref* (its stdin too when it keeps one open): the session and its inspection.

    A stopped or paused container gets the CLI's one-line refusal.
    """
    with engine.errors():
        info = engine.api.inspect_container(ref)
    state, config = info["State"], info["Config"]
    if not state.get("Running"):
        raise fail("You cannot attach to a stopped container, start it first")
    if state.get("Paused"):
        raise fail("You cannot attach to a paused container, unpause it first")
    session = attach(
        engine, info["Id"], stdin=stdin and bool(config.get("OpenStdin")), tty=bool(config.get("Tty")),
        detach_keys=detach_keys, save_to=save_to, name=info["Name"].lstrip("/"),
    )  # fmt: skip
    return session, info


def exec_session(
    engine: Engine,
    container: str,
    cmd: list[str],
    *,
    stdin: bool,
    tty: bool,
    env: list[str] | None = None,
    user: str = "",
    workdir: str | None = None,
    detach_keys: str | None = None,
    save_to: str | None = None,
) -> ConsoleSession:
    """A new process *cmd* in the running *container*, its stream open."""
    spec, keys = detach_keys_or_fail(detach_keys)
    api = engine.api
    with engine.errors():
        exec_id = api.exec_create(
            container, cmd, stdin=stdin, tty=tty, environment=env or None, user=user or "", workdir=workdir,
            detach_keys=spec,
        )["Id"]  # fmt: skip
        stream = transport.open_exec(api, exec_id, tty=tty)
    return _started(
        engine, stream, kind="exec", target=exec_id, multiplexed=not tty, stdin=stdin, detach_keys=keys,
        save_to=save_to, name=container, tty=tty,
    )  # fmt: skip


def resize_tty(session: ConsoleSession, *, rows: int, cols: int) -> None:
    """Set the size of the TTY of *session* (a container's, or an exec's): the engine's resize endpoint."""
    api = session.engine.api
    with session.engine.errors():
        if session.kind == "exec":
            api.exec_resize(session.target, height=rows, width=cols)
        elif session.kind == "container":
            api.resize(session.target, rows, cols)
        else:
            raise OSError(f"a {session.kind} stream has no TTY to resize")


def follow_logs(engine: Engine, container: str, params: dict[str, Any], save_to: str | None = None) -> ConsoleSession:
    """``logs --follow`` of *container* (*params*: the engine's ``tail``, ``since``, ``timestamps``, …)."""
    api = engine.api
    with engine.errors():
        info = api.inspect_container(container)
        query = {"follow": 1, "stdout": 1, "stderr": 1, **params}
        stream = transport.open_stream(api, "/containers/{0}/logs", info["Id"], query)
    return _started(
        engine, stream, kind="logs", target=info["Id"], multiplexed=not info["Config"].get("Tty"), stdin=False,
        save_to=save_to, name=info["Name"].lstrip("/"),
    )  # fmt: skip


def follow_stream(
    engine: Engine,
    stream: EngineStream,
    *,
    kind: str,
    target: str,
    multiplexed: bool,
    save_to: str | None = None,
    name: str | None = None,
) -> ConsoleSession:
    """Any read-only stream already open on the engine (``service logs -f``), as a started session."""
    return _started(
        engine, stream, kind=kind, target=target, multiplexed=multiplexed, stdin=False, save_to=save_to, name=name
    )


def _started(engine: Engine, stream: EngineStream, *, wait_response: Any = None, **kwargs: Any) -> ConsoleSession:
    """The session on *stream*, reading; the stream (and the wait) closed if it cannot be made."""
    try:
        session = ConsoleSession(engine, stream, wait_response=wait_response, **kwargs)
    except BaseException as exc:
        stream.close()
        if wait_response is not None:
            wait_response.close()
        if isinstance(exc, OSError) and exc.filename:  # the save_to file
            raise fail(f"open {exc.filename}: {exc.strerror}") from None
        raise
    session.start()
    return session


__all__ = ["attach", "detach_keys_or_fail", "exec_session", "follow_logs", "follow_stream", "resize_tty"]
