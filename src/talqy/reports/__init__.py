"""Public reports: build a report as plain data, render it as HTML, PDF, JSON, CSV or open data.

``build_report`` computes every figure once; ``export_report`` renders one format. Only
published decisions and redacted display copies of proposals ever reach an output. The
services are loaded on first use, so the read-side queries (``talqy.reports.queries``) can be
imported alone.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talqy.reports.builder import build_report
    from talqy.reports.model import Report
    from talqy.reports.service import FORMATS, ReportFile, export_report

_EXPORTS = {
    "FORMATS": "talqy.reports.service",
    "Report": "talqy.reports.model",
    "ReportFile": "talqy.reports.service",
    "build_report": "talqy.reports.builder",
    "export_report": "talqy.reports.service",
}
__all__ = [
    "FORMATS",
    "Report",
    "ReportFile",
    "build_report",
    "export_report",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'talqy.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
