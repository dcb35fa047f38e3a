"""consultation phases, proposal flags, moderation, outbox

A consultation's texts in kk/ru/en, responsible body and dated phases; proposals flagged for a
person to look at (unknown article); moderation of proposal texts; the outbox of answers.

Revision ID: 0005_console
Revises: 0003_pii
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_console"
down_revision = "0003_pii"


def _stamp(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "consultation_details",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        *(
            sa.Column(f"{kind}_{lang}", sa.Text(), nullable=True)
            for kind in ("title", "description")
            for lang in ("kk", "ru", "en")
        ),
        sa.Column("body", sa.Text(), nullable=True),
        _stamp("opens_at"),
        _stamp("closes_at"),
        _stamp("decisions_at"),
        _stamp("report_at"),
        _stamp("updated_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_details_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consultation_id", name=op.f("pk_consultation_details")),
    )
    op.create_table(
        "proposal_flags",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        _stamp("created_at", nullable=False),
        _stamp("resolved_at"),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_proposal_flags_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"],
            ["users.id"],
            name=op.f("fk_proposal_flags_resolved_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("proposal_id", "kind", name=op.f("pk_proposal_flags")),
    )
    op.create_index("ix_proposal_flags_open", "proposal_flags", ["kind", "resolved_at"])
    op.create_table(
        "moderation",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("hidden_text", sa.Text(), nullable=False),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        _stamp("hidden_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_moderation_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by"],
            ["users.id"],
            name=op.f("fk_moderation_hidden_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("proposal_id", name=op.f("pk_moderation")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        _stamp("next_attempt_at", nullable=False),
        sa.Column("claim_token", sa.String(length=32), nullable=True),
        _stamp("claimed_at"),
        _stamp("sent_at"),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        _stamp("created_at", nullable=False),
        sa.CheckConstraint(
            "status IN ('pending','sending','sent','bounced','failed')",
            name=op.f("ck_outbox_status"),
        ),
        sa.CheckConstraint("channel IN ('email','sms')", name=op.f("ck_outbox_channel")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_outbox_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_outbox_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
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
