"""The Swarm frames as pure functions of the engine's JSON: the CLI's columns and text, typed values beside."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError

from dockerwidgets.frames import (
    natural_key,
    nodes_frame,
    service_image,
    service_tasks_frame,
    services_frame,
)
from dockerwidgets.frames import service_ports as ports_text
from dockerwidgets.ops.services import converged

NOW = 1_800_000_000.0
DIGEST = "sha256:" + "ab" * 32


def stamp(seconds_ago: float) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(NOW - seconds_ago, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"


def service(sid: str, name: str, mode: dict, ports: list[dict] | None = None, image: str = f"busybox:latest@{DIGEST}"):
    return {
        "ID": sid,
        "CreatedAt": stamp(60),
        "UpdatedAt": stamp(30),
        "Spec": {"Name": name, "Labels": {"a": "b"}, "Mode": mode, "TaskTemplate": {"ContainerSpec": {"Image": image}}},
        "Endpoint": {"Ports": ports or []},
    }


def task(tid: str, sid: str, slot: int, state: str, desired: str = "running", node: str = "n1", **extra):
    return {
        "ID": tid,
        "ServiceID": sid,
        "Slot": slot,
        "NodeID": node,
        "DesiredState": desired,
        "CreatedAt": extra.pop("created", stamp(10)),
        "Spec": {"ContainerSpec": {"Image": extra.pop("image", f"busybox:latest@{DIGEST}")}},
        "Status": {"State": state, "Timestamp": stamp(extra.pop("ago", 5)), "Err": extra.pop("err", ""), **extra},
    }


NODES = [
    {"ID": "n1", "Status": {"State": "ready"}, "Spec": {"Availability": "active"}, "Description": {"Hostname": "vm"}},
    {"ID": "n2", "Status": {"State": "down"}, "Spec": {"Availability": "active"}, "Description": {"Hostname": "gone"}},
]


def test_replicas_count_running_tasks_on_live_nodes_against_the_replicas_wanted():
    services = [
        service("s" * 25, "web10", {"Replicated": {"Replicas": 3}}),
        service("t" * 25, "web2", {"Replicated": {"Replicas": 2}}),
        service("g" * 25, "every", {"Global": {}}),
    ]
    tasks = [
        task("a", "s" * 25, 1, "running"),
        task("b", "s" * 25, 2, "running", node="n2"),  # on a node that is down: not counted as running
        task("c", "s" * 25, 3, "preparing"),
        task("d", "s" * 25, 3, "shutdown", desired="shutdown"),
        task("e", "t" * 25, 1, "running"),
        task("f", "t" * 25, 2, "running"),
        task("g", "g" * 25, 0, "running"),
        task("h", "g" * 25, 0, "pending", node="n2"),
        task("i", "g" * 25, 0, "shutdown", desired="shutdown"),
    ]
    frame = services_frame(services, tasks, NODES)
    assert frame.values.tolist() == [
        ["gggggggggggg", "every", "global", "1/2", "busybox:latest", ""],
        ["tttttttttttt", "web2", "replicated", "2/2", "busybox:latest", ""],
        ["ssssssssssss", "web10", "replicated", "1/3", "busybox:latest", ""],
    ]
    typed = frame.docker.typed
    assert typed["running"].tolist() == [1, 2, 1] and typed["desired"].tolist() == [2, 2, 3]
    assert typed["image"][0] == f"busybox:latest@{DIGEST}" and str(typed["created"].dt.tz) == "UTC"
    converging = frame[frame.REPLICAS != "2/2"]
    assert converging.docker.typed["name"].tolist() == ["every", "web10"]


def test_replicas_with_a_max_per_node_and_no_tasks_yet():
    spec = service("m" * 25, "capped", {"Replicated": {"Replicas": 4}})
    spec["Spec"]["TaskTemplate"]["Placement"] = {"MaxReplicas": 2}
    assert services_frame([spec], [], [])["REPLICAS"].tolist() == ["0/4 (max 2 per node)"]


def test_empty_lists_keep_the_columns():
    assert list(services_frame([], [], []).columns) == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
    assert services_frame([], [], []).docker.typed.empty
    assert list(nodes_frame([]).columns) == [
        "ID",
        "HOSTNAME",
        "STATUS",
        "AVAILABILITY",
        "MANAGER STATUS",
        "ENGINE VERSION",
    ]


@pytest.mark.parametrize(
    ("ports", "expected"),
    [
        ([{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"}], "*:8080->80/tcp"),
        (
            [
                {"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 8081, "PublishMode": "ingress"},
                {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
                {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 53, "PublishMode": "ingress"},
                {"Protocol": "tcp", "TargetPort": 90, "PublishedPort": 9000, "PublishMode": "host"},
            ],
            "*:8080-8081->80-81/tcp, *:53->53/udp",
        ),
        ([], ""),
    ],
)
def test_ports_are_merged_into_ranges_as_the_cli_shows_them(ports, expected):
    assert ports_text(ports) == expected


@pytest.mark.parametrize(
    ("image", "shown"),
    [
        (f"busybox:latest@{DIGEST}", "busybox:latest"),
        (f"localhost:5000/app:1@{DIGEST}", "localhost:5000/app:1"),
        ("busybox", "busybox"),
        (f"busybox@{DIGEST}", f"busybox@{DIGEST}"),
        ("Bad:Ref", "Bad:Ref"),
    ],
)
def test_image_column_drops_the_digest_of_a_tagged_reference(image, shown):
    assert service_image(image) == shown


def test_tasks_frame_sorts_by_slot_indents_earlier_tasks_and_quotes_errors():
    sid = "s" * 25
    tasks = [
        task("old1taskaaaaaaaaaaaaaaaaa", sid, 1, "shutdown", desired="shutdown", created=stamp(100), ago=90),
        task("new2taskaaaaaaaaaaaaaaaaa", sid, 2, "running", created=stamp(20), ago=1.5),
        task("new1taskaaaaaaaaaaaaaaaaa", sid, 1, "running", created=stamp(50), ago=0.5),
        task("bad1taskaaaaaaaaaaaaaaaaa", sid, 10, "failed", desired="shutdown", err="starting container failed: no such image", ago=125),
    ]  # fmt: skip
    frame = service_tasks_frame(tasks, {sid: "web"}, {"n1": "vm"}, now=NOW)
    assert frame["NAME"].tolist() == ["web.1", " \\_ web.1", "web.2", "web.10"]
    assert frame["ID"].tolist() == ["new1taskaaaa", "old1taskaaaa", "new2taskaaaa", "bad1taskaaaa"]
    assert frame["CURRENT STATE"].tolist() == [
        "Running less than a second ago",
        "Shutdown about a minute ago",
        "Running 1 second ago",
        "Failed 2 minutes ago",
    ]
    assert frame["DESIRED STATE"].tolist() == ["Running", "Shutdown", "Running", "Shutdown"]
    assert frame["ERROR"].tolist()[3] == '"starting container failed: no…"'
    assert frame["NODE"].tolist() == ["vm"] * 4 and frame["IMAGE"][0] == "busybox:latest"
    typed = frame.docker.typed
    assert typed["slot"].tolist() == [1, 1, 2, 10] and typed["error"][3] == "starting container failed: no such image"
    untruncated = service_tasks_frame(tasks, {sid: "web"}, {}, no_trunc=True, now=NOW)
    assert untruncated["ID"][0] == "new1taskaaaaaaaaaaaaaaaaa" and untruncated["NODE"][0] == "n1"
    assert untruncated["ERROR"][3] == '"starting container failed: no such image"'


def test_a_global_task_is_named_by_its_node():
    frame = service_tasks_frame([task("t" * 25, "g", 0, "running", node="n1")], {"g": "every"}, {"n1": "vm"}, now=NOW)
    assert frame["NAME"].tolist() == ["every.n1"]


def test_nodes_frame_marks_this_node_and_sorts_by_hostname():
    nodes = [
        {"ID": "b" * 25, "Spec": {"Availability": "drain", "Role": "worker"}, "Status": {"State": "down"},
         "Description": {"Hostname": "node10", "Engine": {"EngineVersion": "20.10.24"}}},
        {"ID": "a" * 25, "Spec": {"Availability": "active", "Role": "manager"}, "Status": {"State": "ready"},
         "ManagerStatus": {"Leader": True, "Reachability": "reachable"},
         "Description": {"Hostname": "node2", "Engine": {"EngineVersion": "20.10.24"}}},
    ]  # fmt: skip
    frame = nodes_frame(nodes, self_id="a" * 25)
    assert frame.values.tolist() == [
        ["a" * 25 + " *", "node2", "Ready", "Active", "Leader", "20.10.24"],
        ["b" * 25, "node10", "Down", "Drain", "", "20.10.24"],
    ]
    assert frame.docker.typed["self"].tolist() == [True, False]
    assert frame.docker.typed["role"].tolist() == ["manager", "worker"]


def test_natural_order():
    assert sorted(["web10", "web2", "api", "web1"], key=natural_key) == ["api", "web1", "web2", "web10"]


def test_converged_wants_every_replica_running_on_the_current_image():
    web = service("s" * 25, "web", {"Replicated": {"Replicas": 2}})
    running = [task("a", "s" * 25, 1, "running"), task("b", "s" * 25, 2, "running")]
    assert converged(web, running, NODES)
    assert not converged(web, running[:1], NODES)
    assert not converged(web, [running[0], task("b", "s" * 25, 2, "starting")], NODES)
    assert not converged(web, [running[0], task("b", "s" * 25, 2, "running", image="centos:7")], NODES)
    every = service("g" * 25, "every", {"Global": {}})
    assert converged(every, [task("g", "g" * 25, 0, "running")], NODES)  # the down node is not counted


def test_usage_error_is_the_exact_class():
    from dockerwidgets.commands.service import service_scale

    with pytest.raises(UsageError) as caught:
        service_scale(["web=x"], None)  # type: ignore[arg-type]  (fails before any engine is asked)
    assert type(caught.value) is UsageError
    assert str(caught.value) == 'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax'
