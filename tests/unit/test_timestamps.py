"""One parser of moments: the engine's RFC 3339 timestamps and the CLI's --since/--until values."""

from __future__ import annotations

import pytest

from dockerwidgets.errors import UsageError
from dockerwidgets.timestamps import TimestampError, cli_timestamp, parse_moment, rfc3339_seconds


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


@pytest.mark.parametrize(("value", "ago"), [("10m", 600), ("1h30m", 5400), ("2.5s", 3), ("1h", 3600)])
def test_relative_values_count_back_from_now_in_whole_seconds(value, ago):
    assert parse_moment(value, now=10_000.0) == pytest.approx(10_000.0 - ago)


def test_unix_seconds_and_dates_read_as_the_cli_reads_them():
    assert parse_moment("1704164645") == 1704164645.0
    assert parse_moment("1704164645.25") == 1704164645.25
    assert parse_moment("2024-01-02T03:04:05Z") == 1704164645.0


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "soon", "10x", " ", "1.5.5", "µs"])
def test_anything_else_is_the_clis_one_line(value):
    with pytest.raises(UsageError) as caught:
        parse_moment(value, "--until")
    assert type(caught.value) is UsageError
    assert str(caught.value) == f'invalid value for "until": failed to parse value as time or duration: "{value}"'


NOW_NS = 1795970582_123456789  # 2026-11-29T16:43:02.123456789Z


@pytest.mark.parametrize(
    ("value", "sent"),
    [  # what the docker CLI 28.2 sent the engine for each value (captured on a socket), TZ=UTC
        ("2026-11-29T10", "1795946400.000000000"),
        ("1.5", "1.5"),
        ("10m", "1795969982"),
        ("0", "0"),
        ("+0", "1795970582"),
        ("-1h", "1795974182"),
        ("1.5h", "1795965182"),
        (".5s", "1795970581"),
        ("5.s", "1795970577"),
        ("3µs", "1795970582"),
        ("2026-11-29", "1795910400.000000000"),
        ("2026-11-29T16:40:21", "1795970421.000000000"),
        ("2026-11-29T16:40:21.5", "1795970421.500000000"),
        ("2026-11-29T16:40:21.123456789Z", "1795970421.123456789"),
        ("2026-11-29T16:40:21.1234567891234Z", "1795970421.123456789"),
        ("2026-11-29T16:40:21+02:00", "1795963221.000000000"),
        ("2026-11-29T16:40:21-05:00", "1795988421.000000000"),
        ("2026-11-29T16:40", "1795970400.000000000"),
        ("2026-11-29T16:40Z", "1795970400.000000000"),
        ("2026-11-29Z", "1795910400.000000000"),
        ("2026-11-29+01:00", "1795906800.000000000"),
        ("2026-11-29T16:40:21,5Z", "1795970421.500000000"),
        ("2026-11-29T16:40:21.5+01:00", "1795966821.500000000"),
        ("2026-11-29T1", "1795914000.000000000"),
        ("0000-01-01", "-62167219200.000000000"),
        ("2024-02-29", "1709164800.000000000"),
        ("9999-12-31T23:59:59Z", "253402300799.000000000"),
        ("+5", "+5"),
        ("20261129", "20261129"),
        ("1795970421.766215517", "1795970421.766215517"),
    ],
)
def test_values_become_what_the_cli_sends(value, sent, monkeypatch):
    monkeypatch.setattr("dockerwidgets.timestamps.local_offset", lambda moment=None: 0)
    assert cli_timestamp(value, NOW_NS) == sent


@pytest.mark.parametrize(
    ("value", "message"),
    [  # the CLI's own lines (Go's time.Parse errors for values with a dash)
        ("foo", 'failed to parse value as time or duration: "foo"'),
        ("2026-13-01", 'parsing time "2026-13-01": month out of range'),
        ("-1", 'parsing time "-1" as "2006-01-02": cannot parse "-1" as "2006"'),
        ("-inf", 'parsing time "-inf" as "2006-01-02": cannot parse "-inf" as "2006"'),
        ("2026-02-30", 'parsing time "2026-02-30": day out of range'),
        ("2023-02-29", 'parsing time "2023-02-29": day out of range'),
        ("2026-11-29T25", 'parsing time "2026-11-29T25": hour out of range'),
        ("2026-11-29T16:61", 'parsing time "2026-11-29T16:61": minute out of range'),
        ("2026-11-29T16:40:61Z", 'parsing time "2026-11-29T16:40:61Z": second out of range'),
        ("2026-11-29T16:40:21+25:00", 'parsing time "2026-11-29T16:40:21+25:00": time zone offset hour out of range'),
        ("2026-1-2", 'parsing time "2026-1-2" as "2006-01-02": cannot parse "1-2" as "01"'),
        ("2026-11-29T16:40:21x", 'parsing time "2026-11-29T16:40:21x": extra text: "x"'),
        ("2026-11-29t16", 'parsing time "2026-11-29t16": extra text: "t16"'),
        ("2026-11-29T16:40:21 ", 'parsing time "2026-11-29T16:40:21 ": extra text: " "'),
        (
            "2026-11-29T16:40:21.Z",
            'parsing time "2026-11-29T16:40:21.Z" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse ".Z" as "Z07:00"',
        ),
        (
            "2026-11-29T16:40:21.5-",
            'parsing time "2026-11-29T16:40:21.5-" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "-" as "Z07:00"',
        ),
        ("1.-5", 'parsing time "1.-5" as "2006-01-02T15:04:05.999999999": cannot parse "1.-5" as "2006"'),
        ("x-y", 'parsing time "x-y" as "2006-01-02": cannot parse "x-y" as "2006"'),
    ],
)
def test_bad_values_get_the_clis_message(value, message):
    with pytest.raises(TimestampError) as caught:
        cli_timestamp(value, NOW_NS)
    assert str(caught.value) == message
