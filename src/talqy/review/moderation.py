"""Moderation: hide a proposal's text from every public view, with a reason, on the record.

Hiding replaces the proposal's display copy (what pages, the API, exports, reports and open
data show) by a neutral mark and keeps the former display copy here, so it can be shown again.
The proposal stays in its group and its submitter is answered like everyone else; the report
counts hidden proposals. Each hide and show is an audit entry with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.intake.receipts import normalize_receipt_code
from talqy.intake.tables import proposals
from talqy.review.events import Notifier, audit, log_event
from talqy.review.permissions import Action, Actor, authorize
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, all_rows, from_row
from talqy.storage.tables import metadata

HIDDEN_MARK = "[Модератор жасырды · Скрыто модератором · Hidden by the moderator]"
MAX_REASON = 2_000

moderation = Table(
    "moderation",
    metadata,
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("hidden_text", Text, nullable=False),
    Column("hidden_by", ForeignKey("users.id", ondelete="SET NULL")),
    Column("hidden_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class HiddenProposal:
    proposal_id: int
    receipt_code: str
    reason: str
    text: str
    hidden_at: datetime


def find_proposal(db: Database, *, consultation_id: int, reference: str) -> int:
    """A proposal of the consultation by its number (``123``, ``#123``) or its receipt code."""
    text = reference.strip().lstrip("#")
    query = select(proposals.c.id).where(proposals.c.consultation_id == consultation_id)
    if text.isdigit() and len(text) < 10:
        query = query.where(proposals.c.id == int(text))
    else:
        code = normalize_receipt_code(text)
        query = query.where(proposals.c.receipt_code == (code or ""))
    with db.engine.connect() as conn:
        found = conn.execute(query).scalar()
    if found is None:
        raise NotFound("no proposal with this number or receipt code", field="proposal")
    return int(found)


def _own_proposal(db: Database, actor: Actor, proposal_id: int) -> str:
    with db.engine.connect() as conn:
        row = conn.execute(
            select(proposals.c.consultation_id, proposals.c.text_display).where(
                proposals.c.id == proposal_id
            )
        ).first()
    if row is None or row.consultation_id != actor.consultation_id:
        raise NotFound(f"no proposal {proposal_id}", field="proposal")
    return str(row.text_display)


def hide_proposal(
    db: Database, *, actor: Actor, proposal_id: int, reason: str, notify: Notifier = log_event
) -> None:
    """Hide the proposal's text from public views; ``reason`` is required and audited."""
    authorize(actor, Action.MODERATE)
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput("give a reason (at most 2,000 characters)", field="reason")
    shown = _own_proposal(db, actor, proposal_id)
    try:
        with db.engine.begin() as conn:
            conn.execute(
                insert(moderation).values(
                    proposal_id=proposal_id,
                    reason=reason,
                    hidden_text=shown,
                    hidden_by=actor.user_id,
                    hidden_at=now(),
                )
            )
            conn.execute(
                update(proposals)
                .where(proposals.c.id == proposal_id)
                .values(text_display=HIDDEN_MARK)
            )
            event = audit(
                conn,
                actor,
                action="hide_proposal",
                object_kind="proposal",
                object_id=proposal_id,
                details={"reason": reason},
            )
    except IntegrityError:
        raise Conflict("this proposal is already hidden", field="proposal") from None
    notify(event)


def show_proposal(
    db: Database, *, actor: Actor, proposal_id: int, notify: Notifier = log_event
) -> None:
    """Show a hidden proposal's text again."""
    authorize(actor, Action.MODERATE)
    _own_proposal(db, actor, proposal_id)
    with db.engine.begin() as conn:
        row = conn.execute(
            select(moderation.c.hidden_text).where(moderation.c.proposal_id == proposal_id)
        ).first()
        if row is None:
            raise Conflict("this proposal is not hidden", field="proposal")
        conn.execute(
            update(proposals)
            .where(proposals.c.id == proposal_id)
            .values(text_display=row.hidden_text)
        )
        conn.execute(delete(moderation).where(moderation.c.proposal_id == proposal_id))
        event = audit(
            conn,
            actor,
            action="show_proposal",
            object_kind="proposal",
            object_id=proposal_id,
            details={},
        )
    notify(event)


def hidden_proposals(db: Database, *, consultation_id: int) -> list[HiddenProposal]:
    query = (
        select(moderation, proposals.c.receipt_code)
        .join(proposals, proposals.c.id == moderation.c.proposal_id)
        .where(proposals.c.consultation_id == consultation_id)
        .order_by(moderation.c.hidden_at)
    )
    return [
        from_row(HiddenProposal, r, text=r.hidden_text, hidden_at=as_utc(r.hidden_at) or now())
        for r in all_rows(db, query)
    ]


def count_hidden(db: Database, *, consultation_id: int) -> int:
    """How many proposals of the consultation are hidden (the report states it)."""
    query = (
        select(func.count())
        .select_from(moderation)
        .join(proposals, proposals.c.id == moderation.c.proposal_id)
        .where(proposals.c.consultation_id == consultation_id)
    )
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
