"""``export_report``: build a consultation's report, render it in one format and register the
file as a published edition (:mod:`talqy.reports.editions`)."""

from __future__ import annotations

from dataclasses import dataclass

from talqy.errors import InvalidInput
from talqy.reports import queries as q
from talqy.reports import run_results
from talqy.reports.builder import build_report
from talqy.reports.csv_tables import render_csv, render_json
from talqy.reports.editions import record_edition
from talqy.reports.html import render_html
from talqy.reports.opendata import render_open_data
from talqy.reports.pdf import render_pdf
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class ReportFile:
    """A rendered report: its bytes, media type and a suggested file name."""

    content: bytes
    media_type: str
    filename: str


def export_report(
    db: Database, *, consultation: str, fmt: str, language: str = "kk", actor: str = "library"
) -> ReportFile:
    """The report of ``consultation`` as html, pdf, json, csv or zip (open data), registered as
    an edition built by ``actor`` (``cli``, ``web`` …)."""
    if fmt not in FORMATS:
        raise InvalidInput("format must be one of " + ", ".join(FORMATS), field="format")
    report = build_report(db, consultation=consultation, language=language)
    if fmt == "html":
        content = render_html(report).encode("utf-8")
    elif fmt == "pdf":
        content = render_pdf(report)
    elif fmt == "json":
        content = render_json(report).encode("utf-8")
    elif fmt == "csv":
        content = render_csv(report).encode("utf-8")
    else:
        parent = get_consultation(db, consultation)
        run_id = report.run.id if report.run else None
        content = render_open_data(
            report,
            proposals=q.iter_public_proposals(db, consultation_id=parent.id, run_id=run_id),
            themes=run_results.run_themes(db, run_id=run_id) if run_id is not None else [],
        )
    name = f"{report.consultation}-report-{language}.{fmt}"
    if fmt == "zip":
        name = f"{report.consultation}-open-data.zip"
    record_edition(db, report=report, fmt=fmt, filename=name, content=content, actor=actor)
    return ReportFile(content, FORMATS[fmt], name)
