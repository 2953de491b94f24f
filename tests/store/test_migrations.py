"""The Alembic migrations build exactly the ORM's schema, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from formcheck.store import Store, open_store
from formcheck.store.models import full_metadata


def test_migrations_match_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, full_metadata())
    assert diff == []


def test_opening_again_is_a_no_op_at_head(store: Store) -> None:
    again = open_store(store.engine.url.render_as_string(hide_password=False))
    try:
        with again.engine.connect() as connection:
            heads = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            assert len(list(heads)) == 1
        assert set(full_metadata().tables) <= set(inspect(again.engine).get_table_names())
    finally:
        again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    opened = open_store(f"sqlite:///{tmp_path / 'nested' / 'fc.db'}")
    try:
        with opened.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        opened.close()
