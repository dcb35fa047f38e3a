"""JSON API of the reviewer tools (staff API token, like ``web/api_review.py``): similar groups,
proposals found by text or in no group, moving several proposals, grouping unplaced ones, and
one decision for a whole article or theme. A stale ``version`` is a 409."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from talqy.review.member_moves import group_proposals, move_proposals
from talqy.review.scope_decisions import decide_scope
from talqy.review.similar_groups import similar_groups
from talqy.review.unplaced import ProposalPage, find_proposals, unplaced_proposals
from talqy.web.api_review import change_group, group_dict
from talqy.web.deps import Count, Id, Limit, Offset
from talqy.web.inputs import Words
from talqy.web.staff_request import ApiStaff

router = APIRouter(prefix="/api/v1/review", tags=["review"])


# Bodies' fields are keywords of the review commands, as in ``web/api_review.py``.
class ProposalsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    proposal_ids: list[Id] = Field(alias="proposals", max_length=500)


class MoveManyIn(ProposalsIn):
    version: Count | None = None


class ScopeDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scope: str = Field(max_length=16)
    value: str = Field(max_length=64)
    kind: str = Field(max_length=32)
    reasoning: dict[str, str]
    articles: list[str] = []


def _page(found: ProposalPage) -> dict[str, Any]:
    return {"total": found.total, "proposals": [asdict(row) for row in found.rows]}


@router.get("/{slug}/groups/{group_id}/similar")
def api_similar(slug: str, group_id: Id, staff: ApiStaff) -> list[dict[str, Any]]:
    actor = staff.actor(slug)
    return [
        {
            **group_dict(item.row.group),
            "members": item.row.members,
            "representative_text": item.row.representative_text,
            "score": item.score,
            "basis": item.basis,
        }
        for item in similar_groups(staff.db, actor=actor, group_id=group_id)
    ]


@router.get("/{slug}/groups/{group_id}/candidates")
def api_candidates(slug: str, group_id: Id, staff: ApiStaff, query: Words) -> dict[str, Any]:
    """Proposals outside the group whose text holds every word of ``query``."""
    actor = staff.actor(slug)
    return _page(find_proposals(staff.db, actor=actor, query=query, outside=group_id))


@router.post("/{slug}/groups/{group_id}/members")
def api_move_many(slug: str, group_id: Id, body: MoveManyIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, move_proposals, to_group=group_id, **body.model_dump())


@router.get("/{slug}/unplaced")
def api_unplaced(
    slug: str,
    staff: ApiStaff,
    query: Words = "",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    actor = staff.actor(slug)
    return _page(unplaced_proposals(staff.db, actor=actor, query=query, limit=limit, offset=offset))


@router.post("/{slug}/unplaced/group", status_code=201)
def api_group_unplaced(slug: str, body: ProposalsIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, group_proposals, **body.model_dump())


@router.post("/{slug}/scope-decisions")
def api_decide_scope(slug: str, body: ScopeDecisionIn, staff: ApiStaff) -> dict[str, object]:
    return decide_scope(staff.db, actor=staff.actor(slug), **body.model_dump()).to_dict()
