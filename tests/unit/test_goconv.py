"""Go's strconv as pflag reads an int flag (expected values and messages from docker CLI 28.2.2, ``docker ps -n V``)."""

from __future__ import annotations

import pytest

from dockerwidgets.argparsing import CommandParser, flag_name
from dockerwidgets.errors import UsageError
from dockerwidgets.goconv import NumError, go_int, parse_int, parse_uint


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0x10", 16), ("0X1f", 31), ("0o17", 15), ("0b101", 5), ("010", 8), ("1_000", 1000), ("0x_1f", 31),
        ("-0x10", -16), ("+5", 5), ("0", 0), ("-0", 0),
        ("9223372036854775807", 2**63 - 1), ("-9223372036854775808", -(2**63)),
    ],
)  # fmt: skip
def test_what_an_int_flag_takes(text, value):
    assert go_int(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("08", "invalid syntax"), ("_1", "invalid syntax"), ("1__0", "invalid syntax"), ("1_", "invalid syntax"),
        ("0x", "invalid syntax"), ("0b", "invalid syntax"), ("-", "invalid syntax"), ("+", "invalid syntax"),
        ("1e3", "invalid syntax"), (" 5", "invalid syntax"), ("", "invalid syntax"), ("１", "invalid syntax"),
        ("nan", "invalid syntax"), ("0.5", "invalid syntax"),
        ("9223372036854775808", "value out of range"), ("-9223372036854775809", "value out of range"),
        ("99999999999999999999", "value out of range"), ("99999999999999999999x", "value out of range"),
        ("0x8000000000000000", "value out of range"), ("0xffffffffffffffffff", "value out of range"),
    ],
)  # fmt: skip
def test_what_an_int_flag_refuses_in_gos_words(text, reason):
    with pytest.raises(NumError) as caught:
        go_int(text)
    assert str(caught.value) == f'strconv.ParseInt: parsing "{text}": {reason}'


def test_base_ten_and_sizes():
    assert parse_int("-128", 10, 8) == -128
    with pytest.raises(NumError, match="value out of range"):
        parse_int("128", 10, 8)
    with pytest.raises(NumError, match='ParseUint: parsing "0x10": invalid syntax'):
        parse_uint("0x10")
    assert parse_uint("18446744073709551615") == 2**64 - 1


def test_flag_names_as_pflag_prints_them():
    assert flag_name(["-t", "--timeout"]) == "-t, --timeout"
    assert flag_name(["--time"]) == "--time"
    assert flag_name(["-n", "--last"]) == "-n, --last"


def test_a_parser_turns_every_conversion_error_into_the_clis_line():
    parser = CommandParser("thing", "no arguments", "docker thing [OPTIONS]")
    parser.add_argument("-t", "--timeout", type=int)  # an int flag is pflag's, whatever the module wrote
    parser.add_argument("--ratio", type=float)
    assert parser.parse(["-t", "0x10"]).timeout == 16
    with pytest.raises(UsageError) as caught:
        parser.parse(["--timeout", "99999999999999999999"])
    assert type(caught.value) is UsageError
    assert str(caught.value) == (
        'invalid argument "99999999999999999999" for "-t, --timeout" flag: strconv.ParseInt: '
        'parsing "99999999999999999999": value out of range'
    )
    with pytest.raises(UsageError, match=r'^invalid argument "x" for "--ratio" flag: '):
        parser.parse(["--ratio=x"])
