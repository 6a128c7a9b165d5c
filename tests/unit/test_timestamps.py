"""One parser of moments: the engine's RFC 3339 timestamps and the CLI's --since/--until values."""

from __future__ import annotations

import pytest

from dockerwidgets.errors import UsageError
from dockerwidgets.timestamps import parse_moment, rfc3339_seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2024-01-02T03:04:05Z", 1704164645.0),
        ("2024-01-02T03:04:05.123456789Z", 1704164645.123456789),
        ("2024-01-02T05:04:05.5+02:00", 1704164645.5),
        ("2024-01-02T03:04:05+00:00", 1704164645.0),
    ],
)
def test_engine_timestamps_keep_their_fraction_and_zone(text, seconds):
    assert rfc3339_seconds(text) == pytest.approx(seconds, abs=1e-6)


@pytest.mark.parametrize("text", [None, "", "0001-01-01T00:00:00Z", "yesterday"])
def test_no_moment_is_none(text):
    assert rfc3339_seconds(text) is None


@pytest.mark.parametrize(("value", "ago"), [("10m", 600), ("1h30m", 5400), ("2.5s", 2.5), ("1h", 3600)])
def test_relative_values_count_back_from_now(value, ago):
    assert parse_moment(value, now=10_000.0) == pytest.approx(10_000.0 - ago)


def test_unix_seconds_and_dates_read_as_the_cli_reads_them():
    assert parse_moment("1704164645") == 1704164645.0
    assert parse_moment("1704164645.25") == 1704164645.25
    assert parse_moment("2024-01-02T03:04:05Z") == 1704164645.0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "soon", "10x", "", " "])
def test_anything_else_is_the_engines_one_line(value):
    with pytest.raises(UsageError) as caught:
        parse_moment(value, "--until")
    assert type(caught.value) is UsageError
    expected = f'invalid value for "--until": failed to parse value as time or duration: "{value}"'
    assert str(caught.value) == " ".join(expected.split())
