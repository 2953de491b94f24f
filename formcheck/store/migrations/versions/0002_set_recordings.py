"""Set recordings: each saved set's session file (landmarks, metrics, events; no pixels).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import formcheck.store.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "set_recordings",
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("saved_at", formcheck.store.models.UTCDateTime(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["sets.id"],
            name=op.f("fk_set_recordings_set_id_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("set_id", name=op.f("pk_set_recordings")),
    )


def downgrade() -> None:
    op.drop_table("set_recordings")
