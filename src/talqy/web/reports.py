"""The public report page, its downloads (HTML, PDF, JSON, CSV, open-data ZIP) and the register
of published editions (hashes and figures only, never who built them)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from talqy.documents.diff_html import render_sides
from talqy.reports import FORMATS, build_report, export_report, labels
from talqy.reports.changes import compare_versions
from talqy.reports.editions import list_editions
from talqy.reports.html import render_fragment, report_css
from talqy.storage.consultations import get_consultation
from talqy.web.deps import DbDep, TemplatesDep

router = APIRouter()


@router.get("/c/{slug}/report", response_class=HTMLResponse)
def report_page(slug: str, request: Request, db: DbDep, templates: TemplatesDep) -> HTMLResponse:
    lang = request.state.lang
    report = build_report(db, consultation=slug, language=lang)
    downloads = [
        (fmt.upper(), f"/c/{slug}/report.{fmt}?lang={lang}") for fmt in ("pdf", "json", "csv")
    ]
    downloads.append(("ZIP", f"/c/{slug}/report.zip?lang={lang}"))
    body = render_fragment(report, downloads=downloads)
    return templates.TemplateResponse(
        request, "reports/report.html", {"report": report, "body": body, "css": report_css()}
    )


@router.get("/c/{slug}/changes", response_class=HTMLResponse)
def changes_page(slug: str, request: Request, db: DbDep, templates: TemplatesDep) -> HTMLResponse:
    """Side by side: each article of the first and the latest draft version, changes marked."""
    lang = request.state.lang
    consultation = get_consultation(db, slug)
    compared = compare_versions(db, consultation=slug, language=lang)
    context: dict[str, object] = {"consultation": consultation, "compared": compared}
    if compared is not None:
        diff = compared[3]
        context["pairs"] = [
            (pair, labels.status_label(lang, pair.status.value), *render_sides(pair))
            for pair in diff.pairs
        ]
        context["counts"] = [
            (labels.status_label(lang, status), diff.count(status))
            for status in labels.CHANGE_STATUSES
        ]
    return templates.TemplateResponse(request, "reports/changes.html", context)


@router.get("/c/{slug}/report.{fmt}", include_in_schema=False)
def report_download(slug: str, fmt: str, request: Request, db: DbDep) -> Response:
    chosen = fmt if fmt in FORMATS else ""
    made = export_report(
        db, consultation=slug, fmt=chosen, language=request.state.lang, actor="web"
    )
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{made.filename}"'},
    )


@router.get("/api/v1/consultations/{slug}/report")
def api_report(slug: str, db: DbDep, lang: str = "kk") -> dict[str, object]:
    return build_report(db, consultation=slug, language=lang).to_dict()


@router.get("/c/{slug}/report/editions", response_class=HTMLResponse)
def editions_page(slug: str, request: Request, db: DbDep, templates: TemplatesDep) -> HTMLResponse:
    """Every published edition of the report: date, format, language, size and SHA-256."""
    context = {
        "consultation": get_consultation(db, slug),
        "editions": list_editions(db, consultation=slug),
    }
    return templates.TemplateResponse(request, "reports/editions.html", context)


@router.get("/api/v1/consultations/{slug}/report/editions")
def api_editions(slug: str, db: DbDep) -> list[dict[str, object]]:
    return [e.to_dict(public=True) for e in list_editions(db, consultation=slug)]
