"""Public pages and the health endpoint."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from talqy.consultations.lifecycle import consultation_info
from talqy.consultations.phases import KAZAKHSTAN, PHASE_LABELS
from talqy.intake.proposal_queries import list_consultations
from talqy.review.outcomes import consultation_figures
from talqy.web.deps import DbDep, TemplatesDep

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz(db: DbDep) -> JSONResponse:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    return JSONResponse({"status": "ok", "database": db.dialect})


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DbDep, templates: TemplatesDep) -> HTMLResponse:
    items = list_consultations(db)
    return templates.TemplateResponse(request, "home.html", {"consultations": items})


@router.get("/c/{slug}", response_class=HTMLResponse)
def consultation_page(
    slug: str, request: Request, db: DbDep, templates: TemplatesDep
) -> HTMLResponse:
    item, figures = consultation_figures(db, consultation=slug)
    info = consultation_info(db, slug)
    context = {
        "consultation": item,
        "figures": figures,
        "info": info,
        "phase_labels": PHASE_LABELS,
        "kazakhstan": KAZAKHSTAN,
    }
    return templates.TemplateResponse(request, "consultation.html", context)


@router.get("/api/v1/consultations")
def api_consultations(db: DbDep) -> list[dict[str, object]]:
    return [item.to_dict() for item in list_consultations(db)]


@router.get("/api/v1/consultations/{slug}")
def api_consultation(slug: str, db: DbDep) -> dict[str, object]:
    return consultation_info(db, slug).to_dict()
