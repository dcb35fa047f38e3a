"""JSON API mirroring the public pages and the staff pages.

Public reads need nothing; every ``/api/v1/review/…`` route needs a staff API token
(``Authorization: Bearer tq_…``, from ``talqy users token``): 401 without a valid token,
403 when the role or assignments do not allow the action, 409 on a stale ``version``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from talqy.review.decisions import bulk_decide, decide, publish, reopen
from talqy.review.group_queries import Group
from talqy.review.grouping import assign, link_article, merge_groups, move_proposal, split_group
from talqy.review.outcomes import (
    consultation_figures,
    draft_articles,
    public_group,
    published_table,
    receipt_view,
)
from talqy.review.queue import audit_trail, group_detail, review_queue
from talqy.web.auth import TokenUser
from talqy.web.deps import Count, DbDep, Id, Limit, Offset
from talqy.web.inputs import ArticleQuery, DecisionQuery, ThemeQuery
from talqy.web.queue_params import QueueFilterDep
from talqy.web.staff_request import ApiClient, ApiStaff
from talqy.web.throttles import ReceiptThrottled

router = APIRouter(prefix="/api/v1", tags=["review"])
Language = Annotated[str | None, Query(pattern="^(kk|ru|en)$")]


def group_dict(group: Group) -> dict[str, Any]:
    data = asdict(group)
    data["created_at"] = group.created_at.isoformat()
    return data


def _lang(request: Request, language: str | None) -> str:
    return language or str(request.state.lang)


# --- public -------------------------------------------------------------------------------


@router.get("/consultations/{slug}/figures")
def api_figures(slug: str, db: DbDep) -> dict[str, Any]:
    _, figures = consultation_figures(db, consultation=slug)
    return asdict(figures)


@router.get("/consultations/{slug}/articles")
def api_articles(slug: str, request: Request, db: DbDep, language: Language = None) -> Any:
    draft = draft_articles(db, consultation=slug, language=_lang(request, language))
    return {
        "language": draft.language,
        "fallback": draft.fallback,
        "articles": [
            {
                "number": a.number,
                "title": a.title,
                "section": a.section,
                "text": a.text,
                "proposals": draft.proposals.get(a.number, 0),
            }
            for a in draft.articles
        ],
    }


@router.get("/consultations/{slug}/table")
def api_table(
    slug: str,
    request: Request,
    db: DbDep,
    language: Language = None,
    article: ArticleQuery = "",
    decision: DecisionQuery = "",
    theme: ThemeQuery = "",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    table = published_table(
        db,
        consultation=slug,
        language=_lang(request, language),
        article=article,
        decision=decision,
        theme=theme,
        limit=limit,
        offset=offset,
    )
    return {"total": table.total, "rows": [row.to_dict() for row in table.rows]}


@router.get("/consultations/{slug}/groups/{group_id}")
def api_public_group(
    slug: str, group_id: Id, request: Request, db: DbDep, language: Language = None
) -> dict[str, Any]:
    shown = public_group(
        db, consultation=slug, group_id=group_id, language=_lang(request, language)
    )
    return {**shown.row.to_dict(), "languages": shown.languages}


@router.get("/receipts/{code}/answer")
def api_receipt_answer(
    code: str, request: Request, db: DbDep, _throttled: ReceiptThrottled, language: Language = None
) -> dict[str, Any]:
    return receipt_view(db, code=code, language=_lang(request, language)).to_dict()


# --- staff (bearer token) -----------------------------------------------------------------


@router.get("/review/{slug}/groups")
def api_queue(
    slug: str,
    staff: ApiStaff,
    where: QueueFilterDep,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The queue with the staff page's filters (article, theme, state, language, channel,
    region, stance, ``new``, ``query``)."""
    actor = staff.actor(slug)
    queue = review_queue(
        staff.db,
        actor=actor,
        where=where,
        limit=limit,
        offset=offset,
    )
    return {
        "total": queue.total,
        "by_state": queue.by_state,
        "by_article": queue.by_article,
        "groups": [
            {
                **group_dict(row.group),
                "members": row.members,
                "representative_text": row.representative_text,
                "decision": row.decision_kind,
            }
            for row in queue.rows
        ],
    }


@router.get("/review/{slug}/groups/{group_id}")
def api_group(slug: str, group_id: Id, staff: ApiStaff) -> dict[str, Any]:
    detail = group_detail(staff.db, actor=staff.actor(slug), group_id=group_id)
    return {
        **group_dict(detail.group),
        "member_count": detail.member_count,
        "languages": detail.languages,
        "members": [
            {k: v for k, v in asdict(m).items() if detail.personal_data or k != "author_name"}
            for m in detail.members
        ],
        "suggestions": [{"article": a, "members": n} for a, n in detail.suggestions],
        "decision": detail.decision.to_dict() if detail.decision else None,
        "history": [d.to_dict() for d in detail.history],
        "allowed": sorted(detail.allowed),
    }


# A body's fields are keywords of the review command its route runs (``**body.model_dump()``),
# with the version of the group as the client saw it. No docstrings: they would enter the schema.
class Versioned(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Count | None = None


class DecisionIn(Versioned):
    kind: str
    reasoning: dict[str, str]
    articles: list[str] = []


class ReopenIn(Versioned):
    reason: str | None = Field(None, max_length=10_000)


class ArticleIn(Versioned):
    article: str = Field(max_length=32)


class SplitIn(Versioned):
    proposal_ids: list[Id] = Field(alias="proposals")


class MergeIn(Versioned):
    sources: list[Id]
    source_versions: dict[Id, Count] | None = None  # versions of the sources as shown


class MoveIn(Versioned):
    to_group: Id


class BulkItem(Versioned):
    id: Id


class BulkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[BulkItem]
    kind: str
    reasoning: dict[str, str]
    articles: list[str] = []


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(max_length=64)
    scope: str = Field(max_length=16)
    value: str = Field(max_length=64)


def change_group(
    staff: ApiClient, slug: str, command: Callable[..., Group], **params: Any
) -> dict[str, Any]:
    """Run one review command as the token's user in ``slug``; the group it left, as JSON."""
    return group_dict(command(staff.db, actor=staff.actor(slug), **params))


@router.post("/review/{slug}/groups/{group_id}/decision")
def api_decide(slug: str, group_id: Id, body: DecisionIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, decide, group_id=group_id, **body.model_dump())


@router.post("/review/{slug}/groups/{group_id}/publish")
def api_publish(slug: str, group_id: Id, body: Versioned, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, publish, group_id=group_id, **body.model_dump())


@router.post("/review/{slug}/groups/{group_id}/reopen")
def api_reopen(slug: str, group_id: Id, body: ReopenIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, reopen, group_id=group_id, **body.model_dump())


@router.post("/review/{slug}/groups/{group_id}/article")
def api_article(slug: str, group_id: Id, body: ArticleIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, link_article, group_id=group_id, **body.model_dump())


@router.post("/review/{slug}/groups/{group_id}/split")
def api_split(slug: str, group_id: Id, body: SplitIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, split_group, group_id=group_id, **body.model_dump())


@router.post("/review/{slug}/groups/{group_id}/merge")
def api_merge(slug: str, group_id: Id, body: MergeIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, merge_groups, target=group_id, **body.model_dump())


@router.post("/review/{slug}/proposals/{proposal_id}/move")
def api_move(slug: str, proposal_id: Id, body: MoveIn, staff: ApiStaff) -> dict[str, Any]:
    return change_group(staff, slug, move_proposal, proposal_id=proposal_id, **body.model_dump())


@router.post("/review/{slug}/bulk-decisions")
def api_bulk(slug: str, body: BulkIn, staff: ApiStaff) -> dict[str, Any]:
    items = [(item.id, item.version) for item in body.groups]
    decision = body.model_dump(exclude={"groups"})
    groups = bulk_decide(staff.db, actor=staff.actor(slug), items=items, **decision)
    return {"decided": [group_dict(g) for g in groups]}


@router.post("/review/{slug}/assignments", status_code=201)
def api_assign(slug: str, body: AssignmentIn, staff: ApiStaff) -> dict[str, Any]:
    return asdict(assign(staff.db, actor=staff.actor(slug), **body.model_dump()))


@router.get("/review/{slug}/audit")
def api_audit(
    slug: str,
    staff: ApiStaff,
    before: Annotated[Id | None, Query()] = None,
    limit: Limit = 200,
) -> list[dict[str, object]]:
    actor = staff.actor(slug)
    return [e.to_dict() for e in audit_trail(staff.db, actor=actor, limit=limit, before=before)]


@router.get("/review/me")
def api_me(user: TokenUser) -> dict[str, object]:
    return user.to_dict()
