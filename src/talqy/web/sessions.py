"""Session pages, the foresight dashboard and their JSON API (read only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from talqy.errors import InvalidInput
from talqy.sessions.agenda import sessions_for_article, sessions_for_group
from talqy.sessions.dashboard import dashboard_view
from talqy.sessions.rollups import Filters, foresight_rollup
from talqy.sessions.views import (
    foresight_records,
    programme_or_first,
    session_detail,
    sessions_overview,
)
from talqy.sessions.vocabulary import ASSIGNMENT_STATUS_NAMES
from talqy.storage.consultations import get_consultation
from talqy.web.deps import DbDep, Id, TemplatesDep

router = APIRouter()
Text = Annotated[str | None, Query(max_length=64)]


def _filters(
    region: Text = None, sector: Text = None, priority: Text = None, year: Text = None
) -> Filters:
    """The foresight filters of the query string (region, sector, priority level, year)."""

    def number(value: str | None, field: str) -> int | None:
        if not value:
            return None
        if not (value.isascii() and value.isdigit() and len(value) <= 9):
            raise InvalidInput(f"{field} must be a number", field=field)
        return int(value)

    return Filters(
        region or None, sector or None, number(priority, "priority"), number(year, "year")
    )


FiltersDep = Annotated[Filters, Depends(_filters)]


@router.get("/c/{slug}/sessions", response_class=HTMLResponse)
def consultation_sessions(
    slug: str, request: Request, db: DbDep, templates: TemplatesDep
) -> HTMLResponse:
    consultation = get_consultation(db, slug)
    items = sessions_overview(db, consultation=slug)
    context = {"items": items, "heading": consultation.title, "consultation": consultation}
    return templates.TemplateResponse(request, "sessions/list.html", context)


@router.get("/foresight/sessions", response_class=HTMLResponse)
def programme_sessions(
    request: Request, db: DbDep, templates: TemplatesDep, programme: Text = None
) -> HTMLResponse:
    key = programme_or_first(db, programme)
    items = sessions_overview(db, programme=key) if key else []
    context = {"items": items, "heading": None, "consultation": None}
    return templates.TemplateResponse(request, "sessions/list.html", context)


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def session_page(
    session_id: Id, request: Request, db: DbDep, templates: TemplatesDep
) -> HTMLResponse:
    detail = session_detail(db, session_id=session_id)
    return templates.TemplateResponse(request, "sessions/session.html", {"detail": detail})


@router.get("/foresight", response_class=HTMLResponse)
def foresight_dashboard(
    request: Request,
    db: DbDep,
    templates: TemplatesDep,
    chosen: FiltersDep,
    programme: Text = None,
    status: Text = None,
) -> HTMLResponse:
    status = status if status in ASSIGNMENT_STATUS_NAMES else None
    view = dashboard_view(
        db, programme=programme, filters=chosen, language=request.state.lang, status=status
    )
    return templates.TemplateResponse(request, "sessions/foresight.html", {"view": view})


@router.get("/api/v1/consultations/{slug}/sessions")
def api_consultation_sessions(slug: str, db: DbDep) -> list[dict[str, Any]]:
    return sessions_overview(db, consultation=slug)


@router.get("/api/v1/consultations/{slug}/articles/{number}/sessions")
def api_article_sessions(slug: str, number: str, db: DbDep) -> list[dict[str, Any]]:
    return sessions_for_article(db, slug, number)


@router.get("/api/v1/consultations/{slug}/groups/{group_id}/sessions")
def api_group_sessions(slug: str, group_id: Id, db: DbDep) -> list[dict[str, Any]]:
    return sessions_for_group(db, slug, group_id)


@router.get("/api/v1/sessions/{session_id}")
def api_session(session_id: Id, db: DbDep) -> dict[str, Any]:
    return session_detail(db, session_id=session_id)


@router.get("/api/v1/foresight/summary")
def api_foresight_summary(db: DbDep, chosen: FiltersDep, programme: Text = None) -> dict[str, Any]:
    return foresight_rollup(db, programme=programme, filters=chosen)


@router.get("/api/v1/foresight/{kind}")
def api_foresight_records(kind: str, db: DbDep, programme: Text = None) -> list[dict[str, Any]]:
    return foresight_records(db, kind=kind, programme=programme)
