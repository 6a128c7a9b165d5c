"""A second private engine, on TCP with TLS at 127.0.0.1, with certificates made for the test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TLS_PORT = int(os.environ.get("DW_TLS_PORT", "23760"))
TLS_HOST = f"tcp://127.0.0.1:{TLS_PORT}"
SETTINGS = {
    "DW_RUN": "/run/dw-tls",
    "DW_DATA": "/var/lib/dw-tls",
    "DW_BRIDGE": "dwt0",
    "DW_BRIDGE_CIDR": "10.213.40.1/24",
    "DW_HOST": TLS_HOST,
}


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(folder: Path, name: str) -> None:
    """A certificate authority: ``{name}-key.pem`` and ``{name}.pem``."""
    openssl("genrsa", "-out", f"{name}-key.pem", "2048", cwd=folder)
    openssl("req", "-new", "-x509", "-days", "2", "-key", f"{name}-key.pem", "-subj", f"/CN=dockerwidgets test {name}",
            "-out", f"{name}.pem", cwd=folder)  # fmt: skip


def sign(folder: Path, key: str, cert: str, subject: str, extensions: str, ca: str = "ca") -> None:
    """A key and a certificate for it, signed by the CA *ca*."""
    openssl("genrsa", "-out", key, "2048", cwd=folder)
    openssl("req", "-new", "-key", key, "-subj", subject, "-out", f"{cert}.csr", cwd=folder)
    (folder / f"{cert}.ext").write_text(extensions)
    openssl("x509", "-req", "-days", "2", "-in", f"{cert}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}-key.pem",
            "-CAcreateserial", "-out", cert, "-extfile", f"{cert}.ext", cwd=folder)  # fmt: skip


def make_certificates(folder: Path) -> None:
    """CA, server (127.0.0.1) and client certificates, plus a second CA that trusts none of them."""
    folder.mkdir(parents=True, exist_ok=True)
    make_ca(folder, "ca")
    sign(folder, "server-key.pem", "server-cert.pem", "/CN=127.0.0.1",
         "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")  # fmt: skip
    sign(folder, "key.pem", "cert.pem", "/CN=client", "extendedKeyUsage=clientAuth\n")
    make_ca(folder, "other-ca")


def engine_script(command: str, tls_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **SETTINGS, "DW_TLS_DIR": str(tls_dir)}
    return subprocess.run(
        [str(ROOT / "scripts" / "engine"), command], env=env, capture_output=True, text=True, timeout=120
    )
