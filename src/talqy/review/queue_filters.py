"""The filters of the staff work queue, turned into conditions on ``groups``.

A group matches a member filter (language, channel, region, stance, text) when at least one of
its proposals does; ``new`` keeps the groups that placement made for proposals arriving after a
run (``groups.origin = 'placement'``). Filters combine (all must hold).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import exists, select

from talqy.analysis.stance import STANCES
from talqy.errors import InvalidInput
from talqy.intake.tables import proposals
from talqy.intake.text_search import text_matches
from talqy.review.group_queries import member_analysis, member_language
from talqy.review.states import ReviewState
from talqy.review.tables import group_members, groups
from talqy.storage.database import Database
from talqy.systematization.placement_queries import PLACEMENT
from talqy.systematization.tables import analyses

# English message ids (catalogue ``review_tools.po``), translated where shown.
STANCE_LABELS: dict[str, str] = {
    "support": "Supports",
    "oppose": "Opposes",
    "amend": "Proposes a change",
    "unclear": "Stance unclear",
}
assert tuple(STANCE_LABELS) == STANCES


@dataclass(frozen=True)
class QueueFilter:
    """What a reviewer narrows the queue to; empty values filter nothing."""

    article: str | None = None
    theme: str | None = None
    state: str | None = None
    language: str | None = None
    channel: str | None = None
    region: str | None = None
    stance: str | None = None
    new: bool = False
    query: str | None = None

    def params(self) -> dict[str, str]:
        """The filters set, as URL query parameters (``new`` as ``1``)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        shown = {name: str(value) for name, value in values.items() if value and name != "new"}
        return {**shown, "new": "1"} if self.new else shown


def _with_member(condition: Any) -> Any:
    """Groups having at least one member proposal that meets ``condition``."""
    return exists(
        select(group_members.c.proposal_id)
        .join(proposals, proposals.c.id == group_members.c.proposal_id)
        .outerjoin(analyses, member_analysis)
        .where(group_members.c.group_id == groups.c.id, condition)
    )


def _with_stance(stance: str) -> Any:
    return exists(
        select(group_members.c.proposal_id)
        .join(analyses, analyses.c.proposal_id == group_members.c.proposal_id)
        .where(group_members.c.group_id == groups.c.id, analyses.c.stance == stance)
    )


def check_filter(where: QueueFilter) -> None:
    """Refuse values that name nothing (a state or stance outside the vocabulary)."""
    if where.state and where.state not in tuple(ReviewState):
        raise InvalidInput(f"unknown state {where.state[:20]!r}", field="state")
    if where.stance and where.stance not in STANCES:
        raise InvalidInput(f"unknown stance {where.stance[:20]!r}", field="stance")


def member_conditions(db: Database, where: QueueFilter) -> tuple[Any, ...]:
    """Conditions on ``groups`` for the filters beyond article, theme and state."""
    check_filter(where)
    found: list[Any] = []
    if where.language:
        found.append(_with_member(member_language == where.language))
    if where.channel:
        found.append(_with_member(proposals.c.channel == where.channel))
    if where.region:
        found.append(_with_member(proposals.c.region == where.region))
    if where.stance:
        found.append(_with_stance(where.stance))
    if where.new:
        found.append(groups.c.origin == PLACEMENT)
    if where.query and any(ch.isalnum() for ch in where.query):  # no words: no filter
        found.append(_with_member(text_matches(db, where.query)))
    return tuple(found)
