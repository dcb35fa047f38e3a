"""background jobs

Systematization runs queued from the staff pages or the CLI and run by the web server; one
active (queued or running) job per consultation, enforced by a unique (consultation, active)
pair whose ``active`` is NULL once a job ends.

Revision ID: 0010_jobs
Revises: 0008_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import (
    created_at,
    id_column,
    primary_key,
    references,
    timestamp,
)

revision = "0010_jobs"
down_revision = "0008_search"


def upgrade() -> None:
    op.create_table(
        "jobs",
        id_column(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("follow_up", sa.String(length=32), nullable=True),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total", sa.Integer(), server_default="0", nullable=False),
        sa.Column("percent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        created_at(),
        timestamp("started_at"),
        timestamp("updated_at"),
        timestamp("finished_at"),
        sa.CheckConstraint(
            "status IN ('queued','running','done','failed','cancelled')",
            name=op.f("ck_jobs_status"),
        ),
        references("jobs", "consultation_id", "consultations"),
        references("jobs", "run_id", "runs", ondelete="SET NULL"),
        primary_key("jobs"),
        sa.UniqueConstraint("consultation_id", "active", name="one_active_job"),
    )


def downgrade() -> None:
    op.drop_table("jobs")
