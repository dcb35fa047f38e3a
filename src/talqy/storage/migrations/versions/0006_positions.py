"""positions

Positions of a systematization run (one ask: every wording, language, copy and campaign of it)
and each analysed proposal's position.

Revision ID: 0006_positions
Revises: 0005_console
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import id_column, primary_key, references, trilingual

revision = "0006_positions"
down_revision = "0005_console"


def upgrade() -> None:
    op.create_table(
        "positions",
        id_column(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        *trilingual("label"),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("theme_key", sa.String(length=64), nullable=True),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("campaign_keys", sa.JSON(), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        references("positions", "representative_id", "proposals", ondelete="SET NULL"),
        references("positions", "run_id", "runs"),
        primary_key("positions"),
        sa.UniqueConstraint("run_id", "key", name="run_position_key"),
    )
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.drop_column("position_key")
    op.drop_table("positions")
