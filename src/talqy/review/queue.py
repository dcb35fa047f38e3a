"""What staff see: the work queue with filters and counts, a group in detail, the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from talqy.review.audit_queries import AuditEntry, list_audit
from talqy.review.decision_queries import Decision, current_decisions, decision_history
from talqy.review.events import load_authorized_group
from talqy.review.group_queries import (
    Group,
    GroupFilter,
    GroupRow,
    Member,
    article_suggestions,
    count_groups,
    list_groups,
    list_members,
    member_languages,
    theme_labels,
)
from talqy.review.permissions import REVIEW_CHANGES, Action, Actor, authorize
from talqy.review.queue_filters import QueueFilter, member_conditions
from talqy.storage.database import Database

GROUP_ACTIONS = (*REVIEW_CHANGES, Action.REOPEN)
_NUMBER_PART = re.compile(r"(\d+)")


def article_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of an article number: its numbers as numbers (2 before 10, 12-1 before 12-2),
    the rest as text (numbers before text at any place)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _NUMBER_PART.split(number)
        if part
    )


def in_article_order(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` keyed by article number, in article order (no article first)."""
    return {number: counts[number] for number in sorted(counts, key=article_order)}


@dataclass(frozen=True)
class Queue:
    rows: list[GroupRow]
    total: int
    by_state: dict[str, int]
    by_article: dict[str, int]  # in article order: 1, 2, …, 10, 20
    themes: dict[str, dict[str, str]]
    decisions: dict[int, Decision] = field(default_factory=dict)


def review_queue(
    db: Database, *, actor: Actor, where: QueueFilter, limit: int = 100, offset: int = 0
) -> Queue:
    """Groups the actor may work on that match ``where``, largest first, with counts by state
    and article (over every group the actor may work on)."""
    authorize(actor, Action.VIEW_QUEUE)
    scopes = actor.listing_scopes()
    rows, total = list_groups(
        db,
        consultation_id=actor.consultation_id,
        where=GroupFilter(
            article=where.article or None,
            theme=where.theme or None,
            states=(where.state,) if where.state else (),
            scopes=scopes,
            extra=member_conditions(db, where),
        ),
        limit=limit,
        offset=offset,
    )
    if scopes is None:
        by_state = count_groups(db, consultation_id=actor.consultation_id, by="state")
        by_article = count_groups(db, consultation_id=actor.consultation_id, by="article_number")
    else:  # counts over the assigned groups only
        mine, _ = list_groups(
            db,
            consultation_id=actor.consultation_id,
            where=GroupFilter(scopes=scopes),
            limit=100_000,
        )
        by_state, by_article = {}, {}
        for row in mine:
            by_state[row.group.state] = by_state.get(row.group.state, 0) + 1
            key = row.group.article_number or ""
            by_article[key] = by_article.get(key, 0) + 1
    return Queue(
        rows,
        total,
        by_state,
        in_article_order(by_article),
        theme_labels(db, consultation_id=actor.consultation_id),
        current_decisions(db, [row.group.id for row in rows]),
    )


@dataclass(frozen=True)
class GroupDetail:
    group: Group
    members: list[Member]
    member_count: int
    languages: dict[str, int]
    suggestions: list[tuple[str, int]]
    decision: Decision | None
    history: list[Decision]
    audit: list[AuditEntry]
    theme: dict[str, str] | None
    allowed: frozenset[str]
    personal_data: bool


def group_detail(db: Database, *, actor: Actor, group_id: int) -> GroupDetail:
    """Everything a reviewer needs to decide one group."""
    group = load_authorized_group(db, actor, group_id, Action.VIEW_GROUP)
    personal = actor.may(Action.VIEW_PERSONAL_DATA, group)
    members = list_members(db, group.id)
    if not personal:
        members = [
            Member(
                m.proposal_id,
                m.text,
                m.language,
                m.channel,
                m.region,
                m.article_number,
                None,
                m.origin,
                m.run_id,
                m.campaign,
            )
            for m in members
        ]
    languages = member_languages(db, group.id)
    history = decision_history(db, group.id)
    labels = theme_labels(db, consultation_id=actor.consultation_id)
    return GroupDetail(
        group=group,
        members=members,
        member_count=sum(languages.values()),
        languages=languages,
        suggestions=article_suggestions(db, group),
        decision=next((d for d in history if d.current), None),
        history=history,
        audit=list_audit(
            db, consultation_id=actor.consultation_id, object_kind="group", object_id=str(group.id)
        )
        if actor.may(Action.VIEW_AUDIT)
        else [],
        theme=labels.get(group.theme_key or ""),
        allowed=frozenset(a.value for a in GROUP_ACTIONS if actor.may(a, group)),
        personal_data=personal,
    )


def audit_trail(
    db: Database, *, actor: Actor, limit: int = 200, before: int | None = None
) -> list[AuditEntry]:
    """The consultation's audit log, newest first."""
    authorize(actor, Action.VIEW_AUDIT)
    return list_audit(db, consultation_id=actor.consultation_id, limit=limit, before_id=before)
