"""``run``/``create`` flags for data work: each lands where the CLI puts it, and each bad value is refused
with the CLI's line before anything is created.

The docker CLI is the witness: the same flags given to ``docker create`` must give the same
``inspect`` fields, and the same bad value the same message.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import PRIVATE_HOST, cli, witness
from IPython.core.error import UsageError

HOST_FIELDS = (
    "Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "CpuShares", "CpusetCpus", "ShmSize", "Ulimits",
    "PidsLimit", "Init", "ReadonlyRootfs", "Privileged", "CapAdd", "CapDrop", "ExtraHosts", "Dns", "IpcMode",
    "PidMode", "LogConfig", "Tmpfs", "Mounts", "Binds", "Devices", "DeviceRequests", "ContainerIDFile",
)  # fmt: skip
CONFIG_FIELDS = ("StopSignal", "StopTimeout", "Healthcheck", "Volumes", "Env", "AttachStdin", "AttachStdout",
                 "AttachStderr", "OpenStdin", "StdinOnce")  # fmt: skip


@pytest.fixture(autouse=True)
def no_volume_left(engine):
    """Flags here make volumes (named and anonymous): every one a test made goes with its containers."""
    before = set(cli("volume", "ls", "-q").split())
    yield
    ids = cli("ps", "-a", "-q").split()
    if ids:
        cli("rm", "-f", *ids)
    made = set(cli("volume", "ls", "-q").split()) - before
    if made:
        cli("volume", "rm", "-f", *sorted(made))


def inspect(name: str) -> dict:
    return json.loads(cli("inspect", name))[0]


def fields(name: str) -> dict:
    """The inspect fields these flags fill, as one comparable map."""
    found = inspect(name)
    picked = {f"HostConfig.{key}": found["HostConfig"].get(key) for key in HOST_FIELDS}
    picked.update({f"Config.{key}": found["Config"].get(key) for key in CONFIG_FIELDS})
    networks = found["NetworkSettings"]["Networks"]
    picked["Networks"] = {
        net: (sorted(set(settings.get("Aliases") or []) - {found["Id"][:12]}), settings.get("IPAMConfig"))
        for net, settings in networks.items()
    }
    return picked


def cli_line(*args: str) -> str:
    """The CLI's error for *args*: its first line, without the ``docker: `` it puts before run errors."""
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode, f"the CLI took {args}"
    return result.stderr.strip().splitlines()[0].removeprefix("docker: ")


def fails(docker, line: str) -> str:
    with pytest.raises(UsageError) as caught:
        docker(line)
    assert type(caught.value) is UsageError
    message = str(caught.value)
    assert "\n" not in message and message
    return message


@pytest.fixture
def env_file(tmp_path):
    path = tmp_path / "app.env"
    path.write_text("# settings\nMODE=batch\n\n  THREADS=4\nRF_FROM_ENV\nRF_UNSET\n")
    os.environ["RF_FROM_ENV"] = "inherited"
    yield str(path)
    os.environ.pop("RF_FROM_ENV", None)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return str(path)


@pytest.fixture
def user_network(engine):
    cli("network", "create", "--subnet", "10.213.167.0/24", "rf-net")
    yield "rf-net"
    subprocess.run(["docker", "-H", PRIVATE_HOST, "rm", "-f", "ours", "theirs"], capture_output=True)
    cli("network", "rm", "rf-net")


FLAG_SETS = {
    "resources": "-m 512m --memory-swap 1g --memory-reservation 256m --cpus 1.5 -c 512 --cpuset-cpus 0 "
    "--shm-size 64m --pids-limit 100",
    "memory-units": "--memory 1.5g --memory-swap -1 --shm-size 1024k",
    "cpus-rational": "--cpus 0.25 --cpu-shares 2",
    "ulimits": "--ulimit nofile=1024:2048 --ulimit core=0 --ulimit nproc=-1 --ulimit nofile=10:20",
    "security": "--privileged --read-only --init --cap-add NET_ADMIN --cap-drop MKNOD --ipc shareable --pid host",
    "hosts-dns": "--add-host db:10.0.0.5 --add-host gw=10.0.0.1 --add-host v6:[::1] --dns 8.8.8.8 --dns ::1",
    "stop-health": "--stop-signal SIGINT --stop-timeout 7 --health-cmd true --health-interval 30s "
    "--health-timeout 1m30s --health-retries 3 --health-start-period 500ms",
    "no-healthcheck": "--no-healthcheck",
    "logging": "--log-driver json-file --log-opt max-size=1m --log-opt max-file=3",
    "tmpfs": "--tmpfs /run:rw,size=64k --tmpfs /cache",
    "mount-tmpfs": "--mount type=tmpfs,dst=/scratch,tmpfs-size=1m,tmpfs-mode=1777",
    "mount-volume": "--mount type=volume,src=rf-data,dst=/data,volume-nocopy,volume-driver=local "
    "--mount source=rf-data2,target=/more,readonly=true,volume-opt=type=tmpfs,volume-opt=device=tmpfs",
    "mount-anonymous": "--mount type=volume,destination=/anon",
    "volumes": "-v rf-named:/named:ro -v rf-named2:/other -v /anonymous -v a:b",
    "devices": "--device /dev/null:/dev/mynull:r --device /dev/zero --device /dev/full:rw",
    "gpus-all": "--gpus all",
    "gpus-count": "--gpus 2",
    "gpus-devices": '--gpus "device=0,1"',
    "gpus-capabilities": """--gpus '"capabilities=compute,utility",count=1,driver=nvidia'""",
    "gpus-options": """--gpus '"options=a=1,b=2",device=GPU-1'""",
    "attach": "-a stdout -a STDERR",
    "attach-stdin": "-i -a stdin",
}


@pytest.mark.parametrize("flags", FLAG_SETS.values(), ids=FLAG_SETS.keys())
def test_flags_land_where_the_cli_puts_them(docker, flags):
    import shlex

    docker(f"create --name ours {flags} busybox")
    cli("create", "--name", "theirs", *shlex.split(flags), "busybox")
    assert fields("ours") == fields("theirs")


def test_the_values_the_engine_keeps(docker):
    docker(
        "create --name sized -m 1.5g --cpus 1.5 --shm-size 64m --ulimit nofile=1024:2048 --pids-limit 100 "
        "--mount type=tmpfs,dst=/scratch,tmpfs-size=1m --health-interval 1m30s busybox"
    )
    host, config = inspect("sized")["HostConfig"], inspect("sized")["Config"]
    assert host["Memory"] == 1610612736
    assert host["NanoCpus"] == 1_500_000_000
    assert host["ShmSize"] == 64 * 1024 * 1024
    assert host["Ulimits"] == [{"Name": "nofile", "Hard": 2048, "Soft": 1024}]
    assert host["PidsLimit"] == 100
    assert host["Mounts"] == [{"Type": "tmpfs", "Target": "/scratch", "TmpfsOptions": {"SizeBytes": 1048576}}]
    assert config["Healthcheck"]["Interval"] == 90 * 10**9


def test_env_file_then_env_as_the_cli_reads_them(docker, env_file):
    docker(f"create --name ours --env-file {env_file} -e MODE=stream busybox")
    cli("create", "--name", "theirs", "--env-file", env_file, "-e", "MODE=stream", "busybox")
    env = inspect("ours")["Config"]["Env"]
    assert env == inspect("theirs")["Config"]["Env"]
    assert "THREADS=4" in env and "RF_FROM_ENV=inherited" in env and not any(e.startswith("RF_UNSET") for e in env)


def test_a_bind_mount_and_a_bind_volume_as_the_cli_sends_them(docker, data_dir):
    flags = [
        f"--mount=type=bind,src={data_dir},dst=/in,readonly,bind-propagation=rslave,consistency=cached",
        "-v",
        f"{data_dir}:/out:ro",
    ]
    docker(f"create --name ours {' '.join(flags)} busybox")
    cli("create", "--name", "theirs", *flags, "busybox")
    assert fields("ours") == fields("theirs")


def test_a_bind_mount_is_usable_read_only(docker, data_dir):
    with open(os.path.join(data_dir, "rows.csv"), "w") as handle:
        handle.write("a,b\n1,2\n")
    docker(f"run -d --name reader --mount type=bind,src={data_dir},dst=/in,ro busybox sleep 300")
    assert cli("exec", "reader", "cat", "/in/rows.csv") == "a,b\n1,2"
    result = subprocess.run(["docker", "-H", PRIVATE_HOST, "exec", "reader", "touch", "/in/x"], capture_output=True)
    assert result.returncode and not os.path.exists(os.path.join(data_dir, "x"))


def test_limits_are_seen_inside_the_container(docker):
    docker("run -d --name limited -m 64m --pids-limit 50 --ulimit nofile=512:1024 --shm-size 8m busybox sleep 300")
    assert cli("exec", "limited", "sh", "-c", "ulimit -n") == "512"
    assert "8.0M" in cli("exec", "limited", "df", "-h", "/dev/shm")


def test_network_alias_and_ip_on_a_user_network(docker, user_network):
    flags = f"--network {user_network} --network-alias db --network-alias store"
    docker(f"create --name ours {flags} --ip 10.213.167.10 busybox")
    cli("create", "--name", "theirs", *flags.split(), "--ip", "10.213.167.11", "busybox")
    ours, theirs = fields("ours")["Networks"], fields("theirs")["Networks"]
    assert ours[user_network][0] == theirs[user_network][0] == ["db", "store"]
    assert ours[user_network][1]["IPv4Address"] == "10.213.167.10"


def test_cidfile_holds_the_id_and_an_existing_one_is_refused(docker, tmp_path):
    path = tmp_path / "cid"
    container = str(docker(f"create --cidfile {path} busybox"))
    assert path.read_text() == container
    assert inspect(container)["HostConfig"]["ContainerIDFile"] == str(path)
    before = witness()
    message = fails(docker, f"create --cidfile {path} busybox")
    assert message == cli_line("create", "--cidfile", str(path), "busybox")
    assert witness() == before and path.read_text() == container


def test_a_cidfile_is_removed_when_the_create_fails(docker, tmp_path):
    path = tmp_path / "cid"
    before = witness()
    fails(docker, f"create --cidfile {path} --pull never nosuchimage:1")
    assert not path.exists() and witness() == before


def test_pull_never_leaves_the_engines_no_such_image(docker):
    before = witness()
    message = fails(docker, "create --pull never nosuchimage:1")
    assert message == cli_line("create", "--pull", "never", "nosuchimage:1")
    assert witness() == before


def test_pull_always_pulls_then_creates(docker):
    container = str(docker("create --pull always --name pulled busybox"))
    assert inspect("pulled")["Id"] == container


@pytest.mark.parametrize("run", ["run -d", "run"])
def test_gpus_without_a_gpu_driver_fail_at_start_in_one_line_and_leave_nothing(docker, run):
    before = witness()
    message = fails(docker, f"{run} --gpus all busybox")
    assert message == 'Error response from daemon: could not select device driver "" with capabilities: [[gpu]]'
    assert witness() == before


def test_a_run_that_cannot_start_leaves_no_cidfile(docker, tmp_path):
    path = tmp_path / "cid"
    before = witness()
    fails(docker, f"run -d --cidfile {path} --gpus all busybox")
    assert witness() == before and not path.exists()


def test_start_of_a_created_gpu_container_is_one_line(docker):
    docker("create --name gpu --gpus all busybox")
    message = fails(docker, "start gpu")
    assert "could not select device driver" in message


BAD_VALUES = [
    "-m 12x", "-m abc", "-m -1", "-m 1.2.3", "--memory=", "--memory-swap x", "--memory-reservation 5kk",
    "--shm-size 1q", "--cpus abc", "--cpus 0.0000000001", "--cpus 1/0", "-c 1.5", "--cpu-shares x",
    "--pids-limit x", "--stop-timeout x", "--health-interval 5", "--health-interval x", "--health-timeout 3d",
    "--health-retries x", "--health-interval=-1s", "--health-interval -1s", "-m -5", "-v :/x", "-v ab::/b", "-v /a:/b:ro:x", "-v ''", "--health-retries -2", "--no-healthcheck --health-cmd true",
    "--ulimit nofile", "--ulimit foo=1", "--ulimit nofile=x", "--ulimit nofile=2:1", "--ulimit nofile=1:2:3",
    "--ulimit nofile=-1:5", "--gpus x", "--gpus count=x", "--gpus foo=1", "--gpus 1,count=2", "--env-file /nonexist",
    "--device /dev/null:rel", "--device /dev/null:/x:q", "--device a:b:c:d", "--device rel", "--add-host foo",
    "--add-host foo:bad", "--dns x", "--attach foo", "--log-driver none --log-opt a=b", "--pid foo",
    "--pull sometimes", "--network-alias a", "--health-start-interval 2s",
    "--mount type=bogus", "--mount type=bind,src=/tmp", "--mount type=tmpfs,dst=/x,tmpfs-size=12x",
    "--mount foo", "--mount type=volume,dst=/x,tmpfs-mode=9", "--mount type=tmpfs,dst=/x,tmpfs-mode=9",
    "--mount type=bind,src=/tmp,dst=/x,volume-nocopy", "--mount type=volume,dst=/x,bind-propagation=rshared",
    "--mount type=tmpfs,dst=/x,volume-driver=local", "--mount type=bind,src=/tmp,dst=/x,tmpfs-size=1m",
    "--mount dst=/x,color=red", "--mount dst=/x,readonly=maybe", "--mount dst=/x,volume-nocopy=maybe",
    "--mount type=bind,src=/tmp,dst=/x,bind-recursive=sometimes",
    "--mount type=bind,src=/tmp,dst=/x,bind-recursive=writable",
    "--mount type=bind,src=/tmp,dst=/x,ro,bind-recursive=readonly", "--mount type=,dst=/x",
    '--mount "dst=/x,src=\\"a"', "--mount ''", """--mount 'dst=/x,"a"b'""", """--mount '"dst=/x"a'""",
    "--mount dst=/x,", "--gpus ''", """--mount 'dst=/x,a"b'""", "--gpus '\"count=2'",
]  # fmt: skip


@pytest.mark.parametrize("flags", BAD_VALUES)
def test_a_bad_value_gets_the_clis_line_and_creates_nothing(docker, flags):
    import shlex

    before = witness()
    message = fails(docker, f"create {flags} busybox")
    assert message == cli_line("create", *shlex.split(flags), "busybox")
    assert witness() == before


@pytest.mark.parametrize("flags", ["-m 12x", "--mount type=bogus", "--gpus foo=1", "-a stdout -d"])
def test_run_refuses_the_same_and_leaves_nothing(docker, flags):
    import shlex

    before = witness()
    message = fails(docker, f"run {flags} busybox")
    assert message == cli_line("run", *shlex.split(flags), "busybox")
    assert witness() == before


def test_a_bad_mount_spec_in_the_engines_words_leaves_nothing(docker):
    before = witness()
    message = fails(docker, "create --mount type=bind,src=/nonexistent-rf,dst=/x busybox")
    assert message == cli_line("create", "--mount", "type=bind,src=/nonexistent-rf,dst=/x", "busybox")
    assert witness() == before
    message = fails(docker, "create --mount type=volume,dst=/anon,ro busybox")
    assert message == cli_line("create", "--mount", "type=volume,dst=/anon,ro", "busybox")
    assert witness() == before


def test_platform_goes_to_the_pull_and_the_create(docker):
    docker("create --name native --platform linux/amd64 --pull always busybox")
    assert inspect("native")["Platform"] == "linux"
    before = witness()
    message = fails(docker, "create --platform linux/arm64 --pull always busybox")
    assert message == (
        "Error response from daemon: image with reference busybox was found but does not match the specified "
        "platform: wanted linux/arm64, actual: linux/amd64"
    )
    assert witness() == before
