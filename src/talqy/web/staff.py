"""Staff pages: sign in, the work queue, a group with its decision forms, bulk decide, audit log.

Every route parses a form, calls one review command and redirects (POST → 303 → GET). Each
POST needs the session's CSRF token; each page needs a signed-in staff user whose role and
assignments allow the action (``review/permissions.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from talqy.errors import Conflict, InvalidInput
from talqy.intake.proposal_queries import list_consultations
from talqy.review.accounts import NotAuthenticated, authenticate_password
from talqy.review.decision_kinds import DECISION_KINDS
from talqy.review.decisions import bulk_decide, decide, publish, reopen
from talqy.review.grouping import assign, link_article, merge_groups, move_proposal, split_group
from talqy.review.permissions import Actor
from talqy.review.queue import audit_trail, group_detail
from talqy.web.auth import StaffUser, end_session, start_session
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import MAX_ID, Count, DbDep, Id
from talqy.web.group_tools_view import group_tools
from talqy.web.inputs import ArticleField, ListField, NextQuery, Password, Short, Username
from talqy.web.jobs import home_jobs
from talqy.web.public import page
from talqy.web.staff_request import (
    Assignment,
    DecisionForm,
    StaffPost,
    StaffRequest,
    StaffView,
    assignment_form,
    redirect,
)
from talqy.web.throttles import bounded_password_check, check_login_limit, forgive_login

router = APIRouter(prefix="/staff", include_in_schema=False)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/staff") and "//" not in target and "\\" not in target:
        return target
    return "/staff"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: NextQuery = "") -> Response:
    return page(request, "staff/login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    db: DbDep,
    _csrf: CsrfChecked,
    username: Username = "",
    password: Password = "",
    next: Short = "",
) -> Response:
    """Async so that sign-ins waiting for a password-check slot hold no worker thread."""
    await run_in_threadpool(check_login_limit, request)
    try:
        user = await bounded_password_check(
            lambda: authenticate_password(db, username=username.strip(), password=password)
        )
    except NotAuthenticated:
        context = {"next": _safe_next(next), "error": "wrong"}
        return await run_in_threadpool(page, request, "staff/login.html", context, status=401)
    await run_in_threadpool(forgive_login, request)
    await run_in_threadpool(start_session, request, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, _csrf: CsrfChecked) -> Response:
    end_session(request)
    return RedirectResponse("/", status_code=303)


@router.get("", response_class=HTMLResponse)
def staff_home(request: Request, db: DbDep, user: StaffUser) -> Response:
    context = {"consultations": list_consultations(db), "me": user}
    return page(request, "staff/home.html", {**context, **home_jobs(request, db, user)})


def group_page_response(
    request: Request,
    slug: str,
    actor: Actor,
    group_id: Id,
    *,
    error: Exception | None = None,
    problem: str = "",
) -> Response:
    """The group page; with ``error`` (and what was tried, ``problem``) and its status code."""
    db = request.app.state.db
    detail = group_detail(db, actor=actor, group_id=group_id)
    status = getattr(error, "status_code", 200) if error else 200
    find = request.query_params.get("find", "")
    context = {
        "slug": slug,
        "detail": detail,
        "kinds": DECISION_KINDS,
        "error": error,
        "problem": problem,
        "done": request.query_params.get("done", ""),
        **group_tools(db, actor, detail, find),
    }
    return page(request, "staff/group.html", context, status=status)


@router.get("/c/{slug}/groups/{group_id}", response_class=HTMLResponse)
def group_page(staff: StaffView, group_id: Id) -> Response:
    return group_page_response(staff.request, staff.slug, staff.actor(), group_id)


Version = Annotated[Count, Form()]


@dataclass(frozen=True)
class GroupForm(StaffRequest):
    """What every form posted on a group carries: besides the staff request, the group and
    the version of the group the form was drawn from."""

    group_id: Id
    version: int | None

    def act(self, done: str, command: Callable[[Actor], Any], *, problem: str = "") -> Response:
        """Run one command for the signed-in actor; show the group again, with the error if
        any (and ``problem``, what was tried), or redirect to it (to the new group after a
        split)."""
        actor = self.actor()
        try:
            result = command(actor)
        except (Conflict, InvalidInput) as exc:
            return group_page_response(
                self.request, self.slug, actor, self.group_id, error=exc, problem=problem
            )
        target = getattr(result, "id", self.group_id) if done == "split" else self.group_id
        return redirect(f"/staff/c/{self.slug}/groups/{target}?done={done}")

    def change(self, done: str, command: Callable[..., Any], **params: Any) -> Response:
        """``act`` for a review command on this group as the form showed it (id, version)."""
        return self.act(
            done,
            lambda actor: command(
                self.db, actor=actor, group_id=self.group_id, version=self.version, **params
            ),
        )


def _group_form(staff: StaffPost, group_id: Id, version: Version) -> GroupForm:
    return GroupForm(staff.request, staff.db, staff.user, staff.slug, group_id, version)


def _versionless_group_form(staff: StaffPost, group_id: Id) -> GroupForm:
    return GroupForm(staff.request, staff.db, staff.user, staff.slug, group_id, None)


VersionedForm = Annotated[GroupForm, Depends(_group_form)]
UnversionedForm = Annotated[GroupForm, Depends(_versionless_group_form)]


@router.post("/c/{slug}/groups/{group_id}/decide")
def decide_group(form: VersionedForm, decision: DecisionForm) -> Response:
    return form.change("decide", decide, **asdict(decision))


@router.post("/c/{slug}/groups/{group_id}/publish")
def publish_group(form: VersionedForm) -> Response:
    return form.change("publish", publish)


@router.post("/c/{slug}/groups/{group_id}/reopen")
def reopen_group(
    form: VersionedForm, reason: Annotated[str, Form(max_length=2000)] = ""
) -> Response:
    return form.change("reopen", reopen, reason=reason or None)


@router.post("/c/{slug}/groups/{group_id}/article")
def link_group_article(form: VersionedForm, article: ArticleField = "") -> Response:
    return form.change("article", link_article, article=article)


@router.post("/c/{slug}/groups/{group_id}/split")
def split(form: VersionedForm, members: Annotated[list[Id] | None, Form()] = None) -> Response:
    return form.change("split", split_group, proposal_ids=members or [])


def _bounded(text: str) -> bool:
    """A whole number a database id column can hold."""
    return text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID


def _ids(text: str) -> list[int]:
    parts = [p.strip().lstrip("#") for p in text.replace(";", ",").split(",") if p.strip()]
    if not all(_bounded(p) for p in parts):
        raise InvalidInput("group numbers are whole numbers separated by commas", field="sources")
    return [int(p) for p in parts]


@router.post("/c/{slug}/groups/{group_id}/merge")
def merge(form: VersionedForm, sources: ListField = "") -> Response:
    return form.act(
        "merge",
        lambda actor: merge_groups(
            form.db, actor=actor, target=form.group_id, version=form.version, sources=_ids(sources)
        ),
    )


@router.post("/c/{slug}/groups/{group_id}/move")
def move(
    form: UnversionedForm,
    proposal: Annotated[Id, Form()],
    to_group: Annotated[Id, Form()],
) -> Response:
    return form.act(
        "move",
        lambda actor: move_proposal(form.db, actor=actor, proposal_id=proposal, to_group=to_group),
    )


AssignmentForm = Annotated[Assignment, Depends(assignment_form(default_scope=""))]


def _bulk_items(values: list[str]) -> list[tuple[int, int | None]]:
    items: list[tuple[int, int | None]] = []
    for value in values:
        group, _, version = value.partition(":")
        if not _bounded(group) or not _bounded(version):
            raise InvalidInput("bad group selection", field="groups")
        items.append((int(group), int(version)))
    return items


@router.post("/c/{slug}/bulk")
def bulk(
    staff: StaffPost,
    decision: DecisionForm,
    groups: Annotated[list[str] | None, Form()] = None,
) -> Response:
    items = _bulk_items(groups or [])
    decided = bulk_decide(staff.db, actor=staff.actor(), items=items, **asdict(decision))
    return redirect(f"/staff/c/{staff.slug}/queue?decided={len(decided)}")


@router.post("/c/{slug}/assign")
def assign_reviewer(staff: StaffPost, asked: AssignmentForm) -> Response:
    assign(staff.db, actor=staff.actor(), **asdict(asked))
    return redirect(f"/staff/c/{staff.slug}/queue?assigned=1")


@router.get("/c/{slug}/audit", response_class=HTMLResponse)
def audit_page(staff: StaffView, before: Annotated[Id | None, Query()] = None) -> Response:
    entries = audit_trail(staff.db, actor=staff.actor(), limit=200, before=before)
    return page(staff.request, "staff/audit.html", {"slug": staff.slug, "entries": entries})
