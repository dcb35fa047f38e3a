"""Outbox rows: enqueue answers to published decisions, claim due rows, record what happened.

Enqueueing is one ``INSERT … SELECT … ON CONFLICT DO NOTHING``: running it again, or from two
processes at once, adds nothing twice (unique per proposal and decision). Claiming flips due
rows from ``pending`` to ``sending`` under a fresh token in one ``UPDATE``; only the process
holding the token sends them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from talqy.intake.contacts import PREFIX as SEALED
from talqy.intake.tables import proposals
from talqy.outbox.tables import outbox
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.clock import now
from talqy.storage.database import Database, all_rows, from_row
from talqy.storage.tables import consultations

STALE_CLAIM = timedelta(minutes=30)
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class Message:
    """A claimed outbox row with what composing and sending it needs."""

    id: int
    proposal_id: int
    channel: str
    language: str
    address: str
    receipt_code: str
    consultation_slug: str
    consultation_title: str
    decision: str
    reasoning: dict[str, str | None]
    attempts: int


def _nonempty(column: Any) -> Any:
    """An address kept for the answer: sealed (a mere mask says one was given, not which)."""
    return and_(column.is_not(None), column.startswith(SEALED))


def enqueue_answers(db: Database, *, sms: bool, default_language: str = "kk") -> int:
    """One row per member proposal of a published group with a current published decision,
    whose submitter left an e-mail (or a phone, when ``sms``); returns rows added."""
    has_email = _nonempty(proposals.c.author_email)
    reachable = or_(has_email, _nonempty(proposals.c.author_phone)) if sms else has_email
    language = func.coalesce(proposals.c.language, literal(default_language))
    already = exists().where(
        outbox.c.proposal_id == proposals.c.id, outbox.c.decision_id == decisions.c.id
    )
    stamp = now()
    chosen = (
        select(
            proposals.c.id,
            decisions.c.id,
            case((has_email, "email"), else_="sms"),
            language,
            literal(stamp),
            literal(stamp),
        )
        .select_from(decisions)
        .join(groups, groups.c.id == decisions.c.group_id)
        .join(group_members, group_members.c.group_id == groups.c.id)
        .join(proposals, proposals.c.id == group_members.c.proposal_id)
        .where(
            groups.c.state == "published",
            decisions.c.current.is_(True),
            decisions.c.published_at.is_not(None),
            reachable,
            ~already,
        )
    )
    columns = ["proposal_id", "decision_id", "channel", "language", "next_attempt_at", "created_at"]
    dialect = postgresql if db.dialect == "postgresql" else sqlite
    statement = (
        dialect.insert(outbox)
        .from_select(columns, chosen)
        .on_conflict_do_nothing(index_elements=["proposal_id", "decision_id"])
        .returning(outbox.c.id)
    )
    with db.engine.begin() as conn:
        return len(conn.execute(statement).all())


def claim_due(
    db: Database,
    *,
    limit: int,
    moment: datetime | None = None,
    channels: tuple[str, ...] = ("email", "sms"),
) -> list[Message]:
    """Take up to ``limit`` due rows of ``channels`` for this process (stale claims put back)."""
    moment = moment or now()
    token = secrets.token_hex(16)
    due = and_(
        outbox.c.status == "pending",
        outbox.c.next_attempt_at <= moment,
        outbox.c.channel.in_(channels),
    )
    with db.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.status == "sending", outbox.c.claimed_at < moment - STALE_CLAIM)
            .values(status="pending", claim_token=None)
        )
        ids = select(outbox.c.id).where(due).order_by(outbox.c.id).limit(limit)
        conn.execute(
            update(outbox)
            .where(due, outbox.c.id.in_(ids.scalar_subquery()))
            .values(
                status="sending",
                claim_token=token,
                claimed_at=moment,
                attempts=outbox.c.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
    return _claimed(db, token)


def _claimed(db: Database, token: str) -> list[Message]:
    address = case(
        (outbox.c.channel == "email", proposals.c.author_email), else_=proposals.c.author_phone
    )
    query = (
        select(
            outbox,
            address.label("address"),
            proposals.c.receipt_code,
            consultations.c.slug,
            consultations.c.title,
            decisions.c.kind,
            decisions.c.reasoning_kk,
            decisions.c.reasoning_ru,
            decisions.c.reasoning_en,
        )
        .join(proposals, proposals.c.id == outbox.c.proposal_id)
        .join(consultations, consultations.c.id == proposals.c.consultation_id)
        .join(decisions, decisions.c.id == outbox.c.decision_id)
        .where(outbox.c.claim_token == token)
        .order_by(outbox.c.id)
    )
    return [
        from_row(
            Message,
            r,
            address=r.address or "",
            consultation_slug=r.slug,
            consultation_title=r.title,
            decision=r.kind,
            reasoning={"kk": r.reasoning_kk, "ru": r.reasoning_ru, "en": r.reasoning_en},
        )
        for r in all_rows(db, query)
    ]


def _erase(conn: Any, message: Message) -> None:
    column = "author_email" if message.channel == "email" else "author_phone"
    conn.execute(
        update(proposals).where(proposals.c.id == message.proposal_id).values({column: None})
    )


def mark_sent(db: Database, message: Message, *, erase: bool) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id == message.id)
            .values(status="sent", sent_at=now(), claim_token=None, last_error=None)
        )
        if erase:
            _erase(conn, message)


def mark_bounced(db: Database, message: Message, *, error: str, erase: bool) -> None:
    """A permanent refusal (5xx, unknown number): recorded, never retried."""
    with db.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id == message.id)
            .values(status="bounced", claim_token=None, last_error=error[:200])
        )
        if erase:
            _erase(conn, message)


def mark_retry(
    db: Database, message: Message, *, error: str, first_delay: float, max_attempts: int
) -> str:
    """A passing failure: back to ``pending`` with a doubled delay, or ``failed`` at the end."""
    delay = min(timedelta(seconds=first_delay * 2 ** (message.attempts - 1)), MAX_BACKOFF)
    status = "failed" if message.attempts >= max_attempts else "pending"
    with db.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id == message.id)
            .values(
                status=status,
                claim_token=None,
                last_error=error[:200],
                next_attempt_at=now() + delay,
            )
        )
    return status


def outbox_counts(db: Database) -> dict[str, int]:
    """Rows per status (every status listed, zero included)."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status))
        found = {status: int(n) for status, n in rows}
    return {
        status: found.get(status, 0)
        for status in ("pending", "sending", "sent", "bounced", "failed")
    }
