"""Tables of the sessions room: commission meetings on the record and the foresight pipeline.

Commission meetings (sessions, members, attendance, agenda tied to articles and proposal groups,
minutes, decisions) and the foresight pipeline (programmes, a configurable priority scale,
prospective tasks, assignments with funding by year and progress reports). A session or member
belongs to exactly one consultation OR one programme: the pair of unique constraints then
enforces external ids per consultation and per programme.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.schema import SchemaItem

from talqy.review.tables import decisions, groups
from talqy.sessions.vocabulary import (
    ASSIGNMENT_STATUSES,
    ATTENDANCE_STATUSES,
    MEMBER_ROLES,
    SESSION_KINDS,
)
from talqy.storage.tables import (
    consultations,
    created_column,
    id_column,
    metadata,
    one_of,
    owned_by,
    refers_to,
    text_columns,
)


def _scoped_table(
    name: str, *columns: Column[Any], key: tuple[str, str], check: tuple[str, tuple[str, ...]]
) -> Table:
    """A table whose rows belong to one consultation OR one programme.

    ``key`` (column, constraint suffix) is unique per consultation and per programme;
    ``check`` (column, allowed values) limits one column to a closed vocabulary.
    """
    column, suffix = key
    return Table(
        name,
        metadata,
        id_column(),
        Column("consultation_id", ForeignKey(consultations.c.id, ondelete="CASCADE")),
        Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE")),
        *columns,
        created_column(),
        UniqueConstraint("consultation_id", column, name=f"{name}_consultation_{suffix}"),
        UniqueConstraint("programme_id", column, name=f"{name}_programme_{suffix}"),
        CheckConstraint("(consultation_id IS NULL) <> (programme_id IS NULL)", name="one_scope"),
        CheckConstraint(one_of(*check), name=check[0]),
    )


def _programme_keyed(table: str) -> list[SchemaItem]:
    """The row's id, its programme and an external id unique within the programme."""
    return [
        id_column(),
        owned_by("programme_id", "programmes.id"),
        Column("external_id", String(128), nullable=False),
        UniqueConstraint("programme_id", "external_id", name=f"{table}_programme_external"),
    ]


programmes = Table(
    "programmes",
    metadata,
    id_column(),
    Column("key", String(64), nullable=False, unique=True),
    *text_columns("title", nullable=False),
    created_column(),
)


priority_levels = Table(
    "priority_levels",
    metadata,
    owned_by("programme_id", "programmes.id", primary_key=True),
    Column("level", Integer, primary_key=True, autoincrement=False),
    *text_columns("name", nullable=False),
    CheckConstraint("level BETWEEN 1 AND 9", name="level"),
)


sessions = _scoped_table(
    "sessions",
    Column("external_id", String(128), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("start_time", Time),
    *text_columns("title", nullable=False, server_default=""),
    Column("place", Text),
    Column("online", Boolean, nullable=False, server_default="0"),
    Column("broadcast_url", Text),
    Column("region", String(64)),
    Column("sector", String(64)),
    Column("minutes_text", Text),
    Column("minutes_source", Text),
    key=("external_id", "external"),
    check=("kind", SESSION_KINDS),
)


members = _scoped_table(
    "members",
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False, server_default="member"),
    Column("organisation", Text),
    key=("name", "name"),
    check=("role", MEMBER_ROLES),
)


attendance = Table(
    "attendance",
    metadata,
    owned_by("session_id", "sessions.id", primary_key=True),
    owned_by("member_id", "members.id", primary_key=True),
    Column("status", String(16), nullable=False),
    CheckConstraint(one_of("status", ATTENDANCE_STATUSES), name="status"),
)


foresight_tasks = Table(
    "foresight_tasks",
    metadata,
    *_programme_keyed("foresight_tasks"),
    *text_columns("title", nullable=False, server_default=""),
    *text_columns("description", nullable=False, server_default=""),
    Column("sector", String(64), nullable=False),
    Column("region", String(64)),
    Column("priority_level", Integer, nullable=False),
    created_column(),
    ForeignKeyConstraint(
        ["programme_id", "priority_level"],
        ["priority_levels.programme_id", "priority_levels.level"],
        name="fk_foresight_tasks_priority_levels",
    ),
)


task_sessions = Table(
    "task_sessions",
    metadata,
    owned_by("task_id", "foresight_tasks.id", primary_key=True),
    owned_by("session_id", "sessions.id", primary_key=True),
)


agenda_items = Table(
    "agenda_items",
    metadata,
    id_column(),
    owned_by("session_id", "sessions.id"),
    Column("position", Integer, nullable=False),
    *text_columns("title", nullable=False, server_default=""),
    Column("article_number", String(32)),
    refers_to("group_id", groups.c.id),
    refers_to("task_id", "foresight_tasks.id"),
    Column("broadcast_seconds", Integer),
    UniqueConstraint("session_id", "position", name="agenda_items_session_position"),
    CheckConstraint("broadcast_seconds IS NULL OR broadcast_seconds >= 0", name="seconds"),
    Index("ix_agenda_items_article", "article_number"),
    Index("ix_agenda_items_group", "group_id"),
)


session_decisions = Table(
    "session_decisions",
    metadata,
    id_column(),
    owned_by("session_id", "sessions.id"),
    refers_to("agenda_item_id", "agenda_items.id"),
    refers_to("decision_id", decisions.c.id),
    *text_columns("text", nullable=False, server_default=""),
    created_column(),
)


foresight_assignments = Table(
    "foresight_assignments",
    metadata,
    *_programme_keyed("foresight_assignments"),
    owned_by("task_id", "foresight_tasks.id"),
    Column("organisation", Text, nullable=False),
    Column("funding_programme", Text, nullable=False, server_default=""),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("status", String(16), nullable=False, server_default="planned"),
    Column("progress_percent", Integer, nullable=False, server_default="0"),
    created_column(),
    UniqueConstraint("task_id", name="foresight_assignments_task"),
    CheckConstraint(one_of("status", ASSIGNMENT_STATUSES), name="status"),
    CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress"),
    CheckConstraint("ends_on >= starts_on", name="period"),
)


assignment_funding = Table(
    "assignment_funding",
    metadata,
    Column(
        "assignment_id",
        ForeignKey("foresight_assignments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("amount", BigInteger, nullable=False),
    CheckConstraint("amount >= 0", name="amount"),
)


progress_reports = Table(
    "progress_reports",
    metadata,
    id_column(),
    Column(
        "assignment_id", ForeignKey("foresight_assignments.id", ondelete="CASCADE"), nullable=False
    ),
    Column("reported_on", Date, nullable=False),
    Column("percent", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    created_column(),
    UniqueConstraint("assignment_id", "reported_on", name="progress_reports_assignment_day"),
    CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),
)
