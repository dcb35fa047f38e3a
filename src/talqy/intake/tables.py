"""Tables of the intake room: proposals as received, resumable import progress, IIN hash keys."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from talqy.storage.tables import consultations, created_column, id_column, metadata, owned_by

proposals = Table(
    "proposals",
    metadata,
    id_column(),
    owned_by("consultation_id", consultations.c.id),
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
    created_column(),
    UniqueConstraint("consultation_id", "channel", "dedup_key", name="source"),
    UniqueConstraint("consultation_id", "idempotency_key", name="idempotency"),
    Index("ix_proposals_consultation", "consultation_id", "id"),
    Index("ix_proposals_iin_hash", "author_iin_hash"),
)


import_progress = Table(
    "import_progress",
    metadata,
    owned_by("consultation_id", consultations.c.id, primary_key=True),
    Column("source_hash", String(64), primary_key=True),
    Column("rows_done", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

iin_hash_keys = Table(
    "iin_hash_keys",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("secret", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""The installation's own IIN hashing key (used when ``TALQY_IIN_HASH_KEY`` is unset)."""
