"""The outbox: one row per (proposal, published decision), whatever the channel.

The row holds no address: the address stays on the proposal and is read when sending (and
erased after delivery when ``TALQY_OUTBOX_ERASE_ADDRESSES`` is on).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from talqy.storage.tables import metadata

STATUSES = ("pending", "sending", "sent", "bounced", "failed")
CHANNELS = ("email", "sms")

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False),
    Column("decision_id", ForeignKey("decisions.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(8), nullable=False),
    Column("language", String(8), nullable=False),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claim_token", String(32)),
    Column("claimed_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    Column("last_error", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("proposal_id", "decision_id", name="outbox_proposal_decision"),
    CheckConstraint("status IN ('pending','sending','sent','bounced','failed')", name="status"),
    CheckConstraint("channel IN ('email','sms')", name="channel"),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)
