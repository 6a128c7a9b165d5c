"""The ``run``/``create`` flags that shape a container's resources, mounts, network and health.

One table says, per flag, how its text is parsed (:mod:`dockerwidgets.runopts`, the CLI's
rules) and which field of the engine's create body it fills (``Config`` or ``HostConfig``),
as docker/cli ``cli/command/container/opts.go`` ``parse()`` maps it. Every value is parsed
before the engine is asked for anything, so a bad one leaves nothing behind.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import runopts
from ..argparsing import CommandParser, add_flag
from ..errors import fail

CONFIG, HOST = "Config", "HostConfig"


@dataclass(frozen=True)
class Flag:
    """One flag: its names as the CLI prints them, its parser, and the engine field it fills.

    *many*: the flag repeats and its values make a list. *checked_late*: the CLI checks the
    value after parsing its flags, so the error is the bare reason (no ``invalid argument``).
    *min_api*: the engine API version the flag needs (the CLI's ``version`` annotation).
    """

    names: tuple[str, ...]
    parse: Callable[[str], Any]
    section: str
    field: str
    many: bool = False
    checked_late: bool = False
    help: str = ""
    min_api: str = ""

    @property
    def dest(self) -> str:
        return self.names[-1].lstrip("-").replace("-", "_")


def _text(value: str) -> str:
    return value


FLAGS: tuple[Flag, ...] = (
    Flag(("--mount",), runopts.mount, HOST, "Mounts", many=True, help="Attach a filesystem mount to the container"),
    Flag(("-m", "--memory"), runopts.ram_in_bytes, HOST, "Memory", help="Memory limit"),
    Flag(("--memory-swap",), runopts.memory_swap_bytes, HOST, "MemorySwap",
         help="Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
    Flag(("--memory-reservation",), runopts.ram_in_bytes, HOST, "MemoryReservation", help="Memory soft limit"),
    Flag(("--shm-size",), runopts.ram_in_bytes, HOST, "ShmSize", help="Size of /dev/shm"),
    Flag(("--cpus",), runopts.nano_cpus, HOST, "NanoCpus", help="Number of CPUs", min_api="1.25"),
    Flag(("-c", "--cpu-shares"), runopts.go_int, HOST, "CpuShares", help="CPU shares (relative weight)"),
    Flag(("--cpuset-cpus",), _text, HOST, "CpusetCpus", help="CPUs in which to allow execution (0-3, 0,1)"),
    Flag(("--pids-limit",), runopts.go_int, HOST, "PidsLimit", help="Tune container pids limit (set -1 for unlimited)"),
    Flag(("--ulimit",), runopts.ulimit, HOST, "Ulimits", many=True, help="Ulimit options"),
    Flag(("--gpus",), runopts.gpu_request, HOST, "DeviceRequests", many=True,
         help="GPU devices to add to the container ('all' to pass all GPUs)", min_api="1.40"),
    Flag(("--device",), runopts.device, HOST, "Devices", many=True, checked_late=True,
         help="Add a host device to the container"),
    Flag(("--cap-add",), _text, HOST, "CapAdd", many=True, help="Add Linux capabilities"),
    Flag(("--cap-drop",), _text, HOST, "CapDrop", many=True, help="Drop Linux capabilities"),
    Flag(("--add-host",), runopts.extra_host, HOST, "ExtraHosts", many=True,
         help="Add a custom host-to-IP mapping (host:ip)"),
    Flag(("--dns",), runopts.ip_address, HOST, "Dns", many=True, help="Set custom DNS servers"),
    Flag(("--ipc",), _text, HOST, "IpcMode", help="IPC mode to use"),
    Flag(("--pid",), runopts.pid_mode, HOST, "PidMode", checked_late=True, help="PID namespace to use"),
    Flag(("--cidfile",), _text, HOST, "ContainerIDFile", help="Write the container ID to the file"),
    Flag(("--stop-signal",), _text, CONFIG, "StopSignal", help="Signal to stop the container"),
    Flag(("--stop-timeout",), runopts.go_int, CONFIG, "StopTimeout", help="Timeout (in seconds) to stop a container",
         min_api="1.25"),
    Flag(("--health-cmd",), _text, CONFIG, "Test", help="Command to run to check health"),
    Flag(("--health-interval",), runopts.go_duration, CONFIG, "Interval",
         help="Time between running the check (ms|s|m|h) (default 0s)"),
    Flag(("--health-timeout",), runopts.go_duration, CONFIG, "Timeout",
         help="Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    Flag(("--health-start-period",), runopts.go_duration, CONFIG, "StartPeriod",
         help="Start period for the container to initialize before starting health-retries countdown",
         min_api="1.29"),
    Flag(("--health-start-interval",), runopts.go_duration, CONFIG, "StartInterval",
         help="Time between running the check during the start period (ms|s|m|h) (default 0s)", min_api="1.44"),
    Flag(("--health-retries",), runopts.go_int, CONFIG, "Retries", help="Consecutive failures needed to report unhealthy"),
    Flag(("--log-driver",), _text, HOST, "LogConfig", help="Logging driver for the container"),
    Flag(("--log-opt",), _text, HOST, "LogConfig", many=True, help="Log driver options"),
    Flag(("--tmpfs",), _text, HOST, "Tmpfs", many=True, help="Mount a tmpfs directory"),
    Flag(("--env-file",), runopts.env_file, CONFIG, "Env", many=True, checked_late=True,
         help="Read in a file of environment variables"),
    Flag(("-a", "--attach"), runopts.attach_stream, CONFIG, "Attach", many=True,
         help="Attach to STDIN, STDOUT or STDERR"),
    Flag(("--network-alias",), _text, "NetworkingConfig", "Aliases", many=True,
         help="Add network-scoped alias for the container"),
    Flag(("--ip",), _text, "NetworkingConfig", "IPv4Address", help="IPv4 address (e.g., 172.30.100.104)"),
    Flag(("--platform",), _text, "query", "platform", help="Set platform if server is multi-platform capable"),
    Flag(("--pull",), runopts.pull_policy, "client", "pull", checked_late=True,
         help='Pull image before creating ("always", "missing", "never")'),
)  # fmt: skip

SWITCHES = (
    (("--read-only",), "ReadonlyRootfs", "Mount the container's root filesystem as read only"),
    (("--privileged",), "Privileged", "Give extended privileges to this container"),
    (("--init",), "Init", "Run an init inside the container that forwards signals and reaps processes"),
    (("--no-healthcheck",), "", "Disable any container-specified HEALTHCHECK"),
)


def add_container_flags(parser: CommandParser) -> None:
    """Declare the table's flags on *parser*; values stay text until :func:`parsed_flags`."""
    for flag in FLAGS:
        if flag.many:
            parser.add_argument(*flag.names, dest=flag.dest, action="append", default=[], help=flag.help)
        else:
            parser.add_argument(*flag.names, dest=flag.dest, help=flag.help)
    for names, _, help_text in SWITCHES:
        add_flag(parser, *names, default=None, help=help_text)


def parsed_flags(ns: argparse.Namespace) -> dict[str, Any]:
    """Each table flag's value, parsed by the CLI's rules; the first bad value fails with the CLI's line.

    Values the CLI checks while parsing flags come first, then those it checks afterwards.
    """
    values: dict[str, Any] = {}
    for late in (False, True):
        for flag in FLAGS:
            if flag.checked_late != late:
                continue
            given = getattr(ns, flag.dest)
            if given is None or given == []:
                continue
            items = given if flag.many else [given]
            parsed = [_parse(flag, item) for item in items]
            values[flag.dest] = parsed if flag.many else parsed[0]
    return values


def refuse_flags_the_engine_is_too_old_for(ns: argparse.Namespace, api_version: str) -> None:
    """The CLI's check of a flag's ``version`` annotation against the engine's API version."""

    def numbers(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in version.split(".") if part.isdigit())

    for flag in FLAGS:
        given = getattr(ns, flag.dest)
        if flag.min_api and given not in (None, []) and numbers(api_version) < numbers(flag.min_api):
            raise fail(
                f'"{flag.names[-1]}" requires API version {flag.min_api}, '
                f"but the Docker daemon API version is {api_version}"
            )


def _parse(flag: Flag, value: str) -> Any:
    try:
        return flag.parse(value)
    except runopts.InvalidFlagValue as exc:
        if flag.checked_late:
            raise fail(str(exc)) from None
        raise fail(runopts.invalid_argument(value, ", ".join(flag.names), exc)) from None


def apply_container_flags(
    ns: argparse.Namespace, config: dict[str, Any], host_config: dict[str, Any], detach: bool
) -> dict[str, Any]:
    """Fill *config* and *host_config* from the table's flags; returns the client-side ones (pull, platform).

    Raises the CLI's one line for a bad value or a conflict, before anything is asked of the engine.
    """
    values = parsed_flags(ns)
    for field in ("Dns", "DnsOptions", "DnsSearch", "Ulimits", "Devices"):  # the CLI sends these empty, not null
        host_config.setdefault(field, [])
    for flag in FLAGS:
        if flag.dest in values and flag.field not in _BUILT_BELOW:
            section = config if flag.section == CONFIG else host_config if flag.section == HOST else None
            if section is not None:
                section[flag.field] = values[flag.dest]
    if "cap_add" in values or "cap_drop" in values:
        host_config["CapAdd"], host_config["CapDrop"] = runopts.effective_capabilities(
            values.get("cap_add", []), values.get("cap_drop", [])
        )
    if "ulimit" in values:  # one per name, the last given wins; sorted by name (opts.UlimitOpt)
        by_name = {limit["Name"]: limit for limit in values["ulimit"]}
        host_config["Ulimits"] = [by_name[name] for name in sorted(by_name)]
    for names, field, _ in SWITCHES:
        chosen = getattr(ns, names[0].lstrip("-").replace("-", "_"))
        if field and chosen is not None:
            host_config[field] = chosen
    if values.get("tmpfs"):
        host_config["Tmpfs"] = runopts.tmpfs(values["tmpfs"])
    if values.get("env_file"):  # the files first, then -e (opts.ReadKVEnvStrings)
        config["Env"] = [line for lines in values["env_file"] for line in lines] + config.get("Env", [])
    _apply_attach(values.get("attach", []), ns, config, detach)
    _apply_logging(values, host_config)
    _apply_health(values, ns, config)
    _apply_network(values, host_config, config)
    return {"pull": values.get("pull", "missing"), "platform": values.get("platform")}


_BUILT_BELOW = frozenset(
    {"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries", "LogConfig", "Tmpfs", "Env", "Attach"}
)


def _apply_attach(streams: list[str], ns: argparse.Namespace, config: dict[str, Any], detach: bool) -> None:
    """``-a``: which streams the client attaches; none of them when detached (``-d`` and ``-a`` conflict)."""
    if not streams:
        return
    if detach:
        raise fail("conflicting options: cannot specify both --attach and --detach")
    config["AttachStdin"] = "stdin" in streams or ns.interactive
    config["AttachStdout"] = "stdout" in streams
    config["AttachStderr"] = "stderr" in streams
    config["StdinOnce"] = config["AttachStdin"] and ns.interactive


def _apply_logging(values: dict[str, Any], host_config: dict[str, Any]) -> None:
    driver, options = values.get("log_driver"), values.get("log_opt", [])
    if driver == "none" and options:
        raise fail(f"invalid logging opts for driver {driver}")
    if driver or options:
        host_config["LogConfig"] = {"Type": driver or "", "Config": runopts.key_value_map(options)}


_HEALTH_FIELDS = (
    ("health_interval", "Interval"),
    ("health_timeout", "Timeout"),
    ("health_start_period", "StartPeriod"),
    ("health_start_interval", "StartInterval"),
    ("health_retries", "Retries"),
)


def _apply_health(values: dict[str, Any], ns: argparse.Namespace, config: dict[str, Any]) -> None:
    """The ``--health-*`` flags as ``Config.Healthcheck`` (``--no-healthcheck``: the test ``NONE``)."""
    given = bool(values.get("health_cmd")) or any(values.get(dest) for dest, _ in _HEALTH_FIELDS)
    if ns.no_healthcheck:
        if given:
            raise fail("--no-healthcheck conflicts with --health-* options")
        config["Healthcheck"] = {"Test": ["NONE"]}
        return
    if not given:
        return
    for dest, _ in _HEALTH_FIELDS:
        if (values.get(dest) or 0) < 0:
            raise fail(f"--{dest.replace('_', '-')} cannot be negative")
    health: dict[str, Any] = {"Test": ["CMD-SHELL", values["health_cmd"]] if values.get("health_cmd") else None}
    for dest, field in _HEALTH_FIELDS:
        health[field] = values.get(dest) or 0
    config["Healthcheck"] = health


def user_defined_network(mode: str) -> bool:
    """moby ``NetworkMode.IsUserDefined``: anything but default, bridge, host, none and container:…"""
    return mode not in ("default", "bridge", "host", "none") and not mode.startswith("container:")


def _apply_network(values: dict[str, Any], host_config: dict[str, Any], config: dict[str, Any]) -> None:
    """``--network-alias``/``--ip``: the endpoint settings of the container's one network."""
    aliases, address = values.get("network_alias", []), values.get("ip")
    if not aliases and not address:
        return
    target = host_config.get("NetworkMode") or "default"
    if aliases and not user_defined_network(target):
        raise fail("network-scoped aliases are only supported for user-defined networks")
    endpoint: dict[str, Any] = {}
    if aliases:
        endpoint["Aliases"] = aliases
    if address:
        endpoint["IPAMConfig"] = {"IPv4Address": address}
    config["NetworkingConfig"] = {"EndpointsConfig": {target: endpoint}}
