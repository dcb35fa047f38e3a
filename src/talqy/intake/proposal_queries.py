"""Proposals: insert one or a batch (idempotently), stream them, look up a receipt.

Uniqueness is the schema's: (consultation, channel, dedup_key) for the source of a proposal,
(consultation, idempotency_key) for retried submissions, and the receipt code. Batches use
``INSERT … ON CONFLICT DO NOTHING`` on the source key, on SQLite and PostgreSQL alike, so a
re-import adds nothing twice. Only public fields leave this module through
:class:`StoredProposal` (no author data).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from talqy.errors import Conflict, NotFound
from talqy.intake.tables import import_progress, proposals
from talqy.plain import record_dict
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import Consultation, consultation_from_row
from talqy.storage.database import Database, all_rows, first_row
from talqy.storage.inserts import dialect_insert
from talqy.storage.tables import consultations

_SOURCE_KEY = [proposals.c.consultation_id, proposals.c.channel, proposals.c.dedup_key]


@dataclass(frozen=True)
class StoredProposal:
    """What may be shown of a proposal: the display copy, never the author."""

    id: int
    channel: str
    external_id: str | None
    text: str
    article: str | None
    article_number: str | None
    region: str | None
    submitted_at: datetime | None
    language: str | None
    created_at: datetime
    group: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True)
class PublishedDecision:
    kind: str
    reasoning: dict[str, str | None]
    published_at: datetime


@dataclass(frozen=True)
class Receipt:
    """What the holder of a receipt code may know about their proposal."""

    code: str
    consultation: str
    channel: str
    created_at: datetime
    group_state: str | None
    decision: PublishedDecision | None


@dataclass(frozen=True)
class Inserted:
    id: int
    receipt_code: str
    created: bool


def _find_existing(db: Database, values: Mapping[str, Any]) -> Inserted | None:
    same_source = and_(
        proposals.c.channel == values["channel"], proposals.c.dedup_key == values["dedup_key"]
    )
    key = values.get("idempotency_key")
    match = or_(proposals.c.idempotency_key == key, same_source) if key else same_source
    query = select(proposals.c.id, proposals.c.receipt_code).where(
        proposals.c.consultation_id == values["consultation_id"], match
    )
    row = first_row(db, query.order_by(proposals.c.id).limit(1))
    return None if row is None else Inserted(row.id, row.receipt_code, False)


def insert_proposal(db: Database, values: Mapping[str, Any]) -> Inserted:
    """Insert one proposal, or return the one with the same idempotency key or source.

    A clash on the receipt code alone is a ``Conflict`` with field ``receipt_code``: the caller
    draws a new code and tries again.
    """
    try:
        with db.engine.begin() as conn:
            result = conn.execute(insert(proposals).values(**values, created_at=now()))
            assert result.inserted_primary_key is not None
            return Inserted(result.inserted_primary_key[0], values["receipt_code"], True)
    except IntegrityError:
        existing = _find_existing(db, values)
        if existing is None:
            raise Conflict("receipt code already taken", field="receipt_code") from None
        return existing


def _save_progress(
    db: Database, conn: Connection, consultation_id: int, source_hash: str, rows_done: int
) -> None:
    stmt = dialect_insert(db.dialect, import_progress).values(
        consultation_id=consultation_id,
        source_hash=source_hash,
        rows_done=rows_done,
        updated_at=now(),
    )
    larger = case(
        (import_progress.c.rows_done > stmt.excluded.rows_done, import_progress.c.rows_done),
        else_=stmt.excluded.rows_done,
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[import_progress.c.consultation_id, import_progress.c.source_hash],
            set_={"rows_done": larger, "updated_at": stmt.excluded.updated_at},
        )
    )


def insert_batch(
    db: Database,
    rows: Sequence[Mapping[str, Any]],
    *,
    consultation_id: int,
    source_hash: str | None = None,
    rows_done: int = 0,
) -> int:
    """Insert ``rows`` in one transaction, skipping those already present; the count inserted.

    With ``source_hash`` the import's progress (``rows_done``) is saved in the same
    transaction. A receipt-code clash raises ``Conflict`` (field ``receipt_code``), and nothing
    of the batch is kept.
    """
    stamp = now()
    params = [{**row, "consultation_id": consultation_id, "created_at": stamp} for row in rows]
    stmt = (
        dialect_insert(db.dialect, proposals)
        .on_conflict_do_nothing(index_elements=_SOURCE_KEY)
        .returning(proposals.c.id)
    )
    try:
        with db.engine.begin() as conn:
            inserted = len(conn.execute(stmt, params).all()) if params else 0
            if source_hash is not None:
                _save_progress(db, conn, consultation_id, source_hash, rows_done)
    except IntegrityError:
        raise Conflict("receipt code already taken", field="receipt_code") from None
    return inserted


def load_import_progress(db: Database, consultation_id: int, source_hash: str) -> int:
    """Rows of an unfinished import of this source already committed (0 if none)."""
    query = select(import_progress.c.rows_done).where(
        import_progress.c.consultation_id == consultation_id,
        import_progress.c.source_hash == source_hash,
    )
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def clear_import_progress(db: Database, consultation_id: int, source_hash: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            import_progress.delete().where(
                import_progress.c.consultation_id == consultation_id,
                import_progress.c.source_hash == source_hash,
            )
        )


def to_stored(row: Any) -> StoredProposal:
    created = as_utc(row.created_at)
    assert created is not None
    return StoredProposal(
        id=row.id,
        channel=row.channel,
        external_id=row.external_id,
        text=row.text_display,
        article=row.article_raw,
        article_number=row.article_number,
        region=row.region,
        submitted_at=as_utc(row.submitted_at),
        language=row.language,
        created_at=created,
        group=row.group_id,
    )


PUBLIC = [
    proposals.c.id,
    proposals.c.channel,
    proposals.c.external_id,
    proposals.c.text_display,
    proposals.c.article_raw,
    proposals.c.article_number,
    proposals.c.region,
    proposals.c.submitted_at,
    proposals.c.language,
    proposals.c.created_at,
    group_members.c.group_id,
]
# Proposals with the review group each one is a member of (none before grouping).
PUBLIC_FROM = proposals.outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)


def iter_proposals(
    db: Database, consultation_id: int, *, limit: int | None = None, page: int = 1000
) -> Iterator[StoredProposal]:
    """The consultation's proposals in id order, fetched a page at a time (constant memory)."""
    after, left = 0, limit
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        query = (
            select(*PUBLIC)
            .select_from(PUBLIC_FROM)
            .where(proposals.c.consultation_id == consultation_id, proposals.c.id > after)
            .order_by(proposals.c.id)
            .limit(size)
        )
        with db.engine.connect() as conn:
            rows = conn.execute(query).all()
        for row in rows:
            yield to_stored(row)
        if len(rows) < size:
            return
        after = rows[-1].id
        left = None if left is None else left - len(rows)


def _published_decision(conn: Connection, group_id: int | None) -> PublishedDecision | None:
    if group_id is None:
        return None
    query = (
        select(decisions)
        .where(
            decisions.c.group_id == group_id,
            decisions.c.current.is_(True),
            decisions.c.published_at.is_not(None),
        )
        .order_by(decisions.c.published_at.desc(), decisions.c.id.desc())
        .limit(1)
    )
    row = conn.execute(query).first()
    if row is None:
        return None
    published = as_utc(row.published_at)
    assert published is not None
    reasoning = {lang: getattr(row, f"reasoning_{lang}") for lang in ("kk", "ru", "en")}
    return PublishedDecision(row.kind, reasoning, published)


def find_receipt(db: Database, code: str) -> Receipt:
    """The status behind a receipt code; ``NotFound`` when no proposal has it."""
    query = (
        select(
            proposals.c.channel,
            proposals.c.created_at,
            consultations.c.slug,
            groups.c.id.label("group_id"),
            groups.c.state,
        )
        .join(consultations, consultations.c.id == proposals.c.consultation_id)
        .outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)
        .outerjoin(groups, groups.c.id == group_members.c.group_id)
        .where(proposals.c.receipt_code == code)
    )
    with db.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            raise NotFound("no proposal with this receipt code", field="receipt_code")
        decision = _published_decision(conn, row.group_id)
    created = as_utc(row.created_at)
    assert created is not None
    return Receipt(code, row.slug, row.channel, created, row.state, decision)


def list_consultations(db: Database) -> list[Consultation]:
    """Every consultation, by slug, with the number of proposals it received."""
    counts = (
        select(proposals.c.consultation_id, func.count().label("n"))
        .group_by(proposals.c.consultation_id)
        .subquery()
    )
    query = (
        select(consultations, counts.c.n.label("n_proposals"))
        .outerjoin(counts, counts.c.consultation_id == consultations.c.id)
        .order_by(consultations.c.slug)
    )
    return [consultation_from_row(row) for row in all_rows(db, query)]
