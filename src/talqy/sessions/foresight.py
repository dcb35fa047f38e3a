"""Foresight: programmes, their priority scale, prospective tasks, assignments, funding, progress.

The pipeline: regional and sectoral sessions produce prospective tasks; some tasks are promoted
into scientific-technical assignments with a responsible organisation, programme-targeted
funding by year (whole tenge), a period, a status and dated progress reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection

from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.sessions.audit_actions import audit_change
from talqy.sessions.fields import parse_date, parse_int, require_text, texts_of
from talqy.sessions.foresight_queries import (
    Assignment,
    Programme,
    Task,
    add_progress_report,
    assignment_exists,
    ensure_programme,
    get_programme,
    get_task,
    insert_assignment,
    insert_task,
    link_task_sessions,
    list_assignments,
    priority_level_numbers,
    programme_session_ids,
    set_assignment_status,
    set_funding,
    set_priority_level,
    task_programme,
)
from talqy.sessions.session_queries import LANGS
from talqy.sessions.vocabulary import ASSIGNMENT_STATUSES, DEFAULT_PRIORITIES
from talqy.storage.database import Database

MAX_AMOUNT = 10**15  # tenge; far above any single assignment's budget


def create_programme(
    db: Database,
    *,
    key: str,
    titles: Mapping[str, str] | None = None,
    levels: Mapping[int, Iterable[str]] | None = None,
    actor_id: int | None = None,
) -> Programme:
    """Create a programme (idempotent) with the default four-level scale unless ``levels``."""
    clean = require_text(key, field="programme", limit=64)
    named = {f"title_{lang}": (titles or {}).get(f"title_{lang}") or clean for lang in LANGS}
    with db.engine.begin() as conn:
        programme_id, created = ensure_programme(conn, clean, named)
        if created:
            _write_levels(conn, programme_id, levels or DEFAULT_PRIORITIES)
            audit_change(conn, "programme.create", programme_id, {"key": clean}, actor_id=actor_id)
    return get_programme(db, clean)


def _write_levels(conn: Connection, programme_id: int, levels: Mapping[int, Iterable[str]]) -> None:
    for level, names in sorted(levels.items()):
        texts = list(names)
        if not 1 <= int(level) <= 9 or len(texts) != 3 or not all(t.strip() for t in texts):
            raise InvalidInput(
                "a priority level is 1-9 with a name in kk, ru and en", field="levels", value=level
            )
        set_priority_level(
            conn,
            programme_id,
            int(level),
            {f"name_{lang}": t.strip() for lang, t in zip(LANGS, texts, strict=True)},
        )


def configure_priorities(
    db: Database,
    *,
    programme: str,
    levels: Mapping[int, Iterable[str]],
    actor_id: int | None = None,
) -> None:
    """Rename or add priority levels of a programme (names in kk, ru, en)."""
    found = get_programme(db, programme)
    with db.engine.begin() as conn:
        _write_levels(conn, found.id, levels)
        audit_change(
            conn, "programme.priorities", found.id, {"levels": sorted(levels)}, actor_id=actor_id
        )


def task_values(
    values: Mapping[str, Any],
    *,
    levels: set[int],
    sessions_by_key: Mapping[str, int],
    row: int | None = None,
) -> tuple[dict[str, Any], list[int]]:
    """Validated task columns and the ids of its originating sessions (by external id)."""
    level = parse_int(values.get("priority"), field="priority", row=row, low=1, high=9)
    if level not in levels:
        raise InvalidInput(f"unknown priority level {level}", field="priority", row=row)
    keys = [k.strip() for k in str(values.get("sessions") or "").replace(";", ",").split(",")]
    missing = [k for k in keys if k and k not in sessions_by_key]
    if missing:
        raise InvalidInput(f"unknown session {missing[0]!r}", field="sessions", row=row)
    texts = texts_of(values, "title", row=row)
    texts |= {f"description_{x}": str(values.get(f"description_{x}") or "").strip() for x in LANGS}
    columns = {
        **texts,
        "sector": require_text(values.get("sector"), field="sector", row=row, limit=64),
        "region": str(values.get("region") or "").strip()[:64] or None,
        "priority_level": level,
    }
    return columns, [sessions_by_key[k] for k in keys if k]


def create_task(
    db: Database,
    *,
    programme: str,
    external_id: str,
    values: Mapping[str, Any],
    actor_id: int | None = None,
) -> Task:
    """Create a prospective task: titles (kk/ru/en), sector, region, priority, sessions."""
    found = get_programme(db, programme)
    key = require_text(external_id, field="external_id", limit=128)
    with db.engine.begin() as conn:
        columns, session_ids = task_values(
            values,
            levels=priority_level_numbers(conn, found.id),
            sessions_by_key=programme_session_ids(conn, found.id),
        )
        new_id = insert_task(conn, {"programme_id": found.id, "external_id": key, **columns})
        if new_id is None:
            raise Conflict(f"task {key!r} already exists", field="external_id")
        link_task_sessions(conn, new_id, session_ids)
        audit_change(conn, "task.create", new_id, {"external_id": key}, actor_id=actor_id)
    return get_task(db, new_id)


def assignment_values(values: Mapping[str, Any], *, row: int | None = None) -> dict[str, Any]:
    starts = parse_date(values.get("start"), field="start", row=row)
    ends = parse_date(values.get("end"), field="end", row=row)
    if ends < starts:
        raise InvalidInput("end is before start", field="end", row=row)
    status = _known_status(str(values.get("status") or "planned").strip(), row=row)
    return {
        "organisation": require_text(values.get("organisation"), field="organisation", row=row),
        "funding_programme": str(values.get("funding_programme") or "").strip(),
        "starts_on": starts,
        "ends_on": ends,
        "status": status,
    }


def _known_status(status: str, *, row: int | None = None) -> str:
    if status not in ASSIGNMENT_STATUSES:
        raise InvalidInput(
            f"status must be one of {', '.join(ASSIGNMENT_STATUSES)}", field="status", row=row
        )
    return status


def funding_values(values: Mapping[Any, Any], *, row: int | None = None) -> dict[int, int]:
    """Year → whole tenge; negative or fractional amounts are refused."""
    funding: dict[int, int] = {}
    for year, amount in values.items():
        number = parse_int(year, field="year", row=row, low=1990, high=2100)
        if str(amount if amount is not None else "").strip():
            funding[number] = parse_int(amount, field=f"funding_{number}", row=row, high=MAX_AMOUNT)
    return funding


def promote_task(
    db: Database,
    *,
    task_id: int,
    external_id: str,
    values: Mapping[str, Any],
    funding: Mapping[int, int] | None = None,
    actor_id: int | None = None,
) -> Assignment:
    """Promote a task into an assignment (organisation, funding programme, period, funding)."""
    key = require_text(external_id, field="external_id", limit=128)
    columns = assignment_values(values)
    amounts = funding_values(dict(funding or {}))
    with db.engine.begin() as conn:
        programme_id = task_programme(conn, task_id)
        new_id = insert_assignment(
            conn, {"programme_id": programme_id, "external_id": key, "task_id": task_id, **columns}
        )
        if new_id is None:
            raise Conflict("the task or the assignment id is already used", field="external_id")
        set_funding(conn, new_id, amounts)
        audit_change(
            conn,
            "task.promote",
            new_id,
            {"task": task_id, "external_id": key, "funding": sum(amounts.values())},
            actor_id=actor_id,
        )
    return _assignment(db, new_id)


def _assignment(db: Database, assignment_id: int) -> Assignment:
    for item in list_assignments(db, assignment_id=assignment_id):
        return item
    raise NotFound(f"no assignment {assignment_id}", field="assignment")


def record_funding(
    db: Database, *, assignment_id: int, year: int, amount: int | str, actor_id: int | None = None
) -> Assignment:
    """Set an assignment's funding for one year (whole tenge, not negative)."""
    amounts = funding_values({year: amount})
    if not amounts:
        raise InvalidInput("amount must not be empty", field="amount")
    with db.engine.begin() as conn:
        assignment_exists(conn, assignment_id)
        set_funding(conn, assignment_id, amounts)
        audit_change(
            conn,
            "assignment.funding",
            assignment_id,
            {"year": year, "amount": amounts[int(year)]},
            actor_id=actor_id,
        )
    return _assignment(db, assignment_id)


def report_progress(
    db: Database,
    *,
    assignment_id: int,
    reported_on: date | str,
    percent: int | str,
    note: str = "",
    status: str | None = None,
    actor_id: int | None = None,
) -> Assignment:
    """Add a dated progress report (0-100 %) and, optionally, change the status."""
    day = parse_date(reported_on, field="reported_on")
    share = parse_int(percent, field="percent", low=0, high=100)
    if status is not None:
        _known_status(status)
    with db.engine.begin() as conn:
        assignment_exists(conn, assignment_id)
        add_progress_report(conn, assignment_id, day, share, note.strip())
        if status is not None:
            set_assignment_status(conn, assignment_id, status)
        audit_change(
            conn,
            "assignment.progress",
            assignment_id,
            {"on": day.isoformat(), "percent": share, "status": status},
            actor_id=actor_id,
        )
    return _assignment(db, assignment_id)
