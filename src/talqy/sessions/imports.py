"""Importing sessions (with agenda items) and foresight tasks and assignments from CSV / XLSX.

Same rules as every bulk import of the product: a missing column refuses the whole file before
anything is written; a bad row is rejected with its row number into ``<file>.rejects.csv``
while every good row is committed; re-importing the same file creates nothing twice (external
ids are unique per consultation or programme, enforced by the database). See docs/sessions.md
for the column layouts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.plain import record_dict
from talqy.review.audit_queries import write_audit
from talqy.sessions.agenda import agenda_values
from talqy.sessions.fields import parse_date, parse_int, require_text
from talqy.sessions.foresight import (
    assignment_values,
    create_programme,
    funding_values,
    task_values,
)
from talqy.sessions.foresight_queries import (
    add_progress_report,
    find_assignment_id,
    find_task_id,
    insert_assignment,
    insert_task,
    link_task_sessions,
    priority_level_numbers,
    programme_session_ids,
    set_funding,
)
from talqy.sessions.meetings import session_values
from talqy.sessions.scope import DEFAULT_PROGRAMME, Scope, resolve_scope
from talqy.sessions.session_queries import (
    draft_article_numbers,
    find_session_id,
    insert_agenda_item,
    insert_session,
)
from talqy.sessions.spreadsheets import Reject, Sheet, SheetRow, read_sheet, write_rejects
from talqy.storage.database import Database

FUNDING_COLUMN = re.compile(r"^funding_(\d{4})$")
REQUIRED = {
    "session": ("external_id", "kind", "date"),
    "agenda": ("session", "position"),
    "task": ("external_id", "priority", "sector"),
    "assignment": ("external_id", "task", "organisation", "start", "end"),
}
Handler = Callable[[Connection, int, dict[str, Any]], bool]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    created: int
    skipped: int
    rejected: int
    rejects_file: Path | None

    def to_dict(self) -> dict[str, object]:
        return record_dict(self)


class _Seen:
    """External ids created by this import, to report a duplicate row by its first row."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], int] = {}

    def claim(self, kind: str, key: str, row: int) -> None:
        first = self.rows.setdefault((kind, key), row)
        if first != row:
            raise InvalidInput(f"duplicate of row {first}", field="external_id", row=row)


def _check_columns(sheet: Sheet, allowed: tuple[str, ...]) -> None:
    kinds = {_record(row.values, allowed) for row in sheet.rows() if row.error is None}
    needed = {col for kind in kinds if kind in REQUIRED for col in REQUIRED[kind]}
    if "task" in kinds and not any(c.startswith("title_") for c in sheet.columns):
        needed.add("title_kk")
    missing = sorted(needed - set(sheet.columns))
    if missing:
        raise InvalidInput(f"missing column(s): {', '.join(missing)}", field=missing[0])


def _record(values: dict[str, Any], allowed: tuple[str, ...]) -> str:
    return str(values.get("record") or allowed[0]).strip().lower()


def _run(
    db: Database, path: Path, sheet: Sheet, handlers: dict[str, Handler], batch_size: int
) -> ImportReport:
    counts = {"rows": 0, "created": 0, "skipped": 0}
    rejects: list[Reject] = []
    batch: list[SheetRow] = []
    for row in sheet.rows():
        counts["rows"] += 1
        if row.error is not None:
            rejects.append(Reject(row.number, row.error.field or "", row.error.message, {}))
            continue
        batch.append(row)
        if len(batch) >= max(1, batch_size):
            _commit(db, batch, handlers, counts, rejects)
            batch = []
    _commit(db, batch, handlers, counts, rejects)
    written = write_rejects(path, sheet.columns, rejects)
    return ImportReport(counts["rows"], counts["created"], counts["skipped"], len(rejects), written)


def _commit(
    db: Database,
    batch: list[SheetRow],
    handlers: dict[str, Handler],
    counts: dict[str, int],
    rejects: list[Reject],
) -> None:
    """One transaction for a batch of rows; a refused row becomes a reject."""
    if not batch:
        return
    with db.engine.begin() as conn:
        for row in batch:
            kind = _record(row.values, tuple(handlers))
            try:
                if kind not in handlers:
                    raise InvalidInput(f"unknown record kind {kind!r}", field="record")
                counts[
                    "created" if handlers[kind](conn, row.number, row.values) else "skipped"
                ] += 1
            except (InvalidInput, NotFound, Conflict) as exc:
                field = str(exc.context.get("field") or "")
                rejects.append(Reject(row.number, field, exc.message, row.values))


def import_sessions(
    db: Database,
    *,
    path: Path,
    consultation: str | None = None,
    programme: str | None = None,
    batch_size: int = 1000,
    actor_id: int | None = None,
) -> ImportReport:
    """Import sessions and agenda items of a consultation or (default) of a programme."""
    sheet = read_sheet(path)
    _check_columns(sheet, ("session", "agenda"))
    if consultation is None:
        programme = create_programme(db, key=programme or DEFAULT_PROGRAMME).key
    scope = resolve_scope(db, consultation=consultation, programme=programme)
    articles = set(draft_article_numbers(db, scope.consultation_id or 0))
    seen = _Seen()

    def session_row(conn: Connection, row: int, values: dict[str, Any]) -> bool:
        key = require_text(values.get("external_id"), field="external_id", row=row, limit=128)
        columns = session_values(values, row=row)
        seen.claim("session", key, row)
        return insert_session(conn, {**scope.columns(), "external_id": key, **columns}) is not None

    def agenda_row(conn: Connection, row: int, values: dict[str, Any]) -> bool:
        return _agenda_row(conn, scope, articles, seen, row, values)

    handlers: dict[str, Handler] = {"session": session_row, "agenda": agenda_row}
    report = _run(db, path, sheet, handlers, batch_size)
    _audit(db, "sessions.import", path, report, scope.consultation_id, actor_id)
    return report


def _agenda_row(
    conn: Connection,
    scope: Scope,
    articles: set[str],
    seen: _Seen,
    row: int,
    values: dict[str, Any],
) -> bool:
    session_key = require_text(values.get("session"), field="session", row=row, limit=128)
    session_id = find_session_id(conn, **scope.columns(), external_id=session_key)
    if session_id is None:
        raise InvalidInput(f"unknown session {session_key!r}", field="session", row=row)
    position = parse_int(values.get("position"), field="position", row=row, low=1, high=10_000)
    task_key = str(values.get("task") or "").strip()
    task_id = None
    if task_key:
        task_id = find_task_id(conn, scope.programme_id or 0, task_key)
        if task_id is None:
            raise InvalidInput(f"unknown task {task_key!r}", field="task", row=row)
    columns = agenda_values(conn, scope, {**values, "task": task_id}, articles=articles, row=row)
    seen.claim("agenda", f"{session_key}#{position}", row)
    item = {"session_id": session_id, "position": position, **columns}
    return insert_agenda_item(conn, item) is not None


def import_foresight(
    db: Database,
    *,
    path: Path,
    programme: str = DEFAULT_PROGRAMME,
    batch_size: int = 1000,
    actor_id: int | None = None,
) -> ImportReport:
    """Import tasks and assignments (``record`` column: ``task`` or ``assignment``)."""
    sheet = read_sheet(path)
    _check_columns(sheet, ("task", "assignment"))
    programme_id = create_programme(db, key=programme).id
    with db.engine.connect() as conn:
        levels = priority_level_numbers(conn, programme_id)
        sessions_by_key = programme_session_ids(conn, programme_id)
    seen = _Seen()

    def task_row(conn: Connection, row: int, values: dict[str, Any]) -> bool:
        key = require_text(values.get("external_id"), field="external_id", row=row, limit=128)
        columns, session_ids = task_values(
            values, levels=levels, sessions_by_key=sessions_by_key, row=row
        )
        seen.claim("task", key, row)
        new_id = insert_task(conn, {"programme_id": programme_id, "external_id": key, **columns})
        if new_id is not None:
            link_task_sessions(conn, new_id, session_ids)
        return new_id is not None

    def assignment_row(conn: Connection, row: int, values: dict[str, Any]) -> bool:
        return _assignment_row(conn, programme_id, seen, row, values)

    handlers: dict[str, Handler] = {"task": task_row, "assignment": assignment_row}
    report = _run(db, path, sheet, handlers, batch_size)
    _audit(db, "foresight.import", path, report, None, actor_id)
    return report


def _assignment_row(
    conn: Connection, programme_id: int, seen: _Seen, row: int, values: dict[str, Any]
) -> bool:
    key = require_text(values.get("external_id"), field="external_id", row=row, limit=128)
    task_key = require_text(values.get("task"), field="task", row=row, limit=128)
    task_id = find_task_id(conn, programme_id, task_key)
    if task_id is None:
        raise InvalidInput(f"unknown task {task_key!r}", field="task", row=row)
    columns = assignment_values(values, row=row)
    years = {m.group(1): values[c] for c in values if (m := FUNDING_COLUMN.match(c))}
    amounts = funding_values(years, row=row)
    progress = _progress(values, row)
    seen.claim("assignment", key, row)
    new_id = insert_assignment(
        conn, {"programme_id": programme_id, "external_id": key, "task_id": task_id, **columns}
    )
    if new_id is None:
        if find_assignment_id(conn, programme_id, key) is None:
            raise InvalidInput(f"task {task_key!r} is already promoted", field="task", row=row)
        return False
    set_funding(conn, new_id, amounts)
    if progress is not None:
        add_progress_report(conn, new_id, progress[0], progress[1], "")
    return True


def _progress(values: dict[str, Any], row: int) -> tuple[Any, int] | None:
    if not str(values.get("progress") or "").strip():
        return None
    percent = parse_int(values.get("progress"), field="progress", row=row, low=0, high=100)
    return parse_date(values.get("progress_on"), field="progress_on", row=row), percent


def _audit(
    db: Database,
    action: str,
    path: Path,
    report: ImportReport,
    consultation_id: int | None,
    actor_id: int | None,
) -> None:
    with db.engine.begin() as conn:
        details = {"file": path.name, **report.to_dict(), "rejects_file": None}
        write_audit(
            conn,
            action=action,
            object_kind="file",
            object_id=path.name[:64],
            details=details,
            actor_id=actor_id,
            consultation_id=consultation_id,
        )
