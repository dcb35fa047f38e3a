"""The outbox: one row per (proposal, published decision), whatever the channel.

The row holds no address: the address stays on the proposal and is read when sending (and
erased after delivery when ``TALQY_OUTBOX_ERASE_ADDRESSES`` is on).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from talqy.storage.tables import created_column, id_column, metadata, one_of, owned_by

STATUSES = ("pending", "sending", "sent", "bounced", "failed")
CHANNELS = ("email", "sms")

outbox = Table(
    "outbox",
    metadata,
    id_column(),
    owned_by("proposal_id", "proposals.id"),
    owned_by("decision_id", "decisions.id"),
    Column("channel", String(8), nullable=False),
    Column("language", String(8), nullable=False),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claim_token", String(32)),
    Column("claimed_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    Column("last_error", String(200)),
    created_column(),
    UniqueConstraint("proposal_id", "decision_id", name="outbox_proposal_decision"),
    CheckConstraint(one_of("status", STATUSES), name="status"),
    CheckConstraint(one_of("channel", CHANNELS), name="channel"),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)
