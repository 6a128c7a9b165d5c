"""Engine addresses as the CLI reads them (the expected addresses and lines are docker CLI 28.2.2's, ``docker -H V ps``)."""

from __future__ import annotations

import pytest

from dockerwidgets.hosts import CONNECTION_REFUSED, HostError, dial_refusal, is_domain_name, parse_host

RESOLVE = "Failed to initialize: unable to resolve docker endpoint: "


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("", "unix:///var/run/docker.sock"),
        (" ", "unix:///var/run/docker.sock"),
        ("::", "tcp://[::]:2375"),  # the CLI: Cannot connect to the Docker daemon at tcp://[::]:2375.
        ("[::1]:", "tcp://[::1]:2375"),
        ("tcp://", "tcp://localhost:2375"),
        ("tcp://:0", "tcp://localhost:0"),
        (":1", "tcp://localhost:1"),
        ("tcp://127.0.0.1", "tcp://127.0.0.1:2375"),
        ("tcp://127.0.0.1:1/path", "tcp://127.0.0.1:1/path"),
        ("tcp://127.0.0.1:1?x=1", "tcp://127.0.0.1:1"),
        ("unix://", "unix:///var/run/docker.sock"),
        ("unix://relative.sock", "unix://relative.sock"),
        ("0.0.0.0:70000:80", "tcp://[0.0.0.0:70000:80]:2375"),
        ("tcp://0.0.0.0:2375:80", "tcp://[0.0.0.0:2375:80]:2375"),
        ("127.0.0.1:99999", "tcp://127.0.0.1:99999"),
        ("ssh://nobody@127.0.0.1:1", "ssh://nobody@127.0.0.1:1"),
    ],
)
def test_parse_host_is_the_clis(value, host):
    assert parse_host(value) == host


def test_tls_has_its_own_default_port():
    assert parse_host("", default_to_tls=True) == "tcp://localhost:2376"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[::1]", "invalid bind address format: [::1]"),
        ("127.0.0.1:-1", 'parse "tcp://127.0.0.1:-1": invalid port ":-1" after host'),
        ("127.0.0.1:0x10", 'parse "tcp://127.0.0.1:0x10": invalid port ":0x10" after host'),
        ("tcp://a://b", "invalid proto, expected tcp: a://b"),
        ("http://127.0.0.1:1", "invalid bind address format: http://127.0.0.1:1"),
        ("foo://x", "invalid bind address format: foo://x"),
        ("[::1", "parse \"tcp://[::1\": missing ']' in host"),
        ("tcp://[::1", "parse \"tcp://[::1\": missing ']' in host"),
        ("a b", 'parse "tcp://a b": invalid character " " in host name'),
    ],
)
def test_what_the_cli_refuses_gets_its_line(value, message):
    with pytest.raises(HostError) as caught:
        parse_host(value)
    assert str(caught.value) == RESOLVE + message


@pytest.mark.parametrize(
    ("host", "refusal"),
    [
        ("tcp://[0.0.0.0:70000:80]:2375", "dial tcp: lookup 0.0.0.0:70000:80: no such host"),
        ("tcp://[:::]:2375", "dial tcp: lookup :::: no such host"),
        ("tcp://1.2.3:2375", "dial tcp: lookup 1.2.3: no such host"),  # not an address, and all digits: no lookup
        ("tcp://127.0.0.1:99999", "dial tcp: address 99999: invalid port"),
        ("tcp://localhost:0", CONNECTION_REFUSED),
        ("ssh://", "Failed to initialize: ssh host connection is not valid: invalid SSH URL: hostname is empty"),
        ("tcp://[::]:2375", None),
        ("tcp://127.0.0.1:1/path", None),
        ("tcp://localhost:2375", None),
        ("unix:///nonexistent.sock", None),
        ("ssh://nobody@127.0.0.1:1", None),
    ],
)
def test_what_go_refuses_to_dial(host, refusal):
    assert dial_refusal(host) == refusal


@pytest.mark.parametrize(
    ("name", "looked_up"),
    [("localhost", True), ("a-b.example", True), ("_x", True), ("1.2.3", False), ("-a", False), ("a-", False),
     ("a..b", False), ("a" * 64, False), ("🐳", False), ("a:b", False), ("", False)],
)  # fmt: skip
def test_is_domain_name_is_gos(name, looked_up):
    assert is_domain_name(name) is looked_up
