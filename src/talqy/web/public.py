"""Public pages: the draft with proposal counts, the proposal form, receipts, the published table.

Public pages show published decisions only and never personal data. Every text a citizen or a
reviewer wrote is rendered through Jinja autoescaping; no user-supplied value becomes a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talqy.consultations.lifecycle import ensure_open, localize_not_open
from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.intake import submit_proposal
from talqy.intake.messages import invalid, localize
from talqy.intake.vocabulary import CHANNEL_LABELS, region_name
from talqy.review.decision_kinds import DECISION_KIND_LABELS, DECISION_KINDS
from talqy.review.outcomes import (
    draft_article,
    draft_articles,
    public_group,
    published_table,
    receipt_view,
)
from talqy.review.states import PUBLIC_STATUS_LABELS, REVIEW_STATE_LABELS
from talqy.sessions.agenda import sessions_for_article, sessions_for_group
from talqy.storage.database import Database
from talqy.web.auth import csrf_token, signed_in_user
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import DbDep, Id, SettingsDep
from talqy.web.history import describe
from talqy.web.inputs import ArticleField, ArticleQuery, DecisionQuery, Short, ThemeQuery
from talqy.web.openapi import responses
from talqy.web.placement_tasks import schedule_placement
from talqy.web.throttles import ReceiptThrottled, check_proposal_limit

router = APIRouter()

KIND_LABELS = DECISION_KIND_LABELS
STATE_LABELS = REVIEW_STATE_LABELS
STATUS_LABELS = PUBLIC_STATUS_LABELS
LANGUAGE_LABELS = {"kk": "Kazakh", "ru": "Russian", "en": "English", "?": "Unknown"}
ROLE_LABELS = {
    "admin": "Administrator",
    "secretariat": "Secretariat",
    "reviewer": "Working group member",
    "commission": "Commission member",
    "public": "Public",
}
SOURCE_LABELS = {
    "machine": "suggested by the machine",
    "person": "confirmed by a person",
    "citizen": "named by the citizen",
}
ORIGIN_LABELS = {
    "machine": "Machine",
    "person": "Person",
    "system": "System",
    "placement": "Placed on arrival",
}
ACTION_LABELS = {
    "decide": "Decided",
    "publish": "Published",
    "reopen": "Reopened",
    "assign": "Assigned",
    "confirm_article": "Article confirmed",
    "change_article": "Article changed",
    "move_proposal": "Proposal moved",
    "merge_groups": "Groups merged",
    "split_group": "Group split",
    "group_new_proposal": "New proposal grouped",
    "systematize": "Systematization run",
    "create_group": "Group made by a person",
    "decide_scope": "Decided for a whole article or theme",
    "place_proposal": "Proposal placed on arrival",
    "hide_proposal": "Proposal hidden",
    "show_proposal": "Proposal shown again",
}
OBJECT_LABELS = {
    "group": "Group",
    "user": "User",
    "run": "Run",
    "proposal": "Proposal",
    "article": "Article",
    "theme": "Theme",
}


def page(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
    """Render a template with what every page of this room needs (labels, CSRF, user)."""
    templates = request.app.state.templates
    full = {
        "csrf": lambda: csrf_token(request),
        "staff_user": signed_in_user(request),
        "kind_labels": KIND_LABELS,
        "state_labels": STATE_LABELS,
        "status_labels": STATUS_LABELS,
        "language_labels": LANGUAGE_LABELS,
        "role_labels": ROLE_LABELS,
        "source_labels": SOURCE_LABELS,
        "origin_labels": ORIGIN_LABELS,
        "action_labels": ACTION_LABELS,
        "object_labels": OBJECT_LABELS,
        "channel_labels": CHANNEL_LABELS,
        "describe": lambda action, details: describe(
            action,
            details,
            getattr(request.state, "lang", "kk"),
            kinds=KIND_LABELS,
            states=STATE_LABELS,
            languages=LANGUAGE_LABELS,
        ),
        "region_name": lambda key: region_name(getattr(request.state, "lang", "kk"), key) or "",
        **context,
    }
    response: Response = templates.TemplateResponse(request, name, full, status_code=status)
    return response


@router.get("/c/{slug}/articles", response_class=HTMLResponse)
def articles_page(slug: str, request: Request, db: DbDep) -> Response:
    draft = draft_articles(db, consultation=slug, language=request.state.lang)
    return page(request, "public/articles.html", {"draft": draft})


@router.get("/c/{slug}/articles/{number}", response_class=HTMLResponse)
def article_page(slug: str, number: str, request: Request, db: DbDep) -> Response:
    draft, article = draft_article(
        db, consultation=slug, number=number, language=request.state.lang
    )
    sessions = sessions_for_article(db, slug, number)
    context = {"draft": draft, "article": article, "sessions": sessions}
    return page(request, "public/article.html", context)


@router.get("/c/{slug}/propose", response_class=HTMLResponse)
def proposal_form(
    slug: str, request: Request, db: DbDep, article: Annotated[str | None, Query()] = None
) -> Response:
    draft = draft_articles(db, consultation=slug, language=request.state.lang)
    context = {"draft": draft, "values": {"article": article}, "closed": _closed(db, slug, request)}
    return page(request, "public/propose.html", context)


def _closed(db: Database, slug: str, request: Request) -> str | None:
    """The visitor's-language refusal when the consultation is not open for proposals."""
    try:
        ensure_open(db, slug)
    except Conflict as exc:
        return localize_not_open(exc, request.state.lang).message
    return None


@dataclass(frozen=True)
class ProposalForm:
    """The proposal form as typed: its fields (shown again after an error) and the consent."""

    values: dict[str, str]
    consent: bool

    def optional(self) -> dict[str, Any]:
        """The fields besides the text, an empty one as absent."""
        return {key: value or None for key, value in self.values.items() if key != "text"}


def _proposal_form(
    text: Annotated[str, Form(max_length=100_000)] = "",
    article: ArticleField = "",
    region: Annotated[str, Form(max_length=200)] = "",
    name: Short = "",
    email: Short = "",
    phone: Annotated[str, Form(max_length=64)] = "",
    consent: Annotated[str, Form(max_length=8)] = "",
) -> ProposalForm:
    values = dict(locals())
    return ProposalForm(values, bool(values.pop("consent")))


@router.post("/c/{slug}/propose", response_class=HTMLResponse, responses=responses(429))
def submit_form(
    slug: str,
    request: Request,
    background: BackgroundTasks,
    db: DbDep,
    settings: SettingsDep,
    _csrf: CsrfChecked,
    form: Annotated[ProposalForm, Depends(_proposal_form)],
) -> Response:
    try:
        if not form.consent:
            raise invalid("no_consent", field="consent")
        check_proposal_limit(request)
        done = submit_proposal(
            db,
            settings=settings,
            consultation=slug,
            text=form.values["text"],
            channel="web",
            **form.optional(),
        )
    except (InvalidInput, Conflict) as exc:
        error = (
            localize(exc, request.state.lang)
            if isinstance(exc, InvalidInput)
            else localize_not_open(exc, request.state.lang)
        )
        draft = draft_articles(db, consultation=slug, language=request.state.lang)
        context = {
            "draft": draft,
            "values": form.values,
            "error": error,
            "closed": _closed(db, slug, request),
        }
        return page(request, "public/propose.html", context, status=exc.status_code)
    if done.created:
        schedule_placement(background, request, slug, done.id)
    return RedirectResponse(f"/receipt?code={done.receipt_code}&new=1", status_code=303)


@router.get("/receipt", response_class=HTMLResponse, responses=responses(404))
def receipt_page(
    request: Request,
    db: DbDep,
    _throttled: ReceiptThrottled,
    code: Annotated[str, Query(max_length=64)] = "",
    new: Annotated[str, Query(max_length=4)] = "",
) -> Response:
    view, missing = None, False
    if code:
        try:
            view = receipt_view(db, code=code, language=request.state.lang)
        except NotFound:
            missing = True
    context = {"view": view, "code": code, "missing": missing, "new": bool(new)}
    return page(request, "public/receipt.html", context, status=404 if missing else 200)


@router.get("/c/{slug}/table", response_class=HTMLResponse)
def table_page(
    slug: str,
    request: Request,
    db: DbDep,
    article: ArticleQuery = "",
    decision: DecisionQuery = "",
    theme: ThemeQuery = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
) -> Response:
    decision = decision if decision in DECISION_KINDS else ""
    table = published_table(
        db,
        consultation=slug,
        language=request.state.lang,
        article=article,
        decision=decision,
        theme=theme,
        limit=100,
        offset=(page_number - 1) * 100,
    )
    filters = {"article": article, "decision": decision, "theme": theme}
    context = {
        "table": table,
        "filters": filters,
        "page_number": page_number,
        "kinds": DECISION_KINDS,
    }
    return page(request, "public/table.html", context)


@router.get("/c/{slug}/groups/{group_id}", response_class=HTMLResponse)
def group_page(slug: str, group_id: Id, request: Request, db: DbDep) -> Response:
    shown = public_group(db, consultation=slug, group_id=group_id, language=request.state.lang)
    sessions = sessions_for_group(db, slug, group_id)
    return page(request, "public/group.html", {"shown": shown, "sessions": sessions})
