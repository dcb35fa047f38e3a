"""Foresight programmes: priority scale, tasks, assignments, funding by year, progress.

Write functions take an open connection (the service owns the transaction and its audit
entry); read functions take the ``Database`` and return frozen dataclasses. Amounts are whole
tenge in ``BigInteger`` columns, never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, update

from talqy.errors import NotFound
from talqy.sessions.session_queries import Titled, pick, stored_texts
from talqy.sessions.tables import (
    assignment_funding,
    foresight_assignments,
    foresight_tasks,
    priority_levels,
    programmes,
    progress_reports,
    sessions,
    task_sessions,
)
from talqy.storage.clock import now
from talqy.storage.database import Database, from_row, row_where
from talqy.storage.inserts import insert_ignoring_duplicates, upsert


@dataclass(frozen=True)
class Programme(Titled):
    id: int
    key: str
    titles: dict[str, str]


@dataclass(frozen=True)
class PriorityLevel:
    level: int
    names: dict[str, str]

    def name(self, language: str) -> str:
        return pick(self.names, "name", language)


@dataclass(frozen=True)
class Task:
    id: int
    programme_id: int
    external_id: str
    texts: dict[str, str]
    sector: str
    region: str | None
    priority_level: int
    session_ids: tuple[int, ...] = ()

    def title(self, language: str) -> str:
        return pick(self.texts, "title", language)

    def description(self, language: str) -> str:
        return pick(self.texts, "description", language)


@dataclass(frozen=True)
class Assignment:
    id: int
    programme_id: int
    external_id: str
    task_id: int
    organisation: str
    funding_programme: str
    starts_on: date
    ends_on: date
    status: str
    progress_percent: int
    funding: dict[int, int]


@dataclass(frozen=True)
class ProgressReport:
    assignment_id: int
    reported_on: date
    percent: int
    note: str


def ensure_programme(conn: Connection, key: str, titles: Mapping[str, str]) -> tuple[int, bool]:
    """The programme's id and whether it was created now."""
    statement = insert_ignoring_duplicates(conn, programmes).values(
        key=key, created_at=now(), **titles
    )
    new_id = conn.execute(statement.returning(programmes.c.id)).scalar()
    if new_id is not None:
        return int(new_id), True
    found = conn.execute(select(programmes.c.id).where(programmes.c.key == key)).scalar_one()
    return int(found), False


def _programme(row: Any) -> Programme:
    return from_row(Programme, row, titles=stored_texts(row, "title"))


def get_programme(db: Database, key: str) -> Programme:
    missing = NotFound(f"no foresight programme {key!r}", field="programme")
    return _programme(row_where(db, programmes.c.key, key, missing))


def list_programmes(db: Database) -> list[Programme]:
    with db.engine.connect() as conn:
        return [_programme(r) for r in conn.execute(select(programmes).order_by(programmes.c.key))]


def set_priority_level(
    conn: Connection, programme_id: int, level: int, names: Mapping[str, str]
) -> None:
    upsert(
        conn,
        priority_levels,
        ["programme_id", "level"],
        {"programme_id": programme_id, "level": level, **names},
    )


def list_priority_levels(db: Database, programme_id: int | None = None) -> list[PriorityLevel]:
    """Levels of one programme, or (``None``) the distinct levels of all programmes."""
    query = select(priority_levels).order_by(
        priority_levels.c.level, priority_levels.c.programme_id
    )
    if programme_id is not None:
        query = query.where(priority_levels.c.programme_id == programme_id)
    levels: dict[int, PriorityLevel] = {}
    with db.engine.connect() as conn:
        for row in conn.execute(query):
            levels.setdefault(
                row.level, from_row(PriorityLevel, row, names=stored_texts(row, "name"))
            )
    return list(levels.values())


def priority_level_numbers(conn: Connection, programme_id: int) -> set[int]:
    query = select(priority_levels.c.level).where(priority_levels.c.programme_id == programme_id)
    return set(conn.execute(query).scalars())


def insert_task(conn: Connection, values: Mapping[str, Any]) -> int | None:
    statement = insert_ignoring_duplicates(conn, foresight_tasks).values(created_at=now(), **values)
    return conn.execute(statement.returning(foresight_tasks.c.id)).scalar()


def find_task_id(conn: Connection, programme_id: int, external_id: str) -> int | None:
    query = select(foresight_tasks.c.id).where(
        foresight_tasks.c.programme_id == programme_id,
        foresight_tasks.c.external_id == external_id,
    )
    return conn.execute(query).scalar()


def link_task_sessions(conn: Connection, task_id: int, session_ids: list[int]) -> None:
    for session_id in session_ids:
        conn.execute(
            insert_ignoring_duplicates(conn, task_sessions).values(
                task_id=task_id, session_id=session_id
            )
        )


def programme_session_ids(conn: Connection, programme_id: int) -> dict[str, int]:
    """External id → session id of the programme's sessions."""
    query = select(sessions.c.external_id, sessions.c.id).where(
        sessions.c.programme_id == programme_id
    )
    return {str(ext): int(sid) for ext, sid in conn.execute(query)}


def list_tasks(db: Database, programme_id: int | None = None) -> list[Task]:
    query = select(foresight_tasks).order_by(foresight_tasks.c.programme_id, foresight_tasks.c.id)
    links = select(task_sessions.c.task_id, task_sessions.c.session_id).order_by(
        task_sessions.c.session_id
    )
    if programme_id is not None:
        query = query.where(foresight_tasks.c.programme_id == programme_id)
    with db.engine.connect() as conn:
        linked: dict[int, list[int]] = {}
        for task_id, session_id in conn.execute(links):
            linked.setdefault(task_id, []).append(session_id)
        return [_task(row, tuple(linked.get(row.id, ()))) for row in conn.execute(query)]


def _task(row: Any, session_ids: tuple[int, ...]) -> Task:
    texts = stored_texts(row, "title", "description")
    return from_row(Task, row, texts=texts, session_ids=session_ids)


def get_task(db: Database, task_id: int) -> Task:
    with db.engine.connect() as conn:
        row = conn.execute(select(foresight_tasks).where(foresight_tasks.c.id == task_id)).first()
        if row is None:
            raise NotFound(f"no foresight task {task_id}", field="task")
        links = select(task_sessions.c.session_id).where(task_sessions.c.task_id == task_id)
        return _task(row, tuple(sorted(conn.execute(links).scalars())))


def task_programme(conn: Connection, task_id: int) -> int:
    query = select(foresight_tasks.c.programme_id).where(foresight_tasks.c.id == task_id)
    found = conn.execute(query).scalar()
    if found is None:
        raise NotFound(f"no foresight task {task_id}", field="task")
    return int(found)


def insert_assignment(conn: Connection, values: Mapping[str, Any]) -> int | None:
    """The new assignment's id, ``None`` when its external id or its task is already used."""
    statement = insert_ignoring_duplicates(conn, foresight_assignments).values(
        created_at=now(), **values
    )
    return conn.execute(statement.returning(foresight_assignments.c.id)).scalar()


def find_assignment_id(conn: Connection, programme_id: int, external_id: str) -> int | None:
    query = select(foresight_assignments.c.id).where(
        foresight_assignments.c.programme_id == programme_id,
        foresight_assignments.c.external_id == external_id,
    )
    return conn.execute(query).scalar()


def assignment_exists(conn: Connection, assignment_id: int) -> None:
    query = select(foresight_assignments.c.id).where(foresight_assignments.c.id == assignment_id)
    if conn.execute(query).scalar() is None:
        raise NotFound(f"no assignment {assignment_id}", field="assignment")


def set_funding(conn: Connection, assignment_id: int, amounts: Mapping[int, int]) -> None:
    """Set (or correct) the assignment's funding of each year in ``amounts``."""
    rows: list[Mapping[str, Any]] = [
        {"assignment_id": assignment_id, "year": year, "amount": amount}
        for year, amount in amounts.items()
    ]
    upsert(conn, assignment_funding, ["assignment_id", "year"], rows)


def add_progress_report(
    conn: Connection, assignment_id: int, reported_on: date, percent: int, note: str
) -> None:
    """Record (or correct) the report of that day; the assignment shows its latest report."""
    upsert(
        conn,
        progress_reports,
        ["assignment_id", "reported_on"],
        {
            "assignment_id": assignment_id,
            "reported_on": reported_on,
            "percent": percent,
            "note": note,
            "created_at": now(),
        },
    )
    latest = conn.execute(
        select(progress_reports.c.percent)
        .where(progress_reports.c.assignment_id == assignment_id)
        .order_by(progress_reports.c.reported_on.desc())
        .limit(1)
    ).scalar_one()
    conn.execute(
        update(foresight_assignments)
        .where(foresight_assignments.c.id == assignment_id)
        .values(progress_percent=latest)
    )


def set_assignment_status(conn: Connection, assignment_id: int, status: str) -> None:
    conn.execute(
        update(foresight_assignments)
        .where(foresight_assignments.c.id == assignment_id)
        .values(status=status)
    )


def list_assignments(
    db: Database, programme_id: int | None = None, *, assignment_id: int | None = None
) -> list[Assignment]:
    query = select(foresight_assignments).order_by(foresight_assignments.c.id)
    amounts = select(assignment_funding).order_by(assignment_funding.c.year)
    if programme_id is not None:
        query = query.where(foresight_assignments.c.programme_id == programme_id)
    if assignment_id is not None:
        query = query.where(foresight_assignments.c.id == assignment_id)
        amounts = amounts.where(assignment_funding.c.assignment_id == assignment_id)
    with db.engine.connect() as conn:
        funding: dict[int, dict[int, int]] = {}
        for row in conn.execute(amounts):
            funding.setdefault(row.assignment_id, {})[int(row.year)] = int(row.amount)
        return [
            from_row(
                Assignment,
                row,
                progress_percent=int(row.progress_percent),
                funding=funding.get(row.id, {}),
            )
            for row in conn.execute(query)
        ]


def list_progress_reports(db: Database, assignment_id: int) -> list[ProgressReport]:
    query = (
        select(progress_reports)
        .where(progress_reports.c.assignment_id == assignment_id)
        .order_by(progress_reports.c.reported_on)
    )
    with db.engine.connect() as conn:
        return [from_row(ProgressReport, row) for row in conn.execute(query)]


def count_sessions_by_kind(db: Database, programme_id: int | None = None) -> dict[str, int]:
    query = select(sessions.c.kind, func.count()).group_by(sessions.c.kind)
    if programme_id is not None:
        query = query.where(sessions.c.programme_id == programme_id)
    with db.engine.connect() as conn:
        return {str(kind): int(n) for kind, n in conn.execute(query)}


def funding_total(db: Database, programme_id: int | None = None) -> int:
    """Sum of all funding rows, computed by the database (a cross-check for roll-ups)."""
    query = select(func.coalesce(func.sum(assignment_funding.c.amount), 0)).join(
        foresight_assignments, foresight_assignments.c.id == assignment_funding.c.assignment_id
    )
    if programme_id is not None:
        query = query.where(foresight_assignments.c.programme_id == programme_id)
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
