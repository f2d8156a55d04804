"""A private Dovecot IMAP server on 127.0.0.1 for the tests: plain, STARTTLS and TLS ports.

Debian's `dovecot-imapd` must be installed (CI installs it); without it the IMAP tests skip,
unless SENTINELLE_REQUIRE_IMAP=1 makes its absence a failure. Any user name logs in with
PASSWORD and gets its own empty mailbox, so each test uses a fresh user.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "s3cret-imap"
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Dovecot:
    base: Path
    plain_port: int
    tls_port: int

    @property
    def cert(self) -> Path:
        return self.base / "cert.pem"

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))

    def config(self, user: str, **extra: object) -> dict[str, object]:
        settings = {
            "host": "127.0.0.1",
            "port": self.tls_port,
            "username": user,
            "password": PASSWORD,
        }
        return settings | extra

    def client(self, user: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.plain_port, timeout=10)
        client.login(user, PASSWORD)
        return client

    def append(self, user: str, *messages: bytes, mailbox: str = "INBOX") -> None:
        client = self.client(user)
        try:
            for message in messages:
                status, data = client.append(mailbox, None, None, message)
                assert status == "OK", data
        finally:
            client.logout()

    def flags(self, user: str) -> list[bytes]:
        client = self.client(user)
        client.select("INBOX", readonly=True)
        _, data = client.fetch("1:*", "(FLAGS)")
        client.logout()
        return [line for line in data if isinstance(line, bytes)]


def _write_config(base: Path, plain_port: int, tls_port: int) -> Path:
    if os.geteuid() == 0:
        # Dovecot refuses to read mail as root: the mail processes run as nobody.
        identity = "uid=nobody gid=nogroup"
        owner = ""
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
        identity = f"uid={os.geteuid()} gid={os.getegid()}"
        owner = f"default_internal_user = {user}\ndefault_login_user = {user}\n"
    config = f"""
base_dir = {base}/run
state_dir = {base}/state
instance_name = sentinelle-test-{plain_port}
log_path = {base}/dovecot.log
{owner}protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{base}/cert.pem
ssl_key = <{base}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = {identity} home={base}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {plain_port}
  }}
  inet_listener imaps {{
    port = {tls_port}
  }}
}}
"""
    path = base / "dovecot.conf"
    path.write_text(config)
    return path


def _make_certificate(base: Path) -> None:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(base / "key.pem"),
            "-out",
            str(base / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )


def _wait_for(port: int, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"dovecot did not start: {log.read_text() if log.exists() else ''}")


@contextlib.contextmanager
def running_dovecot():
    if not Path(DOVECOT).exists() or not shutil.which("openssl"):
        if os.environ.get("SENTINELLE_REQUIRE_IMAP") == "1":
            pytest.fail("dovecot (Debian's dovecot-imapd) and openssl are required")
        pytest.skip("dovecot-imapd is not installed (apt-get install dovecot-imapd)")
    base = Path(tempfile.mkdtemp(prefix="sentinelle-dovecot-"))
    base.chmod(0o755)  # the mail processes run as another user
    (base / "home").mkdir(mode=0o777)
    (base / "home").chmod(0o777)
    plain_port, tls_port = _free_port(), _free_port()
    _make_certificate(base)
    config = _write_config(base, plain_port, tls_port)
    # Dovecot forks into the background: its children must not hold our pipes open.
    started = subprocess.run(
        [DOVECOT, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if started.returncode:
        log = base / "dovecot.log"
        raise RuntimeError(f"dovecot failed: {log.read_text() if log.exists() else ''}")
    try:
        _wait_for(plain_port, base / "dovecot.log")
        _wait_for(tls_port, base / "dovecot.log")
        yield Dovecot(base, plain_port, tls_port)
    finally:
        pid_file = base / "run" / "master.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
        shutil.rmtree(base, ignore_errors=True)
