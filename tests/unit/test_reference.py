"""Tests for dockerwidgets.reference (expected messages checked against docker CLI 28.2.2)."""

from __future__ import annotations

import pytest

from dockerwidgets.reference import InvalidReference, Reference, parse_any_reference, parse_reference

HEX = "a" * 64


@pytest.mark.parametrize(
    ("text", "domain", "path", "tag", "digest"),
    [
        ("centos", "docker.io", "library/centos", None, None),
        ("centos:7", "docker.io", "library/centos", "7", None),
        ("ericj079/ubuntu:14.04", "docker.io", "ericj079/ubuntu", "14.04", None),
        ("localhost:5000/library/busybox:1.35", "localhost:5000", "library/busybox", "1.35", None),
        ("localhost/app", "localhost", "app", None, None),
        ("ubuntu@sha256:" + HEX, "docker.io", "library/ubuntu", None, "sha256:" + HEX),
        ("ubuntu:22.04@sha256:" + HEX, "docker.io", "library/ubuntu", "22.04", "sha256:" + HEX),
        ("[::1]:5000/a:b", "[::1]:5000", "a", "b", None),
        ("[::1]/a", "[::1]", "a", None, None),
        ("docker.io/ubuntu", "docker.io", "library/ubuntu", None, None),
        ("index.docker.io/library/ubuntu:x", "docker.io", "library/ubuntu", "x", None),
        ("index.docker.io/foo", "docker.io", "library/foo", None, None),
        ("Foo/bar", "Foo", "bar", None, None),
        ("EXAMPLE.com/x", "EXAMPLE.com", "x", None, None),
        ("example.com/a/b/c:v1", "example.com", "a/b/c", "v1", None),
        ("a:B", "docker.io", "library/a", "B", None),
        ("a__b", "docker.io", "library/a__b", None, None),
        ("a--b", "docker.io", "library/a--b", None, None),
        ("a/b/c/d:e", "docker.io", "a/b/c/d", "e", None),
        ("sha256:" + HEX, "docker.io", "library/sha256", HEX, None),
        ("ubuntu@sha512:" + "a" * 128, "docker.io", "library/ubuntu", None, "sha512:" + "a" * 128),
    ],
)
def test_valid(text: str, domain: str, path: str, tag: str | None, digest: str | None) -> None:
    """Valid references split into domain, path, tag and digest."""
    assert parse_reference(text) == Reference(domain, path, tag, digest)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Bad:Ref:x", "invalid reference format: repository name (library/Bad) must be lowercase"),
        ("UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase"),
        ("foo/Bar", "invalid reference format: repository name (foo/Bar) must be lowercase"),
        ("localhost/UP", "invalid reference format: repository name (UP) must be lowercase"),
        ("example.com/X", "invalid reference format: repository name (X) must be lowercase"),
        ("a//b", "invalid reference format"),
        ("-abc", "invalid reference format"),
        ("x:", "invalid reference format"),
        ("", "invalid reference format"),
        ("a b", "invalid reference format"),
        ("ubuntu\n", "invalid reference format"),
        ("a..b", "invalid reference format"),
        ("a___b", "invalid reference format"),
        ("a_-b", "invalid reference format"),
        ("x.", "invalid reference format"),
        ("ubuntu:-x", "invalid reference format"),
        ("ubuntu:x:y", "invalid reference format"),
        ("ubuntu:" + "a" * 129, "invalid reference format"),
        ("example.com:port/x", "invalid reference format"),
        ("ubuntu@sha256:abc", "invalid reference format"),
        ("a@b", "invalid reference format"),
        (HEX, f"invalid repository name ({HEX}), cannot specify 64-byte hexadecimal strings"),
        ("ubuntu@md5:" + "a" * 32, "unsupported digest algorithm"),
        ("x@sha256:" + "A" * 64, "invalid checksum digest format"),
        ("ubuntu@sha256:" + "a" * 63, "invalid checksum digest length"),
        ("a/" + "b" * 260, "repository name must not be more than 255 characters"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    """Invalid references raise the Go error text."""
    with pytest.raises(InvalidReference) as info:
        parse_reference(text)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "name", "familiar_name", "familiar", "full"),
    [
        ("centos:7", "docker.io/library/centos", "centos", "centos:7", "docker.io/library/centos:7"),
        ("user/app", "docker.io/user/app", "user/app", "user/app", "docker.io/user/app"),
        ("localhost:5000/x", "localhost:5000/x", "localhost:5000/x", "localhost:5000/x", "localhost:5000/x"),
        ("docker.io/library/a/b", "docker.io/library/a/b", "library/a/b", "library/a/b", "docker.io/library/a/b"),
        (
            "busybox@sha256:" + HEX,
            "docker.io/library/busybox",
            "busybox",
            "busybox@sha256:" + HEX,
            "docker.io/library/busybox@sha256:" + HEX,
        ),
    ],
)
def test_names(text: str, name: str, familiar_name: str, familiar: str, full: str) -> None:
    """Fully qualified and familiar forms."""
    ref = parse_reference(text)
    assert ref.name == name
    assert ref.familiar_name == familiar_name
    assert ref.familiar() == familiar
    assert str(ref) == full


def test_with_default_tag() -> None:
    """Only name-only references get ':latest'."""
    assert str(parse_reference("centos").with_default_tag()) == "docker.io/library/centos:latest"
    assert parse_reference("centos").with_default_tag().familiar() == "centos:latest"
    assert parse_reference("centos:7").with_default_tag().tag == "7"
    digested = parse_reference("centos@sha256:" + HEX)
    assert digested.with_default_tag() == digested


def test_reference_is_frozen() -> None:
    """References are immutable values."""
    ref = parse_reference("centos")
    with pytest.raises(AttributeError):
        ref.tag = "x"  # type: ignore[misc]


def test_parse_any_reference() -> None:
    """IDs and digests are accepted besides names."""
    assert parse_any_reference(HEX) == "sha256:" + HEX
    assert parse_any_reference("sha256:" + HEX) == "sha256:" + HEX
    assert parse_any_reference("centos:7") == parse_reference("centos:7")
    with pytest.raises(InvalidReference, match="invalid reference format"):
        parse_any_reference("a//b")
