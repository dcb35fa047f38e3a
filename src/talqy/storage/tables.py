"""SQLAlchemy Core tables: one schema for SQLite and PostgreSQL.

Uniqueness and idempotency are constraints here, never "check then insert" in code. Migrations
in ``storage/migrations`` create exactly these tables; a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _created() -> Column[object]:
    return Column("created_at", DateTime(timezone=True), nullable=False)


consultations = Table(
    "consultations",
    metadata,
    _id(),
    Column("slug", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("languages", String(32), nullable=False, server_default="kk,ru,en"),
    Column("status", String(16), nullable=False, server_default="open"),
    _created(),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("api_token_hash", String(128), unique=True),
    _created(),
    CheckConstraint(
        "role IN ('admin','secretariat','reviewer','commission','public')", name="role"
    ),
)

assignments = Table(
    "assignments",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("scope", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    _created(),
    UniqueConstraint("consultation_id", "user_id", "scope", "value", name="assignment"),
    CheckConstraint("scope IN ('article','theme','group')", name="scope"),
)

documents = Table(
    "documents",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("version", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("preamble", Text, nullable=False, server_default=""),
    _created(),
    UniqueConstraint("consultation_id", "version", "language", name="version_language"),
)

articles = Table(
    "articles",
    metadata,
    _id(),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(32), nullable=False),
    Column("section", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("original", Text, nullable=False),
    Column("points", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("article_key", String(32), nullable=False),
    UniqueConstraint("document_id", "position", name="position"),
    Index("ix_articles_key", "document_id", "article_key"),
)

proposals = Table(
    "proposals",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("external_id", String(128)),
    Column("dedup_key", String(160), nullable=False),
    Column("text_original", Text, nullable=False),
    Column("text_display", Text, nullable=False),
    Column("article_raw", Text),
    Column("article_number", String(32)),
    Column("region", Text),
    Column("submitted_at", DateTime(timezone=True)),
    Column("language", String(8)),
    Column("author_name", Text),
    Column("author_iin_hash", String(64)),
    Column("author_phone", Text),
    Column("author_email", Text),
    Column("receipt_code", String(32), nullable=False, unique=True),
    Column("idempotency_key", String(128)),
    _created(),
    UniqueConstraint("consultation_id", "channel", "dedup_key", name="source"),
    UniqueConstraint("consultation_id", "idempotency_key", name="idempotency"),
    Index("ix_proposals_consultation", "consultation_id", "id"),
    Index("ix_proposals_iin_hash", "author_iin_hash"),
)

runs = Table(
    "runs",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("params", JSON, nullable=False),
    Column("embedder", String(32), nullable=False),
    Column("model_version", String(128), nullable=False),
    Column("seed", Integer, nullable=False),
    Column("status", String(16), nullable=False, server_default="running"),
    Column("proposals", Integer, nullable=False, server_default="0"),
    _created(),
    Column("finished_at", DateTime(timezone=True)),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("model_version", String(128), primary_key=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

themes = Table(
    "themes",
    metadata,
    _id(),
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("label_kk", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("keywords", JSON, nullable=False),
    UniqueConstraint("run_id", "key", name="run_key"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(8), nullable=False),
    Column("script", String(8), nullable=False),
    Column("duplicate_group", String(64), nullable=False),
    Column("duplicate_of", Integer),
    Column("campaign_key", String(64)),
    Column("theme_key", String(64)),
    Column("stance", String(16), nullable=False),
    Column("articles", JSON, nullable=False),
)

groups = Table(
    "groups",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("run_id", ForeignKey("runs.id", ondelete="SET NULL")),
    Column("representative_id", ForeignKey("proposals.id", ondelete="SET NULL")),
    Column("article_number", String(32)),
    Column("article_source", String(16)),
    Column("theme_key", String(64)),
    Column("campaign_key", String(64)),
    Column("state", String(16), nullable=False, server_default="new"),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("origin", String(16), nullable=False, server_default="machine"),
    Column("merged_into", ForeignKey("groups.id", ondelete="SET NULL")),
    _created(),
    UniqueConstraint("consultation_id", "key", name="consultation_key"),
    CheckConstraint("state IN ('new','in_review','decided','published','reopened')", name="state"),
)

group_members = Table(
    "group_members",
    metadata,
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("origin", String(16), nullable=False, server_default="machine"),
    Column("run_id", ForeignKey("runs.id", ondelete="SET NULL")),
)

decisions = Table(
    "decisions",
    metadata,
    _id(),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("reasoning_kk", Text),
    Column("reasoning_ru", Text),
    Column("reasoning_en", Text),
    Column("articles", JSON, nullable=False),
    Column("decided_by", ForeignKey("users.id", ondelete="SET NULL")),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("published_by", ForeignKey("users.id", ondelete="SET NULL")),
    Column("current", Boolean, nullable=False, server_default="1"),
    CheckConstraint(
        "kind IN ('accepted','partially_accepted','rejected','out_of_scope','already_covered')",
        name="kind",
    ),
    Index("ix_decisions_group", "group_id", "current"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE")),
    Column("actor_id", ForeignKey("users.id", ondelete="SET NULL")),
    Column("actor_kind", String(16), nullable=False),
    Column("run_id", ForeignKey("runs.id", ondelete="SET NULL")),
    Column("action", String(48), nullable=False),
    Column("object_kind", String(32), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("details", JSON, nullable=False),
    CheckConstraint("actor_kind IN ('person','machine','system')", name="actor_kind"),
    Index("ix_audit_log_consultation", "consultation_id", "id"),
)

import_progress = Table(
    "import_progress",
    metadata,
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
    Column("source_hash", String(64), primary_key=True),
    Column("rows_done", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# --- sessions and foresight ---
# Commission meetings on the record (sessions, members, attendance, agenda tied to articles and
# proposal groups, minutes, decisions) and the foresight pipeline (programmes, a configurable
# priority scale, prospective tasks, assignments with funding by year and progress reports).
# A session or member belongs to exactly one consultation OR one programme: the pair of unique
# constraints below then enforces external ids per consultation and per programme.

SESSION_KINDS = (
    "commission",
    "working_group",
    "public_hearing",
    "foresight_regional",
    "foresight_sectoral",
    "regional_council",
)
MEMBER_ROLES = ("chair", "deputy_chair", "secretary", "member")
ATTENDANCE_STATUSES = ("present", "remote", "absent")
ASSIGNMENT_STATUSES = ("planned", "active", "completed", "suspended")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ",".join(f"'{value}'" for value in values) + ")"


_ONE_SCOPE = "(consultation_id IS NULL) <> (programme_id IS NULL)"

programmes = Table(
    "programmes",
    metadata,
    _id(),
    Column("key", String(64), nullable=False, unique=True),
    Column("title_kk", Text, nullable=False),
    Column("title_ru", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    _created(),
)

priority_levels = Table(
    "priority_levels",
    metadata,
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True),
    Column("level", Integer, primary_key=True, autoincrement=False),
    Column("name_kk", Text, nullable=False),
    Column("name_ru", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    CheckConstraint("level BETWEEN 1 AND 9", name="level"),
)

sessions = Table(
    "sessions",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE")),
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE")),
    Column("external_id", String(128), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("start_time", Time),
    Column("title_kk", Text, nullable=False, server_default=""),
    Column("title_ru", Text, nullable=False, server_default=""),
    Column("title_en", Text, nullable=False, server_default=""),
    Column("place", Text),
    Column("online", Boolean, nullable=False, server_default="0"),
    Column("broadcast_url", Text),
    Column("region", String(64)),
    Column("sector", String(64)),
    Column("minutes_text", Text),
    Column("minutes_source", Text),
    _created(),
    UniqueConstraint("consultation_id", "external_id", name="sessions_consultation_external"),
    UniqueConstraint("programme_id", "external_id", name="sessions_programme_external"),
    CheckConstraint(_one_of("kind", SESSION_KINDS), name="kind"),
    CheckConstraint(_ONE_SCOPE, name="one_scope"),
)

members = Table(
    "members",
    metadata,
    _id(),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE")),
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE")),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False, server_default="member"),
    Column("organisation", Text),
    _created(),
    UniqueConstraint("consultation_id", "name", name="members_consultation_name"),
    UniqueConstraint("programme_id", "name", name="members_programme_name"),
    CheckConstraint(_one_of("role", MEMBER_ROLES), name="role"),
    CheckConstraint(_ONE_SCOPE, name="one_scope"),
)

attendance = Table(
    "attendance",
    metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(16), nullable=False),
    CheckConstraint(_one_of("status", ATTENDANCE_STATUSES), name="status"),
)

foresight_tasks = Table(
    "foresight_tasks",
    metadata,
    _id(),
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(128), nullable=False),
    Column("title_kk", Text, nullable=False, server_default=""),
    Column("title_ru", Text, nullable=False, server_default=""),
    Column("title_en", Text, nullable=False, server_default=""),
    Column("description_kk", Text, nullable=False, server_default=""),
    Column("description_ru", Text, nullable=False, server_default=""),
    Column("description_en", Text, nullable=False, server_default=""),
    Column("sector", String(64), nullable=False),
    Column("region", String(64)),
    Column("priority_level", Integer, nullable=False),
    _created(),
    UniqueConstraint("programme_id", "external_id", name="foresight_tasks_programme_external"),
    ForeignKeyConstraint(
        ["programme_id", "priority_level"],
        ["priority_levels.programme_id", "priority_levels.level"],
        name="fk_foresight_tasks_priority_levels",
    ),
)

task_sessions = Table(
    "task_sessions",
    metadata,
    Column("task_id", ForeignKey("foresight_tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
)

agenda_items = Table(
    "agenda_items",
    metadata,
    _id(),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title_kk", Text, nullable=False, server_default=""),
    Column("title_ru", Text, nullable=False, server_default=""),
    Column("title_en", Text, nullable=False, server_default=""),
    Column("article_number", String(32)),
    Column("group_id", ForeignKey("groups.id", ondelete="SET NULL")),
    Column("task_id", ForeignKey("foresight_tasks.id", ondelete="SET NULL")),
    Column("broadcast_seconds", Integer),
    UniqueConstraint("session_id", "position", name="agenda_items_session_position"),
    CheckConstraint("broadcast_seconds IS NULL OR broadcast_seconds >= 0", name="seconds"),
    Index("ix_agenda_items_article", "article_number"),
    Index("ix_agenda_items_group", "group_id"),
)

session_decisions = Table(
    "session_decisions",
    metadata,
    _id(),
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("agenda_item_id", ForeignKey("agenda_items.id", ondelete="SET NULL")),
    Column("decision_id", ForeignKey("decisions.id", ondelete="SET NULL")),
    Column("text_kk", Text, nullable=False, server_default=""),
    Column("text_ru", Text, nullable=False, server_default=""),
    Column("text_en", Text, nullable=False, server_default=""),
    _created(),
)

foresight_assignments = Table(
    "foresight_assignments",
    metadata,
    _id(),
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(128), nullable=False),
    Column("task_id", ForeignKey("foresight_tasks.id", ondelete="CASCADE"), nullable=False),
    Column("organisation", Text, nullable=False),
    Column("funding_programme", Text, nullable=False, server_default=""),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("status", String(16), nullable=False, server_default="planned"),
    Column("progress_percent", Integer, nullable=False, server_default="0"),
    _created(),
    UniqueConstraint(
        "programme_id", "external_id", name="foresight_assignments_programme_external"
    ),
    UniqueConstraint("task_id", name="foresight_assignments_task"),
    CheckConstraint(_one_of("status", ASSIGNMENT_STATUSES), name="status"),
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
    _id(),
    Column(
        "assignment_id", ForeignKey("foresight_assignments.id", ondelete="CASCADE"), nullable=False
    ),
    Column("reported_on", Date, nullable=False),
    Column("percent", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    _created(),
    UniqueConstraint("assignment_id", "reported_on", name="progress_reports_assignment_day"),
    CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),
)
