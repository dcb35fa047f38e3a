"""Proposals kept but flagged for a person to look at (e.g. an article the draft does not have).

A flag never refuses a proposal: the citizen gets a receipt as usual, the secretariat sees the
flag in the console and resolves it (links the right article or leaves it as it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    and_,
    exists,
    insert,
    select,
    update,
)

from talqy.intake.tables import proposals
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, all_rows, from_row
from talqy.storage.tables import articles, documents, metadata

UNKNOWN_ARTICLE = "unknown_article"

proposal_flags = Table(
    "proposal_flags",
    metadata,
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolved_by", ForeignKey("users.id", ondelete="SET NULL")),
    Index("ix_proposal_flags_open", "kind", "resolved_at"),
)


@dataclass(frozen=True)
class Flag:
    proposal_id: int
    kind: str
    receipt_code: str
    article_raw: str | None
    text: str
    created_at: datetime


def flag_unknown_articles(
    db: Database, *, consultation_id: int, proposal_ids: Sequence[int] | None = None
) -> int:
    """Flag every proposal of the consultation whose article number the draft does not have.

    Does nothing while no draft is stored; a flag already there stays as it is.
    """
    known = (
        select(articles.c.number)
        .join(documents, documents.c.id == articles.c.document_id)
        .where(documents.c.consultation_id == consultation_id)
    )
    flagged = exists().where(
        proposal_flags.c.proposal_id == proposals.c.id, proposal_flags.c.kind == UNKNOWN_ARTICLE
    )
    missing = select(proposals.c.id).where(
        proposals.c.consultation_id == consultation_id,
        proposals.c.article_number.is_not(None),
        proposals.c.article_number.not_in(known),
        ~flagged,
    )
    if proposal_ids is not None:
        missing = missing.where(proposals.c.id.in_(list(proposal_ids)))
    with db.engine.begin() as conn:
        if conn.execute(known.limit(1)).first() is None:
            return 0
        ids = [row.id for row in conn.execute(missing)]
        if ids:
            stamp = now()
            conn.execute(
                insert(proposal_flags),
                [{"proposal_id": i, "kind": UNKNOWN_ARTICLE, "created_at": stamp} for i in ids],
            )
    return len(ids)


def flags_of(db: Database, proposal_id: int) -> list[str]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(proposal_flags.c.kind).where(
                proposal_flags.c.proposal_id == proposal_id, proposal_flags.c.resolved_at.is_(None)
            )
        )
        return sorted(row.kind for row in rows)


def open_flags(db: Database, *, consultation_id: int, limit: int = 200) -> list[Flag]:
    """Unresolved flags of a consultation, oldest first."""
    query = (
        select(
            proposal_flags,
            proposals.c.receipt_code,
            proposals.c.article_raw,
            proposals.c.text_display,
        )
        .join(proposals, proposals.c.id == proposal_flags.c.proposal_id)
        .where(
            proposals.c.consultation_id == consultation_id, proposal_flags.c.resolved_at.is_(None)
        )
        .order_by(proposal_flags.c.created_at, proposal_flags.c.proposal_id)
        .limit(limit)
    )
    return [
        from_row(Flag, r, text=r.text_display, created_at=as_utc(r.created_at) or now())
        for r in all_rows(db, query)
    ]


def resolve_flag(db: Database, *, proposal_id: int, kind: str, user_id: int | None) -> bool:
    """Mark a flag as looked at; ``False`` when there was no open flag."""
    with db.engine.begin() as conn:
        done = conn.execute(
            update(proposal_flags)
            .where(
                and_(
                    proposal_flags.c.proposal_id == proposal_id,
                    proposal_flags.c.kind == kind,
                    proposal_flags.c.resolved_at.is_(None),
                )
            )
            .values(resolved_at=now(), resolved_by=user_id)
        )
    return bool(done.rowcount)


__all__ = [
    "UNKNOWN_ARTICLE",
    "Flag",
    "flag_unknown_articles",
    "flags_of",
    "open_flags",
    "proposal_flags",
    "resolve_flag",
]
