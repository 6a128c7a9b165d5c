"""The values of ``run``/``create`` flags, parsed by the docker CLI's rules (pure: no engine, no argparse).

Each parser takes the flag's text and returns what goes in the engine's create body, or
raises :class:`InvalidFlagValue` whose text is the CLI's reason, the part after
``invalid argument "X" for "-f, --flag" flag: ``. Sources: docker/cli v28 ``opts/mount.go``,
``opts/ulimit.go`` (go-units ``ParseUlimit``), ``opts/gpus.go``, ``opts/opts.go``
(``ParseCPUs``, ``MemBytes``, ``ValidateIPAddress``), ``opts/hosts.go``
(``ValidateExtraHost``), ``pkg/kvfile``, ``cli/command/container/opts.go`` and go-units
v0.5.0 ``RAMInBytes``.
"""

from __future__ import annotations

import ipaddress
import os
import posixpath
import re
from fractions import Fraction
from typing import Any

from .timestamps import go_duration_ns

_INT64_MAX = (1 << 63) - 1


class InvalidFlagValue(ValueError):
    """A flag value the CLI refuses; ``str()`` is the CLI's reason text."""


_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v", '"': '\\"', "\\": "\\\\"}  # fmt: skip


def go_quote(text: str) -> str:
    """Go's ``%q`` (``strconv.Quote``), as pflag quotes a refused value in ``invalid argument "…"``."""
    out = []
    for char in text:
        if char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif ord(char) < 0x80:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def invalid_argument(value: str, flags: str, reason: object) -> str:
    """pflag's line for a refused value: ``invalid argument "12x" for "-m, --memory" flag: <reason>``."""
    return f"invalid argument {go_quote(value)} for {go_quote(flags)} flag: {reason}"


# --- numbers, as Go's strconv parses them -------------------------------------------------


def _go_float(text: str) -> float:
    """``strconv.ParseFloat(text, 64)``: Go's syntax (no spaces, no ``_`` between digits without a base)."""
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        raise InvalidFlagValue(f'strconv.ParseFloat: parsing "{text}": invalid syntax')
    return float(text)


def go_int(text: str, bits: int = 64) -> int:
    """``strconv.ParseInt(text, 10, bits)`` (the CLI's ``Int64Var``/``IntVar`` flags)."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise InvalidFlagValue(f'strconv.ParseInt: parsing "{text}": invalid syntax')
    value = int(text)
    if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
        raise InvalidFlagValue(f'strconv.ParseInt: parsing "{text}": value out of range')
    return value


def go_bool(text: str) -> bool:
    """``strconv.ParseBool``: 1, t, T, TRUE, true, True and their false twins."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise InvalidFlagValue(f'strconv.ParseBool: parsing "{text}": invalid syntax')


# --- sizes and CPUs ----------------------------------------------------------------------

_BINARY = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def ram_in_bytes(text: str) -> int:
    """go-units ``RAMInBytes``: ``512m``, ``1.5g``, ``64 KiB``, ``100`` (bytes); binary multiples."""
    cut = max(text.rfind(char) for char in "01234567890. ")
    if cut == -1:
        raise InvalidFlagValue(f"invalid size: '{text}'")
    number, suffix = (text[:cut], text[cut + 1 :]) if text[cut] == " " else (text[: cut + 1], text[cut + 1 :])
    size = _go_float(number)
    if size < 0:
        raise InvalidFlagValue(f"invalid size: '{text}'")
    if not suffix:
        return int(size)
    if len(suffix) > 3:
        raise InvalidFlagValue(f"invalid suffix: '{suffix}'")
    suffix = suffix.lower()
    if suffix == "b":
        return int(size)
    if suffix[0] not in _BINARY or suffix[1:] not in ("", "b", "ib")[len(suffix) - 1 : len(suffix)]:
        raise InvalidFlagValue(f"invalid suffix: '{suffix}'")
    return int(size * _BINARY[suffix[0]])


def memory_swap_bytes(text: str) -> int:
    """``--memory-swap``: a size, or ``-1`` for unlimited swap (``opts.MemSwapBytes``)."""
    return -1 if text == "-1" else ram_in_bytes(text)


def nano_cpus(text: str) -> int:
    """``--cpus 1.5`` as the engine's ``NanoCpus`` (``opts.ParseCPUs``: a rational, whole in nano-CPUs)."""
    try:
        value = Fraction(_go_rational(text))
    except (ValueError, ZeroDivisionError):
        raise InvalidFlagValue(f"failed to parse {text} as a rational number") from None
    nano = value * 1_000_000_000
    if nano.denominator != 1:
        raise InvalidFlagValue("value is too precise")
    return int(nano)


def _go_rational(text: str) -> str:
    """What Go's ``big.Rat.SetString`` accepts: ``a/b``, decimals, exponents; else ``ValueError``."""
    if re.fullmatch(r"[+-]?\d+/\d+|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text) is None:
        raise ValueError(text)
    return text


# --- durations ---------------------------------------------------------------------------


def go_duration(text: str) -> int:
    """Go's ``time.ParseDuration`` in nanoseconds (``--health-interval 30s``), with Go's error text."""
    value = go_duration_ns(text)
    if value is not None:
        return value
    rest = text[1:] if text[:1] in ("+", "-") else text
    while rest:  # walk as Go does, to name the first thing wrong
        number = re.match(r"(\d*)(?:\.(\d*))?", rest)
        if not (number.group(1) or number.group(2)):
            break
        rest = rest[number.end() :]
        unit = re.match(r"[^0-9.]*", rest).group()
        rest = rest[len(unit) :]
        if not unit:
            raise InvalidFlagValue(f'time: missing unit in duration "{text}"')
        if unit not in _DURATION_UNITS:
            raise InvalidFlagValue(f'time: unknown unit "{unit}" in duration "{text}"')
    raise InvalidFlagValue(f'time: invalid duration "{text}"')


_DURATION_UNITS = ("ns", "us", "µs", "μs", "ms", "s", "m", "h")


# --- ulimits, gpus, devices, hosts -------------------------------------------------------

ULIMIT_NAMES = frozenset(
    "core cpu data fsize locks memlock msgqueue nice nofile nproc rss rtprio rttime sigpending stack".split()
)


def ulimit(text: str) -> dict[str, Any]:
    """``--ulimit nofile=1024:2048`` as ``{"Name", "Soft", "Hard"}`` (go-units v0.5.0 ``ParseUlimit``)."""
    name, sep, limits = text.partition("=")
    if not sep:
        raise InvalidFlagValue(f"invalid ulimit argument: {text}")
    if name not in ULIMIT_NAMES:
        raise InvalidFlagValue(f"invalid ulimit type: {name}")
    parts = limits.split(":")
    if len(parts) > 2:
        raise InvalidFlagValue(f"too many limit value arguments - {limits}, can only have up to two, `soft[:hard]`")
    hard = go_int(parts[1]) if len(parts) == 2 else None
    soft = go_int(parts[0])
    if hard is None:
        hard = soft
    if hard != -1:
        if soft == -1:
            raise InvalidFlagValue(
                f"ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: {hard}"
            )
        if soft > hard:
            raise InvalidFlagValue(f"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}")
    return {"Name": name, "Soft": soft, "Hard": hard}


def _csv_fields(text: str) -> list[str]:
    """One record of Go's ``encoding/csv`` (``"…"`` quoting, ``""`` for a quote), with its error text."""
    if not text:
        raise InvalidFlagValue("EOF")

    def error(position: int, what: str) -> InvalidFlagValue:
        column = len(text[:position].encode()) + 1
        return InvalidFlagValue(f"parse error on line 1, column {column}: {what}")

    fields: list[str] = []
    index = 0
    while True:
        if text.startswith('"', index):
            index += 1
            parts = []
            while True:
                close = text.find('"', index)
                if close == -1:
                    raise error(len(text), 'extraneous or missing " in quoted-field')
                parts.append(text[index:close])
                index = close + 1
                if text.startswith('"', index):
                    parts.append('"')
                    index += 1
                elif index == len(text) or text[index] == ",":
                    break
                else:  # Go points at the closing quote
                    raise error(index - 1, 'extraneous or missing " in quoted-field')
            fields.append("".join(parts))
        else:
            comma = text.find(",", index)
            end = len(text) if comma == -1 else comma
            quote = text.find('"', index, end)
            if quote != -1:
                raise error(quote, 'bare " in non-quoted-field')
            fields.append(text[index:end])
            index = end
        if index >= len(text):
            return fields
        index += 1  # the comma


def _gpu_count(text: str) -> int:
    if text == "all":
        return -1
    try:
        return go_int(text)
    except InvalidFlagValue:
        reason = "value out of range" if re.fullmatch(r"[+-]?[0-9]+", text) else "invalid syntax"
        raise InvalidFlagValue(f'invalid count ({text}): value must be either "all" or an integer: {reason}') from None


def gpu_request(text: str) -> dict[str, Any]:
    """``--gpus all|N|device=…|capabilities=…`` as one engine ``DeviceRequest`` (``opts/gpus.go``)."""
    request: dict[str, Any] = {"Driver": "", "Count": 0, "DeviceIDs": None, "Capabilities": None, "Options": None}
    seen: set[str] = set()
    for field in _csv_fields(text):
        key, has_value, value = field.partition("=")
        if key in seen:
            raise InvalidFlagValue(f"gpu request key '{key}' can be specified only once")
        seen.add(key)
        if not has_value:
            seen.add("count")
            request["Count"] = _gpu_count(key)
        elif key == "driver":
            request["Driver"] = value
        elif key == "count":
            request["Count"] = _gpu_count(value)
        elif key == "device":
            request["DeviceIDs"] = value.split(",")
        elif key == "capabilities":
            request["Capabilities"] = [[*value.split(","), "gpu"]]
        elif key == "options":
            request["Options"] = key_value_map(_csv_fields(value))
        else:
            raise InvalidFlagValue(f"unexpected key '{key}' in '{field}'")
    if "count" not in seen and request["DeviceIDs"] is None:
        request["Count"] = 1
    request["Options"] = request["Options"] or {}
    request["Capabilities"] = request["Capabilities"] or [["gpu"]]
    return request


def key_value_map(items: list[str]) -> dict[str, str]:
    """``opts.ConvertKVStringsToMap``: ``k=v`` items as a map; a bare ``k`` maps to ``""``."""
    result = {}
    for item in items:
        key, _, value = item.partition("=")
        result[key] = value
    return result


def _valid_device_mode(mode: str) -> bool:
    return bool(mode) and len(set(mode)) == len(mode) and set(mode) <= set("rwm")


def device(text: str) -> dict[str, str]:
    """``--device /dev/x[:/dev/y][:rwm]`` as a ``DeviceMapping`` (``validateLinuxPath`` + ``parseLinuxDevice``).

    The CLI checks this after parsing its flags, so its errors have no ``invalid argument`` prefix.
    """
    parts = text.split(":")
    if len(parts) > 3 or not parts[0]:
        raise InvalidFlagValue(f"bad format for path: {text}")
    if len(parts) == 1:
        container_path, text = parts[0], posixpath.normpath(parts[0])
    elif len(parts) == 2 and _valid_device_mode(parts[1]):
        container_path, text = parts[0], f"{posixpath.normpath(parts[0])}:{parts[1]}"
    elif len(parts) == 2:
        container_path, text = parts[1], f"{parts[0]}:{posixpath.normpath(parts[1])}"
    else:
        container_path = parts[1]
        if not _valid_device_mode(parts[2]):
            raise InvalidFlagValue(f"bad mode specified: {parts[2]}")
    if not container_path.startswith("/"):
        raise InvalidFlagValue(f"{container_path} is not an absolute path")
    parts = text.split(":")
    permissions, destination = (parts[2] if len(parts) == 3 else "rwm"), ""
    if len(parts) >= 2:
        if _valid_device_mode(parts[1]):
            permissions = parts[1]
        else:
            destination = parts[1]
    return {"PathOnHost": parts[0], "PathInContainer": destination or parts[0], "CgroupPermissions": permissions}


def ip_address(text: str) -> str:
    """``--dns``: ``opts.ValidateIPAddress`` (the address in its normal form)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise InvalidFlagValue(f"IP address is not correctly formatted: {text}") from None


def extra_host(text: str) -> str:
    """``--add-host name:ip`` (or ``name=ip``, ``host-gateway``) as the engine's ``name:ip``."""
    name, sep, address = text.partition("=")
    if not sep:
        name, sep, address = text.partition(":")
    if not sep or not name or ":" in name:
        raise InvalidFlagValue(f'bad format for add-host: "{text}"')
    if address != "host-gateway":
        if len(address) > 2 and address[0] == "[" and address[-1] == "]":
            address = address[1:-1]
        try:
            ipaddress.ip_address(address.strip())
        except ValueError:
            raise InvalidFlagValue(f'invalid IP address in add-host: "{address}"') from None
    return f"{name}:{address}"


def attach_stream(text: str) -> str:
    """``-a stdin|stdout|stderr`` (any case)."""
    if text.lower() in ("stdin", "stdout", "stderr"):
        return text.lower()
    raise InvalidFlagValue("valid streams are STDIN, STDOUT and STDERR")


def pid_mode(text: str) -> str:
    """``--pid``: ``""``, ``host`` or ``container:<name|id>`` (moby ``PidMode.Valid``)."""
    kind, sep, name = text.partition(":")
    if text in ("", "host") or (kind == "container" and sep and name):
        return text
    raise InvalidFlagValue("--pid: invalid PID mode")


PULL_POLICIES = ("always", "missing", "never")


def pull_policy(text: str) -> str:
    """``--pull always|missing|never``."""
    if text in PULL_POLICIES:
        return text
    raise InvalidFlagValue(f'invalid pull option: \'{text}\': must be one of "always", "missing" or "never"')


def normalize_capability(name: str) -> str:
    """``opts.NormalizeCapability``: upper case with ``CAP_``; ``ALL`` and ``RESET`` as they are."""
    name = name.strip().upper()
    return name if name in ("ALL", "RESET") or name.startswith("CAP_") else f"CAP_{name}"


def effective_capabilities(add: list[str], drop: list[str]) -> tuple[list[str] | None, list[str] | None]:
    """``--cap-add``/``--cap-drop`` as the CLI sends them (``opts.EffectiveCapAddCapDrop``).

    ``ALL`` stands alone; a capability both added and dropped is added; ``RESET`` is dropped from both.
    """
    adds = {normalize_capability(name) for name in add}
    drops = {normalize_capability(name) for name in drop}
    adds = {"ALL"} if "ALL" in adds else adds
    drops = {"ALL"} if "ALL" in drops else drops
    capabilities_dropped = sorted(name for name in drops if name not in adds and name != "RESET")
    capabilities_added = sorted(name for name in adds if name != "RESET")
    return capabilities_added or None, capabilities_dropped or None


# --- files -------------------------------------------------------------------------------


def env_file(path: str, environ: dict[str, str] | None = None) -> list[str]:
    """``--env-file``: ``KEY=value`` lines, a bare ``KEY`` from this environment, ``#`` comments (``pkg/kvfile``)."""
    environ = os.environ if environ is None else environ
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InvalidFlagValue(f"open {path}: {_go_os_error(exc)}") from None
    lines: list[str] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidFlagValue(
                f"invalid env file ({path}): invalid utf8 bytes at line {number}: [{' '.join(str(b) for b in raw)}]"
            ) from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        line = text.lstrip()
        if not line or line.startswith("#"):
            continue
        key, has_value, _ = line.partition("=")
        if not key:
            raise InvalidFlagValue(f"invalid env file ({path}): no variable name on line '{line}'")
        if " " in key or "\t" in key:
            raise InvalidFlagValue(f"invalid env file ({path}): variable '{key}' contains whitespaces")
        if has_value:
            lines.append(line)
        elif line in environ:
            lines.append(f"{key}={environ[line]}")
    return lines


def _go_os_error(exc: OSError) -> str:
    """The tail of Go's ``*PathError`` text: ``no such file or directory``, ``permission denied``, …"""
    return (exc.strerror or str(exc)).lower()


# --- mounts and volumes ------------------------------------------------------------------

_MOUNT_FLAGS = ("readonly", "ro", "volume-nocopy", "bind-nonrecursive")


def mount(text: str) -> dict[str, Any]:
    """``--mount type=…,source=…,target=…,…`` as an engine ``Mount`` (``opts/mount.go``, CLI v28.2)."""
    result: dict[str, Any] = {"Type": "volume"}

    def options(kind: str) -> dict[str, Any]:
        return result.setdefault(kind, {})

    def volume_options() -> dict[str, Any]:
        volume = options("VolumeOptions")
        volume.setdefault("Labels", {})
        volume.setdefault("DriverConfig", {})
        return volume

    for field in _csv_fields(text):
        key, has_value, value = field.partition("=")
        key = key.lower()
        if not has_value:
            if key not in _MOUNT_FLAGS:
                raise InvalidFlagValue(f"invalid field '{field}' must be a key=value pair")
            if key in ("readonly", "ro"):
                result["ReadOnly"] = True
            elif key == "volume-nocopy":
                volume_options()["NoCopy"] = True
            else:
                options("BindOptions")["NonRecursive"] = True
            continue
        if key == "type":
            result["Type"] = value.lower()
        elif key in ("source", "src"):
            result["Source"] = os.path.abspath(value) if value.startswith(".") else value
        elif key in ("target", "dst", "destination"):
            result["Target"] = value
        elif key in ("readonly", "ro"):
            result["ReadOnly"] = _mount_bool(key, value)
        elif key == "consistency":
            result["Consistency"] = value.lower()
        elif key == "bind-propagation":
            options("BindOptions")["Propagation"] = value.lower()
        elif key == "bind-nonrecursive":
            options("BindOptions")["NonRecursive"] = _mount_bool(key, value)
        elif key == "bind-recursive":
            recursive = {"disabled": "NonRecursive", "writable": "ReadOnlyNonRecursive",
                         "readonly": "ReadOnlyForceRecursive"}  # fmt: skip
            if value not in ("enabled", *recursive):
                raise InvalidFlagValue(
                    f'invalid value for {key}: {value} (must be "enabled", "disabled", "writable", or "readonly")'
                )
            bind = options("BindOptions")
            if value in recursive:
                bind[recursive[value]] = True
        elif key == "volume-subpath":
            volume_options()["Subpath"] = value
        elif key == "volume-nocopy":
            try:
                volume_options()["NoCopy"] = go_bool(value)
            except InvalidFlagValue:
                raise InvalidFlagValue(f"invalid value for volume-nocopy: {value}") from None
        elif key == "volume-label":
            _set_on_map(volume_options()["Labels"], value)
        elif key == "volume-driver":
            volume_options()["DriverConfig"]["Name"] = value
        elif key == "volume-opt":
            _set_on_map(volume_options()["DriverConfig"].setdefault("Options", {}), value)
        elif key == "image-subpath":
            options("ImageOptions")["Subpath"] = value
        elif key == "tmpfs-size":
            try:
                options("TmpfsOptions")["SizeBytes"] = ram_in_bytes(value)
            except InvalidFlagValue:
                raise InvalidFlagValue(f"invalid value for {key}: {value}") from None
        elif key == "tmpfs-mode":
            if not re.fullmatch(r"\+?[0-7]+", value) or int(value, 8) >= 1 << 32:
                raise InvalidFlagValue(f"invalid value for {key}: {value}")
            options("TmpfsOptions")["Mode"] = int(value, 8)
        else:
            raise InvalidFlagValue(f"unexpected key '{key}' in '{field}'")
    _check_mount(result)
    return result


def _mount_bool(key: str, value: str) -> bool:
    try:
        return go_bool(value)
    except InvalidFlagValue:
        raise InvalidFlagValue(f"invalid value for {key}: {value}") from None


def _set_on_map(target: dict[str, str], value: str) -> None:
    key, _, item = value.partition("=")
    if key:
        target[key] = item


def _check_mount(result: dict[str, Any]) -> None:
    kind = result["Type"]
    if not kind:
        raise InvalidFlagValue("type is required")
    if not result.get("Target"):
        raise InvalidFlagValue("target is required")
    for options, prefix, owner in (("VolumeOptions", "volume", "volume"), ("ImageOptions", "image", "image"),
                                   ("BindOptions", "bind", "bind"), ("TmpfsOptions", "tmpfs", "tmpfs")):  # fmt: skip
        if options in result and kind != owner:
            raise InvalidFlagValue(f"cannot mix '{prefix}-*' options with mount type '{kind}'")
    bind = result.get("BindOptions", {})
    if bind.get("ReadOnlyNonRecursive") and not result.get("ReadOnly"):
        raise InvalidFlagValue("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction")
    if bind.get("ReadOnlyForceRecursive"):
        if not result.get("ReadOnly"):
            raise InvalidFlagValue(
                "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction"
            )
        if bind.get("Propagation") != "rprivate":
            raise InvalidFlagValue(
                "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"
            )


def _windows_drive(buffer: str, char: str) -> bool:
    return char == ":" and len(buffer) == 1 and buffer.isalpha()


def _volume_source(spec: str) -> str:
    """The source part of a ``-v`` spec as the CLI's compose loader reads it (``ParseVolume``); ``""`` when
    anonymous. A one-letter part before ``:`` is a Windows drive (``c:\\data``), kept in the part."""
    if not spec:
        raise InvalidFlagValue("invalid empty volume spec")
    if len(spec) <= 2:
        return ""
    source = target = None
    buffer = ""
    for char in [*spec, ""]:
        if _windows_drive(buffer, char):
            buffer += char
        elif char in (":", ""):
            if not buffer:
                raise InvalidFlagValue(f"invalid spec: {spec}: empty section between colons")
            if source is None and char == "":
                target = buffer
            elif source is None:
                source = buffer
            elif target is None:
                target = buffer
            elif char == ":":
                raise InvalidFlagValue(f"invalid spec: {spec}: too many colons")
            buffer = ""
        else:
            buffer += char
    return source or ""


def _file_path(source: str) -> bool:
    """The loader's ``isFilePath``: the source of a bind (``/``, ``.``, ``~``, ``\\\\``, a drive), not a volume name."""
    if source[0] in "./~":
        return True
    if len(source) == 1:
        return False
    return source.startswith("\\\\") or _windows_drive(source[0], source[1])


def split_volume(spec: str) -> tuple[str | None, str]:
    """``-v`` as the CLI sorts it: ``(None, spec)`` for an anonymous volume (``-v /data``, a
    ``Config.Volumes`` key), else ``(source, bind)`` for ``HostConfig.Binds``.

    A bind's relative host part (``./data:/data``) becomes absolute, as the CLI makes it.
    The engine checks the rest (modes such as ``ro``), so its errors stay its own.
    """
    source = _volume_source(spec)
    if not source:
        return None, spec
    host, _, rest = spec.partition(":")
    if _file_path(source) and host.startswith(".") and not os.path.isabs(host):
        return source, f"{os.path.abspath(host)}:{rest}"
    return source, spec


def tmpfs(values: list[str]) -> dict[str, str]:
    """``--tmpfs /run:rw,size=64m`` values as the engine's ``Tmpfs`` map (path → options)."""
    result = {}
    for value in values:
        path, _, options = value.partition(":")
        result[path] = options
    return result
