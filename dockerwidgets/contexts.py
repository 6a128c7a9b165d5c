"""The docker CLI's context store (``$DOCKER_CONFIG``, else ``~/.docker``), read and written as the CLI does.

A context names an engine: its address and, for TLS, its certificates. The store is
shared with the docker CLI: a context made here is one it sees, and the other way round.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import fail

DEFAULT_HOST = "unix:///var/run/docker.sock"
DEFAULT_DESCRIPTION = "Current DOCKER_HOST based configuration"
NAME_PATTERN = r"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$"
TLS_FILES = ("ca.pem", "cert.pem", "key.pem")


@dataclass(frozen=True)
class TLS:
    """How to speak TLS to an engine: verify the server or not, and which files to use."""

    verify: bool = True
    ca: str | None = None
    cert: str | None = None
    key: str | None = None


@dataclass
class Context:
    """One context of the store (``default`` stands for ``DOCKER_HOST`` or the default socket)."""

    name: str
    host: str
    description: str = ""
    skip_tls_verify: bool = False
    tls_files: dict[str, str] = field(default_factory=dict)  # "ca.pem" -> its path

    @property
    def tls(self) -> TLS | None:
        """The TLS settings for this context's engine, or ``None`` for a plain connection."""
        if not self.tls_files and not self.skip_tls_verify:
            return None
        return TLS(
            verify=not self.skip_tls_verify,
            ca=self.tls_files.get("ca.pem"),
            cert=self.tls_files.get("cert.pem"),
            key=self.tls_files.get("key.pem"),
        )


def config_dir() -> Path:
    """The docker CLI's configuration folder."""
    return Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker")


def _digest(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def _meta_path(name: str) -> Path:
    return config_dir() / "contexts" / "meta" / _digest(name) / "meta.json"


def _tls_dir(name: str) -> Path:
    return config_dir() / "contexts" / "tls" / _digest(name) / "docker"


def _read_config() -> dict:
    try:
        return json.loads((config_dir() / "config.json").read_text())
    except (OSError, ValueError):
        return {}


def current_context_name() -> str:
    """The context the CLI would use: ``DOCKER_HOST`` means ``default``, then ``DOCKER_CONTEXT``, then the config."""
    if os.environ.get("DOCKER_HOST"):
        return "default"
    return os.environ.get("DOCKER_CONTEXT") or _read_config().get("currentContext") or "default"


def default_context() -> Context:
    """The ``default`` context: ``DOCKER_HOST`` when set, else the default socket."""
    return Context("default", os.environ.get("DOCKER_HOST") or DEFAULT_HOST, DEFAULT_DESCRIPTION)


def read_context(name: str) -> Context:
    """The context called *name*; an unknown one gets the CLI's one-line message."""
    if name == "default":
        return default_context()
    path = _meta_path(name)
    try:
        meta = json.loads(path.read_text())
    except OSError:
        raise fail(f'context "{name}": context not found: open {path}: no such file or directory') from None
    except ValueError as exc:
        raise fail(f'context "{name}": cannot read {path}: {exc}') from None
    endpoint = (meta.get("Endpoints") or {}).get("docker") or {}
    tls_dir = _tls_dir(name)
    tls_files = {file: str(tls_dir / file) for file in TLS_FILES if (tls_dir / file).is_file()}
    return Context(
        name=meta.get("Name") or name,
        host=endpoint.get("Host") or DEFAULT_HOST,
        description=(meta.get("Metadata") or {}).get("Description") or "",
        skip_tls_verify=bool(endpoint.get("SkipTLSVerify")),
        tls_files=tls_files,
    )


def list_contexts() -> list[Context]:
    """Every context: ``default`` first, then the store's, by name (as ``docker context ls``)."""
    contexts = [default_context()]
    meta_root = config_dir() / "contexts" / "meta"
    names = []
    for meta in meta_root.glob("*/meta.json") if meta_root.is_dir() else []:
        try:
            names.append(json.loads(meta.read_text())["Name"])
        except (OSError, ValueError, KeyError):
            continue
    contexts.extend(read_context(name) for name in sorted(names))
    return contexts


def create_context(
    name: str,
    host: str,
    description: str = "",
    skip_tls_verify: bool = False,
    ca: str | None = None,
    cert: str | None = None,
    key: str | None = None,
) -> None:
    """Write a new context into the store, copying its TLS files beside it as the CLI does."""
    if not re.match(NAME_PATTERN, name) or name == "default":
        if name == "default":
            raise fail('context "default" already exists')
        raise fail(f'context name "{name}" is invalid, names are validated against regexp "{NAME_PATTERN}"')
    if _meta_path(name).exists():
        raise fail(f'context "{name}" already exists')
    files = {"ca.pem": ca, "cert.pem": cert, "key.pem": key}
    for file in files.values():
        if file and not Path(file).is_file():
            raise fail(f"unable to create docker endpoint config: open {file}: no such file or directory")
    meta = {
        "Name": name,
        "Metadata": {"Description": description} if description else {},
        "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_tls_verify}},
    }
    _meta_path(name).parent.mkdir(parents=True, exist_ok=True)
    _meta_path(name).write_text(json.dumps(meta))
    if any(files.values()):
        _tls_dir(name).mkdir(parents=True, exist_ok=True)
        for target, source in files.items():
            if source:
                shutil.copyfile(source, _tls_dir(name) / target)
                (_tls_dir(name) / target).chmod(0o600)


def use_context(name: str) -> None:
    """Make *name* the current context (``default`` clears the setting), in the CLI's config.json."""
    read_context(name)  # fails for an unknown one
    config = _read_config()
    if name == "default":
        config.pop("currentContext", None)
    else:
        config["currentContext"] = name
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.json").write_text(json.dumps(config, indent="\t"))


def remove_context(name: str, force: bool = False) -> None:
    """Delete a context; the current one only with *force* (then ``default`` becomes current)."""
    if name == "default":
        raise fail('context "default" cannot be removed')
    read_context(name)
    if name == _read_config().get("currentContext"):
        if not force:
            raise fail(f'context "{name}" is in use, set -f flag to force remove')
        use_context("default")
    shutil.rmtree(_meta_path(name).parent, ignore_errors=True)
    shutil.rmtree(_tls_dir(name).parent, ignore_errors=True)


def inspect_context(name: str) -> dict:
    """A context as ``docker context inspect`` shows it."""
    context = read_context(name)
    return {
        "Name": context.name,
        "Metadata": {"Description": context.description} if context.description else {},
        "Endpoints": {"docker": {"Host": context.host, "SkipTLSVerify": context.skip_tls_verify}},
        "TLSMaterial": {"docker": sorted(context.tls_files)} if context.tls_files else {},
        "Storage": {
            "MetadataPath": str(_meta_path(name).parent) if name != "default" else "<IN MEMORY>",
            "TLSPath": str(_tls_dir(name).parent) if name != "default" else "<IN MEMORY>",
        },
    }
