"""The open-data archive: CSV and JSON of groups, proposals and themes, plus a README.

Bytes are deterministic: entries in a fixed order, each stamped with the time of the data
(the report's ``as_of``, else 1980-01-01), fixed permissions and compression.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from talqy.i18n import LANGUAGES
from talqy.reports.csv_tables import render_json, write_csv
from talqy.reports.model import Report
from talqy.reports.queries import PublicProposal
from talqy.reports.readme import COLUMNS, render_readme
from talqy.reports.run_results import ThemeRow

EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_time(when: datetime | None) -> tuple[int, int, int, int, int, int]:
    """The ZIP timestamp for ``when`` (never before 1980, the format's first year)."""
    if when is None or when.year < 1980:
        return EPOCH
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _systematization(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "group": row.group,
            "article": row.article,
            "theme": row.theme,
            "campaign": row.campaign,
            "members": row.members,
            "decision": row.decision,
            **{f"reasoning_{code}": row.reasoning.get(code) for code in LANGUAGES},
            "decision_articles": ";".join(row.decision_articles),
            "published_at": row.published_at.isoformat() if row.published_at else None,
            "text_display": row.text,
        }
        for row in report.systematization
    ]


def _themes(themes: Sequence[ThemeRow], total: int) -> list[dict[str, Any]]:
    return [
        {
            "key": t.key,
            "size": t.size,
            "share": round(t.size / total, 4) if total else 0.0,
            **{f"label_{code}": t.labels.get(code, "") for code in LANGUAGES},
            "keywords": ";".join(t.keywords),
        }
        for t in themes
    ]


def _proposals(rows: Iterable[PublicProposal]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "channel": p.channel,
            "region": p.region,
            "day": p.day,
            "language": p.language,
            "article": p.article,
            "group": p.group,
            "theme": p.theme,
            "text_display": p.text,
        }
        for p in rows
    ]


def _table_files(name: str, records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    columns = list(COLUMNS[name])
    csv_text = write_csv(columns, ([r[c] for c in columns] for r in records))
    json_text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"
    return [(f"{name}.csv", csv_text), (f"{name}.json", json_text)]


def render_open_data(
    report: Report, *, proposals: Iterable[PublicProposal], themes: Sequence[ThemeRow]
) -> bytes:
    """The archive as bytes; ``proposals`` and ``themes`` come from the report's run."""
    as_of = report.as_of.isoformat() if report.as_of else None
    files = [
        (
            "README.md",
            render_readme(consultation=report.consultation, title=report.title, as_of=as_of),
        ),
        ("report.json", render_json(report)),
        *_table_files("systematization", _systematization(report)),
        *_table_files("proposals", _proposals(proposals)),
        *_table_files("themes", _themes(themes, report.intake.total)),
    ]
    stamp = zip_time(report.as_of)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files:
            info = zipfile.ZipInfo(f"{report.consultation}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()
