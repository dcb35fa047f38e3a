"""positions

Positions of a systematization run (one ask: every wording, language, copy and campaign of it)
and each analysed proposal's position.

Revision ID: 0006_positions
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_positions"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("label_kk", sa.Text(), nullable=False),
        sa.Column("label_ru", sa.Text(), nullable=False),
        sa.Column("label_en", sa.Text(), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("theme_key", sa.String(length=64), nullable=True),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("campaign_keys", sa.JSON(), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["representative_id"],
            ["proposals.id"],
            name=op.f("fk_positions_representative_id_proposals"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_positions_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sa.UniqueConstraint("run_id", "key", name="run_position_key"),
    )
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.drop_column("position_key")
    op.drop_table("positions")
