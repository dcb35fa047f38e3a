"""Full-text search over the display copy of proposals (never the original text or the author).

SQLite uses the FTS5 table ``proposals_fts`` and PostgreSQL the GIN index on
``to_tsvector('simple', text_display)``, both made by migration ``0008_search`` and kept outside
the SQLAlchemy metadata. A query is cut into words (letters and digits) here, the same way for
both databases, and every word must appear: the two databases give the same answer to plain word
queries. Case is folded; Kazakh letters (ә ғ қ ң ө ұ ү һ і) stay distinct from their look-alikes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.sql.elements import ColumnElement

from talqy.errors import InvalidInput
from talqy.intake.proposal_queries import PUBLIC, PUBLIC_FROM, StoredProposal, to_stored
from talqy.intake.tables import proposals
from talqy.storage.database import Database

SEARCH_TABLE = "proposals_fts"
SEARCH_INDEX = "ix_proposals_text_search"
_WORD = re.compile(r"\w+")


def query_words(query: str) -> list[str]:
    """The words of a search query; a query without one is invalid input."""
    words = _WORD.findall(query.replace("_", " "))
    if not words:
        raise InvalidInput("the search query has no words", field="query")
    return words


def _matches(db: Database, words: list[str]) -> ColumnElement[bool]:
    if db.engine.dialect.name == "sqlite":
        phrase = " ".join(f'"{word}"' for word in words)
        found = text(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :phrase")
        return proposals.c.id.in_(found.bindparams(phrase=phrase).columns(literal_column("rowid")))
    document = func.to_tsvector(literal_column("'simple'::regconfig"), proposals.c.text_display)
    wanted = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(words))
    return document.bool_op("@@")(wanted)


def text_matches(db: Database, query: str) -> ColumnElement[bool]:
    """A condition on ``proposals``: the display text holds every word of ``query``."""
    return _matches(db, query_words(query))


def search_proposals(
    db: Database, consultation_id: int, query: str, *, limit: int | None = None
) -> Iterator[StoredProposal]:
    """The consultation's proposals whose display text holds every word of ``query``, by id."""
    words = query_words(query)
    statement = (
        select(*PUBLIC)
        .select_from(PUBLIC_FROM)
        .where(proposals.c.consultation_id == consultation_id, _matches(db, words))
        .order_by(proposals.c.id)
    )
    if limit is not None:
        statement = statement.limit(limit)
    with db.engine.connect() as conn:
        rows = conn.execute(statement).all()
    return (to_stored(row) for row in rows)
