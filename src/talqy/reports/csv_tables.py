"""JSON and CSV renderers; CSV through the formula-safe writer of :mod:`talqy.tabular`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from talqy.reports.changes import pick_reasoning
from talqy.reports.model import Report, SystematizationRow
from talqy.tabular.csv_writer import csv_text

SYSTEMATIZATION_COLUMNS = (
    "group",
    "article",
    "theme",
    "theme_label",
    "campaign",
    "members",
    "share",
    "decision",
    "decision_label",
    "reasoning",
    "decision_articles",
    "published_at",
    "text_display",
)


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (UTF-8, comma, CRLF, every field quoted, header first), formula-safe."""
    return csv_text(columns, rows)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_json(report: Report) -> str:
    return dump_json(report.to_dict())


def _systematization_cells(row: SystematizationRow, language: str) -> list[Any]:
    return [
        row.group,
        row.article,
        row.theme,
        row.theme_label,
        row.campaign,
        row.members,
        row.share,
        row.decision,
        row.decision_label,
        pick_reasoning(row.reasoning, language) if row.decision else None,
        ";".join(row.decision_articles),
        row.published_at.isoformat() if row.published_at else None,
        row.text,
    ]


def render_csv(report: Report) -> str:
    """The systematization table: one row per live group, largest first."""
    rows = (_systematization_cells(row, report.language) for row in report.systematization)
    return write_csv(SYSTEMATIZATION_COLUMNS, rows)
