"""ssh:// engines: docker-py's paramiko transport against a real sshd the test starts.

The sshd (Debian's openssh-server) listens on 127.0.0.1 at a free port with a host key and
a config of its own, in a temporary folder; the client key is made here. The remote side
runs `docker system dial-stdio` (the docker CLI of this machine) with DOCKER_HOST pointed at
the private engine by the key's `environment=` option. HOME is a folder of the test's own
(its ~/.ssh/known_hosts and ~/.ssh/id_ed25519), so the user's ~/.ssh plays no part.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import PRIVATE_HOST, cli, witness
from IPython.core.error import UsageError

import dockerwidgets

SSHD = "/usr/sbin/sshd"  # absolute: sshd re-executes itself


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keygen(path: Path) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip()


@pytest.fixture(scope="module")
def sshd(private_engine, tmp_path_factory):
    """A running sshd on 127.0.0.1: ``(port, folder)``; the folder holds the client's home (``home/.ssh``)."""
    assert os.path.exists(SSHD), "Debian's openssh-server is missing: scripts/setup installs it"
    folder = tmp_path_factory.mktemp("sshd")
    host_key = keygen(folder / "host_key")
    (folder / "home" / ".ssh").mkdir(parents=True)
    client_key = keygen(folder / "home" / ".ssh" / "id_ed25519")
    (folder / "authorized_keys").write_text(f'environment="DOCKER_HOST={PRIVATE_HOST}" {client_key}\n')
    port = free_port()
    (folder / "sshd_config").write_text(
        f"""ListenAddress 127.0.0.1
Port {port}
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AuthorizedKeysFile {folder}/authorized_keys
PermitUserEnvironment DOCKER_HOST
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
"""
    )
    # What the client's ~/.ssh/known_hosts says of this server (a port other than 22: "[host]:port").
    known = "[127.0.0.1]:{} {}\n".format(port, " ".join(host_key.split()[:2]))
    (folder / "known_hosts").write_text(known)
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation folder
    log = open(folder / "sshd.log", "wb")  # open while sshd runs
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")], stdout=log, stderr=log)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"sshd did not start: {(folder / 'sshd.log').read_text()}") from None
            time.sleep(0.1)
    yield port, folder
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture
def ssh_url(sshd, engine, tmp_path, monkeypatch):
    """``ssh://root@127.0.0.1:PORT`` for a client whose HOME (keys, known hosts, context store) is the test's own."""
    port, folder = sshd
    home = folder / "home"
    (home / ".ssh" / "known_hosts").write_text((folder / "known_hosts").read_text())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    return f"ssh://root@127.0.0.1:{port}"


def fails(line: str) -> str:
    with pytest.raises(UsageError) as caught:
        dockerwidgets.docker(line)
    assert type(caught.value) is UsageError and "\n" not in str(caught.value)
    return str(caught.value)


STABLE = ["CONTAINER ID", "IMAGE", "COMMAND", "PORTS", "NAMES"]  # CREATED and STATUS tick between two reads


def test_ps_over_ssh_equals_the_unix_socket(ssh_url, docker):
    cli("run", "-d", "--name", "up", "-p", "28301:80", "busybox", "httpd", "-f", "-p", "80")
    cli("create", "--name", "made", "busybox", "true")
    over_ssh = dockerwidgets.docker(f"-H {ssh_url} ps -a")
    local = docker("ps -a")
    assert list(over_ssh.columns) == list(local.columns)
    assert over_ssh[STABLE].values.tolist() == local[STABLE].values.tolist()
    assert sorted(over_ssh["NAMES"]) == ["made", "up"]
    assert over_ssh["STATUS"].str.startswith("Up").tolist() == local["STATUS"].str.startswith("Up").tolist()
    assert dockerwidgets.docker(f"-H {ssh_url} ps -a -q --no-trunc") == cli("ps", "-a", "-q", "--no-trunc").split()


def test_run_detached_and_rm_force_over_ssh(ssh_url, docker):
    container = dockerwidgets.docker(f"-H {ssh_url} run -d --name far busybox sleep 600")
    assert cli("inspect", "-f", "{{.Id}} {{.State.Status}}", "far") == f"{container} running"
    assert dockerwidgets.docker(f"-H {ssh_url} rm -f far").strip() == "far"
    assert cli("ps", "-a", "-q") == ""


def test_consoles_over_ssh(ssh_url, docker):
    """attach/exec are hijacked connections: over ssh they ride a paramiko channel both ways."""
    cli("run", "-d", "--name", "listener", "busybox", "sleep", "600")
    echo = dockerwidgets.docker(f"-H {ssh_url} exec -i listener cat")
    echo.send(b"through the tunnel\n")
    echo.eof()
    assert echo.wait(20) == 0 and echo.text == "through the tunnel\n"
    shell = dockerwidgets.docker(f"-H {ssh_url} run -it --rm --name tty busybox sh")
    shell.send(b"echo in a tty; exit 4\r")
    assert shell.wait(20) == 4 and "in a tty" in shell.text
    attached = dockerwidgets.docker(f"-H {ssh_url} run -i --name piped busybox sh")
    attached.send(b"echo $((6 * 7)); exit 3\n")
    assert attached.wait(20) == 3 and attached.text == "42\n"
    assert cli("inspect", "-f", "{{.State.ExitCode}}", "piped") == "3"


def test_a_context_and_several_engines_over_ssh(ssh_url, docker):
    cli("run", "-d", "--name", "both", "busybox", "sleep", "600")
    assert dockerwidgets.docker(f"context create far --docker host={ssh_url}").strip() == "far"
    assert dockerwidgets.docker("--context far ps -a -q") == cli("ps", "-a", "-q").split()
    frame = dockerwidgets.docker("--engines default,far ps -a")
    assert sorted(zip(frame["ENGINE"], frame["NAMES"], strict=True)) == [("default", "both"), ("far", "both")]
    assert not frame.attrs.get("errors")


def test_a_wrong_port_is_one_line(ssh_url, docker):
    cli("create", "--name", "keeper", "busybox")
    before = witness()
    port = free_port()
    message = fails(f"-H ssh://root@127.0.0.1:{port} ps -a")
    assert message == (
        f"error during connect: ssh://root@127.0.0.1:{port}: ssh: connect to host 127.0.0.1 port {port}: Connection refused"
    )
    assert fails(f"-H ssh://root@127.0.0.1:{port} rm -f keeper") == message
    assert witness() == before


def test_an_unknown_host_key_is_refused(ssh_url, docker):
    """docker-py's paramiko client refuses a server ~/.ssh/known_hosts does not list (here: under the name
    localhost, where it lists 127.0.0.1), and adds nothing there; the CLI's ssh says the same without a terminal."""
    known_hosts = Path(os.environ["HOME"]) / ".ssh" / "known_hosts"
    listed = known_hosts.read_text()
    unknown = ssh_url.replace("127.0.0.1", "localhost")
    message = fails(f"-H {unknown} ps")
    assert message.startswith(f"error during connect: {unknown}: Host key verification failed")
    assert known_hosts.read_text() == listed
