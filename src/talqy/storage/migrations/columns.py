"""The column and constraint shapes the migrations repeat, named as the tables name them.

Constraint names follow the shared metadata's naming convention (``pk_<table>``,
``fk_<table>_<column>_<target>``), so a migration written with these creates exactly what
``talqy.storage.tables.metadata`` describes. Migrations keep using these helpers as they are:
changing one changes what every past migration creates.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

# Frozen here rather than taken from ``talqy.i18n``: a past migration must keep creating the same
# columns whatever languages the application supports later.
LANGUAGES = ("kk", "ru", "en")


def id_column() -> sa.Column[Any]:
    """The autoincrementing integer ``id`` most tables start with."""
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def timestamp(name: str, *, nullable: bool = True) -> sa.Column[Any]:
    """A date and time with time zone, optional unless ``nullable=False``."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def created_at() -> sa.Column[Any]:
    return timestamp("created_at", nullable=False)


def trilingual(
    stem: str, *, server_default: str | None = None, nullable: bool = False
) -> list[sa.Column[Any]]:
    """``<stem>_kk``, ``<stem>_ru`` and ``<stem>_en``: text, one per language (required unless
    ``nullable=True``)."""
    return [
        sa.Column(f"{stem}_{lang}", sa.Text(), server_default=server_default, nullable=nullable)
        for lang in LANGUAGES
    ]


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """The table's primary key on ``columns`` (``id`` when none are given)."""
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=op.f(f"pk_{table}"))


def references(
    table: str, column: str, target: str, *, ondelete: str = "CASCADE"
) -> sa.ForeignKeyConstraint:
    """``table.column`` refers to ``target.id``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )
