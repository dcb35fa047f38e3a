"""Proposals in no review group yet ("unplaced"), and proposals found by text for a group.

Both show the display copy only (personal data redacted, never the author). A reviewer sees the
unplaced proposals of the articles assigned to them; staff with the whole consultation see all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, func, select

from talqy.intake.tables import proposals
from talqy.intake.text_search import text_matches
from talqy.review.events import load_group
from talqy.review.permissions import Action, Actor, authorize
from talqy.review.tables import group_members
from talqy.storage.database import Database


@dataclass(frozen=True)
class ProposalRow:
    proposal_id: int
    text: str
    language: str | None
    channel: str
    article_number: str | None
    group_id: int | None  # None: in no group


@dataclass(frozen=True)
class ProposalPage:
    rows: list[ProposalRow]
    total: int


def _article_scope(actor: Actor) -> Any | None:
    """The condition narrowing proposals to the actor's articles (None: no narrowing)."""
    scopes = actor.listing_scopes()
    if scopes is None:
        return None
    articles = [value for scope, value in scopes if scope == "article"]
    return proposals.c.article_number.in_(articles) if articles else false()


def _page(db: Database, conditions: list[Any], limit: int, offset: int) -> ProposalPage:
    joined = proposals.outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)
    query = (
        select(
            proposals.c.id,
            proposals.c.text_display,
            proposals.c.language,
            proposals.c.channel,
            proposals.c.article_number,
            group_members.c.group_id,
        )
        .select_from(joined)
        .where(*conditions)
        .order_by(proposals.c.id)
        .limit(limit)
        .offset(offset)
    )
    total = select(func.count()).select_from(joined).where(*conditions)
    with db.engine.connect() as conn:
        rows = [ProposalRow(*row) for row in conn.execute(query)]
        count = int(conn.execute(total).scalar() or 0)
    return ProposalPage(rows, count)


def unplaced_proposals(
    db: Database, *, actor: Actor, query: str = "", limit: int = 50, offset: int = 0
) -> ProposalPage:
    """Proposals of the consultation in no group (matching ``query`` when given), by id."""
    authorize(actor, Action.VIEW_QUEUE)
    conditions: list[Any] = [
        proposals.c.consultation_id == actor.consultation_id,
        group_members.c.group_id.is_(None),
    ]
    narrowed = _article_scope(actor)
    if narrowed is not None:
        conditions.append(narrowed)
    if query.strip():
        conditions.append(text_matches(db, query))
    return _page(db, conditions, limit, offset)


def count_unplaced(db: Database, *, actor: Actor) -> int:
    return unplaced_proposals(db, actor=actor, limit=1).total


def find_proposals(
    db: Database, *, actor: Actor, query: str, outside: int, limit: int = 20
) -> ProposalPage:
    """Proposals whose text holds every word of ``query``, except members of group ``outside``.

    Used to move proposals into a group the actor may see; the move itself checks the right
    to change every group involved.
    """
    authorize(actor, Action.VIEW_GROUP, load_group(db, actor, outside))
    not_member = group_members.c.group_id.is_(None) | (group_members.c.group_id != outside)
    conditions = [
        proposals.c.consultation_id == actor.consultation_id,
        not_member,
        text_matches(db, query),
    ]
    return _page(db, conditions, limit, 0)
