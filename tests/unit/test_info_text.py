"""``docker info``'s Server section from a recorded ``GET /info``, against what docker CLI 28.2.2 printed for it."""

from __future__ import annotations

import json
from pathlib import Path

from dockerwidgets.commands.system import info_template_data
from dockerwidgets.gotemplate import TemplateError, render
from dockerwidgets.humanize import binary_size
from dockerwidgets.infotext import decode_security_options, server_lines, swarm_lines
from dockerwidgets.results import InfoResult

DATA = Path(__file__).parent / "data" / "system_df"
INFO = json.loads((DATA / "info.json").read_text())
UNORDERED = (" Runtimes:",)  # the CLI walks a Go map there: its order changes from run to run


def comparable(lines: list[str]) -> list[str]:
    return [" ".join(sorted(line.split())) if line.startswith(UNORDERED) else line for line in lines]


def test_the_server_section_is_the_clis_line_for_line():
    printed = (DATA / "info.txt").read_text().split("\nServer:\n", 1)[1].split("\n")
    assert comparable(server_lines(INFO)) == comparable(printed[:-1])


def test_the_result_is_the_engines_dict_and_reads_as_the_clis_text():
    result = InfoResult(INFO)
    assert result == INFO
    assert result["ServerVersion"] == "20.10.24+dfsg1"
    data, metadata = result._repr_json_()
    assert data == INFO and metadata["expanded"] is False
    assert result.text.startswith("Server:\n Containers: 3\n  Running: 1\n")
    assert " Total Memory: 23.54GiB" in result.text.splitlines()
    assert str(result) == result.text


def test_binary_size_is_go_units_bytessize():
    assert binary_size(25276063744) == "23.54GiB"
    assert binary_size(1023) == "1023B"
    assert binary_size(1024) == "1KiB"
    assert binary_size(1536 * 1024) == "1.5MiB"


def test_security_options_decode_as_moby_does():
    assert decode_security_options(["name=seccomp,profile=default", "name=rootless", "apparmor"]) == [
        ("seccomp", [("profile", "default")]),
        ("rootless", []),
        ("apparmor", []),
    ]


def test_a_manager_node_prints_its_cluster():
    swarm = {
        "NodeID": "n1", "NodeAddr": "10.0.0.1", "LocalNodeState": "active", "ControlAvailable": True, "Error": "",
        "RemoteManagers": [{"NodeID": "n2", "Addr": "10.0.0.2:2377"}, {"NodeID": "n1", "Addr": "10.0.0.1:2377"}],
        "Nodes": 2, "Managers": 2,
        "Cluster": {
            "ID": "c1", "DefaultAddrPool": ["10.0.0.0/8"], "SubnetSize": 24, "DataPathPort": 4789,
            "RootRotationInProgress": False,
            "Spec": {"Orchestration": {"TaskHistoryRetentionLimit": 5},
                     "Raft": {"SnapshotInterval": 10000, "KeepOldSnapshots": 0, "HeartbeatTick": 1, "ElectionTick": 10},
                     "Dispatcher": {"HeartbeatPeriod": 5000000000},
                     "CAConfig": {"NodeCertExpiry": 7776000000000000},
                     "EncryptionConfig": {"AutoLockManagers": False}},
        },
    }  # fmt: skip
    assert swarm_lines(swarm) == [
        "  NodeID: n1",
        "  Is Manager: true",
        "  ClusterID: c1",
        "  Managers: 2",
        "  Nodes: 2",
        "  Default Address Pool: 10.0.0.0/8  ",
        "  SubnetSize: 24",
        "  Data Path Port: 4789",
        "  Orchestration:",
        "   Task History Retention Limit: 5",
        "  Raft:",
        "   Snapshot Interval: 10000",
        "   Number of Old Snapshots to Retain: 0",
        "   Heartbeat Tick: 1",
        "   Election Tick: 10",
        "  Dispatcher:",
        "   Heartbeat Period: 5 seconds",
        "  CA Configuration:",
        "   Expiry Duration: 3 months",
        "   Force Rotate: 0",
        "  Autolock Managers: false",
        "  Root Rotation In Progress: false",
        "  Node Address: 10.0.0.1",
        "  Manager Addresses:",
        "   10.0.0.1:2377",
        "   10.0.0.2:2377",
    ]
    assert swarm_lines({"LocalNodeState": "inactive"}) == []


def test_templates_see_the_clis_structs():
    data = info_template_data(INFO, {"Version": "1", "Plugins": []})
    assert render("{{.ServerVersion}}", data) == "20.10.24+dfsg1"
    assert render("{{.Runtimes.nope}}", data) == "<no value>"  # a map: no error
    assert render("{{json .ClientInfo}}", data) == '{"Version":"1","Plugins":[]}'  # a struct: its fields' order
    assert render("{{json .}}", data).startswith('{"ID":"SLEU:')
    for template, go_type in (("{{.Foo}}", "system.dockerInfo"), ("{{.Swarm.Foo}}", "swarm.Info")):
        try:
            render(template, data)
        except TemplateError as exc:
            assert exc.go_error.endswith(f"can't evaluate field Foo in type {go_type}")
        else:
            raise AssertionError(template)
