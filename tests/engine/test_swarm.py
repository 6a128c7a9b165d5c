"""Swarm against the private engine (made a one-node swarm for this module), the docker CLI as witness."""

from __future__ import annotations

import shlex
from collections.abc import Callable

import pytest
from conftest import cli, until
from IPython.core.error import UsageError

import dockerwidgets
from dockerwidgets.frames import NODE_COLUMNS, SERVICE_COLUMNS, TASK_COLUMNS

pytestmark = pytest.mark.engine
NOT_A_MANAGER = (
    'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" '
    "to connect this node to swarm and try again."
)
EVIL = "<img src=x onerror=alert(1)>"
SLEEPER = ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]


def eventually(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Wait for *predicate* (the swarm converges, or a panel shows it): a swarm takes longer than a container."""
    until(predicate, timeout)


def fails(docker, line: str) -> str:
    """Run *line*, expect exactly ``UsageError`` with a one-line message, return the message."""
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def swarm_state() -> str:
    """Every service's id, name and spec version (any update changes it), and the node list: what bad input must not change."""
    ids = cli("service", "ls", "-q", check=False).split()
    specs = cli("service", "inspect", "--format", "{{.ID}} {{.Spec.Name}} {{.Version.Index}}", *ids) if ids else ""
    return specs + "\n" + cli("node", "ls", "-q", check=False)


def witness_message(line: str) -> str:
    """What the docker CLI says (stderr, folded to one line) for *line*."""
    import subprocess

    from conftest import PRIVATE_HOST

    result = subprocess.run(["docker", "-H", PRIVATE_HOST, *line.split()], capture_output=True, text=True)
    return " ".join(result.stderr.split())


def inactive() -> bool:
    return cli("info", "--format", "{{.Swarm.LocalNodeState}}") == "inactive"


@pytest.fixture
def no_swarm(engine):
    """The private engine, not part of any swarm."""
    if not inactive():
        cli("swarm", "leave", "--force")
    return engine


@pytest.fixture(scope="module")
def swarm(private_engine):
    """The private engine as a one-node swarm's manager for this module; it leaves the swarm at the end."""
    from dockerwidgets.engine import engine_for

    engine = engine_for(private_engine)
    if not inactive():
        cli("swarm", "leave", "--force")
    text = dockerwidgets.docker("swarm init --advertise-addr 127.0.0.1", engine)
    yield engine, text
    for service in cli("service", "ls", "-q", check=False).split():
        cli("service", "rm", service, check=False)
    assert dockerwidgets.docker("swarm leave --force", engine) == "Node left the swarm."
    assert inactive()


@pytest.fixture
def docker(swarm, engine):
    """``docker("service ls")`` on the swarm; services the test made are removed after it."""
    before = set(service_names_now())
    yield lambda line, **options: dockerwidgets.docker(line, engine, **options)
    made = set(service_names_now()) - before
    if made:
        cli("service", "rm", *made)
        for name in made:  # their containers go too, before the next test looks
            label = f"label=com.docker.swarm.service.name={name}"
            eventually(lambda label=label: cli("ps", "-a", "-q", "--filter", label) == "")


def service_names_now() -> list[str]:
    return cli("service", "ls", "--format", "{{.Name}}").split()


def cli_table(*args: str, columns: list[str]) -> list[list[str]]:
    """The CLI's table for *args*, one list of cells per row (tab-separated through --format)."""
    template = "\t".join("{{." + column + "}}" for column in columns)
    return [line.split("\t") for line in cli(*args, "--format", template).splitlines()]


# --- not a swarm -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["service ls", "service ps web", "service create -d busybox", "service scale web=2", "service rm web",
     "service logs web", "service update --image busybox web", "node ls"],
)  # fmt: skip
def test_swarm_commands_on_an_engine_that_is_no_manager_get_the_engines_message(no_swarm, line):
    docker = lambda text: dockerwidgets.docker(text, no_swarm)  # noqa: E731
    message = fails(docker, line)
    assert message == ("web: " if line.startswith("service scale") else "") + NOT_A_MANAGER
    assert message == witness_message(line) and inactive()


def test_swarm_leave_when_not_in_a_swarm(no_swarm):
    message = fails(lambda text: dockerwidgets.docker(text, no_swarm), "swarm leave")
    assert message == "Error response from daemon: This node is not part of a swarm"


# --- swarm init, node ls -----------------------------------------------------------------------


def test_swarm_init_prints_the_cli_text_and_a_second_init_is_refused(swarm, docker):
    _, text = swarm
    node_id = cli("info", "--format", "{{.Swarm.NodeID}}")
    token = cli("swarm", "join-token", "-q", "worker")
    assert text.splitlines()[0] == f"Swarm initialized: current node ({node_id}) is now a manager."
    assert f"    docker swarm join --token {token} 127.0.0.1:2377" in text.splitlines()
    before = swarm_state()
    assert fails(docker, "swarm init --advertise-addr 127.0.0.1") == (
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this '
        "swarm and join another one."
    )
    assert fails(docker, "swarm leave").startswith(
        "Error response from daemon: You are attempting to leave the swarm on a node that is participating as a "
        "manager. Removing the last manager erases all current state of the swarm. Use `--force`"
    )
    assert swarm_state() == before


def test_node_ls_is_the_clis_table(docker):
    frame = docker("node ls")
    assert list(frame.columns) == NODE_COLUMNS
    rows = cli_table(
        "node", "ls", columns=["ID", "Hostname", "Status", "Availability", "ManagerStatus", "EngineVersion"]
    )
    assert [[f"{rows[0][0]} *", *rows[0][1:]]] == frame.values.tolist()
    typed = frame.docker.typed
    assert typed["self"].tolist() == [True] and typed["leader"].tolist() == [True] and typed["role"][0] == "manager"
    assert docker("node ls -q") == [rows[0][0]]


# --- services ----------------------------------------------------------------------------------


def test_create_waits_for_convergence_and_ls_is_the_clis_table(docker):
    service_id = docker(
        "service create --name web --replicas 2 -p 29001:80 -e GREETING=hi -l demo=swarm busybox httpd -f -p 80"
    )
    assert service_id == cli("service", "inspect", "--format", "{{.ID}}", "web")
    docker("service create -d --name every --mode global busybox " + shlex.join(SLEEPER))
    eventually(lambda: cli("service", "ls", "--filter", "name=every", "--format", "{{.Replicas}}") == "1/1")
    frame = docker("service ls")
    assert list(frame.columns) == SERVICE_COLUMNS
    expected = cli_table("service", "ls", columns=["ID", "Name", "Mode", "Replicas", "Image", "Ports"])
    assert frame.values.tolist() == expected
    assert frame[frame.NAME == "web"].values.tolist() == [
        [service_id[:12], "web", "replicated", "2/2", "busybox:latest", "*:29001->80/tcp"]
    ]
    typed = frame[frame.NAME == "web"].docker.typed
    assert typed["running"].tolist() == [2] and typed["desired"].tolist() == [2]
    assert typed["labels"].tolist() == [{"demo": "swarm"}] and typed["image"].iloc[0].startswith(
        "busybox:latest@sha256:"
    )
    spec = cli(
        "service", "inspect", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}} {{json .Spec.Mode}}", "web"
    )
    assert spec == '["GREETING=hi"] {"Replicated":{"Replicas":2}}'
    assert docker("service ls -q") == cli("service", "ls", "-q").split()
    assert docker("container ls").empty is False  # the tasks are containers of this engine


def test_service_ps_is_the_clis_table(docker):
    docker("service create --name pair --replicas 2 busybox " + shlex.join(SLEEPER))
    frame = docker("service ps pair")
    assert list(frame.columns) == TASK_COLUMNS
    expected = cli_table("service", "ps", "pair", columns=["ID", "Name", "Image", "Node", "DesiredState"])
    assert frame[["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE"]].values.tolist() == expected
    assert frame["CURRENT STATE"].str.match(r"^Running (less than a second|\d+ seconds?|about a minute) ago$").all()
    typed = frame.docker.typed
    assert typed["slot"].tolist() == [1, 2] and set(typed["state"]) == {"running"}
    assert docker("service ps -q pair") == cli("service", "ps", "-q", "pair").split()


def test_scale_prints_what_the_cli_prints_and_converges(docker):
    docker("service create --name web --replicas 1 busybox " + shlex.join(SLEEPER))
    assert docker("service scale web=3") == "web scaled to 3"
    assert docker("service ls")["REPLICAS"].tolist() == ["3/3"]
    assert cli("service", "ls", "--format", "{{.Replicas}}") == "3/3"
    assert docker("service scale -d web=1") == "web scaled to 1"
    eventually(lambda: cli("service", "ls", "--format", "{{.Replicas}}") == "1/1")


def test_update_image_replaces_the_tasks_and_ps_indents_the_old_ones(docker):
    docker("service create --name web --replicas 1 busybox " + shlex.join(SLEEPER))
    assert docker("service update --image centos:7 web") == "web"
    assert docker("service ls")["IMAGE"].tolist() == ["centos:7"]
    frame = docker("service ps web")
    assert frame["NAME"].tolist() == ["web.1", " \\_ web.1"]
    assert frame["IMAGE"].tolist() == ["centos:7", "busybox:latest"]
    assert frame["DESIRED STATE"].tolist() == ["Running", "Shutdown"]


def test_logs_are_the_clis_text_and_engine_text_stays_text(docker):
    docker("service create --name talk busybox sh -c 'echo one; echo \"<b>two</b>\"; sleep 600'")
    eventually(lambda: "two" in cli("service", "logs", "talk"))
    assert docker("service logs talk") == cli("service", "logs", "talk")
    text = docker("service logs --no-task-ids talk")
    assert text.splitlines() == ["talk.1@" + cli("node", "ls", "--format", "{{.Hostname}}") + "    | one",
                                 "talk.1@" + cli("node", "ls", "--format", "{{.Hostname}}") + "    | <b>two</b>"]  # fmt: skip
    assert docker("service logs --raw talk") == "one\n<b>two</b>"
    task = cli("service", "ps", "-q", "talk")
    assert docker(f"service logs {task}") == cli("service", "logs", task)


def test_logs_follow_opens_the_console(docker):
    docker("service create --name ticker busybox sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done'")
    console = docker("service logs -f ticker", show=False)
    try:
        eventually(lambda: "tick 3" in console.text)
        assert console.text.startswith("ticker.1.") and "    | tick 0" in console.text
    finally:
        console.close()


def test_rm_prints_the_names_and_removes(docker):
    docker("service create -d --name a1 busybox " + shlex.join(SLEEPER))
    docker("service create -d --name a2 busybox " + shlex.join(SLEEPER))
    assert docker("service rm a1 a2") == "a1\na2"
    assert cli("service", "ls", "-q") == ""


def test_the_ops_a_panel_calls_return_data(swarm, docker):
    """list, scale one service to N, logs, remove: typed calls with ids, no CLI text in between."""
    from dockerwidgets.frames import services_frame
    from dockerwidgets.ops import nodes, services

    engine, _ = swarm
    sid = services.create_service(
        engine, "busybox", ["sh", "-c", "echo hello; sleep 600"], name="opsweb", labels={"test": "ops"}, detach=False
    )
    listed, tasks, node_list = services.list_services(engine, {"label": ["test=ops"]})
    assert [s["ID"] for s in listed] == [sid] and {t["ServiceID"] for t in tasks} == {sid}
    node_ids = [n["ID"] for n in node_list]
    assert node_ids == [n["ID"] for n in nodes.list_nodes(engine)] == cli("node", "ls", "-q").split()
    assert services_frame(listed, tasks, node_list)["REPLICAS"].tolist() == ["1/1"]
    assert services.scale(engine, {sid: 2}, detach=False) == [sid]
    assert cli("service", "ls", "--filter", "label=test=ops", "--format", "{{.Replicas}}") == "2/2"
    eventually(lambda: "hello" in cli("service", "logs", "opsweb"))
    assert services.service_logs(engine, sid, tail=200).splitlines()[0].endswith("    | hello")
    with pytest.raises(UsageError, match=r"^nope: "):
        services.scale(engine, {sid: 1, "nope": 1})  # every service looked up before any is changed
    assert cli("service", "ls", "--filter", "label=test=ops", "--format", "{{.Replicas}}") == "2/2"
    assert services.remove_services(engine, [sid]) == [sid]
    assert cli("service", "ls", "--filter", "label=test=ops", "-q") == ""


def test_a_group_without_its_command_says_its_usage(docker):
    with pytest.raises(UsageError, match=r"^Usage: docker service COMMAND; commands: create, list, logs, ls, ps, "):
        docker("service")
    assert fails(docker, "node") == "Usage: docker node COMMAND; commands: list, ls"
    assert fails(docker, "swarm") == "Usage: docker swarm COMMAND; commands: init, leave"


def test_the_magic_runs_service_commands(ipython, docker):
    docker("service create -d --name magic busybox " + shlex.join(SLEEPER))
    frame = ipython.run_line_magic("docker", "service ls")
    assert frame["NAME"].tolist() == ["magic"]
    with pytest.raises(UsageError, match=r'^unknown command: "docker service nope"; supported: create, '):
        ipython.run_line_magic("docker", "service nope")


# --- bad input ---------------------------------------------------------------------------------

BAD = [
    ("service scale web=x", 'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax'),
    ("service scale web=-1", 'web: invalid replicas value -1: strconv.ParseUint: parsing "-1": invalid syntax'),
    (
        "service scale web=99999999999999999999",
        "web: invalid replicas value 99999999999999999999: strconv.ParseUint: parsing "
        '"99999999999999999999": value out of range',
    ),
    ("service scale web=5 every=x", 'every: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax'),
    ("service scale web=5 nope=2", "nope: Error response from daemon: service nope not found"),
    ("service scale web=5 every=2", "every: scale can only be used with replicated or replicated-job mode"),
    (
        "service scale web",
        "invalid scale specifier 'web'. See 'docker service scale --help'. "
        "Usage: docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]",
    ),
    ("service create --replicas x busybox", 'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'),
    ("service create -p x busybox", 'invalid argument "x" for "-p, --publish" flag: invalid containerPort: x'),
    ("service create -p 127.0.0.1:29002:80 busybox", 'invalid argument "127.0.0.1:29002:80" for "-p, --publish" flag: hostip is not supported'),
    ("service create -p published=29002 busybox", "invalid argument \"published=29002\" for \"-p, --publish\" flag: missing mandatory field 'target'"),
    ("service create --mode foo busybox", "Unknown mode: foo, only replicated and global supported"),
    ("service create --mode global --replicas 2 busybox", "replicas can only be used with replicated or replicated-job mode"),
    ("service create --name web busybox", "Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists"),
    ("service create -d -p 29003:80 busybox", "Error response from daemon: rpc error: code = InvalidArgument desc = port '29003' is already in use by service 'web' ({web}) as an ingress port"),
    ("service create -d Bad:Ref", 'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "Bad:Ref" is not a valid repository/tag'),
    ("service create -d --name Bad_Name! busybox", "Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component"),
    ("service create", '"docker service create" requires at least 1 argument. Usage: docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]'),
    ("service rm web nope", "Error response from daemon: service nope not found"),
    ("service ps nope", "no such service: nope"),
    ("service ps web nope", "no such service: nope"),
    ("service logs nope", "no such task or service: nope"),
    ("service update --image busybox nope", "Error response from daemon: service nope not found"),
    ("service update --image Bad:Ref web", 'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "Bad:Ref" is not a valid repository/tag'),
    ("service ls --filter bad", 'invalid argument "bad" for "-f, --filter" flag: bad format of filter (expected name=value)'),
    ("service ls --filter foo=bar", "Error response from daemon: Invalid filter 'foo'"),
    ("service ls --bogus", "unknown flag: --bogus (docker service ls supports: -f, --filter; -q, --quiet; --panel)"),
]  # fmt: skip


@pytest.fixture(scope="module")
def two_services(swarm):
    """``web`` (replicated, port 29003) and ``every`` (global), converged, for the bad-input tests."""
    engine, _ = swarm
    run = lambda line: dockerwidgets.docker(line, engine)  # noqa: E731
    web = run("service create --name web -p 29003:80 busybox httpd -f -p 80")
    run("service create --name every --mode global busybox " + shlex.join(SLEEPER))
    yield web
    cli("service", "rm", "web", "every", check=False)


@pytest.mark.parametrize(("line", "expected"), BAD, ids=[line for line, _ in BAD])
def test_bad_input_is_one_line_and_changes_nothing(swarm, two_services, line, expected):
    engine, _ = swarm
    docker = lambda text: dockerwidgets.docker(text, engine)  # noqa: E731
    before = swarm_state()
    assert fails(docker, line) == expected.format(web=two_services)
    assert swarm_state() == before
    assert cli("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", "web") == "1"


@pytest.mark.parametrize(
    "line",
    ["service scale web=x", "service create --mode foo busybox", "service ps nope", "service logs nope",
     "service update --image busybox nope"],
)  # fmt: skip
def test_the_cli_says_the_same(swarm, two_services, line):
    engine, _ = swarm
    assert fails(lambda text: dockerwidgets.docker(text, engine), line) == witness_message(line)


# --- ServicePanel ------------------------------------------------------------------------------


@pytest.fixture
def panel(docker):
    """A ServicePanel on the swarm (the services labelled ``test=panel``), closed after the test."""
    from dockerwidgets.engine import engine_for
    from dockerwidgets.widgets.panels.services import ServicePanel

    made = ServicePanel(engine_for(cli_host()), filters={"label": ["test=panel"]})  # only this test's services
    yield made
    made.close()


def cli_host() -> str:
    from conftest import PRIVATE_HOST

    return PRIVATE_HOST


def replicas_in(panel, name: str) -> str:
    frame = panel.frame
    rows = frame[frame["NAME"] == name]
    return rows["REPLICAS"].iloc[0] if len(rows) else ""


def test_the_panel_shows_convergence_as_it_happens(docker, panel):
    seen: list[str] = []
    panel.model.observe(lambda _: seen.append(replicas_in(panel, "pweb")), "revision")
    docker("service create -d --name pweb -l test=panel --replicas 2 busybox " + shlex.join(SLEEPER))
    # no refresh by hand: the events and the re-checks; `shown` is set just before `revision` is bumped,
    # so wait for the redraw signal that carries it too
    eventually(lambda: replicas_in(panel, "pweb") == "2/2" and seen[-1:] == ["2/2"])
    assert [value for value in seen if value][0] in ("0/2", "1/2") and seen[-1] == "2/2"
    assert panel.frame.docker.typed["desired"].tolist() == [2]
    panel.select("pweb")
    panel.buttons["scale up"].click()  # on the panel's worker: the click returns at once
    assert panel.wait(30)
    assert panel.message == "pweb scaled to 3"
    eventually(lambda: replicas_in(panel, "pweb") == "3/3")
    assert cli("service", "ls", "--filter", "name=pweb", "--format", "{{.Replicas}}") == "3/3"
    panel.buttons["scale down"].click()
    assert panel.wait(30) and panel.message == "pweb scaled to 2"
    eventually(lambda: replicas_in(panel, "pweb") == "2/2")
    eventually(lambda: not panel.model.converging)
    assert panel.follower.refreshes >= 1


def test_the_panel_removes_only_after_confirmation(docker, panel):
    docker("service create -d --name doomed -l test=panel busybox " + shlex.join(SLEEPER))
    eventually(lambda: replicas_in(panel, "doomed") != "")
    panel.select("doomed")
    panel.buttons["remove"].click()
    assert panel.pending == "Remove 1 service(s) (doomed)? Their tasks are stopped."
    panel.no.click()
    assert panel.message == "Cancelled: nothing was done." and "doomed" in service_names_now()
    panel.buttons["remove"].click()
    panel.yes.click()
    assert panel.wait(30)
    assert panel.message == "remove: doomed" and "doomed" not in service_names_now()
    eventually(lambda: panel.frame.empty)


def test_the_panel_scale_of_a_global_service_says_why_not(docker, panel):
    docker("service create -d --name pevery -l test=panel --mode global busybox " + shlex.join(SLEEPER))
    eventually(lambda: replicas_in(panel, "pevery") != "")
    before = swarm_state()
    panel.select("pevery")
    panel.buttons["scale up"].click()
    assert panel.wait(30)
    assert panel.message == "pevery: scale can only be used with replicated or replicated-job mode"
    assert swarm_state() == before
    panel.select([])
    panel.buttons["logs"].click()
    assert panel.message == "select a service first"


def test_the_panel_shows_tasks_and_logs_as_escaped_text(docker, panel):
    docker(f"service create --name talk -l test=panel --label 'note={EVIL}' busybox sh -c \"echo '{EVIL}'; sleep 600\"")
    eventually(lambda: "onerror" in cli("service", "logs", "talk"))
    panel.refresh()
    assert EVIL not in str(panel.table.get_state())
    panel.select("talk")
    panel.buttons["logs"].click()
    assert panel.wait(30)
    shown = panel.detail_body.children[0].value
    assert "    | &lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown
    panel.buttons["tasks"].click()
    assert panel.wait(30)
    assert "talk.1" in panel.detail_body.children[0].value and panel.message == "tasks: talk"
    panel.buttons["follow logs"].click()
    assert panel.wait(30)
    console = panel._detail_object
    eventually(lambda: "onerror" in console.text)
    panel.close_detail()


def test_the_panel_closes_its_threads(docker, panel):
    follower = panel.follower
    assert follower.alive
    panel.close()
    assert not follower.alive and panel.model._recheck is None and panel.comm is None


def test_the_magic_makes_the_panel(ipython, docker):
    from dockerwidgets.widgets.panels.services import ServicePanel

    made = ipython.run_line_magic("docker", "service ls --panel")
    try:
        assert isinstance(made, ServicePanel) and dockerwidgets.ServicePanel is ServicePanel
    finally:
        made.close()
