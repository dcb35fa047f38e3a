"""The register of published report editions: one row per distinct file a report build made.

A build of a consultation's report (any format, any language) or of its open-data package
records the file's SHA-256 and size, the systematization run it was drawn from and a summary of
its figures, so a secretariat can show which edition was published when. The same bytes built
again are the same edition: the unique constraint keeps the first row (and its date).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from talqy.storage.tables import created_column, id_column, metadata, one_of, owned_by, refers_to

FORMATS = ("html", "pdf", "json", "csv", "zip")

report_editions = Table(
    "report_editions",
    metadata,
    id_column(),
    owned_by("consultation_id", "consultations.id"),
    refers_to("run_id", "runs.id"),
    Column("format", String(8), nullable=False),
    Column("language", String(8), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("members", JSON, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("actor", String(64), nullable=False),
    created_column(),
    UniqueConstraint("consultation_id", "format", "language", "sha256", name="edition_file"),
    CheckConstraint(one_of("format", FORMATS), name="format"),
)
