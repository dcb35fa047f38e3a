"""Exporting sessions (with agenda items) and foresight tasks and assignments to CSV / XLSX.

The files have the layout the importers read, so an export re-imports into another database
unchanged (see docs/sessions.md).
"""

from __future__ import annotations

from pathlib import Path

from talqy.sessions.foresight_queries import (
    get_programme,
    list_assignments,
    list_progress_reports,
    list_tasks,
)
from talqy.sessions.scope import resolve_scope
from talqy.sessions.session_queries import DETAILS, LANGS, list_agenda, list_sessions
from talqy.sessions.spreadsheets import write_sheet
from talqy.storage.database import Database

TITLES = [f"title_{lang}" for lang in LANGS]
SESSION_COLUMNS = [
    "record",
    "external_id",
    "kind",
    "date",
    "start_time",
    *TITLES,
    *DETAILS,
    "session",
    "position",
    "article",
    "group",
    "task",
    "broadcast_time",
]
TASK_COLUMNS = [
    "record",
    "external_id",
    "priority",
    "sector",
    "region",
    *TITLES,
    *(f"description_{lang}" for lang in LANGS),
    "sessions",
    "task",
    "organisation",
    "funding_programme",
    "start",
    "end",
    "status",
    "progress",
    "progress_on",
]


def export_sessions(
    db: Database, *, path: Path, consultation: str | None = None, programme: str | None = None
) -> int:
    """Write the sessions of a consultation or programme and their agenda items; row count."""
    scope = resolve_scope(db, consultation=consultation, programme=programme)
    records = list_sessions(db, **{k: v for k, v in scope.columns().items() if v is not None})
    tasks = {t.id: t.external_id for t in list_tasks(db, scope.programme_id)}
    rows: list[dict[str, object]] = []
    for item in records:
        rows.append(
            {
                "record": "session",
                "external_id": item.external_id,
                "kind": item.kind,
                "date": item.held_on.isoformat(),
                "start_time": item.start_time.strftime("%H:%M") if item.start_time else "",
                **item.titles,
                "place": item.place,
                "online": "yes" if item.online else "",
                "broadcast_url": item.broadcast_url,
                "region": item.region,
                "sector": item.sector,
            }
        )
    for item in records:
        for point in list_agenda(db, item.id):
            rows.append(
                {
                    "record": "agenda",
                    "session": item.external_id,
                    "position": point.position,
                    **point.titles,
                    "article": point.article_number,
                    "group": point.group_id,
                    "task": tasks.get(point.task_id or 0, ""),
                    "broadcast_time": point.broadcast_seconds,
                }
            )
    return write_sheet(path, SESSION_COLUMNS, rows)


def export_foresight(db: Database, *, path: Path, programme: str) -> int:
    """Write a programme's tasks and assignments (funding by year, latest progress)."""
    found = get_programme(db, programme)
    tasks = list_tasks(db, found.id)
    items = list_assignments(db, found.id)
    sessions = {s.id: s.external_id for s in list_sessions(db, programme_id=found.id)}
    years = sorted({year for item in items for year in item.funding})
    rows: list[dict[str, object]] = [
        {
            "record": "task",
            "external_id": task.external_id,
            "priority": task.priority_level,
            "sector": task.sector,
            "region": task.region,
            **task.texts,
            "sessions": ";".join(sessions[i] for i in task.session_ids if i in sessions),
        }
        for task in tasks
    ]
    keys = {task.id: task.external_id for task in tasks}
    for item in items:
        reports = list_progress_reports(db, item.id)
        latest = reports[-1] if reports else None
        rows.append(
            {
                "record": "assignment",
                "external_id": item.external_id,
                "task": keys[item.task_id],
                "organisation": item.organisation,
                "funding_programme": item.funding_programme,
                "start": item.starts_on.isoformat(),
                "end": item.ends_on.isoformat(),
                "status": item.status,
                "progress": latest.percent if latest else "",
                "progress_on": latest.reported_on.isoformat() if latest else "",
                **{f"funding_{year}": amount for year, amount in item.funding.items()},
            }
        )
    return write_sheet(path, TASK_COLUMNS + [f"funding_{year}" for year in years], rows)
