"""``create``, ``run`` and ``exec``: the CLI's container flags, turned into the engine's config.

Everything is checked before the engine is asked for anything (reference, ports, env),
and a missing image is pulled before the container is created, so a failure leaves no
container behind.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import Any

from docker.errors import ImageNotFound

from .. import runopts
from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import UsageError, fail
from ..ops import containers, system
from ..portspec import InvalidPortSpec, parse_expose, parse_publish
from ..reference import Reference
from ..results import CliText, ConsoleRequest
from .attach import detach_keys_or_fail, exec_console, open_container_console
from .container_flags import add_container_flags, apply_container_flags, refuse_flags_the_engine_is_too_old_for
from .images import pull_image, pull_missing_image, reference_or_fail
from .registry import command

RESTART_POLICIES = ("no", "always", "unless-stopped", "on-failure")


def _container_parser(name: str) -> CommandParser:
    parser = CommandParser(name, "at least 1 argument", f"docker {name} [OPTIONS] IMAGE [COMMAND] [ARG...]")
    add_flag(parser, "-i", "--interactive", help="Keep STDIN open even if not attached")
    add_flag(parser, "-t", "--tty", help="Allocate a pseudo-TTY")
    parser.add_argument("--name", help="Assign a name to the container")
    parser.add_argument("-e", "--env", action="append", default=[], help="Set environment variables")
    parser.add_argument("-p", "--publish", action="append", default=[], help="Publish a container's port(s)")
    add_flag(parser, "-P", "--publish-all", help="Publish all exposed ports to random ports")
    parser.add_argument("--expose", action="append", default=[], help="Expose a port or a range of ports")
    parser.add_argument("-w", "--workdir", help="Working directory inside the container")
    parser.add_argument("--entrypoint", help="Overwrite the default ENTRYPOINT of the image")
    parser.add_argument("-l", "--label", action="append", default=[], help="Set meta data on a container")
    parser.add_argument("-h", "--hostname", help="Container host name")
    parser.add_argument("-u", "--user", help="Username or UID (format: <name|uid>[:<group|gid>])")
    parser.add_argument("-v", "--volume", action="append", default=[], help="Bind mount a volume")
    parser.add_argument("--network", help="Connect a container to a network")
    parser.add_argument("--restart", default="no", help="Restart policy to apply when a container exits")
    add_flag(parser, "--rm", help="Automatically remove the container when it exits")
    add_container_flags(parser)
    if name == "run":
        add_flag(parser, "-d", "--detach", help="Run container in background and print container ID")
        parser.add_argument("--detach-keys", help="Override the key sequence for detaching a container")
        parser.add_argument("--sig-proxy", default="true", choices=["true", "false"], help="Proxy received signals")
    parser.add_argument("image", metavar="IMAGE")
    return parser


_create = _container_parser("create")
_run = _container_parser("run")


def _glue_dash_values(parser: CommandParser, argv: list[str]) -> list[str]:
    """pflag gives a flag that takes a value the next word, even one starting with ``-``
    (``--health-interval -1s``, ``-e -X``); argparse would read a flag there. Glue such
    pairs into ``--flag=value`` (``-fvalue``) before parsing, up to the image."""
    argv = list(argv)
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--" or not token.startswith("-") or token == "-":
            break
        action = parser._option_string_actions.get(token)
        takes_value = action is not None and action.nargs != 0
        if takes_value and index + 1 < len(argv) and argv[index + 1].startswith("-") and argv[index + 1] != "-":
            argv[index : index + 2] = [
                f"{token}={argv[index + 1]}" if token.startswith("--") else token + argv[index + 1]
            ]
            index += 1
            continue
        index += 1 + (takes_value if action is not None else parser._takes_next_value(token))
    return argv


def parse_env(values: list[str]) -> list[str]:
    """``-e`` values as the CLI keeps them: ``KEY=value``, a bare ``KEY`` from this process's environment if set."""
    env: list[str] = []
    for value in values:
        key, sep, _ = value.partition("=")
        if not key:
            raise fail(f'invalid argument "{value}" for "-e, --env" flag: invalid environment variable: {value}')
        if not sep:
            if key not in os.environ:
                continue
            value = f"{key}={os.environ[key]}"
        env = [item for item in env if item.partition("=")[0] != key] + [value]
    return env


def parse_labels(values: list[str]) -> dict[str, str]:
    """``-l key=value`` (or a bare ``key``, an empty value) as a labels map."""
    labels = {}
    for value in values:
        key, _, item = value.partition("=")
        labels[key] = item
    return labels


def _restart_policy(value: str) -> dict[str, Any] | None:
    name, _, count = value.partition(":")
    if name not in RESTART_POLICIES or (count and (name != "on-failure" or not count.isdigit())):
        raise fail(f'invalid restart policy format: "{value}"')
    if name == "no":
        return None
    return {"Name": name, "MaximumRetryCount": int(count or 0)}


def container_config(
    ns: argparse.Namespace, command_args: list[str], detach: bool, removes_itself: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The engine's ``POST /containers/create`` body for these flags (as the CLI builds it), and the
    client's own choices (``pull`` policy, ``platform``).

    *removes_itself*: the caller waits and removes the container, so ``--rm`` is not the engine's job.
    """
    try:
        exposed, bindings = parse_publish(ns.publish)
        for port in parse_expose(ns.expose):
            exposed.setdefault(port, {})
    except InvalidPortSpec as exc:
        raise fail(str(exc)) from None
    try:
        volumes = [runopts.split_volume(spec) for spec in ns.volume]
    except runopts.InvalidFlagValue as exc:
        raise fail(str(exc)) from None
    host_config: dict[str, Any] = {
        "PortBindings": bindings,
        "PublishAllPorts": ns.publish_all,
        "AutoRemove": ns.rm and not removes_itself,
        "Binds": [bind for host, bind in volumes if host is not None] or None,
        "NetworkMode": ns.network or "default",
    }
    policy = _restart_policy(ns.restart)
    if policy:
        if ns.rm:
            raise fail("Conflicting options: --restart and --rm")
        host_config["RestartPolicy"] = policy
    attach_stdin = ns.interactive and not detach
    config: dict[str, Any] = {
        "Image": ns.image,
        "Cmd": command_args or None,
        "Env": parse_env(ns.env),
        "Labels": parse_labels(ns.label),
        "Tty": ns.tty,
        "OpenStdin": ns.interactive,
        "StdinOnce": attach_stdin,
        "AttachStdin": attach_stdin,
        "AttachStdout": not detach,
        "AttachStderr": not detach,
        "ExposedPorts": exposed or None,
        "Volumes": {path: {} for host, path in volumes if host is None} or None,
        "HostConfig": host_config,
    }
    if ns.entrypoint is not None:
        config["Entrypoint"] = [ns.entrypoint]
    for key, value in (("WorkingDir", ns.workdir), ("Hostname", ns.hostname), ("User", ns.user)):
        if value:
            config[key] = value
    client = apply_container_flags(ns, config, host_config, detach)
    return config, client


def create_container(
    engine: Engine,
    ns: argparse.Namespace,
    command_args: list[str],
    detach: bool,
    options: dict[str, Any],
    removes_itself: bool = False,
) -> str:
    """Validate, create; when the engine lacks the image, pull it and create again (as the CLI does).

    Asking the engine first means a name conflict is reported before anything is pulled.
    """
    reference = reference_or_fail(ns.image)
    config, client = container_config(ns, command_args, detach, removes_itself)
    refuse_flags_the_engine_is_too_old_for(ns, system.api_version(engine))
    with container_id_file(ns.cidfile) as write_id:
        write_id(_create_pulling_as_told(engine, reference, ns, config, client, options))
        return write_id.container


def _create_pulling_as_told(
    engine: Engine,
    reference: Reference,
    ns: argparse.Namespace,
    config: dict[str, Any],
    client: dict[str, Any],
    options: dict[str, Any],
) -> str:
    """``--pull always`` pulls first; ``missing`` (the default) pulls when the engine lacks the image;
    ``never`` leaves the engine's "No such image" as it is."""
    platform = client["platform"]
    if client["pull"] == "always":
        pull_image(engine, reference, options, platform=platform)
    with engine.errors():
        try:
            return containers.create(engine, config, ns.name, platform=platform)
        except ImageNotFound:
            if client["pull"] != "missing":
                raise
            if ns.name:
                _refuse_a_name_in_use(engine, ns.name)
    pull_missing_image(engine, reference, options, platform=platform)
    with engine.errors():
        return containers.create(engine, config, ns.name, platform=platform)


class _IdWriter:
    """Writes the new container's id into the ``--cidfile`` opened before it was created."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.container = ""

    def __call__(self, container: str) -> None:
        self.container = container
        if self.handle is not None:
            self.handle.write(container)


@contextlib.contextmanager
def container_id_file(path: str | None) -> Iterator[_IdWriter]:
    """``--cidfile`` as the CLI keeps it: refused if it exists, made before the create, removed if that fails."""
    if not path:
        yield _IdWriter(None)
        return
    if os.path.lexists(path):
        raise fail(f"container ID file found, make sure the other container isn't running or delete {path}")
    try:
        handle = open(path, "x")  # closed below; removed if no id was written
    except OSError as exc:
        raise fail(
            f"failed to create the container ID file: open {path}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    writer = _IdWriter(handle)
    try:
        yield writer
    finally:
        handle.close()
        if not writer.container:
            with contextlib.suppress(OSError):
                os.remove(path)


def _refuse_a_name_in_use(engine: Engine, name: str) -> None:
    """The engine checks the image before the name: check the name before pulling anything."""
    holders = containers.named(engine, name)
    if holders:  # the engine's own wording (moby daemon/names.go)
        raise fail(
            f'Error response from daemon: Conflict. The container name "/{name}" is already in use by container '
            f'"{holders[0]["Id"]}". You have to remove (or rename) that container to be able to reuse that name.'
        )


@command("create")
def create(args: list[str], engine: Engine, **options: Any) -> CliText:
    """``docker create``: the container exists, Created; returns its id."""
    ns, command_args = _create.parse_interspersed(_glue_dash_values(_create, args))
    return CliText(create_container(engine, ns, command_args, detach=False, options=options))


@command("run")
def run(args: list[str], engine: Engine, **options: Any) -> CliText | ConsoleRequest:
    """``docker run``: ``-d`` returns the id; otherwise the console (attached before the start)."""
    ns, command_args = _run.parse_interspersed(_glue_dash_values(_run, args))
    if ns.detach and (ns.detach_keys or ns.sig_proxy != "true"):
        raise fail("Conflicting options: --detach-keys and --sig-proxy need an attached run (no -d)")
    detach_keys_or_fail(ns.detach_keys)
    container = create_container(engine, ns, command_args, detach=ns.detach, options=options)
    if ns.detach:
        try:
            containers.start(engine, [container])
        except UsageError:
            _remove_quietly(engine, container, ns.cidfile)  # nothing done half: no container left that never ran
            raise
        return CliText(container)
    try:
        return open_container_console(
            engine, container, stdin=ns.interactive, tty=ns.tty, detach_keys=ns.detach_keys,
            sig_proxy=ns.sig_proxy == "true", start=True, wait_condition="removed" if ns.rm else "next-exit",
            save_to=options.get("save_to"), title=ns.name or container[:12],
        )  # fmt: skip
    except UsageError:
        _remove_quietly(engine, container, ns.cidfile)
        raise


def _remove_quietly(engine: Engine, container: str, cidfile: str | None = None) -> None:
    """Remove a container that never ran, and the ``--cidfile`` naming it."""
    with contextlib.suppress(Exception):
        containers.remove(engine, [container], force=True)
    if cidfile:
        with contextlib.suppress(OSError):
            os.remove(cidfile)


_exec = CommandParser("exec", "at least 2 arguments", "docker exec [OPTIONS] CONTAINER COMMAND [ARG...]")
add_flag(_exec, "-d", "--detach", help="Detached mode: run command in the background")
add_flag(_exec, "-i", "--interactive", help="Keep STDIN open even if not attached")
add_flag(_exec, "-t", "--tty", help="Allocate a pseudo-TTY")
_exec.add_argument("--detach-keys", help="Override the key sequence for detaching a container")
_exec.add_argument("-e", "--env", action="append", default=[], help="Set environment variables")
_exec.add_argument("-u", "--user", help="Username or UID")
_exec.add_argument("-w", "--workdir", help="Working directory inside the container")
_exec.add_argument("container", metavar="CONTAINER")


@command("exec")
def exec_(args: list[str], engine: Engine, **options: Any) -> ConsoleRequest | None:
    """``docker exec``: the console on the new process; ``-d`` starts it in the background."""
    ns, command_args = _exec.parse_interspersed(args)
    if not command_args:
        raise fail(f'"docker exec" requires at least 2 arguments. Usage: {_exec.usage}')
    if not ns.detach:
        return exec_console(engine, ns.container, command_args, ns, parse_env(ns.env), **options)
    with engine.errors():  # -d: started in the background; the CLI prints nothing
        exec_id = engine.api.exec_create(
            ns.container, command_args, environment=parse_env(ns.env) or None, user=ns.user or "", workdir=ns.workdir
        )["Id"]
        engine.api.exec_start(exec_id, detach=True)
    return None
