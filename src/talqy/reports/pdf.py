"""PDF renderer: WeasyPrint lays out the standalone HTML (fonts: DejaVu Sans / Noto Sans).

The PDF is tagged (PDF/UA-1: a structure tree, ``/MarkInfo << /Marked true >>``, the document
language and title), so screen readers can follow headings, tables and the charts' titles.
"""

from __future__ import annotations

from talqy.errors import ConfigError
from talqy.reports.html import render_html
from talqy.reports.model import Report


def render_pdf(report: Report) -> bytes:
    """The standalone HTML report as a tagged (PDF/UA-1) A4 PDF with page numbers."""
    try:
        from weasyprint import HTML
    except ImportError:  # pragma: no cover - the [pdf] extra is part of [all]
        raise ConfigError("PDF reports need the [pdf] extra (weasyprint)") from None
    pdf = HTML(string=render_html(report)).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)
