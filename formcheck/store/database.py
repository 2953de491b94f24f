"""Opening the store: which database, connection settings, and bringing its schema up to date.

SQLite by default (a file in the user's data folder, no server to run); PostgreSQL by setting
``FORMCHECK_DB_URL`` (``postgresql+psycopg://user:password@host/dbname``, needs the
``postgres`` extra). Every open applies the Alembic migrations up to the newest.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from formcheck.errors import StoreError

logger = logging.getLogger(__name__)

DB_URL_ENV = "FORMCHECK_DB_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# SQLite waits this long for another writer (a second browser tab) before giving up.
SQLITE_BUSY_MS = 10_000


def default_db_path() -> Path:
    """``formcheck.db`` in the user data folder (``$XDG_DATA_HOME`` or ``~/.local/share``;
    ``%LOCALAPPDATA%`` on Windows)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "formcheck" / "formcheck.db"


def default_db_url() -> str:
    """``$FORMCHECK_DB_URL`` if set, else the SQLite file at :func:`default_db_path`."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{default_db_path()}"


@dataclass
class Store:
    """An open session store: hand it to the service functions (``formcheck.store``).

    Attributes:
        engine: The SQLAlchemy engine.
        sessions: Makes ORM sessions bound to ``engine``.
        hasher: Hashes and checks passwords (argon2id; tests pass a cheaper one).
    """

    engine: Engine
    sessions: sessionmaker[Session]
    hasher: PasswordHasher

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error.

        Database failures come out as :class:`StoreError`.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"the session store failed: {exc.__class__.__name__}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL: readers never block the writer and a killed process leaves committed sets intact;
    # synchronous=FULL makes a commit mean "on disk"; foreign keys are off unless asked for.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``, with SQLite's pragmas set on every connection.

    Raises:
        StoreError: the URL is malformed or names a database driver that is not installed.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{DB_URL_ENV}: not a database URL ({url!r}); use sqlite:///path/to/formcheck.db "
            "or postgresql+psycopg://user:password@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for the database {database}: {exc}"
                ) from exc
    try:
        engine = create_engine(parsed)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        hint = (
            "pip install 'formcheck[postgres]'"
            if parsed.get_backend_name() == "postgresql"
            else "install its driver"
        )
        raise StoreError(f"no driver for database URL {parsed.drivername!r}: {hint}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade_schema(engine: Engine) -> None:
    """Applies every Alembic migration not yet applied (``alembic upgrade head``).

    Raises:
        StoreError: the database cannot be reached or a migration fails.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(
            f"cannot open the session store at {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}"
        ) from exc


def open_store(url: str | None = None, *, hasher: PasswordHasher | None = None) -> Store:
    """Opens (creating if needed) the session store and brings its schema up to date.

    Args:
        url: A SQLAlchemy database URL; default :func:`default_db_url`.
        hasher: The password hasher; default argon2id with argon2-cffi's recommended cost.

    Raises:
        StoreError: the URL is invalid, the database cannot be reached, or migrating fails.

    Example:
        >>> store = open_store("sqlite:///:memory:")
        >>> store.engine.dialect.name
        'sqlite'
    """
    engine = make_engine(url or default_db_url())
    upgrade_schema(engine)
    logger.debug("session store open at %s", engine.url.render_as_string(hide_password=True))
    return Store(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        hasher=hasher or PasswordHasher(),
    )
