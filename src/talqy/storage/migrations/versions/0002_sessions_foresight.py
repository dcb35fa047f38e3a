"""sessions and foresight

Commission sessions, members, attendance, agenda items, minutes and decisions; the foresight
programme with its priority scale, tasks, assignments, funding by year and progress reports.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title_kk", sa.Text(), nullable=False),
        sa.Column("title_ru", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("key", name=op.f("uq_programmes_key")),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), server_default="member", nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('chair','deputy_chair','secretary','member')", name=op.f("ck_members_role")
        ),
        sa.CheckConstraint(
            "(consultation_id IS NULL) <> (programme_id IS NULL)", name=op.f("ck_members_one_scope")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_members_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_members_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("consultation_id", "name", name="members_consultation_name"),
        sa.UniqueConstraint("programme_id", "name", name="members_programme_name"),
    )
    op.create_table(
        "priority_levels",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name_kk", sa.Text(), nullable=False),
        sa.Column("name_ru", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 9", name=op.f("ck_priority_levels_level")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_priority_levels_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", "level", name=op.f("pk_priority_levels")),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("title_kk", sa.Text(), server_default="", nullable=False),
        sa.Column("title_ru", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("online", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("broadcast_url", sa.Text(), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("sector", sa.String(length=64), nullable=True),
        sa.Column("minutes_text", sa.Text(), nullable=True),
        sa.Column("minutes_source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('commission','working_group','public_hearing',"
            "'foresight_regional','foresight_sectoral','regional_council')",
            name=op.f("ck_sessions_kind"),
        ),
        sa.CheckConstraint(
            "(consultation_id IS NULL) <> (programme_id IS NULL)",
            name=op.f("ck_sessions_one_scope"),
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_sessions_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_sessions_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
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
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_attendance_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_attendance_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "member_id", name=op.f("pk_attendance")),
    )
    op.create_table(
        "foresight_tasks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("title_kk", sa.Text(), server_default="", nullable=False),
        sa.Column("title_ru", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("description_kk", sa.Text(), server_default="", nullable=False),
        sa.Column("description_ru", sa.Text(), server_default="", nullable=False),
        sa.Column("description_en", sa.Text(), server_default="", nullable=False),
        sa.Column("sector", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("priority_level", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id", "priority_level"],
            ["priority_levels.programme_id", "priority_levels.level"],
            name="fk_foresight_tasks_priority_levels",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_foresight_tasks_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_foresight_tasks")),
        sa.UniqueConstraint(
            "programme_id", "external_id", name="foresight_tasks_programme_external"
        ),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_kk", sa.Text(), server_default="", nullable=False),
        sa.Column("title_ru", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("article_number", sa.String(length=32), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("broadcast_seconds", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "broadcast_seconds IS NULL OR broadcast_seconds >= 0",
            name=op.f("ck_agenda_items_seconds"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_agenda_items_group_id_groups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_agenda_items_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["foresight_tasks.id"],
            name=op.f("fk_agenda_items_task_id_foresight_tasks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint("session_id", "position", name="agenda_items_session_position"),
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.create_index("ix_agenda_items_article", ["article_number"], unique=False)
        batch_op.create_index("ix_agenda_items_group", ["group_id"], unique=False)
    op.create_table(
        "foresight_assignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("funding_programme", sa.Text(), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="planned", nullable=False),
        sa.Column("progress_percent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned','active','completed','suspended')",
            name=op.f("ck_foresight_assignments_status"),
        ),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_foresight_assignments_period")),
        sa.CheckConstraint(
            "progress_percent BETWEEN 0 AND 100", name=op.f("ck_foresight_assignments_progress")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_foresight_assignments_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["foresight_tasks.id"],
            name=op.f("fk_foresight_assignments_task_id_foresight_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_foresight_assignments")),
        sa.UniqueConstraint(
            "programme_id", "external_id", name="foresight_assignments_programme_external"
        ),
        sa.UniqueConstraint("task_id", name="foresight_assignments_task"),
    )
    op.create_table(
        "task_sessions",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_task_sessions_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["foresight_tasks.id"],
            name=op.f("fk_task_sessions_task_id_foresight_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("task_id", "session_id", name=op.f("pk_task_sessions")),
    )
    op.create_table(
        "assignment_funding",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_assignment_funding_amount")),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["foresight_assignments.id"],
            name=op.f("fk_assignment_funding_assignment_id_foresight_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assignment_id", "year", name=op.f("pk_assignment_funding")),
    )
    op.create_table(
        "progress_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_progress_reports_percent")),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["foresight_assignments.id"],
            name=op.f("fk_progress_reports_assignment_id_foresight_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_reports")),
        sa.UniqueConstraint("assignment_id", "reported_on", name="progress_reports_assignment_day"),
    )
    op.create_table(
        "session_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("text_kk", sa.Text(), server_default="", nullable=False),
        sa.Column("text_ru", sa.Text(), server_default="", nullable=False),
        sa.Column("text_en", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_session_decisions_agenda_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_session_decisions_decision_id_decisions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_session_decisions_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_decisions")),
    )


def downgrade() -> None:
    op.drop_table("session_decisions")
    op.drop_table("progress_reports")
    op.drop_table("assignment_funding")
    op.drop_table("task_sessions")
    op.drop_table("foresight_assignments")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_items_group")
        batch_op.drop_index("ix_agenda_items_article")
    op.drop_table("agenda_items")
    op.drop_table("foresight_tasks")
    op.drop_table("attendance")
    op.drop_table("sessions")
    op.drop_table("priority_levels")
    op.drop_table("members")
    op.drop_table("programmes")
