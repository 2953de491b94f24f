"""Database backends for the store tests: a SQLite file, and a throw-away PostgreSQL server.

The PostgreSQL server is started once per test run with ``initdb`` and ``pg_ctl`` in a temporary
folder on a free port (as the ``postgres`` user when the tests run as root, which PostgreSQL
refuses), and every test gets a fresh database on it. Without the binaries or the driver the
PostgreSQL tests are skipped with the reason.
"""

from __future__ import annotations

import atexit
import functools
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from formcheck.store import Store, open_store

# Cheap argon2 settings: the tests create many accounts (the app uses the library defaults).
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "formcheck_template"
_database_numbers = itertools.count(1)


def _pg_bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A PostgreSQL server in a temporary folder, stopped and deleted at exit."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="formcheck-pg-"))
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            # initdb refuses to run as root: run the server as the postgres user.
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("PostgreSQL refuses to run as root and there is no 'postgres' user")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        data, log = self.folder / "data", self.folder / "server.log"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", "formcheck", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        atexit.register(self.stop)
        # Migrated once; each test's database is a copy (much faster than migrating each).
        self.execute(f"CREATE DATABASE {TEMPLATE}")
        open_store(self.url(TEMPLATE), hasher=FAST_HASHER).close()

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, str(self.bin_dir / tool), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} failed: {done.stderr[-2000:]}{detail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://formcheck@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=formcheck dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """A new database's URL (migrated, no rows), dropped afterwards."""
        name = f"formcheck_test_{os.getpid()}_{next(_database_numbers)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        try:
            yield self.url(name)
        finally:
            self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.folder.exists():
            subprocess.run(
                [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"),
                 "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
            )  # fmt: skip
            shutil.rmtree(self.folder, ignore_errors=True)


@functools.cache
def postgres_server() -> PostgresServer:
    """The test run's PostgreSQL server (started on first use), or a skip with the reason."""
    bin_dir = _pg_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql): "
            "install Debian's postgresql to run the store tests on PostgreSQL too"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("the PostgreSQL driver is missing: pip install 'formcheck[postgres]'")
    return PostgresServer(bin_dir)


@contextmanager
def open_test_store(backend: str, folder: Path) -> Iterator[Store]:
    """A freshly migrated store on ``backend`` (``sqlite`` or ``postgresql``)."""
    if backend == "sqlite":
        store = open_store(f"sqlite:///{folder / 'formcheck.db'}", hasher=FAST_HASHER)
        try:
            yield store
        finally:
            store.close()
        return
    with postgres_server().fresh_database() as url:
        store = open_store(url, hasher=FAST_HASHER)
        try:
            yield store
        finally:
            store.close()
