"""Image reference parsing modelled on distribution/reference (normalize.go, reference.go)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

__all__ = [
    "DEFAULT_DOMAIN",
    "DEFAULT_TAG",
    "InvalidReference",
    "Reference",
    "parse_any_reference",
    "parse_reference",
]

DEFAULT_DOMAIN = "docker.io"
LEGACY_DEFAULT_DOMAIN = "index.docker.io"
OFFICIAL_REPO_PREFIX = "library/"
DEFAULT_TAG = "latest"
NAME_TOTAL_LENGTH_MAX = 255

# Regular expressions copied from distribution/reference regexp.go (Go's \w is ASCII-only).
_ALPHANUMERIC = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_DOMAIN_NAME_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_OPTIONAL_PORT = r"(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"
_IDENTIFIER = r"([a-f0-9]{64})"
_IPV6_ADDRESS = r"\[(?:[a-fA-F0-9:]+)\]"
_DOMAIN_NAME = _DOMAIN_NAME_COMPONENT + r"(?:\." + _DOMAIN_NAME_COMPONENT + r")*"
_HOST = r"(?:" + _DOMAIN_NAME + r"|" + _IPV6_ADDRESS + r")"
_DOMAIN_AND_PORT = _HOST + _OPTIONAL_PORT
_PATH_COMPONENT = _ALPHANUMERIC + r"(?:" + _SEPARATOR + _ALPHANUMERIC + r")*"
_REMOTE_NAME = _PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*"
_NAME = r"(?:" + _DOMAIN_AND_PORT + r"/)?" + _REMOTE_NAME

# Go's "$" means end of text, so these are used with fullmatch() instead of anchors.
_REFERENCE_RE = re.compile(r"(" + _NAME + r")(?::(" + _TAG + r"))?(?:@(" + _DIGEST + r"))?", re.ASCII)
_ANCHORED_NAME_RE = re.compile(r"(?:(" + _DOMAIN_AND_PORT + r")/)?(" + _REMOTE_NAME + r")", re.ASCII)
_ANCHORED_IDENTIFIER_RE = re.compile(_IDENTIFIER, re.ASCII)

# opencontainers/go-digest v1.0.0 (the version vendored by docker/cli).
_GO_DIGEST_RE = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+", re.ASCII)
_DIGEST_HEX_LENGTHS = {"sha256": 64, "sha384": 96, "sha512": 128}


class InvalidReference(ValueError):
    """Raised when an image reference cannot be parsed (message text as in Go)."""


@dataclass(frozen=True)
class Reference:
    """A parsed, normalized image reference."""

    domain: str
    path: str
    tag: str | None = None
    digest: str | None = None

    @property
    def name(self) -> str:
        """Return the fully qualified repository name, e.g. docker.io/library/centos."""
        return f"{self.domain}/{self.path}" if self.domain else self.path

    @property
    def familiar_name(self) -> str:
        """Return the name as shown by the docker CLI, e.g. centos or user/app."""
        domain, path = self.domain, self.path
        if domain == DEFAULT_DOMAIN:
            domain = ""
            if path.startswith(OFFICIAL_REPO_PREFIX):
                remainder = path[len(OFFICIAL_REPO_PREFIX) :]
                if "/" not in remainder:
                    path = remainder
        return f"{domain}/{path}" if domain else path

    def _suffix(self) -> str:
        """Return the ':tag@digest' suffix."""
        suffix = f":{self.tag}" if self.tag else ""
        return suffix + (f"@{self.digest}" if self.digest else "")

    def familiar(self) -> str:
        """Return the familiar string with tag/digest, e.g. centos:7."""
        return self.familiar_name + self._suffix()

    def with_default_tag(self) -> Reference:
        """Return a copy tagged 'latest' when neither tag nor digest is set (TagNameOnly)."""
        if self.tag or self.digest:
            return self
        return dataclasses.replace(self, tag=DEFAULT_TAG)

    def __str__(self) -> str:
        """Return the fully qualified reference string."""
        return self.name + self._suffix()


def _validate_digest(text: str) -> None:
    """Validate a digest like go-digest's Digest.Validate."""
    i = text.find(":")
    if i <= 0 or i + 1 == len(text):
        raise InvalidReference("invalid checksum digest format")
    algorithm, encoded = text[:i], text[i + 1 :]
    size = _DIGEST_HEX_LENGTHS.get(algorithm)
    if size is None:
        if not _GO_DIGEST_RE.fullmatch(text):
            raise InvalidReference("invalid checksum digest format")
        raise InvalidReference("unsupported digest algorithm")
    if len(encoded) != size:
        raise InvalidReference("invalid checksum digest length")
    if not re.fullmatch(r"[a-f0-9]+", encoded, re.ASCII):
        raise InvalidReference("invalid checksum digest format")


def _split_docker_domain(name: str) -> tuple[str, str]:
    """Split a name into domain and remote name (splitDockerDomain)."""
    maybe_domain, sep, maybe_remote = name.partition("/")
    if not sep:
        return DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name
    if maybe_domain == "localhost":
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain == LEGACY_DEFAULT_DOMAIN:
        domain, remote = DEFAULT_DOMAIN, maybe_remote
    elif "." in maybe_domain or ":" in maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain.lower() != maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    else:
        domain, remote = DEFAULT_DOMAIN, name
    if domain == DEFAULT_DOMAIN and "/" not in remote:
        remote = OFFICIAL_REPO_PREFIX + remote
    return domain, remote


def _parse(text: str) -> Reference:
    """Parse a (canonical) reference string like reference.Parse."""
    if text == "":
        raise InvalidReference("repository name must have at least one component")
    match = _REFERENCE_RE.fullmatch(text)
    if match is None:
        lowered = text.lower()
        if lowered != text and _REFERENCE_RE.fullmatch(lowered):
            raise InvalidReference("repository name must be lowercase")
        raise InvalidReference("invalid reference format")
    name, tag, digest = match.group(1), match.group(2), match.group(3)
    name_match = _ANCHORED_NAME_RE.fullmatch(name)
    domain, path = (name_match.group(1) or "", name_match.group(2)) if name_match else ("", name)
    if len(path) > NAME_TOTAL_LENGTH_MAX:
        raise InvalidReference(f"repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters")
    if digest:
        _validate_digest(digest)
    return Reference(domain=domain, path=path, tag=tag or None, digest=digest or None)


def parse_reference(text: str) -> Reference:
    """Parse a familiar or fully qualified image reference (ParseNormalizedNamed)."""
    if _ANCHORED_IDENTIFIER_RE.fullmatch(text):
        raise InvalidReference(f"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings")
    domain, remainder = _split_docker_domain(text)
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        raise InvalidReference(f"invalid reference format: repository name ({remote}) must be lowercase")
    return _parse(f"{domain}/{remainder}")


def parse_any_reference(text: str) -> Reference | str:
    """Parse a reference that may be an image ID or digest (ParseAnyReference); IDs come back as 'sha256:…' strings."""
    if _ANCHORED_IDENTIFIER_RE.fullmatch(text):
        return "sha256:" + text
    try:
        _validate_digest(text)
    except InvalidReference:
        return parse_reference(text)
    return text
