"""Reviewer tools: the filtered, paged work queue; unplaced proposals; merging a similar group,
moving proposals found by text; one decision for a whole article or theme.

Like ``web/staff.py``: each POST carries the session's CSRF token, calls one review command and
redirects (POST → 303 → GET); a conflict or bad input shows the page again with the reason.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from talqy.errors import InvalidInput
from talqy.intake.vocabulary import CHANNEL_LABELS
from talqy.review.decision_kinds import DECISION_KINDS
from talqy.review.grouping import merge_groups
from talqy.review.member_moves import group_proposals, move_proposals
from talqy.review.permissions import Action
from talqy.review.queue import review_queue
from talqy.review.queue_filters import STANCE_LABELS
from talqy.review.scope_decisions import SKIP_REASONS, decide_scope
from talqy.review.unplaced import count_unplaced, unplaced_proposals
from talqy.sessions.vocabulary import REGIONS
from talqy.web.deps import MAX_ID, Count, Id
from talqy.web.inputs import ScopeField, ScopeValue, Words
from talqy.web.paging import DEFAULT_PAGE_SIZE, PAGE_SIZES, Pager, page_size
from talqy.web.public import page
from talqy.web.queue_params import QueueFilterDep
from talqy.web.staff import VersionedForm
from talqy.web.staff_request import DecisionForm, StaffPost, StaffView, redirect

router = APIRouter(prefix="/staff", include_in_schema=False)
PageNumber = Annotated[int, Query(alias="page", ge=1, le=100_000)]
PageSize = Annotated[int, Query(alias="size", ge=1, le=1000)]
Ids = Annotated[list[Id] | None, Form()]
SCOPE_NOTICE = ("scope_decided", *(f"skipped_{reason}" for reason in SKIP_REASONS))


def _counts(request: Request) -> dict[str, int]:
    """Counts a redirect after deciding a whole article or theme carries (to say what it did)."""
    found = {}
    for name in SCOPE_NOTICE:
        value = request.query_params.get(name, "")
        if value.isascii() and value.isdigit() and len(value) < 8:
            found[name] = int(value)
    return found


@router.get("/c/{slug}/queue", response_class=HTMLResponse)
def queue_page(
    staff: StaffView,
    where: QueueFilterDep,
    page_number: PageNumber = 1,
    size: PageSize = DEFAULT_PAGE_SIZE,
    unplaced: bool = False,
) -> Response:
    actor, db, slug = staff.actor(), staff.db, staff.slug
    if unplaced:  # proposals, not groups: their own list, with the search carried over
        carried = urlencode({"query": where.query} if where.query else {})
        return redirect(f"/staff/c/{slug}/unplaced?{carried}")
    pager = Pager(0, page_number, page_size(size), where.params())
    queue = review_queue(db, actor=actor, where=where, limit=pager.size, offset=pager.offset)
    context = {
        "slug": slug,
        "queue": queue,
        "filters": where,
        "pager": Pager(queue.total, page_number, pager.size, where.params()),
        "page_sizes": PAGE_SIZES,
        "kinds": DECISION_KINDS,
        "actor": actor,
        "stance_labels": STANCE_LABELS,
        "regions": list(REGIONS),
        "channels": CHANNEL_LABELS,
        "unplaced": count_unplaced(db, actor=actor),
        "scope_counts": _counts(staff.request),
        "may_decide": actor.may(Action.DECIDE),
        "may_assign": actor.may(Action.ASSIGN),
        "may_audit": actor.may(Action.VIEW_AUDIT),
    }
    return page(staff.request, "staff/queue.html", context)


@router.get("/c/{slug}/unplaced", response_class=HTMLResponse)
def unplaced_page(
    staff: StaffView,
    query: Words = "",
    page_number: PageNumber = 1,
    size: PageSize = DEFAULT_PAGE_SIZE,
) -> Response:
    actor = staff.actor()
    params = {"query": query} if query else {}
    pager = Pager(0, page_number, page_size(size), params)
    words = query if any(ch.isalnum() for ch in query) else ""
    found = unplaced_proposals(
        staff.db, actor=actor, query=words, limit=pager.size, offset=pager.offset
    )
    context = {
        "slug": staff.slug,
        "found": found,
        "query": query,
        "pager": Pager(found.total, page_number, pager.size, params),
        "page_sizes": PAGE_SIZES,
        "may_move": actor.may(Action.MOVE_PROPOSAL),
    }
    return page(staff.request, "staff/unplaced.html", context)


@router.post("/c/{slug}/unplaced")
def place_unplaced(
    staff: StaffPost,
    proposals: Ids = None,
    action: Annotated[str, Form(max_length=8)] = "new",
    to_group: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """Put the ticked proposals into a new group (``action=new``) or into group ``to_group``."""
    actor, db = staff.actor(), staff.db
    chosen = proposals or []
    if action == "add":
        number = to_group.strip().lstrip("#")
        if not (number.isascii() and number.isdigit() and 0 < int(number) <= MAX_ID):
            raise InvalidInput("give the number of the group to add them to", field="to_group")
        group = move_proposals(db, actor=actor, proposal_ids=chosen, to_group=int(number))
        done = "move"
    else:
        group = group_proposals(db, actor=actor, proposal_ids=chosen)
        done = "group"
    return redirect(f"/staff/c/{staff.slug}/groups/{group.id}?done={done}")


@router.post("/c/{slug}/groups/{group_id}/merge-similar")
def merge_similar(
    form: VersionedForm,
    source: Annotated[Id, Form()],
    source_version: Annotated[Count, Form()],
) -> Response:
    """Merge one suggested similar group into this one; both versions as the page showed them."""
    return form.act(
        "merge",
        lambda actor: merge_groups(
            form.db,
            actor=actor,
            target=form.group_id,
            sources=[source],
            version=form.version,
            source_versions={source: source_version},
        ),
        problem="merge",
    )


@router.post("/c/{slug}/groups/{group_id}/move-found")
def move_found(form: VersionedForm, proposals: Ids = None) -> Response:
    """Move the proposals ticked in the search results into this group."""
    return form.act(
        "move",
        lambda actor: move_proposals(
            form.db,
            actor=actor,
            proposal_ids=proposals or [],
            to_group=form.group_id,
            version=form.version,
        ),
    )


@router.post("/c/{slug}/decide-scope")
def decide_whole_scope(
    staff: StaffPost,
    decision: DecisionForm,
    scope: ScopeField = "",
    value: ScopeValue = "",
) -> Response:
    outcome = decide_scope(
        staff.db, actor=staff.actor(), scope=scope, value=value, **asdict(decision)
    )
    counts = {"scope_decided": len(outcome.decided)} | {
        f"skipped_{reason}": len(ids) for reason, ids in outcome.skipped.items()
    }
    query = urlencode({outcome.scope: outcome.value, **counts})
    return redirect(f"/staff/c/{staff.slug}/queue?{query}")
