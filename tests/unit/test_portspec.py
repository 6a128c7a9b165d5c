"""Tests for dockerwidgets.portspec (expected messages checked against docker CLI 28.2.2)."""

from __future__ import annotations

import pytest

from dockerwidgets.portspec import (
    InvalidPortSpec,
    convert_to_standard_notation,
    parse_expose,
    parse_port_config,
    parse_port_range,
    parse_publish,
    parse_uint,
    parse_uint16,
    split_proto_port,
)


def binding(port: str, ip: str = "") -> dict[str, str]:
    """Build one Engine API PortBinding."""
    return {"HostIp": ip, "HostPort": port}


@pytest.mark.parametrize(
    ("specs", "exposed", "bindings"),
    [
        (["8080:80"], {"80/tcp": {}}, {"80/tcp": [binding("8080")]}),
        (["80"], {"80/tcp": {}}, {"80/tcp": [binding("")]}),
        (["80/"], {"80/tcp": {}}, {"80/tcp": [binding("")]}),
        (["127.0.0.1:8080:80/udp"], {"80/udp": {}}, {"80/udp": [binding("8080", "127.0.0.1")]}),
        (["8080:80/UDP"], {"80/udp": {}}, {"80/udp": [binding("8080")]}),
        (["127.0.0.1::80"], {"80/tcp": {}}, {"80/tcp": [binding("", "127.0.0.1")]}),
        (["[::1]:8080:80"], {"80/tcp": {}}, {"80/tcp": [binding("8080", "::1")]}),
        (["::1:8080:80"], {"80/tcp": {}}, {"80/tcp": [binding("8080", "::1")]}),
        (["::ffff:1.2.3.4:80:80"], {"80/tcp": {}}, {"80/tcp": [binding("80", "::ffff:1.2.3.4")]}),
        (
            ["8000-8002:8000-8002"],
            {"8000/tcp": {}, "8001/tcp": {}, "8002/tcp": {}},
            {"8000/tcp": [binding("8000")], "8001/tcp": [binding("8001")], "8002/tcp": [binding("8002")]},
        ),
        (["7000-7001"], {"7000/tcp": {}, "7001/tcp": {}}, {"7000/tcp": [binding("")], "7001/tcp": [binding("")]}),
        (["8000-8010:80"], {"80/tcp": {}}, {"80/tcp": [binding("8000-8010")]}),
        (["1-2-3"], {"1/tcp": {}, "2/tcp": {}}, {"1/tcp": [binding("")], "2/tcp": [binding("")]}),
        (["0:0"], {"0/tcp": {}}, {"0/tcp": [binding("0")]}),
        (["80", "8080:80"], {"80/tcp": {}}, {"80/tcp": [binding(""), binding("8080")]}),
        (["published=8080,target=80"], {"80/tcp": {}}, {"80/tcp": [binding("8080")]}),
        (["target=53,published=5353,protocol=udp"], {"53/udp": {}}, {"53/udp": [binding("5353")]}),
        ([], {}, {}),
    ],
)
def test_parse_publish(specs: list[str], exposed: dict, bindings: dict) -> None:
    """Specs become Engine API ExposedPorts and PortBindings."""
    assert parse_publish(specs) == (exposed, bindings)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("99999:80", "invalid hostPort: 99999"),
        ("65536:1", "invalid hostPort: 65536"),
        ("-1:80", "invalid hostPort: -1"),
        ("8000-:80", "invalid hostPort: 8000-"),
        ("80:abc", "invalid containerPort: abc"),
        ("80:65536", "invalid containerPort: 65536"),
        ("+80", "invalid containerPort: +80"),
        ("80-", "invalid containerPort: 80-"),
        ("1.2.3:80:80", "invalid IP address: 1.2.3"),
        ("01.2.3.4:80:80", "invalid IP address: 01.2.3.4"),
        ("fe80::1%eth0:80:80", "invalid IP address: fe80::1%eth0"),
        ("[::1:8080:80", "invalid IP address [::1: address [::1:: missing ']' in address"),
        ("[::1]x:80:80", "invalid IP address [::1]x: address [::1]x:: missing port in address"),
        ("80/xyz", "invalid proto: xyz"),
        ("80/XYZ", "invalid proto: XYZ"),
        ("", "no port specified: <empty>"),
        ("/tcp", "no port specified: /tcp<empty>"),
        ("127.0.0.1::", "no port specified: 127.0.0.1::<empty>"),
        ("8000-8001:80-82", "invalid ranges specified for container and host Ports: 80-82 and 8000-8001"),
        ("published=x,target=80", "invalid hostPort: x"),
        ("a=b,c", "invalid publish opts format (should be name=value but got 'c')"),
        ("1.2.3:99999:80/xyz", "invalid IP address: 1.2.3"),
    ],
)
def test_parse_publish_errors(spec: str, message: str) -> None:
    """Invalid -p values raise go-connections' messages."""
    with pytest.raises(InvalidPortSpec) as info:
        parse_publish([spec])
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        (["80"], {"80/tcp": {}}),
        (["80/udp"], {"80/udp": {}}),
        (["80/"], {"80/tcp": {}}),
        (["80-82/udp"], {"80/udp": {}, "81/udp": {}, "82/udp": {}}),
        (["1-2-3"], {"1/tcp": {}, "2/tcp": {}}),
        (["80", "80/tcp", "81"], {"80/tcp": {}, "81/tcp": {}}),
    ],
)
def test_parse_expose(specs: list[str], expected: dict) -> None:
    """--expose values become ExposedPorts."""
    assert parse_expose(specs) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("abc", 'invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax'),
        ("90-80", "invalid range format for --expose: 90-80, error: invalid range specified for port: 90-80"),
        (
            "99999",
            'invalid range format for --expose: 99999, error: strconv.ParseUint: parsing "99999": value out of range',
        ),
        (
            "99999x",
            'invalid range format for --expose: 99999x, error: strconv.ParseUint: parsing "99999x": value out of range',
        ),
        ("80x", 'invalid range format for --expose: 80x, error: strconv.ParseUint: parsing "80x": invalid syntax'),
        ("-5", 'invalid range format for --expose: -5, error: strconv.ParseUint: parsing "": invalid syntax'),
        ("", "invalid range format for --expose: , error: empty string specified for ports"),
        ("/tcp", "invalid range format for --expose: /tcp, error: empty string specified for ports"),
        ("80:90", "invalid port format for --expose: 80:90"),
    ],
)
def test_parse_expose_errors(spec: str, message: str) -> None:
    """Invalid --expose values raise the CLI's messages."""
    with pytest.raises(InvalidPortSpec) as info:
        parse_expose([spec])
    assert str(info.value) == message


def test_helpers() -> None:
    """Lower-level helpers behave like their Go counterparts."""
    assert parse_port_range("8000-8002") == (8000, 8002)
    assert parse_port_range("80-80") == (80, 80)
    assert split_proto_port("80/udp") == ("udp", "80")
    assert split_proto_port("80") == ("tcp", "80")
    assert split_proto_port("/udp") == ("", "")
    assert convert_to_standard_notation(["published=80,target=8080", "1:2"]) == ["80:8080/tcp", "1:2"]
    assert convert_to_standard_notation(["target=80"]) == [":80/tcp"]


# --- service create -p: the engine's PortConfigs, as the CLI's opts.PortOpt.Set makes them -----------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("8080:80", [(8080, 80, "tcp", "ingress")]),
        ("53:53/udp", [(53, 53, "udp", "ingress")]),
        ("80", [(0, 80, "tcp", "ingress")]),
        ("8080-8081:80-81", [(8080, 80, "tcp", "ingress"), (8081, 81, "tcp", "ingress")]),
        ("8080-8081:80", [(8080, 80, "tcp", "ingress"), (8081, 80, "tcp", "ingress")]),  # a range onto one port
        ("80-81", [(0, 80, "tcp", "ingress"), (0, 81, "tcp", "ingress")]),
        ("published=8080,target=80,mode=host", [(8080, 80, "tcp", "host")]),
        ("target=53,protocol=udp", [(0, 53, "udp", "ingress")]),
        ("PUBLISHED=8080,Target=80,PROTOCOL=SCTP", [(8080, 80, "sctp", "ingress")]),  # keys and values lowered
    ],
)
def test_parse_port_config(spec: str, expected: list[tuple]) -> None:
    """Short and long ``-p`` syntax give the engine's PortConfigs, one per port of a range (0: the engine picks)."""
    configs = parse_port_config(spec)
    got = [(p.get("PublishedPort", 0), p["TargetPort"], p["Protocol"], p["PublishMode"]) for p in configs]
    assert got == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("x", "invalid containerPort: x"),
        ("127.0.0.1:8080:80", "hostip is not supported"),
        ("[::1]:8080:80", "hostip is not supported"),
        ("8080:80/icmp", "invalid proto: icmp"),
        ("published=8080", "missing mandatory field 'target'"),
        ("target=0", "missing mandatory field 'target'"),
        ("target=80,protocol=icmp", "invalid protocol value 'icmp'"),
        ("target=80,mode=x", "invalid publish mode value (x): must be either 'ingress' or 'host'"),
        ("target=x1,published=1", "invalid target port (x1): value must be an integer: invalid syntax"),
        ("target=80,published=70000", "invalid published port (70000): value must be an integer: value out of range"),
        ("target=80,color=red", "invalid field key: color"),
        ("target=80,=1", "invalid field: =1"),
    ],
)
def test_parse_port_config_errors(spec: str, message: str) -> None:
    """Each bad ``service create -p`` value has the CLI's message, as an InvalidPortSpec (a ValueError)."""
    with pytest.raises(InvalidPortSpec) as caught:
        parse_port_config(spec)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "bits", "message"),
    [
        ("x", 64, 'strconv.ParseUint: parsing "x": invalid syntax'),
        ("-1", 64, 'strconv.ParseUint: parsing "-1": invalid syntax'),
        ("+1", 64, 'strconv.ParseUint: parsing "+1": invalid syntax'),
        ("", 64, 'strconv.ParseUint: parsing "": invalid syntax'),
        ("1_000", 64, 'strconv.ParseUint: parsing "1_000": invalid syntax'),
        ("18446744073709551616", 64, 'strconv.ParseUint: parsing "18446744073709551616": value out of range'),
        ("18446744073709551616x", 64, 'strconv.ParseUint: parsing "18446744073709551616x": value out of range'),
        ("65536", 16, 'strconv.ParseUint: parsing "65536": value out of range'),
    ],
)
def test_parse_uint_is_gos(value: str, bits: int, message: str) -> None:
    """Go's ParseUint(value, 10, bits): the first fault found, read left to right, is the one reported."""
    with pytest.raises(InvalidPortSpec) as caught:
        parse_uint(value, bits)
    assert str(caught.value) == message


def test_parse_uint_bounds() -> None:
    """The largest value of each size parses; 16 bits is what a port takes."""
    assert parse_uint("18446744073709551615") == 2**64 - 1
    assert parse_uint("007") == 7
    assert parse_uint16("65535") == parse_uint("65535", 16) == 65535
