"""PDF renderer: WeasyPrint lays out the standalone HTML (fonts: DejaVu Sans / Noto Sans)."""

from __future__ import annotations

from talqy.errors import ConfigError
from talqy.reports.html import render_html
from talqy.reports.model import Report


def render_pdf(report: Report) -> bytes:
    """The standalone HTML report as an A4 PDF with page numbers."""
    try:
        from weasyprint import HTML
    except ImportError:  # pragma: no cover - the [pdf] extra is part of [all]
        raise ConfigError("PDF reports need the [pdf] extra (weasyprint)") from None
    pdf = HTML(string=render_html(report)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
