"""full-text search over the display copy of proposals

SQLite: an external-content FTS5 table ``proposals_fts`` over ``proposals.text_display``, kept in
step by triggers (``unicode61`` with ``remove_diacritics 0``: Kazakh letters stay distinct, case
is folded). PostgreSQL: a GIN index on ``to_tsvector('simple', text_display)``. Neither object is
part of the SQLAlchemy metadata (see :mod:`talqy.intake.text_search`).

Revision ID: 0008_search
Revises: 0007_websec
"""

from __future__ import annotations

from alembic import op

revision = "0008_search"
down_revision = "0007_websec"

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE proposals_fts USING fts5(text_display, content='proposals', "
    "content_rowid='id', tokenize=\"unicode61 remove_diacritics 0\")",
    "CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN "
    "INSERT INTO proposals_fts(rowid, text_display) VALUES (new.id, new.text_display); END",
    "CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN "
    "INSERT INTO proposals_fts(proposals_fts, rowid, text_display) "
    "VALUES ('delete', old.id, old.text_display); END",
    "CREATE TRIGGER proposals_fts_update AFTER UPDATE OF text_display ON proposals BEGIN "
    "INSERT INTO proposals_fts(proposals_fts, rowid, text_display) "
    "VALUES ('delete', old.id, old.text_display); "
    "INSERT INTO proposals_fts(rowid, text_display) VALUES (new.id, new.text_display); END",
    "INSERT INTO proposals_fts(proposals_fts) VALUES ('rebuild')",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS proposals_fts_update",
    "DROP TRIGGER IF EXISTS proposals_fts_delete",
    "DROP TRIGGER IF EXISTS proposals_fts_insert",
    "DROP TABLE IF EXISTS proposals_fts",
)
_POSTGRES_UP = (
    "CREATE INDEX ix_proposals_text_search ON proposals "
    "USING gin (to_tsvector('simple'::regconfig, text_display))",
)
_POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_proposals_text_search",)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(_SQLITE_UP if sqlite else _POSTGRES_UP)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(_SQLITE_DOWN if sqlite else _POSTGRES_DOWN)
