"""One declarative table of the panels' actions: what each does, on how many rows, whether it asks first.

Every action of the container, image and service panels is one :class:`Action` row in
:data:`ACTIONS`: its name (what ``panel.buttons[name]`` and the model's ``act(name)`` take),
its label and style in the toolbar, its icon when it is also a quick action on each row,
how many rows it needs, whether it asks first, what a pending row shows ("stopping…"), and
the work itself: a function of a :class:`Call` that calls ``ops`` with lists and ids
(never CLI text) and runs on the panel's worker thread. Pure Python: no widget here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import fail

NEEDS = ("none", "one", "some")
ASKS = ("never", "always", "several")


@dataclass(frozen=True)
class Detail:
    """What an action shows under the table: ``kind`` is ``text``, ``json``, ``frame`` or ``console``."""

    title: str
    kind: str
    value: Any


@dataclass
class Call:
    """One run of an action on one engine: the ops namespace, the engine, the rows' references and their names."""

    ops: Any
    engine: Any
    refs: list[str]
    names: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    model: Any = None


@dataclass(frozen=True)
class Action:
    """One action of a panel, declared once; the model and the view read everything else from here."""

    name: str
    run: Callable[[Call], Any]
    label: str = ""
    needs: str = "some"  # "none", "one" or "some" selected rows
    asks: str = "never"  # "never", "always" or "several" (only when given more than one row)
    question: str = ""  # "{count}", "{names}" and "{noun}" are filled in
    pending: str = ""  # what a row shows while it runs ("stopping…"); empty: the row is not marked
    style: str = ""  # the toolbar button's look: "", "success", "danger", "warning", "primary"
    icon: str = ""  # set: also a quick action on each row, drawn as this character
    changes_rows: bool = True  # whether the rows change (then they update from the engine's events)
    param: str = ""  # a parameter the action needs (the new name of rename), and its hint when missing
    missing: str = ""
    done: str = "{name}: {names}"  # the message when it ends well ("{result}" is the call's outcome)

    def __post_init__(self) -> None:
        assert self.needs in NEEDS and self.asks in ASKS, self

    @property
    def title(self) -> str:
        """The toolbar's text."""
        return self.label or self.name

    def asks_for(self, count: int) -> bool:
        """Whether running on *count* rows asks first."""
        return self.asks == "always" or (self.asks == "several" and count > 1)


def _each(path: str, **fixed: Any) -> Callable[[Call], Any]:
    """An action that calls ``ops.<family>.<function>(engine, refs, **fixed)``."""
    family, function = path.split(".")

    def run(call: Call) -> Any:
        return getattr(getattr(call.ops, family), function)(call.engine, call.refs, **fixed)

    run.__name__ = function
    return run


def _stop(call: Call) -> Any:
    timeout = (call.model.options if call.model is not None else {}).get("stop_timeout")
    return call.ops.containers.stop(call.engine, call.refs, timeout=timeout)


def _rename(call: Call) -> Any:
    return call.ops.containers.rename(call.engine, call.refs[0], call.params["new_name"])


def _container_logs(call: Call) -> Detail:
    tail = int(call.params.get("tail", LOG_LINES))
    data = call.ops.containers.logs(call.engine, call.refs[0], tail=tail)
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data or "")
    return Detail(f"logs: {call.names[0]} (last {tail} lines)", "text", text or "(no output)")


def _container_inspect(call: Call) -> Detail:
    return Detail(
        f"inspect: {call.names[0]}", "json", dict(call.ops.containers.inspect_container(call.engine, call.refs[0]))
    )


def _attach(call: Call) -> Detail:
    from ..terminal import console_for

    session, info = call.ops.streams.attach_running(call.engine, call.refs[0])
    console = console_for(session, tty=bool(info["Config"].get("Tty")), sig_proxy=True, title=call.names[0])
    return Detail(f"console: {call.names[0]}", "console", console)


def _pull(call: Call) -> Detail | str:
    reference = str(call.params["reference"]).strip()
    progress = call.params.get("on_progress")
    printed = call.ops.images.pull(call.engine, reference, on_progress=progress)
    lines = list(printed) if not isinstance(printed, str) else printed.splitlines()
    status = next((line for line in reversed(lines) if line.startswith("Status:")), "")
    return status.removeprefix("Status: ") or "done"


def _run_form(call: Call) -> Any:
    # The form is a `docker run` line (the panel shows it): its words go to the run command
    # itself, so the form and %docker run can never map a flag differently.
    from ...commands import run_command
    from ...results import ConsoleRequest
    from ..terminal import console_for
    from .runline import run_args

    args = run_args(**call.params["form"])
    result = run_command(args[0], args[1:], call.engine)
    if isinstance(result, ConsoleRequest):
        result = console_for(result.session, tty=result.tty, sig_proxy=result.sig_proxy, title=result.title)
    image = call.params["form"]["image"].strip()
    if call.params["form"].get("detach", True):
        return f"started {str(result)[:12]}"
    return Detail(f"console: {image}", "console", result)


def _follow_service_logs(call: Call) -> Detail:
    from ..console import Console

    session = call.ops.services.follow_logs(call.engine, call.refs[0], tail=LOG_LINES)
    console = Console(session, tty=False, sig_proxy=False, title=f"service logs {call.names[0]}")
    return Detail(f"following logs: {call.names[0]}", "console", console)


def _scale(step: int) -> Callable[[Call], Any]:
    def run(call: Call) -> str:
        typed = call.model.rows.docker.typed.set_index("id")
        wanted = {}
        for ref, name in zip(call.refs, call.names, strict=True):
            if typed.at[ref, "mode"] != "replicated":
                raise fail(f"{name}: scale can only be used with replicated or replicated-job mode")
            wanted[ref] = max(int(typed.at[ref, "desired"]) + step, 0)
        call.ops.services.scale(call.engine, wanted)
        return ", ".join(f"{name} scaled to {count}" for name, count in zip(call.names, wanted.values(), strict=True))

    return run


def _service_logs(call: Call) -> Detail:
    text = call.ops.services.service_logs(call.engine, call.refs[0], tail=LOG_LINES)
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text or "")
    return Detail(f"logs: {call.names[0]} (last {LOG_LINES} lines of each task)", "text", text or "(no output)")


def _service_tasks(call: Call) -> Detail:
    from ...frames import node_names, service_tasks_frame

    services, tasks, nodes = call.ops.services.list_services(call.engine, filters={"id": [call.refs[0]]})
    mine = [task for task in tasks if task.get("ServiceID") == call.refs[0]]
    names = {service["ID"]: (service.get("Spec") or {}).get("Name") or "" for service in services}
    return Detail(f"tasks: {call.names[0]}", "frame", service_tasks_frame(mine, names, node_names(nodes)))


def _create_volume(call: Call) -> str:
    name = str(call.params.get("create_name") or "").strip()
    driver = str(call.params.get("driver") or "").strip()
    created = call.ops.volumes.create_volume(call.engine, name or None, driver=driver or None)
    return str(created.get("Name") or name)


def _create_network(call: Call) -> str:
    name = str(call.params["create_name"]).strip()
    driver = str(call.params.get("driver") or "").strip()
    call.ops.networks.create_network(call.engine, name, driver=driver or None)
    return name


def _pruned(report: dict, key: str) -> str:
    from ...humanize import human_size

    gone = report.get(key) or []
    space = report.get("SpaceReclaimed")
    text = f"{len(gone)} removed" + (f": {', '.join(gone[:5])}{', …' if len(gone) > 5 else ''}" if gone else "")
    return text if space is None else f"{text}; total reclaimed space: {human_size(space or 0)}"


def _prune_volumes(call: Call) -> str:
    return _pruned(call.ops.volumes.prune_volumes(call.engine, all=bool(call.params.get("all"))), "VolumesDeleted")


def _prune_networks(call: Call) -> str:
    return _pruned(call.ops.networks.prune_networks(call.engine), "NetworksDeleted")


def _inspect(path: str) -> Callable[[Call], Detail]:
    family, function = path.split(".")

    def run(call: Call) -> Detail:
        value = getattr(getattr(call.ops, family), function)(call.engine, call.refs[0])
        return Detail(f"inspect: {call.names[0]}", "json", dict(value))

    return run


LOG_LINES = 200
# The CLI's own warnings (cli/command/volume/prune.go, cli/command/network/prune.go).
PRUNE_VOLUMES = "WARNING! This will remove anonymous local volumes not used by at least one container. Are you sure you want to continue?"
PRUNE_NETWORKS = "WARNING! This will remove all custom networks not used by at least one container. Are you sure you want to continue?"
KILLED_FIRST = "Remove {count} container(s) ({names})? Running ones are killed first."

ACTIONS: dict[str, tuple[Action, ...]] = {
    "containers": (
        Action("start", _each("containers.start"), style="success", icon="▶", pending="starting…"),
        Action("stop", _stop, asks="several", question="Stop {count} containers ({names})?", icon="■", pending="stopping…"),
        Action("restart", _each("containers.restart"), icon="↻", pending="restarting…"),
        Action("pause", _each("containers.pause"), pending="pausing…"),
        Action("unpause", _each("containers.unpause"), pending="unpausing…"),
        Action("kill", _each("containers.kill"), style="warning", asks="always",
               question="Kill {count} container(s) ({names})?", pending="killing…"),
        Action("remove", _each("containers.remove", force=True), style="danger", asks="always", question=KILLED_FIRST,
               pending="removing…"),
        Action("rename", _rename, needs="one", param="new_name", missing="type the new name in the box beside rename",
               pending="renaming…", done="renamed {names} to {param}"),
        Action("attach", _attach, needs="one", changes_rows=False, done="attached to {names}"),
        Action("logs", _container_logs, needs="one", icon="≡", changes_rows=False),
        Action("inspect", _container_inspect, needs="one", changes_rows=False),
    ),
    "images": (
        Action("pull", _pull, needs="none", style="primary", param="reference",
               missing="type the image to pull, e.g. ubuntu:14.04", done="pull {param}: {result}"),
        Action("remove", _each("images.remove_images"), style="danger", asks="always",
               question="Remove {count} image(s) ({names})?", pending="removing…"),
        Action("run", _run_form, needs="none", style="success", param="form", changes_rows=False, done="run {param}: {result}"),
    ),
    "services": (
        Action("scale up", _scale(+1), label="+", icon="+", pending="scaling…", done="{result}"),
        Action("scale down", _scale(-1), label="−", icon="−", pending="scaling…", done="{result}"),
        Action("remove", _each("services.remove_services"), style="danger", asks="always",
               question="Remove {count} service(s) ({names})? Their tasks are stopped.", pending="removing…"),
        Action("tasks", _service_tasks, needs="one", changes_rows=False),
        Action("logs", _service_logs, needs="one", icon="≡", changes_rows=False),
        Action("follow logs", _follow_service_logs, needs="one", changes_rows=False, done="following logs: {names}"),
    ),
    "volumes": (
        Action("create", _create_volume, needs="none", style="primary", done="created volume {result}"),
        Action("remove", _each("volumes.remove_volumes"), style="danger", asks="always", icon="✕",
               question="Remove {count} volume(s) ({names})? Their data is deleted.", pending="removing…"),
        Action("prune", _prune_volumes, needs="none", style="warning", asks="always", question=PRUNE_VOLUMES,
               done="prune: {result}"),
        Action("inspect", _inspect("volumes.inspect_volume"), needs="one", changes_rows=False),
    ),
    "networks": (
        Action("create", _create_network, needs="none", style="primary", param="create_name",
               missing="type the new network's name in the box beside create", done="created network {result}"),
        Action("remove", _each("networks.remove_networks"), style="danger", asks="always", icon="✕",
               question="Remove {count} network(s) ({names})?", pending="removing…"),
        Action("prune", _prune_networks, needs="none", style="warning", asks="always", question=PRUNE_NETWORKS,
               done="prune: {result}"),
        Action("inspect", _inspect("networks.inspect_network"), needs="one", changes_rows=False),
    ),
}  # fmt: skip


def actions_of(kind: str) -> dict[str, Action]:
    """The actions of a panel kind, by name, in toolbar order."""
    return {action.name: action for action in ACTIONS[kind]}


def quick_actions(kind: str) -> list[Action]:
    """The actions drawn on every row (those with an icon)."""
    return [action for action in ACTIONS[kind] if action.icon]


def names_text(names: Sequence[str]) -> str:
    """Row names as the messages list them."""
    return ", ".join(names)
