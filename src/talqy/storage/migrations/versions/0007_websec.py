"""staff sessions and shared rate limits

Server-side staff session records (revoked on sign-out and password change, idle timeout) and
windowed rate-limit counters shared by every server process.

Revision ID: 0007_websec
Revises: 0006_positions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import primary_key, references

revision = "0007_websec"
down_revision = "0006_positions"


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.BigInteger(), nullable=False),
        sa.Column("last_seen", sa.BigInteger(), nullable=False),
        sa.Column("revoked", sa.BigInteger(), nullable=True),
        references("staff_sessions", "user_id", "users"),
        primary_key("staff_sessions"),
    )
    op.create_index("ix_staff_sessions_user", "staff_sessions", ["user_id"], unique=False)
    op.create_table(
        "rate_limit_hits",
        sa.Column("bucket", sa.String(length=80), nullable=False),
        sa.Column("window", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        primary_key("rate_limit_hits", "bucket", "window"),
    )


def downgrade() -> None:
    op.drop_table("rate_limit_hits")
    op.drop_index("ix_staff_sessions_user", table_name="staff_sessions")
    op.drop_table("staff_sessions")
