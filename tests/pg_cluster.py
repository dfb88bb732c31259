"""A private PostgreSQL cluster for the tests: ``initdb`` in a temporary folder as a
user that is not root (Debian's ``postgres`` system user when the tests run as root),
C.UTF-8, a free port, a socket in that folder; started once, stopped at the end.

``start()`` raises ``ClusterUnavailable`` with the reason when it cannot be had (no
PostgreSQL installed, no unprivileged user); the fixtures skip with that reason, or fail
when the environment variable ``CI`` is set.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "postgres"
PASSWORD = "cluster-superuser"  # for connections over TCP (the socket trusts)
TEMPLATE = "archive_template"


class ClusterUnavailable(Exception):
    """The cluster could not be made or started; the message says why."""


def _bindir() -> Path:
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                             check=True).stdout.strip()
        if (Path(out) / "initdb").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    if not found:
        raise ClusterUnavailable("PostgreSQL is not installed (no initdb): "
                                 "apt-get install postgresql postgresql-contrib")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="reportsearch-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.run_as: str | None = None
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise ClusterUnavailable(f"{Path(args[0]).name} failed: "
                                     f"{(result.stderr or result.stdout).strip()[-500:]}")
        return result

    def start(self) -> Cluster:
        bindir = _bindir()
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise ClusterUnavailable("running as root and there is no unprivileged "
                                         "'postgres' user to run the server") from None
            self.run_as = "postgres"
            os.chown(self.folder, pwd.getpwnam("postgres").pw_uid, -1)
        password_file = self.folder / "superuser-password"
        password_file.write_text(PASSWORD)
        if self.run_as:
            os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
        self._run(str(bindir / "initdb"), "-D", str(self.data), "--locale=C.UTF-8",
                  "-E", "UTF8", "-U", SUPERUSER, f"--pwfile={password_file}",
                  "--auth-local=trust", "--auth-host=scram-sha-256")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                   "-c max_connections=200")
        self._run(str(bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")
        self.started = True
        self.bindir = bindir
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        from index.archive import roles
        from index.archive.connection import connect

        with connect(self.url(TEMPLATE)) as conn:
            roles.init(conn)
        return self

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.folder}&port={self.port}"

    def tcp_url(self, database: str, user: str) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def database(self, name: str, template: str = TEMPLATE) -> str:
        """A database (made from the initialised template if new); its URL."""
        with self.admin() as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (name,)).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def database_for(self, place: Path) -> str:
        """The archive kept for a test at ``place`` (one database per folder)."""
        return self.database("t_" + hashlib.sha1(str(place).encode()).hexdigest()[:16])

    def stop(self) -> None:
        if self.started:
            subprocess.run((["runuser", "-u", self.run_as, "--"] if self.run_as else []) +
                           [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                            "-w", "stop"], capture_output=True)
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)


_cluster: Cluster | None = None
_failure: str | None = None


def cluster() -> Cluster:
    """The session's cluster, started on first use (``ClusterUnavailable`` when it
    cannot be, every time after the first failure too)."""
    global _cluster, _failure
    if _failure is not None:
        raise ClusterUnavailable(_failure)
    if _cluster is None:
        made = Cluster()
        try:
            _cluster = made.start()
        except (ClusterUnavailable, OSError, psycopg.Error) as exc:
            made.stop()
            _failure = str(exc)
            raise ClusterUnavailable(_failure) from None
    return _cluster


def stop() -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None
