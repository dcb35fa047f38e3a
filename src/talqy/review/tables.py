"""Tables of the review room: staff accounts and assignments, groups, decisions, audit log."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from talqy.intake.tables import proposals
from talqy.review.decision_kinds import DECISION_KINDS
from talqy.review.states import ReviewState
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
from talqy.systematization.tables import runs

users = Table(
    "users",
    metadata,
    id_column(),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("api_token_hash", String(128), unique=True),
    created_column(),
    CheckConstraint(
        "role IN ('admin','secretariat','reviewer','commission','public')", name="role"
    ),
)


assignments = Table(
    "assignments",
    metadata,
    id_column(),
    owned_by("consultation_id", consultations.c.id),
    owned_by("user_id", "users.id"),
    Column("scope", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    created_column(),
    UniqueConstraint("consultation_id", "user_id", "scope", "value", name="assignment"),
    CheckConstraint("scope IN ('article','theme','group')", name="scope"),
)


groups = Table(
    "groups",
    metadata,
    id_column(),
    owned_by("consultation_id", consultations.c.id),
    Column("key", String(64), nullable=False),
    refers_to("run_id", runs.c.id),
    refers_to("representative_id", proposals.c.id),
    Column("article_number", String(32)),
    Column("article_source", String(16)),
    Column("theme_key", String(64)),
    Column("campaign_key", String(64)),
    Column("state", String(16), nullable=False, server_default="new"),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("origin", String(16), nullable=False, server_default="machine"),
    refers_to("merged_into", "groups.id"),
    created_column(),
    UniqueConstraint("consultation_id", "key", name="consultation_key"),
    CheckConstraint(one_of("state", tuple(ReviewState)), name="state"),
)


group_members = Table(
    "group_members",
    metadata,
    owned_by("proposal_id", proposals.c.id, primary_key=True),
    owned_by("group_id", "groups.id", index=True),
    Column("origin", String(16), nullable=False, server_default="machine"),
    refers_to("run_id", runs.c.id),
)


decisions = Table(
    "decisions",
    metadata,
    id_column(),
    owned_by("group_id", "groups.id"),
    Column("kind", String(24), nullable=False),
    *text_columns("reasoning"),
    Column("articles", JSON, nullable=False),
    refers_to("decided_by", "users.id"),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    refers_to("published_by", "users.id"),
    Column("current", Boolean, nullable=False, server_default="1"),
    CheckConstraint(one_of("kind", DECISION_KINDS), name="kind"),
    Index("ix_decisions_group", "group_id", "current"),
)


audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("consultation_id", ForeignKey(consultations.c.id, ondelete="CASCADE")),
    refers_to("actor_id", "users.id"),
    Column("actor_kind", String(16), nullable=False),
    refers_to("run_id", runs.c.id),
    Column("action", String(48), nullable=False),
    Column("object_kind", String(32), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("details", JSON, nullable=False),
    CheckConstraint("actor_kind IN ('person','machine','system')", name="actor_kind"),
    Index("ix_audit_log_consultation", "consultation_id", "id"),
)
