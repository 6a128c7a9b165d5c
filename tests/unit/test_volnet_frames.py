"""``volume ls`` / ``network ls`` frames and ``--format`` rows, and ``network create``'s IPAM checks (no engine)."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.core.error import UsageError

from dockerwidgets.cliformat import write_rows
from dockerwidgets.commands.volume import parse_labels, parse_options
from dockerwidgets.networkframes import NETWORK_HEADERS, network_contexts, networks_frame
from dockerwidgets.ops.networks import Ipam, ipam_config
from dockerwidgets.volumeframes import VOLUME_HEADERS, volume_contexts, volumes_frame

VOLUMES = [
    {"CreatedAt": "2026-11-29T17:29:57Z", "Driver": "local", "Labels": {"team": "data"}, "Name": "v10",
     "Mountpoint": "/var/lib/docker/volumes/v10/_data", "Options": {"type": "tmpfs"}, "Scope": "local"},
    {"CreatedAt": "2026-11-29T18:29:57+01:00", "Driver": "local", "Labels": None, "Name": "v9",
     "Mountpoint": "/var/lib/docker/volumes/v9/_data", "Options": None, "Scope": "local"},
]  # fmt: skip
NETWORKS = [
    {"Name": "net10", "Id": "a" * 64, "Created": "2026-11-29T17:29:57.695829744Z", "Scope": "local",
     "Driver": "bridge", "EnableIPv6": False, "Internal": True, "Attachable": True, "Labels": {"x": "y"},
     "IPAM": {"Driver": "default", "Config": [{"Subnet": "10.1.0.0/16", "Gateway": "10.1.0.1"}]}},
    {"Name": "bridge", "Id": "b" * 64, "Created": "2026-11-29T17:00:00Z", "Scope": "local", "Driver": "bridge",
     "EnableIPv6": False, "Internal": False, "Attachable": False, "Labels": {}, "IPAM": {"Config": []}},
]  # fmt: skip


def test_volumes_frame_has_the_clis_columns_in_its_order_and_typed_values():
    frame = volumes_frame(VOLUMES)
    assert list(frame.columns) == ["DRIVER", "VOLUME NAME"]
    assert list(frame["VOLUME NAME"]) == ["v9", "v10"]  # natural order, as the CLI sorts
    typed = frame.docker.typed
    assert list(typed["created"]) == [pd.Timestamp("2026-11-29T17:29:57Z")] * 2  # UTC, whatever the offset given
    assert str(typed["created"].dt.tz) == "UTC"
    assert list(typed["labels"]) == [{}, {"team": "data"}] and list(typed["options"]) == [{}, {"type": "tmpfs"}]
    assert list(frame[frame["VOLUME NAME"] == "v10"].docker.typed["mountpoint"]) == [VOLUMES[0]["Mountpoint"]]


def test_an_empty_volume_list_is_an_empty_frame_with_the_columns():
    frame = volumes_frame([])
    assert list(frame.columns) == ["DRIVER", "VOLUME NAME"] and frame.empty
    assert frame.docker.typed.empty


def test_networks_frame_truncates_ids_unless_asked_and_keeps_the_typed_values():
    frame = networks_frame(NETWORKS)
    assert list(frame.columns) == ["NETWORK ID", "NAME", "DRIVER", "SCOPE"]
    assert list(frame["NAME"]) == ["bridge", "net10"]
    assert list(frame["NETWORK ID"]) == ["b" * 12, "a" * 12]
    assert list(networks_frame(NETWORKS, no_trunc=True)["NETWORK ID"]) == ["b" * 64, "a" * 64]
    row = frame.docker.typed.iloc[1]
    assert row["id"] == "a" * 64 and row["subnets"] == ["10.1.0.0/16"] and row["labels"] == {"x": "y"}
    assert bool(row["internal"]) and bool(row["attachable"]) and not bool(row["ipv6"])
    assert row["created"] == pd.Timestamp("2026-11-29T17:29:57.695829744Z")


def test_format_rows_are_the_clis_contexts():
    text = write_rows("table {{.Name}}\t{{.Labels}}\t{{.Links}}", volume_contexts(VOLUMES), VOLUME_HEADERS)
    assert text.split("\n")[0].split() == ["VOLUME", "NAME", "LABELS", "LINKS"]
    assert text.split("\n")[2].split() == ["v10", "team=data", "N/A"]
    text = write_rows("{{.ID}} {{.CreatedAt}} {{.Internal}} {{.IPv6}}", network_contexts(NETWORKS), NETWORK_HEADERS)
    assert text.split("\n")[1] == f"{'a' * 12} 2026-11-29 17:29:57.695829744 +0000 UTC true false"
    assert write_rows("{{.ID}}", network_contexts(NETWORKS, trunc=False), NETWORK_HEADERS).split() == [
        "b" * 64, "a" * 64,
    ]  # fmt: skip


def test_labels_and_options_parse_as_the_cli_reads_them():
    assert parse_labels(["a=1", "b", "c=x=y"]) == {"a": "1", "b": "", "c": "x=y"}
    assert parse_options(["type=tmpfs", "o"]) == {"type": "tmpfs", "o": ""}
    with pytest.raises(
        UsageError, match=r"^invalid argument \"=x\" for \"--label\" flag: invalid label '=x': empty name$"
    ):
        parse_labels(["=x"])
    with pytest.raises(UsageError, match="label 'a b' contains whitespaces"):
        parse_labels(["a b=1"])


def test_ipam_config_is_the_engines_body():
    assert ipam_config(Ipam()) is None
    body = ipam_config(Ipam(["10.1.0.0/16", "fd00::/64"], ["10.1.2.0/24"], ["10.1.0.254", "fd00::1"]))
    assert body == {
        "Driver": "default",
        "Config": [
            {"Subnet": "10.1.0.0/16", "IPRange": "10.1.2.0/24", "Gateway": "10.1.0.254"},
            {"Subnet": "fd00::/64", "Gateway": "fd00::1"},
        ],
        "Options": {},
    }
    assert ipam_config(Ipam(["bad"])) == {"Driver": "default", "Config": [{"Subnet": "bad"}], "Options": {}}


@pytest.mark.parametrize(
    ("ipam", "message"),
    [
        (Ipam(gateways=["10.1.0.1"]), "every ip-range or gateway must have a corresponding subnet"),
        (Ipam(["10.1.0.0/16"], gateways=["10.2.0.1"]), "no matching subnet for gateway 10.2.0.1"),
        (Ipam(["10.1.0.0/16"], gateways=["bad"]), "no matching subnet for gateway bad"),
        (Ipam(["10.1.0.0/16"], ["bad"]), "invalid CIDR address: bad"),
        (Ipam(["10.1.0.0/16"], ["10.2.0.0/24"]), "no matching subnet for range 10.2.0.0/24"),
        (Ipam(["10.1.0.0/16", "10.1.1.0/24"]), "multiple overlapping subnet configuration is not supported"),
        (Ipam(["bad", "10.1.1.0/24"]), "invalid subnet: invalid CIDR address: bad"),
        (
            Ipam(["10.1.0.0/16", "10.2.0.0/16"], gateways=["10.1.0.1", "10.1.0.2"]),
            "cannot configure multiple gateways (10.1.0.2, 10.1.0.1) for the same subnet (10.1.0.0/16)",
        ),
    ],
)
def test_ipam_mistakes_get_the_clis_line(ipam, message):
    with pytest.raises(UsageError) as caught:
        ipam_config(ipam)
    assert str(caught.value) == message


def test_label_is_a_method_of_the_contexts_and_of_the_header_row():
    from dockerwidgets.networkframes import network_headers
    from dockerwidgets.volumeframes import volume_headers

    text = write_rows('table {{.Name}}\t{{.Label "team"}}\t{{.Label "com.example.some-key"}}', volume_contexts(VOLUMES),
                      volume_headers())  # fmt: skip
    assert [line.split() for line in text.splitlines()] == [["VOLUME", "NAME", "team", "some", "key"], ["v9"],
                                                            ["v10", "data"]]  # fmt: skip
    assert write_rows('{{.Name}}={{.Label "x"}}', network_contexts(NETWORKS), network_headers()) == "bridge=\nnet10=y\n"
    assert write_rows("{{json .}}", volume_contexts(VOLUMES[:1]), volume_headers()).count('"Label"') == 0


def test_a_method_called_with_the_wrong_arguments_fails_as_go():
    from dockerwidgets.gotemplate import TemplateError

    with pytest.raises(TemplateError, match="wrong number of args for Label: want 1 got 0"):
        write_rows("{{.Label}}", volume_contexts(VOLUMES), VOLUME_HEADERS)
    with pytest.raises(TemplateError, match="wrong type for value; expected string; got int"):
        write_rows("{{.Label 3}}", volume_contexts(VOLUMES), VOLUME_HEADERS)
