"""Tables of systematization runs: parameters, cached vectors, themes, per-proposal results."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
)

from talqy.intake.tables import proposals
from talqy.storage.tables import consultations, created_column, id_column, metadata, text_columns

runs = Table(
    "runs",
    metadata,
    id_column(),
    Column("consultation_id", ForeignKey(consultations.c.id, ondelete="CASCADE"), nullable=False),
    Column("params", JSON, nullable=False),
    Column("embedder", String(32), nullable=False),
    Column("model_version", String(128), nullable=False),
    Column("seed", Integer, nullable=False),
    Column("status", String(16), nullable=False, server_default="running"),
    Column("proposals", Integer, nullable=False, server_default="0"),
    created_column(),
    Column("finished_at", DateTime(timezone=True)),
)


embeddings = Table(
    "embeddings",
    metadata,
    Column("proposal_id", ForeignKey(proposals.c.id, ondelete="CASCADE"), primary_key=True),
    Column("model_version", String(128), primary_key=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)


themes = Table(
    "themes",
    metadata,
    id_column(),
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    *text_columns("label", nullable=False),
    Column("keywords", JSON, nullable=False),
    UniqueConstraint("run_id", "key", name="run_key"),
)


analyses = Table(
    "analyses",
    metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("proposal_id", ForeignKey(proposals.c.id, ondelete="CASCADE"), primary_key=True),
    Column("language", String(8), nullable=False),
    Column("script", String(8), nullable=False),
    Column("duplicate_group", String(64), nullable=False),
    Column("duplicate_of", Integer),
    Column("campaign_key", String(64)),
    Column("theme_key", String(64)),
    Column("stance", String(16), nullable=False),
    Column("articles", JSON, nullable=False),
    Column("position_key", String(64)),
)


positions = Table(
    "positions",
    metadata,
    id_column(),
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    *text_columns("label", nullable=False),
    Column("articles", JSON, nullable=False),
    Column("theme_key", String(64)),
    Column("groups", Integer, nullable=False),
    Column("campaign_keys", JSON, nullable=False),
    Column("representative_id", ForeignKey(proposals.c.id, ondelete="SET NULL")),
    UniqueConstraint("run_id", "key", name="run_position_key"),
)
