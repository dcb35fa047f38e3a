"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 23:40:53.780151
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
    trilingual,
)

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "consultations",
        id_column(),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("languages", sa.String(length=32), server_default="kk,ru,en", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        created_at(),
        primary_key("consultations"),
        sa.UniqueConstraint("slug", name=op.f("uq_consultations_slug")),
    )
    op.create_table(
        "users",
        id_column(),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("api_token_hash", sa.String(length=128), nullable=True),
        created_at(),
        sa.CheckConstraint(
            "role IN ('admin','secretariat','reviewer','commission','public')",
            name=op.f("ck_users_role"),
        ),
        primary_key("users"),
        sa.UniqueConstraint("api_token_hash", name=op.f("uq_users_api_token_hash")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "assignments",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        created_at(),
        sa.CheckConstraint(
            "scope IN ('article','theme','group')", name=op.f("ck_assignments_scope")
        ),
        references("assignments", "consultation_id", "consultations"),
        references("assignments", "user_id", "users"),
        primary_key("assignments"),
        sa.UniqueConstraint("consultation_id", "user_id", "scope", "value", name="assignment"),
    )
    op.create_table(
        "documents",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("preamble", sa.Text(), server_default="", nullable=False),
        created_at(),
        references("documents", "consultation_id", "consultations"),
        primary_key("documents"),
        sa.UniqueConstraint("consultation_id", "version", "language", name="version_language"),
    )
    op.create_table(
        "import_progress",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        timestamp("updated_at", nullable=False),
        references("import_progress", "consultation_id", "consultations"),
        primary_key("import_progress", "consultation_id", "source_hash"),
    )
    op.create_table(
        "proposals",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=True),
        sa.Column("dedup_key", sa.String(length=160), nullable=False),
        sa.Column("text_original", sa.Text(), nullable=False),
        sa.Column("text_display", sa.Text(), nullable=False),
        sa.Column("article_raw", sa.Text(), nullable=True),
        sa.Column("article_number", sa.String(length=32), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        timestamp("submitted_at"),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("author_name", sa.Text(), nullable=True),
        sa.Column("author_iin_hash", sa.String(length=64), nullable=True),
        sa.Column("author_phone", sa.Text(), nullable=True),
        sa.Column("author_email", sa.Text(), nullable=True),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=True),
        created_at(),
        references("proposals", "consultation_id", "consultations"),
        primary_key("proposals"),
        sa.UniqueConstraint("consultation_id", "channel", "dedup_key", name="source"),
        sa.UniqueConstraint("consultation_id", "idempotency_key", name="idempotency"),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_proposals_receipt_code")),
    )
    op.create_index("ix_proposals_consultation", "proposals", ["consultation_id", "id"])
    op.create_index("ix_proposals_iin_hash", "proposals", ["author_iin_hash"])
    op.create_table(
        "runs",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("embedder", sa.String(length=32), nullable=False),
        sa.Column("model_version", sa.String(length=128), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="running", nullable=False),
        sa.Column("proposals", sa.Integer(), server_default="0", nullable=False),
        created_at(),
        timestamp("finished_at"),
        references("runs", "consultation_id", "consultations"),
        primary_key("runs"),
    )
    op.create_table(
        "analyses",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("script", sa.String(length=8), nullable=False),
        sa.Column("duplicate_group", sa.String(length=64), nullable=False),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("campaign_key", sa.String(length=64), nullable=True),
        sa.Column("theme_key", sa.String(length=64), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        references("analyses", "proposal_id", "proposals"),
        references("analyses", "run_id", "runs"),
        primary_key("analyses", "run_id", "proposal_id"),
    )
    op.create_table(
        "articles",
        id_column(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("article_key", sa.String(length=32), nullable=False),
        references("articles", "document_id", "documents"),
        primary_key("articles"),
        sa.UniqueConstraint("document_id", "position", name="position"),
    )
    op.create_index("ix_articles_key", "articles", ["document_id", "article_key"])
    op.create_table(
        "audit_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        timestamp("at", nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("object_kind", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "actor_kind IN ('person','machine','system')", name=op.f("ck_audit_log_actor_kind")
        ),
        references("audit_log", "actor_id", "users", ondelete="SET NULL"),
        references("audit_log", "consultation_id", "consultations"),
        references("audit_log", "run_id", "runs", ondelete="SET NULL"),
        primary_key("audit_log"),
    )
    op.create_index("ix_audit_log_consultation", "audit_log", ["consultation_id", "id"])
    op.create_table(
        "embeddings",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("model_version", sa.String(length=128), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        references("embeddings", "proposal_id", "proposals"),
        primary_key("embeddings", "proposal_id", "model_version"),
    )
    op.create_table(
        "groups",
        id_column(),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        sa.Column("article_number", sa.String(length=32), nullable=True),
        sa.Column("article_source", sa.String(length=16), nullable=True),
        sa.Column("theme_key", sa.String(length=64), nullable=True),
        sa.Column("campaign_key", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), server_default="new", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("origin", sa.String(length=16), server_default="machine", nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        created_at(),
        sa.CheckConstraint(
            "state IN ('new','in_review','decided','published','reopened')",
            name=op.f("ck_groups_state"),
        ),
        references("groups", "consultation_id", "consultations"),
        references("groups", "merged_into", "groups", ondelete="SET NULL"),
        references("groups", "representative_id", "proposals", ondelete="SET NULL"),
        references("groups", "run_id", "runs", ondelete="SET NULL"),
        primary_key("groups"),
        sa.UniqueConstraint("consultation_id", "key", name="consultation_key"),
    )
    op.create_table(
        "themes",
        id_column(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        *trilingual("label"),
        sa.Column("keywords", sa.JSON(), nullable=False),
        references("themes", "run_id", "runs"),
        primary_key("themes"),
        sa.UniqueConstraint("run_id", "key", name="run_key"),
    )
    op.create_table(
        "decisions",
        id_column(),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        *trilingual("reasoning", nullable=True),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        timestamp("decided_at", nullable=False),
        timestamp("published_at"),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("current", sa.Boolean(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('accepted','partially_accepted','rejected','out_of_scope','already_covered')",
            name=op.f("ck_decisions_kind"),
        ),
        references("decisions", "decided_by", "users", ondelete="SET NULL"),
        references("decisions", "group_id", "groups"),
        references("decisions", "published_by", "users", ondelete="SET NULL"),
        primary_key("decisions"),
    )
    op.create_index("ix_decisions_group", "decisions", ["group_id", "current"])
    op.create_table(
        "group_members",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), server_default="machine", nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        references("group_members", "group_id", "groups"),
        references("group_members", "proposal_id", "proposals"),
        references("group_members", "run_id", "runs", ondelete="SET NULL"),
        primary_key("group_members", "proposal_id"),
    )
    op.create_index(op.f("ix_group_members_group_id"), "group_members", ["group_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_group_members_group_id"), table_name="group_members")
    op.drop_table("group_members")
    op.drop_index("ix_decisions_group", table_name="decisions")
    op.drop_table("decisions")
    op.drop_table("themes")
    op.drop_table("groups")
    op.drop_table("embeddings")
    op.drop_index("ix_audit_log_consultation", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_articles_key", table_name="articles")
    op.drop_table("articles")
    op.drop_table("analyses")
    op.drop_table("runs")
    op.drop_index("ix_proposals_iin_hash", table_name="proposals")
    op.drop_index("ix_proposals_consultation", table_name="proposals")
    op.drop_table("proposals")
    op.drop_table("import_progress")
    op.drop_table("documents")
    op.drop_table("assignments")
    op.drop_table("users")
    op.drop_table("consultations")
