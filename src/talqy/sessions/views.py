"""Sessions as plain data for pages, the JSON API and the CLI (one place builds them)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from talqy.errors import NotFound
from talqy.sessions.agenda import agenda_link_data
from talqy.sessions.foresight_queries import (
    get_programme,
    list_assignments,
    list_programmes,
    list_tasks,
)
from talqy.sessions.links import session_url
from talqy.sessions.scope import resolve_scope
from talqy.sessions.session_queries import (
    get_session,
    list_agenda,
    list_attendance,
    list_session_decisions,
    list_sessions,
)
from talqy.storage.database import Database

ROLE_ORDER = {"chair": 0, "deputy_chair": 1, "secretary": 2, "member": 3}


def sessions_overview(
    db: Database, *, consultation: str | None = None, programme: str | None = None
) -> list[dict[str, Any]]:
    """Sessions (all, or of one consultation or programme) with agenda and attendance counts."""
    columns: dict[str, int] = {}
    if consultation is not None or programme is not None:
        scope = resolve_scope(db, consultation=consultation, programme=programme)
        columns = {k: v for k, v in scope.columns().items() if v is not None}
    result = []
    for item in list_sessions(db, **columns):
        present = Counter(a.status for a in list_attendance(db, item.id))
        result.append(
            {
                **item.to_dict(),
                "url": session_url(item.id),
                "agenda_items": len(list_agenda(db, item.id)),
                "attendance": dict(present),
            }
        )
    return result


def session_detail(db: Database, *, session_id: int) -> dict[str, Any]:
    """One session with its agenda (links to articles, groups, broadcast), members, decisions."""
    item = get_session(db, session_id)
    slug = item.consultation_slug
    agenda = list_agenda(db, session_id)
    task_titles: dict[int, dict[str, str]] = {}
    if item.programme_id is not None:
        task_titles = {t.id: t.texts for t in list_tasks(db, item.programme_id)}
    attendees = sorted(list_attendance(db, session_id), key=lambda a: ROLE_ORDER[a.role])
    return {
        "session": {**item.to_dict(), "url": session_url(item.id)},
        "agenda": [
            {
                **agenda_link_data(slug, item, point),
                "task_texts": task_titles.get(point.task_id or 0),
            }
            for point in agenda
        ],
        "attendance": dict(Counter(a.status for a in attendees)),
        "attendees": [
            {"name": a.name, "role": a.role, "organisation": a.organisation, "status": a.status}
            for a in attendees
        ],
        "decisions": [
            {**d.texts, "agenda_item_id": d.agenda_item_id, "review_decision_id": d.decision_id}
            for d in list_session_decisions(db, session_id)
        ],
        "minutes": item.minutes_text,
        "minutes_source": item.minutes_source,
    }


def programme_or_first(db: Database, programme: str | None) -> str | None:
    """``programme``, or the key of the first programme when none is named (None if none)."""
    if programme:
        return programme
    return next((p.key for p in list_programmes(db)), None)


def foresight_records(db: Database, *, kind: str, programme: str | None) -> list[dict[str, Any]]:
    """``programmes``, ``tasks`` or ``assignments`` of a programme (default: the first)."""
    if kind == "programmes":
        return [{"key": p.key, **p.titles} for p in list_programmes(db)]
    key = programme_or_first(db, programme)
    if key is None:
        return []
    found = get_programme(db, key)
    tasks = list_tasks(db, found.id)
    keys = {t.id: t.external_id for t in tasks}
    if kind == "tasks":
        return [
            {
                "external_id": t.external_id,
                **t.texts,
                "sector": t.sector,
                "region": t.region,
                "priority": t.priority_level,
                "sessions": list(t.session_ids),
            }
            for t in tasks
        ]
    if kind == "assignments":
        return [
            {
                "external_id": a.external_id,
                "task": keys[a.task_id],
                "organisation": a.organisation,
                "funding_programme": a.funding_programme,
                "start": a.starts_on.isoformat(),
                "end": a.ends_on.isoformat(),
                "status": a.status,
                "progress": a.progress_percent,
                "funding": {str(y): v for y, v in a.funding.items()},
            }
            for a in list_assignments(db, found.id)
        ]
    raise NotFound(f"no foresight records {kind!r}", field="kind")
