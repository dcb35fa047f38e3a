"""Public reports: build a report as plain data, render it as HTML, PDF, JSON, CSV or open data.

``build_report`` computes every figure once; ``export_report`` renders one format. Only
published decisions and redacted display copies of proposals ever reach an output.
"""

from __future__ import annotations

from talqy.reports.builder import build_report
from talqy.reports.model import Report
from talqy.reports.service import FORMATS, ReportFile, export_report

__all__ = ["FORMATS", "Report", "ReportFile", "build_report", "export_report"]
