"""Tables of systematization runs: parameters, cached vectors, themes, per-proposal results,
and the background jobs that produce runs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from talqy.intake.tables import proposals
from talqy.storage.tables import (
    consultations,
    created_column,
    id_column,
    metadata,
    one_of,
    text_columns,
)

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


def _run_cluster_table(name: str, *columns: Column[Any], unique: str) -> Table:
    """A table of one kind of cluster a run found: id, run, a key unique within the run, size,
    a label per language, then ``columns``."""
    return Table(
        name,
        metadata,
        id_column(),
        Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        Column("key", String(64), nullable=False),
        Column("size", Integer, nullable=False),
        *text_columns("label", nullable=False),
        *columns,
        UniqueConstraint("run_id", "key", name=unique),
    )


themes = _run_cluster_table("themes", Column("keywords", JSON, nullable=False), unique="run_key")


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


positions = _run_cluster_table(
    "positions",
    Column("articles", JSON, nullable=False),
    Column("theme_key", String(64)),
    Column("groups", Integer, nullable=False),
    Column("campaign_keys", JSON, nullable=False),
    Column("representative_id", ForeignKey(proposals.c.id, ondelete="SET NULL")),
    unique="run_position_key",
)


JOB_STATUSES = ("queued", "running", "done", "failed", "cancelled")

# A background job (``systematization/jobs.py``). ``active`` is true while the job is queued or
# running and NULL afterwards: the unique (consultation, active) pair lets one active job per
# consultation exist on SQLite and PostgreSQL alike (NULLs never collide).
jobs = Table(
    "jobs",
    metadata,
    id_column(),
    Column("kind", String(16), nullable=False),
    Column("consultation_id", ForeignKey(consultations.c.id, ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("active", Boolean),
    Column("options", JSON, nullable=False),
    Column("follow_up", String(32)),
    Column("requested_by", String(64), nullable=False),
    Column("stage", String(32)),
    Column("done", Integer, nullable=False, server_default="0"),
    Column("total", Integer, nullable=False, server_default="0"),
    Column("percent", Integer, nullable=False, server_default="0"),
    Column("cancel_requested", Boolean, nullable=False, server_default="0"),
    Column("run_id", ForeignKey("runs.id", ondelete="SET NULL")),
    Column("result", JSON),
    Column("error", Text),
    created_column(),
    Column("started_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    UniqueConstraint("consultation_id", "active", name="one_active_job"),
    CheckConstraint(one_of("status", JOB_STATUSES), name="status"),
)
