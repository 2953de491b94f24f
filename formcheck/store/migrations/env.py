"""Alembic environment: migrations run on the connection :func:`upgrade_schema` hands over.

No logging set-up here (only entry points configure logging), and no ``alembic.ini``: the
store applies migrations itself whenever it opens a database.
"""

from __future__ import annotations

from alembic import context

from formcheck.store.models import full_metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "FormCheck's migrations run through formcheck.store.open_store(), not the alembic command"
    )
context.configure(
    connection=connection,
    target_metadata=full_metadata(),
    # SQLite cannot ALTER most things in place: batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
