"""Tests for dockerwidgets.ports_display (cases from docker/cli v28.2.2 TestDisplayablePorts)."""

from __future__ import annotations

from typing import Any

import pytest

from dockerwidgets.frames import natural_key
from dockerwidgets.ports_display import PortNotPublished, displayable_ports, join_host_port, port_lines

UPSTREAM_CASES: list[tuple[list[dict[str, Any]], str]] = [
    ([{"PrivatePort": 9988, "Type": "tcp"}], "9988/tcp"),
    ([{"PrivatePort": 9988, "Type": "udp"}], "9988/udp"),
    ([{"IP": "0.0.0.0", "PrivatePort": 9988, "Type": "tcp"}], "0.0.0.0:0->9988/tcp"),
    ([{"IP": "::", "PrivatePort": 9988, "Type": "tcp"}], "[::]:0->9988/tcp"),
    ([{"PrivatePort": 9988, "PublicPort": 8899, "Type": "tcp"}], "9988/tcp"),
    ([{"IP": "4.3.2.1", "PrivatePort": 9988, "PublicPort": 8899, "Type": "tcp"}], "4.3.2.1:8899->9988/tcp"),
    ([{"IP": "::1", "PrivatePort": 9988, "PublicPort": 8899, "Type": "tcp"}], "[::1]:8899->9988/tcp"),
    ([{"IP": "4.3.2.1", "PrivatePort": 9988, "PublicPort": 9988, "Type": "tcp"}], "4.3.2.1:9988->9988/tcp"),
    ([{"IP": "::1", "PrivatePort": 9988, "PublicPort": 9988, "Type": "tcp"}], "[::1]:9988->9988/tcp"),
    ([{"PrivatePort": 9988, "Type": "udp"}, {"PrivatePort": 9988, "Type": "udp"}], "9988/udp, 9988/udp"),
    (
        [
            {"IP": "1.2.3.4", "PublicPort": 9998, "PrivatePort": 9998, "Type": "udp"},
            {"IP": "1.2.3.4", "PublicPort": 9999, "PrivatePort": 9999, "Type": "udp"},
        ],
        "1.2.3.4:9998-9999->9998-9999/udp",
    ),
    (
        [
            {"IP": "::1", "PublicPort": 9998, "PrivatePort": 9998, "Type": "udp"},
            {"IP": "::1", "PublicPort": 9999, "PrivatePort": 9999, "Type": "udp"},
        ],
        "[::1]:9998-9999->9998-9999/udp",
    ),
    (
        [
            {"IP": "1.2.3.4", "PublicPort": 8887, "PrivatePort": 9998, "Type": "udp"},
            {"IP": "1.2.3.4", "PublicPort": 8888, "PrivatePort": 9999, "Type": "udp"},
        ],
        "1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp",
    ),
    (
        [
            {"IP": "::1", "PublicPort": 8887, "PrivatePort": 9998, "Type": "udp"},
            {"IP": "::1", "PublicPort": 8888, "PrivatePort": 9999, "Type": "udp"},
        ],
        "[::1]:8887->9998/udp, [::1]:8888->9999/udp",
    ),
    ([{"PrivatePort": 9998, "Type": "udp"}, {"PrivatePort": 9999, "Type": "udp"}], "9998-9999/udp"),
    (
        [
            {"IP": "1.2.3.4", "PrivatePort": 6677, "PublicPort": 7766, "Type": "tcp"},
            {"PrivatePort": 9988, "PublicPort": 8899, "Type": "udp"},
        ],
        "9988/udp, 1.2.3.4:7766->6677/tcp",
    ),
    (
        [
            {"IP": "1.2.3.4", "PrivatePort": 9988, "PublicPort": 8899, "Type": "udp"},
            {"IP": "1.2.3.4", "PrivatePort": 9988, "PublicPort": 8899, "Type": "tcp"},
            {"IP": "4.3.2.1", "PrivatePort": 2233, "PublicPort": 3322, "Type": "tcp"},
            {"IP": "::1", "PrivatePort": 2233, "PublicPort": 3322, "Type": "tcp"},
        ],
        "4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp",
    ),
    (
        [
            {"PrivatePort": 9988, "PublicPort": 8899, "Type": "udp"},
            {"IP": "1.2.3.4", "PrivatePort": 6677, "PublicPort": 7766, "Type": "tcp"},
            {"IP": "4.3.2.1", "PrivatePort": 2233, "PublicPort": 3322, "Type": "tcp"},
        ],
        "9988/udp, 4.3.2.1:3322->2233/tcp, 1.2.3.4:7766->6677/tcp",
    ),
    (
        [
            {"PrivatePort": 80, "Type": "tcp"},
            {"PrivatePort": 1024, "Type": "tcp"},
            {"PrivatePort": 80, "Type": "udp"},
            {"PrivatePort": 1024, "Type": "udp"},
            {"IP": "1.1.1.1", "PublicPort": 80, "PrivatePort": 1024, "Type": "tcp"},
            {"IP": "1.1.1.1", "PublicPort": 80, "PrivatePort": 1024, "Type": "udp"},
            {"IP": "1.1.1.1", "PublicPort": 1024, "PrivatePort": 80, "Type": "tcp"},
            {"IP": "1.1.1.1", "PublicPort": 1024, "PrivatePort": 80, "Type": "udp"},
            {"IP": "2.1.1.1", "PublicPort": 80, "PrivatePort": 1024, "Type": "tcp"},
            {"IP": "2.1.1.1", "PublicPort": 80, "PrivatePort": 1024, "Type": "udp"},
            {"IP": "2.1.1.1", "PublicPort": 1024, "PrivatePort": 80, "Type": "tcp"},
            {"IP": "2.1.1.1", "PublicPort": 1024, "PrivatePort": 80, "Type": "udp"},
            {"PrivatePort": 12345, "Type": "sctp"},
        ],
        "80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, "
        "2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, "
        "2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp",
    ),
]


@pytest.mark.parametrize(("ports", "expected"), UPSTREAM_CASES)
def test_displayable_ports_upstream(ports: list[dict[str, Any]], expected: str) -> None:
    """docker/cli's own DisplayablePorts cases."""
    assert displayable_ports(ports) == expected


def test_displayable_ports_common() -> None:
    """Typical `docker ps` PORTS values."""
    published = [
        {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
        {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
        {"PrivatePort": 443, "Type": "tcp"},
    ]
    assert displayable_ports(published) == "443/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
    same = [
        {"IP": ip, "PrivatePort": p, "PublicPort": p, "Type": "tcp"}
        for ip in ("::", "0.0.0.0")
        for p in (8002, 8000, 8001)
    ]
    assert displayable_ports(same) == "0.0.0.0:8000-8002->8000-8002/tcp, [::]:8000-8002->8000-8002/tcp"
    assert displayable_ports([{"PrivatePort": p, "Type": "udp"} for p in (9, 5, 6, 7, 1)]) == "1/udp, 5-7/udp, 9/udp"
    assert displayable_ports([]) == ""
    assert displayable_ports(None) == ""


def test_join_host_port() -> None:
    """IPv6 hosts are bracketed like net.JoinHostPort."""
    assert join_host_port("0.0.0.0", "80") == "0.0.0.0:80"
    assert join_host_port("::", "80") == "[::]:80"
    assert join_host_port("", "80") == ":80"


@pytest.mark.parametrize(
    ("a", "b", "less"),
    [
        ("abc2", "abc12", True),
        ("abc12", "abc2", False),
        ("2", "02", True),
        ("02", "2", False),
        ("a", "a1", True),
        ("1", "a", True),
        ("a", "1", False),
        ("x", "x", False),
        ("80/tcp -> 0.0.0.0:8080", "443/tcp -> 0.0.0.0:8443", True),
    ],
)
def test_natural_order_is_sortorders(a: str, b: str, less: bool) -> None:
    """Natural ordering like fvbommel/sortorder.NaturalLess: the one key every table sorts names and ports by."""
    assert (natural_key(a) < natural_key(b)) is less


INSPECT_PORTS = {
    "443/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8443"}],
    "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
    "9000/udp": [{"HostIp": "0.0.0.0", "HostPort": "9000"}],
    "22/tcp": None,
}


def test_port_lines_all() -> None:
    """`docker port NAME` lists every binding, naturally sorted."""
    assert port_lines(INSPECT_PORTS) == [
        "80/tcp -> 0.0.0.0:8080",
        "80/tcp -> [::]:8080",
        "443/tcp -> 0.0.0.0:8443",
        "9000/udp -> 0.0.0.0:9000",
    ]
    assert port_lines({}) == []
    assert port_lines(None) == []


def test_port_lines_private_port() -> None:
    """`docker port NAME 80` lists host addresses only; tcp is the default proto."""
    assert port_lines(INSPECT_PORTS, "80") == ["0.0.0.0:8080", "[::]:8080"]
    assert port_lines(INSPECT_PORTS, "9000/udp") == ["0.0.0.0:9000"]


def test_port_lines_from_summary_list() -> None:
    """The `docker ps` Ports list shape is accepted too."""
    ports = [
        {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
        {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
        {"PrivatePort": 443, "Type": "tcp"},
    ]
    assert port_lines(ports) == ["80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"]


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("22", "Error: No public port '22' published for web"),
        ("81", "Error: No public port '81' published for web"),
        ("80/udp", "Error: No public port '80/udp' published for web"),
        ("abc", 'Error: invalid port (abc): strconv.ParseUint: parsing "abc": invalid syntax'),
        ("99999", 'Error: invalid port (99999): strconv.ParseUint: parsing "99999": value out of range'),
    ],
)
def test_port_lines_errors(port: str, message: str) -> None:
    """Unknown or invalid private ports raise the CLI's messages."""
    with pytest.raises(PortNotPublished) as info:
        port_lines(INSPECT_PORTS, port, container="web")
    assert str(info.value) == message
