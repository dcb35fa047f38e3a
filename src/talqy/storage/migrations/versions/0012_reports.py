"""report editions

The register of published report editions: each distinct report or open-data file built, with
its SHA-256, size, run and a summary of its figures.

Revision ID: 0012_reports
Revises: 0010_jobs
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import created_at, id_column, primary_key, references

revision = "0012_reports"
down_revision = "0010_jobs"


def upgrade() -> None:
    op.create_table(
        "report_editions",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        created_at(),
        sa.CheckConstraint(
            "format IN ('html','pdf','json','csv','zip')",
            name=op.f("ck_report_editions_format"),
        ),
        references("report_editions", "consultation_id", "consultations"),
        references("report_editions", "run_id", "runs", ondelete="SET NULL"),
        primary_key("report_editions"),
        sa.UniqueConstraint("consultation_id", "format", "language", "sha256", name="edition_file"),
    )


def downgrade() -> None:
    op.drop_table("report_editions")
