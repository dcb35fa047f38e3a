"""sessions and foresight

Commission sessions, members, attendance, agenda items, minutes and decisions; the foresight
programme with its priority scale, tasks, assignments, funding by year and progress reports.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import (
    created_at,
    id_column,
    primary_key,
    references,
    trilingual,
)

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "programmes",
        id_column(),
        sa.Column("key", sa.String(length=64), nullable=False),
        *trilingual("title"),
        created_at(),
        primary_key("programmes"),
        sa.UniqueConstraint("key", name=op.f("uq_programmes_key")),
    )
    op.create_table(
        "members",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), server_default="member", nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        created_at(),
        sa.CheckConstraint(
            "role IN ('chair','deputy_chair','secretary','member')", name=op.f("ck_members_role")
        ),
        sa.CheckConstraint(
            "(consultation_id IS NULL) <> (programme_id IS NULL)", name=op.f("ck_members_one_scope")
        ),
        references("members", "consultation_id", "consultations"),
        references("members", "programme_id", "programmes"),
        primary_key("members"),
        sa.UniqueConstraint("consultation_id", "name", name="members_consultation_name"),
        sa.UniqueConstraint("programme_id", "name", name="members_programme_name"),
    )
    op.create_table(
        "priority_levels",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        *trilingual("name"),
        sa.CheckConstraint("level BETWEEN 1 AND 9", name=op.f("ck_priority_levels_level")),
        references("priority_levels", "programme_id", "programmes"),
        primary_key("priority_levels", "programme_id", "level"),
    )
    op.create_table(
        "sessions",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        *trilingual("title", server_default=""),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("online", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("broadcast_url", sa.Text(), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("sector", sa.String(length=64), nullable=True),
        sa.Column("minutes_text", sa.Text(), nullable=True),
        sa.Column("minutes_source", sa.Text(), nullable=True),
        created_at(),
        sa.CheckConstraint(
            "kind IN ('commission','working_group','public_hearing',"
            "'foresight_regional','foresight_sectoral','regional_council')",
            name=op.f("ck_sessions_kind"),
        ),
        sa.CheckConstraint(
            "(consultation_id IS NULL) <> (programme_id IS NULL)",
            name=op.f("ck_sessions_one_scope"),
        ),
        references("sessions", "consultation_id", "consultations"),
        references("sessions", "programme_id", "programmes"),
        primary_key("sessions"),
        sa.UniqueConstraint(
            "consultation_id", "external_id", name="sessions_consultation_external"
        ),
        sa.UniqueConstraint("programme_id", "external_id", name="sessions_programme_external"),
    )
    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "status IN ('present','remote','absent')", name=op.f("ck_attendance_status")
        ),
        references("attendance", "member_id", "members"),
        references("attendance", "session_id", "sessions"),
        primary_key("attendance", "session_id", "member_id"),
    )
    op.create_table(
        "foresight_tasks",
        id_column(),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        *trilingual("title", server_default=""),
        *trilingual("description", server_default=""),
        sa.Column("sector", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("priority_level", sa.Integer(), nullable=False),
        created_at(),
        sa.ForeignKeyConstraint(
            ["programme_id", "priority_level"],
            ["priority_levels.programme_id", "priority_levels.level"],
            name="fk_foresight_tasks_priority_levels",
        ),
        references("foresight_tasks", "programme_id", "programmes"),
        primary_key("foresight_tasks"),
        sa.UniqueConstraint(
            "programme_id", "external_id", name="foresight_tasks_programme_external"
        ),
    )
    op.create_table(
        "agenda_items",
        id_column(),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *trilingual("title", server_default=""),
        sa.Column("article_number", sa.String(length=32), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("broadcast_seconds", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "broadcast_seconds IS NULL OR broadcast_seconds >= 0",
            name=op.f("ck_agenda_items_seconds"),
        ),
        references("agenda_items", "group_id", "groups", ondelete="SET NULL"),
        references("agenda_items", "session_id", "sessions"),
        references("agenda_items", "task_id", "foresight_tasks", ondelete="SET NULL"),
        primary_key("agenda_items"),
        sa.UniqueConstraint("session_id", "position", name="agenda_items_session_position"),
    )
    op.create_index("ix_agenda_items_article", "agenda_items", ["article_number"])
    op.create_index("ix_agenda_items_group", "agenda_items", ["group_id"])
    op.create_table(
        "foresight_assignments",
        id_column(),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("funding_programme", sa.Text(), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="planned", nullable=False),
        sa.Column("progress_percent", sa.Integer(), server_default="0", nullable=False),
        created_at(),
        sa.CheckConstraint(
            "status IN ('planned','active','completed','suspended')",
            name=op.f("ck_foresight_assignments_status"),
        ),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_foresight_assignments_period")),
        sa.CheckConstraint(
            "progress_percent BETWEEN 0 AND 100", name=op.f("ck_foresight_assignments_progress")
        ),
        references("foresight_assignments", "programme_id", "programmes"),
        references("foresight_assignments", "task_id", "foresight_tasks"),
        primary_key("foresight_assignments"),
        sa.UniqueConstraint(
            "programme_id", "external_id", name="foresight_assignments_programme_external"
        ),
        sa.UniqueConstraint("task_id", name="foresight_assignments_task"),
    )
    op.create_table(
        "task_sessions",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        references("task_sessions", "session_id", "sessions"),
        references("task_sessions", "task_id", "foresight_tasks"),
        primary_key("task_sessions", "task_id", "session_id"),
    )
    op.create_table(
        "assignment_funding",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_assignment_funding_amount")),
        references("assignment_funding", "assignment_id", "foresight_assignments"),
        primary_key("assignment_funding", "assignment_id", "year"),
    )
    op.create_table(
        "progress_reports",
        id_column(),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        created_at(),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_progress_reports_percent")),
        references("progress_reports", "assignment_id", "foresight_assignments"),
        primary_key("progress_reports"),
        sa.UniqueConstraint("assignment_id", "reported_on", name="progress_reports_assignment_day"),
    )
    op.create_table(
        "session_decisions",
        id_column(),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        *trilingual("text", server_default=""),
        created_at(),
        references("session_decisions", "agenda_item_id", "agenda_items", ondelete="SET NULL"),
        references("session_decisions", "decision_id", "decisions", ondelete="SET NULL"),
        references("session_decisions", "session_id", "sessions"),
        primary_key("session_decisions"),
    )


def downgrade() -> None:
    op.drop_table("session_decisions")
    op.drop_table("progress_reports")
    op.drop_table("assignment_funding")
    op.drop_table("task_sessions")
    op.drop_table("foresight_assignments")
    op.drop_index("ix_agenda_items_group", table_name="agenda_items")
    op.drop_index("ix_agenda_items_article", table_name="agenda_items")
    op.drop_table("agenda_items")
    op.drop_table("foresight_tasks")
    op.drop_table("attendance")
    op.drop_table("sessions")
    op.drop_table("priority_levels")
    op.drop_table("members")
    op.drop_table("programmes")
