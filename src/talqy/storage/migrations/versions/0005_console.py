"""consultation phases, proposal flags, moderation, outbox

A consultation's texts in kk/ru/en, responsible body and dated phases; proposals flagged for a
person to look at (unknown article); moderation of proposal texts; the outbox of answers.

Revision ID: 0005_console
Revises: 0003_pii
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

revision = "0005_console"
down_revision = "0003_pii"


def upgrade() -> None:
    op.create_table(
        "consultation_details",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        *trilingual("title", nullable=True),
        *trilingual("description", nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        timestamp("opens_at"),
        timestamp("closes_at"),
        timestamp("decisions_at"),
        timestamp("report_at"),
        timestamp("updated_at", nullable=False),
        references("consultation_details", "consultation_id", "consultations"),
        primary_key("consultation_details", "consultation_id"),
    )
    op.create_table(
        "proposal_flags",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        created_at(),
        timestamp("resolved_at"),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        references("proposal_flags", "proposal_id", "proposals"),
        references("proposal_flags", "resolved_by", "users", ondelete="SET NULL"),
        primary_key("proposal_flags", "proposal_id", "kind"),
    )
    op.create_index("ix_proposal_flags_open", "proposal_flags", ["kind", "resolved_at"])
    op.create_table(
        "moderation",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("hidden_text", sa.Text(), nullable=False),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        timestamp("hidden_at", nullable=False),
        references("moderation", "proposal_id", "proposals"),
        references("moderation", "hidden_by", "users", ondelete="SET NULL"),
        primary_key("moderation", "proposal_id"),
    )
    op.create_table(
        "outbox",
        id_column(),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        timestamp("next_attempt_at", nullable=False),
        sa.Column("claim_token", sa.String(length=32), nullable=True),
        timestamp("claimed_at"),
        timestamp("sent_at"),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        created_at(),
        sa.CheckConstraint(
            "status IN ('pending','sending','sent','bounced','failed')",
            name=op.f("ck_outbox_status"),
        ),
        sa.CheckConstraint("channel IN ('email','sms')", name=op.f("ck_outbox_channel")),
        references("outbox", "decision_id", "decisions"),
        references("outbox", "proposal_id", "proposals"),
        primary_key("outbox"),
        sa.UniqueConstraint("proposal_id", "decision_id", name="outbox_proposal_decision"),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("moderation")
    op.drop_index("ix_proposal_flags_open", table_name="proposal_flags")
    op.drop_table("proposal_flags")
    op.drop_table("consultation_details")
