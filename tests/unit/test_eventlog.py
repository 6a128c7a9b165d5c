"""Events as the CLI prints them and as data: the engine's JSON → lines, columns, typed values, templates."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from dockerwidgets.eventlog import check_format, cli_line, events_frame, format_events
from dockerwidgets.gotemplate import TemplateError

START = {
    "status": "start",
    "id": "1670300b7346",
    "from": "busybox",
    "Type": "container",
    "Action": "start",
    "Actor": {"ID": "1670300b7346", "Attributes": {"name": "t1", "image": "busybox"}},
    "scope": "local",
    "time": 1795970422,
    "timeNano": 1795970422199555269,
}
NETWORK = {
    "Type": "network",
    "Action": "connect",
    "Actor": {"ID": "36b4c9768c97", "Attributes": {"container": "1670300b7346", "name": "bridge", "type": "bridge"}},
    "scope": "local",
    "time": 1795970421,
    "timeNano": 1795970421793865240,
}
BARE = {"Type": "daemon", "Action": "reload", "Actor": {"ID": "X", "Attributes": None}, "time": 1795970421}


def set_zone(zone: str | None) -> None:
    if zone is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = zone
    time.tzset()


@pytest.fixture(autouse=True)
def utc():
    """The CLI prints events in the local zone: UTC here, the machine's zone back afterwards."""
    before = os.environ.get("TZ")
    set_zone("UTC")
    yield
    set_zone(before)


def test_the_clis_line_sorts_attributes_and_keeps_nanoseconds():
    assert cli_line(START) == ("2026-11-29T16:40:22.199555269Z container start 1670300b7346 (image=busybox, name=t1)")
    assert cli_line(BARE) == "2026-11-29T16:40:21.000000000Z daemon reload X"


def test_a_local_zone_prints_its_offset_as_the_cli_does():
    set_zone("Europe/Paris")
    assert cli_line(START).startswith("2026-11-29T17:40:22.199555269+01:00 container start")


def test_the_frame_is_the_line_cut_into_columns_with_a_typed_twin():
    frame = events_frame([NETWORK, START, BARE])
    assert frame.columns.tolist() == ["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]
    assert [
        " ".join(part for part in row[:4]) + (f" ({row[4]})" if row[4] else "") for row in frame.values.tolist()
    ] == [cli_line(event) for event in (NETWORK, START, BARE)]
    typed = frame.docker.typed
    assert typed.columns.tolist() == ["time", "type", "action", "id", "name", "image", "attributes", "scope"]
    assert str(typed["time"].dtype) == "datetime64[ns, UTC]"
    assert typed["time"].iloc[1] == pd.Timestamp(1795970422199555269, unit="ns", tz="UTC")
    assert typed["attributes"].iloc[0] == {"container": "1670300b7346", "name": "bridge", "type": "bridge"}
    assert typed["name"].iloc[1] == "t1" and typed["image"].iloc[1] == "busybox"
    assert typed["attributes"].iloc[2] == {}
    assert frame[frame.TYPE == "container"].docker.typed["id"].tolist() == ["1670300b7346"]


def test_no_events_is_an_empty_frame_with_the_columns():
    frame = events_frame([])
    assert frame.empty and frame.columns.tolist() == ["TIME", "TYPE", "ACTION", "ID", "ATTRIBUTES"]
    assert frame.docker.typed.empty


def test_json_is_the_structs_json_in_field_order_without_empty_deprecated_fields():
    assert format_events(check_format("json"), [START, BARE]).splitlines() == [
        '{"status":"start","id":"1670300b7346","from":"busybox","Type":"container","Action":"start",'
        '"Actor":{"ID":"1670300b7346","Attributes":{"image":"busybox","name":"t1"}},"scope":"local",'
        '"time":1795970422,"timeNano":1795970422199555269}',
        '{"Type":"daemon","Action":"reload","Actor":{"ID":"X","Attributes":null},"time":1795970421}',
    ]


def test_templates_see_the_go_struct():
    template = check_format("{{.Type}} {{.Actor.Attributes.name}} {{.Actor.Attributes.nope}} {{.TimeNano}} {{.Actor}}")
    assert format_events(template, [START]) == (
        "container t1 <no value> 1795970422199555269 {1670300b7346 map[image:busybox name:t1]}"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{.Bad}}", 'template: :1:2: executing "" at <.Bad>: can\'t evaluate field Bad in type *events.Message'),
        (
            "{{.Actor.Nope}}",
            'template: :1:8: executing "" at <.Actor.Nope>: can\'t evaluate field Nope in type events.Actor',
        ),
        ("{{.Type", "template: :1: unclosed action"),
    ],
)
def test_a_bad_template_fails_before_any_event_with_gos_message(template, message):
    with pytest.raises(TemplateError) as caught:
        check_format(template)
    assert caught.value.go_error == message
