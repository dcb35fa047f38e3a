"""The shared schema: one ``metadata`` for SQLite and PostgreSQL, its naming convention, column
helpers, and the tables every room refers to (consultations and their draft documents).

Each room defines its own tables on this ``metadata`` (``intake/tables.py``,
``systematization/tables.py``, ``review/tables.py``, ``sessions/tables.py``). Uniqueness and
idempotency are constraints, never "check then insert" in code. Migrations in
``storage/migrations`` create exactly these tables; a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from talqy.i18n import LANGUAGES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def id_column() -> Column[int]:
    """An autoincrementing integer primary key ``id``."""
    return Column("id", Integer, primary_key=True, autoincrement=True)


def created_column() -> Column[object]:
    """The ``created_at`` timestamp (with time zone) every row records."""
    return Column("created_at", DateTime(timezone=True), nullable=False)


def owned_by(name: str, parent: str | Column[int], **options: object) -> Column[int]:
    """A required reference to ``parent`` (``"table.id"`` or a column): deleting the parent
    deletes the row."""
    target = ForeignKey(parent, ondelete="CASCADE")
    return Column(name, target, nullable=False, **options)  # type: ignore[arg-type]


def refers_to(name: str, target: str | Column[int]) -> Column[int]:
    """An optional reference to ``target``: deleting the target leaves the row, set to NULL."""
    return Column(name, ForeignKey(target, ondelete="SET NULL"))


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A check constraint's SQL: ``column`` holds one of ``values``."""
    return f"{column} IN (" + ",".join(f"'{value}'" for value in values) + ")"


def text_columns(prefix: str, **options: object) -> list[Column[str]]:
    """One ``Text`` column per language: ``<prefix>_kk``, ``<prefix>_ru``, ``<prefix>_en``."""
    return [Column(f"{prefix}_{lang}", Text, **options) for lang in LANGUAGES]  # type: ignore[arg-type]


consultations = Table(
    "consultations",
    metadata,
    id_column(),
    Column("slug", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("languages", String(32), nullable=False, server_default="kk,ru,en"),
    Column("status", String(16), nullable=False, server_default="open"),
    created_column(),
)


documents = Table(
    "documents",
    metadata,
    id_column(),
    owned_by("consultation_id", "consultations.id"),
    Column("version", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("preamble", Text, nullable=False, server_default=""),
    created_column(),
    UniqueConstraint("consultation_id", "version", "language", name="version_language"),
)


articles = Table(
    "articles",
    metadata,
    id_column(),
    owned_by("document_id", "documents.id"),
    Column("position", Integer, nullable=False),
    Column("number", String(32), nullable=False),
    Column("section", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("original", Text, nullable=False),
    Column("points", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("article_key", String(32), nullable=False),
    UniqueConstraint("document_id", "position", name="position"),
    Index("ix_articles_key", "document_id", "article_key"),
)
