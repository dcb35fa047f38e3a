"""Staff pages: sign in, the work queue, a group with its decision forms, bulk decide, audit log.

Every route parses a form, calls one review command and redirects (POST → 303 → GET). Each
POST needs the session's CSRF token; each page needs a signed-in staff user whose role and
assignments allow the action (``review/permissions.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from talqy.storage.database import Database
from talqy.web.auth import StaffUser, end_session, staff_actor, start_session
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import MAX_ID, Count, DbDep, Id
from talqy.web.group_tools_view import group_tools
from talqy.web.jobs import home_jobs
from talqy.web.public import page
from talqy.web.throttles import bounded_password_check, check_login_limit, forgive_login

router = APIRouter(prefix="/staff", include_in_schema=False)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/staff") and "//" not in target and "\\" not in target:
        return target
    return "/staff"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=300)] = "") -> Response:
    return page(request, "staff/login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    db: DbDep,
    _csrf: CsrfChecked,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=300)] = "",
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
def group_page(slug: str, group_id: Id, request: Request, user: StaffUser) -> Response:
    return group_page_response(request, slug, staff_actor(request, user, slug), group_id)


Version = Annotated[Count, Form()]


@dataclass(frozen=True)
class GroupForm:
    """What every form posted on a group carries: the group, the signed-in staff user, the
    database and the version of the group the form was drawn from."""

    request: Request
    db: Database
    slug: str
    group_id: Id
    user: Any
    version: int | None

    def act(self, done: str, command: Callable[[Actor], Any]) -> Response:
        """Run one command for the signed-in actor; show the group again, with the error if
        any, or redirect to it (to the new group after a split)."""
        actor = staff_actor(self.request, self.user, self.slug)
        try:
            result = command(actor)
        except (Conflict, InvalidInput) as exc:
            return group_page_response(self.request, self.slug, actor, self.group_id, error=exc)
        target = getattr(result, "id", self.group_id) if done == "split" else self.group_id
        return RedirectResponse(
            f"/staff/c/{self.slug}/groups/{target}?done={done}", status_code=303
        )


def _group_form(
    slug: str,
    group_id: Id,
    request: Request,
    db: DbDep,
    user: StaffUser,
    _csrf: CsrfChecked,
    version: Version,
) -> GroupForm:
    return GroupForm(request, db, slug, group_id, user, version)


def _versionless_group_form(
    slug: str, group_id: Id, request: Request, db: DbDep, user: StaffUser, _csrf: CsrfChecked
) -> GroupForm:
    return GroupForm(request, db, slug, group_id, user, None)


VersionedForm = Annotated[GroupForm, Depends(_group_form)]
UnversionedForm = Annotated[GroupForm, Depends(_versionless_group_form)]
Text = Annotated[str, Form(max_length=20_000)]


def _numbers(articles: str) -> list[str]:
    return [a.strip() for a in articles.replace(";", ",").split(",") if a.strip()]


@router.post("/c/{slug}/groups/{group_id}/decide")
def decide_group(
    form: VersionedForm,
    kind: Annotated[str, Form(max_length=32)] = "",
    reasoning_kk: Text = "",
    reasoning_ru: Text = "",
    reasoning_en: Text = "",
    articles: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    reasoning = {"kk": reasoning_kk, "ru": reasoning_ru, "en": reasoning_en}
    return form.act(
        "decide",
        lambda actor: decide(
            form.db,
            actor=actor,
            group_id=form.group_id,
            version=form.version,
            kind=kind,
            reasoning=reasoning,
            articles=_numbers(articles),
        ),
    )


@router.post("/c/{slug}/groups/{group_id}/publish")
def publish_group(form: VersionedForm) -> Response:
    return form.act(
        "publish",
        lambda actor: publish(form.db, actor=actor, group_id=form.group_id, version=form.version),
    )


@router.post("/c/{slug}/groups/{group_id}/reopen")
def reopen_group(
    form: VersionedForm, reason: Annotated[str, Form(max_length=2000)] = ""
) -> Response:
    return form.act(
        "reopen",
        lambda actor: reopen(
            form.db,
            actor=actor,
            group_id=form.group_id,
            version=form.version,
            reason=reason or None,
        ),
    )


@router.post("/c/{slug}/groups/{group_id}/article")
def link_group_article(
    form: VersionedForm, article: Annotated[str, Form(max_length=32)] = ""
) -> Response:
    return form.act(
        "article",
        lambda actor: link_article(
            form.db, actor=actor, group_id=form.group_id, version=form.version, article=article
        ),
    )


@router.post("/c/{slug}/groups/{group_id}/split")
def split(form: VersionedForm, members: Annotated[list[Id] | None, Form()] = None) -> Response:
    return form.act(
        "split",
        lambda actor: split_group(
            form.db,
            actor=actor,
            group_id=form.group_id,
            version=form.version,
            proposal_ids=members or [],
        ),
    )


def _bounded(text: str) -> bool:
    """A whole number a database id column can hold."""
    return text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID


def _ids(text: str) -> list[int]:
    parts = [p.strip().lstrip("#") for p in text.replace(";", ",").split(",") if p.strip()]
    if not all(_bounded(p) for p in parts):
        raise InvalidInput("group numbers are whole numbers separated by commas", field="sources")
    return [int(p) for p in parts]


@router.post("/c/{slug}/groups/{group_id}/merge")
def merge(form: VersionedForm, sources: Annotated[str, Form(max_length=500)] = "") -> Response:
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
    slug: str,
    request: Request,
    db: DbDep,
    user: StaffUser,
    _csrf: CsrfChecked,
    groups: Annotated[list[str] | None, Form()] = None,
    kind: Annotated[str, Form(max_length=32)] = "",
    reasoning_kk: Annotated[str, Form(max_length=20_000)] = "",
    reasoning_ru: Annotated[str, Form(max_length=20_000)] = "",
    reasoning_en: Annotated[str, Form(max_length=20_000)] = "",
    articles: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    actor = staff_actor(request, user, slug)
    numbers = [a.strip() for a in articles.replace(";", ",").split(",") if a.strip()]
    reasoning = {"kk": reasoning_kk, "ru": reasoning_ru, "en": reasoning_en}
    decided = bulk_decide(
        db,
        actor=actor,
        items=_bulk_items(groups or []),
        kind=kind,
        reasoning=reasoning,
        articles=numbers,
    )
    return RedirectResponse(f"/staff/c/{slug}/queue?decided={len(decided)}", status_code=303)


@router.post("/c/{slug}/assign")
def assign_reviewer(
    slug: str,
    request: Request,
    db: DbDep,
    user: StaffUser,
    _csrf: CsrfChecked,
    username: Annotated[str, Form(max_length=64)] = "",
    scope: Annotated[str, Form(max_length=16)] = "",
    value: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    actor = staff_actor(request, user, slug)
    assign(db, actor=actor, username=username.strip(), scope=scope, value=value)
    return RedirectResponse(f"/staff/c/{slug}/queue?assigned=1", status_code=303)


@router.get("/c/{slug}/audit", response_class=HTMLResponse)
def audit_page(
    slug: str,
    request: Request,
    db: DbDep,
    user: StaffUser,
    before: Annotated[Id | None, Query()] = None,
) -> Response:
    actor = staff_actor(request, user, slug)
    entries = audit_trail(db, actor=actor, limit=200, before=before)
    return page(request, "staff/audit.html", {"slug": slug, "entries": entries})
