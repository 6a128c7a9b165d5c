"""Tests for dockerwidgets.humanize (cases from go-units and docker/cli tests)."""

from __future__ import annotations

import pytest

from dockerwidgets.humanize import ellipsis, go_format_float, go_quote, human_duration, human_size, truncate_id

day = 24 * 3600
week = 7 * day
month = 30 * day
year = 365 * day


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (450 * 0.001, "Less than a second"),  # 450*time.Millisecond
        (1 * 1, "1 second"),  # 1*time.Second
        (45 * 1, "45 seconds"),  # 45*time.Second
        (46 * 1, "46 seconds"),  # 46*time.Second
        (59 * 1, "59 seconds"),  # 59*time.Second
        (60 * 1, "About a minute"),  # 60*time.Second
        (1 * 60, "About a minute"),  # 1*time.Minute
        (3 * 60, "3 minutes"),  # 3*time.Minute
        (35 * 60, "35 minutes"),  # 35*time.Minute
        (35 * 60 + 40 * 1, "35 minutes"),  # 35*time.Minute+40*time.Second
        (45 * 60, "45 minutes"),  # 45*time.Minute
        (45 * 60 + 40 * 1, "45 minutes"),  # 45*time.Minute+40*time.Second
        (46 * 60, "46 minutes"),  # 46*time.Minute
        (59 * 60, "59 minutes"),  # 59*time.Minute
        (1 * 3600, "About an hour"),  # 1*time.Hour
        (1 * 3600 + 29 * 60, "About an hour"),  # 1*time.Hour+29*time.Minute
        (1 * 3600 + 31 * 60, "2 hours"),  # 1*time.Hour+31*time.Minute
        (1 * 3600 + 59 * 60, "2 hours"),  # 1*time.Hour+59*time.Minute
        (3 * 3600, "3 hours"),  # 3*time.Hour
        (3 * 3600 + 29 * 60, "3 hours"),  # 3*time.Hour+29*time.Minute
        (3 * 3600 + 31 * 60, "4 hours"),  # 3*time.Hour+31*time.Minute
        (3 * 3600 + 59 * 60, "4 hours"),  # 3*time.Hour+59*time.Minute
        (3 * 3600 + 60 * 60, "4 hours"),  # 3*time.Hour+60*time.Minute
        (24 * 3600, "24 hours"),  # 24*time.Hour
        (1 * day + 12 * 3600, "36 hours"),  # 1*day+12*time.Hour
        (2 * day, "2 days"),  # 2*day
        (7 * day, "7 days"),  # 7*day
        (13 * day + 5 * 3600, "13 days"),  # 13*day+5*time.Hour
        (2 * week, "2 weeks"),  # 2*week
        (2 * week + 4 * day, "2 weeks"),  # 2*week+4*day
        (3 * week, "3 weeks"),  # 3*week
        (4 * week, "4 weeks"),  # 4*week
        (4 * week + 3 * day, "4 weeks"),  # 4*week+3*day
        (1 * month, "4 weeks"),  # 1*month
        (1 * month + 2 * week, "6 weeks"),  # 1*month+2*week
        (2 * month, "2 months"),  # 2*month
        (2 * month + 2 * week, "2 months"),  # 2*month+2*week
        (3 * month, "3 months"),  # 3*month
        (3 * month + 1 * week, "3 months"),  # 3*month+1*week
        (5 * month + 2 * week, "5 months"),  # 5*month+2*week
        (13 * month, "13 months"),  # 13*month
        (23 * month, "23 months"),  # 23*month
        (24 * month, "24 months"),  # 24*month
        (24 * month + 2 * week, "2 years"),  # 24*month+2*week
        (3 * year + 2 * month, "3 years"),  # 3*year+2*month
    ],
)
def test_human_duration(seconds: float, expected: str) -> None:
    """go-units TestHumanDuration cases."""
    assert human_duration(seconds) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (1000, "1kB"),
        (1024, "1.024kB"),
        (1000000, "1MB"),
        (1048576, "1.049MB"),
        (2 * 1000**2, "2MB"),
        (3.42 * 1000**3, "3.42GB"),
        (5.372 * 1000**4, "5.372TB"),
        (2.22 * 1000**5, "2.22PB"),
        (10000000000000 * 1000**5, "1e+04YB"),
    ],
)
def test_human_size_precision_4(size: float, expected: str) -> None:
    """go-units TestHumanSize cases (HumanSize uses precision 4)."""
    assert human_size(size, 4) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0B"),
        (435, "435B"),
        (5580, "5.58kB"),
        (1980000, "1.98MB"),
        (1024, "1.02kB"),
        (77800000, "77.8MB"),
        (999999, "1e+03kB"),
        (12.5, "12.5B"),
    ],
)
def test_human_size_default_precision(size: float, expected: str) -> None:
    """The CLI's HumanSizeWithPrecision(size, 3), including Go's %g exponent quirk."""
    assert human_size(size) == expected


def test_truncate_id() -> None:
    """stringid.TruncateID drops the algorithm and keeps 12 characters."""
    full = "sha256:" + "0123456789abcdef" * 4
    assert truncate_id(full) == "0123456789ab"
    assert truncate_id("0123456789abcdef") == "0123456789ab"
    assert truncate_id("abc") == "abc"
    assert truncate_id("") == ""


@pytest.mark.parametrize(
    ("source", "width", "expected"),
    [
        ("t\U0001f433ststring", 0, ""),
        ("t\U0001f433ststring", 1, "t"),
        ("t\U0001f433ststring", 2, "t\u2026"),
        ("t\U0001f433ststring", 6, "t\U0001f433st\u2026"),
        ("t\U0001f433ststring", 20, "t\U0001f433ststring"),
        ("你好世界teststring", 0, ""),
        ("你好世界teststring", 1, "你"),
        ("你好世界teststring", 3, "你\u2026"),
        ("你好世界teststring", 6, "你好\u2026"),
        ("你好世界teststring", 20, "你好世界teststring"),
        ("/bin/sh -c 'echo hello'", 20, "/bin/sh -c 'echo he\u2026"),
        ("short", 20, "short"),
        ("", 1, ""),
    ],
)
def test_ellipsis(source: str, width: int, expected: str) -> None:
    """docker/cli TestEllipsis cases plus ASCII ones."""
    assert ellipsis(source, width) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/bin/sh -c 'echo hi'", "\"/bin/sh -c 'echo hi'\""),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("tab\tnl\ncr\r", '"tab\\tnl\\ncr\\r"'),
        ("\x00\x07\x1b\x7f", '"\\x00\\a\\x1b\\x7f"'),
        ("caf\u00e9 \U0001f433", '"caf\u00e9 \U0001f433"'),
        ("\u00a0\u2028\ufeff", '"\\u00a0\\u2028\\ufeff"'),
        ("", '""'),
    ],
)
def test_go_quote(text: str, expected: str) -> None:
    """strconv.Quote escaping."""
    assert go_quote(text) == expected


@pytest.mark.parametrize(
    ("value", "g", "json"),
    [
        (1000000.0, "1e+06", "1000000"),
        (123456.0, "123456", "123456"),
        (1234567.0, "1.234567e+06", "1234567"),
        (0.0001, "0.0001", "0.0001"),
        (0.00001, "1e-05", "0.00001"),
        (1.5e-7, "1.5e-07", "1.5e-7"),
        (1e21, "1e+21", "1e+21"),
        (1e20, "1e+20", "100000000000000000000"),
        (5.0, "5", "5"),
        (-2.25, "-2.25", "-2.25"),
        (0.1, "0.1", "0.1"),
        (0.0, "0", "0"),
    ],
)
def test_go_format_float(value: float, g: str, json: str) -> None:
    """fmt %v and encoding/json float formatting."""
    assert go_format_float(value) == g
    assert go_format_float(value, "json") == json
