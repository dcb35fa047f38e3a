"""Dialect-aware inserts shared by the rooms: ``ON CONFLICT`` on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Insert, Table, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from talqy.errors import Conflict


def dialect_insert(dialect: str, table: Table) -> Any:
    """The ``INSERT`` construct of ``dialect`` (``postgresql`` or ``sqlite``), which knows
    ``ON CONFLICT``."""
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)


def insert_ignoring_duplicates(conn: Connection, table: Table) -> Insert:
    """``INSERT … ON CONFLICT DO NOTHING`` for the connection's dialect."""
    statement: Insert = dialect_insert(conn.dialect.name, table).on_conflict_do_nothing()
    return statement


def upsert(
    conn: Connection,
    table: Table,
    keys: list[str],
    values: Mapping[str, Any] | list[Mapping[str, Any]],
) -> None:
    """Insert ``values`` (one row or many); on a clash of ``keys`` update the other columns."""
    rows = [values] if isinstance(values, Mapping) else values
    if not rows:
        return
    statement = dialect_insert(conn.dialect.name, table)
    changed = {k: statement.excluded[k] for k in rows[0] if k not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changed), rows)


def insert_new(conn: Connection, table: Table, values: Mapping[str, Any], taken: Conflict) -> int:
    """Insert one row and return its id; a row a unique constraint refuses raises ``taken``."""
    try:
        key = conn.execute(insert(table).values(**values)).inserted_primary_key
    except IntegrityError:
        raise taken from None
    assert key is not None
    return int(key[0])
