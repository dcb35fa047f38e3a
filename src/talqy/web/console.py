"""Secretariat console: consultations (texts, dates, phases), reviewer assignments, users,
exports, moderation and flagged proposals — the same library calls as the CLI.

Only admin and secretariat use it (``assign`` permission); managing users is admin's alone.
Every POST carries the session's CSRF token and redirects back (POST → 303 → GET).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from talqy.consultations.lifecycle import (
    consultation_info,
    create_consultation,
    localize_dates,
    update_consultation,
)
from talqy.consultations.phases import DATE_FIELDS, KAZAKHSTAN, PHASE_LABELS
from talqy.errors import Forbidden, InvalidInput, NotFound, TalqyError
from talqy.i18n import LANGUAGES, gettext
from talqy.intake import export_proposals
from talqy.intake.flags import UNKNOWN_ARTICLE, open_flags, resolve_flag
from talqy.intake.messages import localize
from talqy.intake.proposal_queries import list_consultations
from talqy.outbox.queue import outbox_counts
from talqy.review.accounts import create_user
from talqy.review.grouping import assign
from talqy.review.moderation import (
    count_hidden,
    find_proposal,
    hidden_proposals,
    hide_proposal,
    show_proposal,
)
from talqy.review.permissions import Role
from talqy.review.user_queries import list_assignments, list_users
from talqy.storage.database import Database
from talqy.web.auth import StaffUser
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import DbDep
from talqy.web.inputs import Password, Short, Text, Username
from talqy.web.public import page
from talqy.web.staff_request import (
    Assignment,
    StaffPost,
    StaffRequest,
    StaffView,
    assignment_form,
    console_actor,
    redirect,
)

router = APIRouter(prefix="/staff/console", include_in_schema=False)
ROLES = [role.value for role in Role]


def _require_console(user: Any) -> None:
    if user.role not in {"admin", "secretariat"}:
        raise Forbidden("only the secretariat and administrators use the console")


def _local(value: Any) -> str:
    """A UTC moment as the ``datetime-local`` value of Kazakhstan time."""
    return value.astimezone(KAZAKHSTAN).strftime("%Y-%m-%dT%H:%M") if value else ""


@router.get("", response_class=HTMLResponse)
def console_home(request: Request, db: DbDep, user: StaffUser) -> Response:
    _require_console(user)
    context: dict[str, Any] = {"consultations": list_consultations(db), "error": None, "values": {}}
    return page(request, "staff/console/home.html", context)


def _consultation_values(
    title: Text = "",
    body: Text = "",
    title_kk: Text = "",
    title_ru: Text = "",
    title_en: Text = "",
    description_kk: Text = "",
    description_ru: Text = "",
    description_en: Text = "",
    opens_at: Short = "",
    closes_at: Short = "",
    decisions_at: Short = "",
    report_at: Short = "",
) -> dict[str, str]:
    """The consultation form's fields as typed (to show them again after an error)."""
    return dict(locals())


ConsultationValues = Annotated[dict[str, str], Depends(_consultation_values)]


@router.post("")
def create(
    request: Request,
    db: DbDep,
    user: StaffUser,
    _csrf: CsrfChecked,
    fields: ConsultationValues,
    slug: Short = "",
) -> Response:
    _require_console(user)
    values = {"slug": slug, **fields}
    texts = _texts(values)
    try:
        create_consultation(
            db,
            slug=slug.strip(),
            title=values["title"],
            body=values["body"],
            titles=texts["titles"],
            descriptions=texts["descriptions"],
            dates={k: values[k] or None for k in DATE_FIELDS},
        )
    except TalqyError as exc:
        context = {
            "consultations": list_consultations(db),
            "values": values,
            "error": shown_error(request, exc),
        }
        return page(request, "staff/console/home.html", context, status=exc.status_code)
    return redirect(f"/staff/console/c/{slug.strip()}?done=created")


def _texts(values: dict[str, str]) -> dict[str, dict[str, str | None]]:
    return {
        "titles": {k: values[f"title_{k}"] for k in LANGUAGES},
        "descriptions": {k: values[f"description_{k}"] for k in LANGUAGES},
    }


def _act(staff: StaffRequest, done: str, command: Callable[[], object]) -> Response:
    """Run one console command; show the page again with its error, or redirect to it."""
    try:
        command()
    except TalqyError as exc:
        return overview(staff.request, staff.slug, error=exc)
    return _back(staff.slug, done)


def _back(slug: str, done: str) -> Response:
    return redirect(f"/staff/console/c/{slug}?done={done}")


def shown_error(request: Request, error: TalqyError | None) -> TalqyError | None:
    """An error in the visitor's language where its reason is known."""
    if isinstance(error, InvalidInput):
        return localize(localize_dates(error, request.state.lang), request.state.lang)
    return error


def overview(request: Request, slug: str, *, error: TalqyError | None = None) -> Response:
    """The console page of one consultation (with an error from a form, if any)."""
    error = shown_error(request, error)
    db: Database = request.app.state.db
    user = request.state.user
    actor = console_actor(request, user, slug)
    info = consultation_info(db, slug)
    users = {u.id: u for u in list_users(db)}
    context = {
        "slug": slug,
        "info": info,
        "phase_labels": PHASE_LABELS,
        "error": error,
        "dates": {k: _local(getattr(info.schedule, k)) for k in DATE_FIELDS},
        "assignments": [
            (users.get(a.user_id), a)
            for a in list_assignments(db, consultation_id=actor.consultation_id)
        ],
        "reviewers": [u for u in users.values() if u.role == "reviewer" and u.active],
        "flags": open_flags(db, consultation_id=actor.consultation_id),
        "hidden": hidden_proposals(db, consultation_id=actor.consultation_id),
        "hidden_count": count_hidden(db, consultation_id=actor.consultation_id),
        "outbox": outbox_counts(db),
        "done": request.query_params.get("done", ""),
        "may_manage_users": user.role == "admin",
    }
    status = error.status_code if error else 200
    return page(request, "staff/console/consultation.html", context, status=status)


@router.get("/c/{slug}", response_class=HTMLResponse)
def consultation_page(slug: str, request: Request, user: StaffUser) -> Response:
    return overview(request, slug)


@router.post("/c/{slug}")
def update(staff: StaffPost, values: ConsultationValues) -> Response:
    staff.console_actor()
    texts = _texts(values)
    return _act(
        staff,
        "updated",
        lambda: update_consultation(
            staff.db,
            slug=staff.slug,
            title=values["title"] or None,
            body=values["body"],
            titles=texts["titles"],
            descriptions=texts["descriptions"],
            dates={k: values[k] for k in DATE_FIELDS if values[k]},
        ),
    )


AssignmentForm = Annotated[Assignment, Depends(assignment_form(default_scope="article"))]


@router.post("/c/{slug}/assign")
def assign_reviewer(staff: StaffPost, asked: AssignmentForm) -> Response:
    actor = staff.console_actor()
    return _act(staff, "assigned", lambda: assign(staff.db, actor=actor, **asdict(asked)))


@router.post("/c/{slug}/hide")
def hide(
    staff: StaffPost, proposal: Annotated[str, Form(max_length=64)] = "", reason: Text = ""
) -> Response:
    actor, db = staff.console_actor(), staff.db

    def hide_found() -> None:
        found = find_proposal(db, consultation_id=actor.consultation_id, reference=proposal)
        hide_proposal(db, actor=actor, proposal_id=found, reason=reason)

    return _act(staff, "hidden", hide_found)


@router.post("/c/{slug}/show/{proposal_id}")
def show(staff: StaffPost, proposal_id: int) -> Response:
    show_proposal(staff.db, actor=staff.console_actor(), proposal_id=proposal_id)
    return _back(staff.slug, "shown")


@router.post("/c/{slug}/flags/{proposal_id}/resolve")
def resolve(staff: StaffPost, proposal_id: int) -> Response:
    actor, db = staff.console_actor(), staff.db
    if proposal_id not in {
        f.proposal_id for f in open_flags(db, consultation_id=actor.consultation_id)
    }:
        raise NotFound("no open flag on this proposal", field="proposal")
    resolve_flag(db, proposal_id=proposal_id, kind=UNKNOWN_ARTICLE, user_id=actor.user_id)
    return _back(staff.slug, "resolved")


@router.get("/c/{slug}/proposals.{fmt}")
def export(staff: StaffView, fmt: str) -> Response:
    """The proposals without any author field, streamed (as ``talqy proposals export``)."""
    staff.console_actor()
    db, slug = staff.db, staff.slug
    if fmt not in {"csv", "jsonl"}:
        raise NotFound("export formats: csv, jsonl", field="format")
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    headers = {"content-disposition": f'attachment; filename="{slug}-proposals.{fmt}"'}
    return StreamingResponse(
        export_proposals(db, consultation=slug, format=fmt), media_type=media, headers=headers
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, db: DbDep, user: StaffUser) -> Response:
    _require_admin(user)
    context = {"users": list_users(db), "roles": ROLES, "error": None}
    return page(request, "staff/console/users.html", context)


def _require_admin(user: Any) -> None:
    if user.role != "admin":
        raise Forbidden("only administrators manage users", action="manage_users")


@router.post("/users")
def add_user(
    request: Request,
    db: DbDep,
    user: StaffUser,
    _csrf: CsrfChecked,
    username: Username = "",
    display_name: Short = "",
    role: Annotated[str, Form(max_length=16)] = "reviewer",
    password: Password = "",
) -> Response:
    _require_admin(user)
    try:
        if len(password) < 12:
            message = gettext(request.state.lang, "the password needs 12 characters or more")
            raise InvalidInput(message, field="password")
        create_user(
            db,
            username=username.strip(),
            role=role,
            password=password,
            display_name=display_name or None,
        )
    except TalqyError as exc:
        context = {"users": list_users(db), "roles": ROLES, "error": exc}
        return page(request, "staff/console/users.html", context, status=exc.status_code)
    return redirect("/staff/console/users?done=created")
