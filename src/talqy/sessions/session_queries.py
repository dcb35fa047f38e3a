"""Sessions on the record: queries for sessions, members, attendance, agenda and minutes.

Write functions take an open connection so a service can run validate → transaction → audit
entry in one transaction; read functions take the ``Database``. Duplicate external ids are
skipped by the database (``ON CONFLICT DO NOTHING``), never checked first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import Connection, insert, select, update

from talqy.errors import NotFound
from talqy.i18n import LANGUAGES as LANGS
from talqy.review.tables import decisions, groups
from talqy.sessions.tables import agenda_items, attendance, members, session_decisions, sessions
from talqy.storage.clock import now
from talqy.storage.database import Database, all_rows, found_row, from_row
from talqy.storage.inserts import insert_ignoring_duplicates, upsert
from talqy.storage.tables import articles, consultations, documents

# Where and how a session is held: the fields a session shows, edits and exports alike.
DETAILS = ("place", "online", "broadcast_url", "region", "sector")


def pick(values: Mapping[str, str], prefix: str, language: str) -> str:
    """The text of ``language`` with a fallback to the other languages (kk, ru, en order)."""
    for lang in (language, *LANGS):
        text = values.get(f"{prefix}_{lang}") or ""
        if text:
            return text
    return ""


def stored_texts(row: Any, *prefixes: str) -> dict[str, str]:
    """The ``{prefix}_{lang}`` columns of ``row`` for each prefix, a missing text as ``""``."""
    columns = row._mapping
    return {
        f"{prefix}_{lang}": columns[f"{prefix}_{lang}"] or ""
        for prefix in prefixes
        for lang in LANGS
    }


class Titled:
    """A record whose ``titles`` hold ``title_kk/ru/en``."""

    titles: dict[str, str]

    def title(self, language: str) -> str:
        return pick(self.titles, "title", language)


@dataclass(frozen=True)
class SessionRecord(Titled):
    id: int
    consultation_id: int | None
    programme_id: int | None
    external_id: str
    kind: str
    held_on: date
    start_time: time | None
    titles: dict[str, str]
    place: str | None
    online: bool
    broadcast_url: str | None
    region: str | None
    sector: str | None
    minutes_text: str | None
    minutes_source: str | None
    consultation_slug: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "external_id": self.external_id,
            "consultation": self.consultation_slug,
            "kind": self.kind,
            "date": self.held_on.isoformat(),
            "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
            **self.titles,
            **{name: getattr(self, name) for name in DETAILS},
            "has_minutes": bool(self.minutes_text),
        }


@dataclass(frozen=True)
class AgendaItem(Titled):
    id: int
    session_id: int
    position: int
    titles: dict[str, str]
    article_number: str | None
    group_id: int | None
    task_id: int | None
    broadcast_seconds: int | None


@dataclass(frozen=True)
class Attendee:
    member_id: int
    name: str
    role: str
    organisation: str | None
    status: str


@dataclass(frozen=True)
class SessionDecision:
    id: int
    agenda_item_id: int | None
    decision_id: int | None
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return pick(self.texts, "text", language)


def _session(row: Any) -> SessionRecord:
    return from_row(
        SessionRecord,
        row,
        titles=stored_texts(row, "title"),
        online=bool(row.online),
        consultation_slug=row._mapping.get("slug"),
    )


def _agenda(row: Any) -> AgendaItem:
    return from_row(AgendaItem, row, titles=stored_texts(row, "title"))


def _sessions_query() -> Any:
    return select(sessions, consultations.c.slug).outerjoin(
        consultations, consultations.c.id == sessions.c.consultation_id
    )


def insert_session(conn: Connection, values: Mapping[str, Any]) -> int | None:
    """The new session's id, or ``None`` when its external id is already taken."""
    statement = insert_ignoring_duplicates(conn, sessions).values(created_at=now(), **values)
    return conn.execute(statement.returning(sessions.c.id)).scalar()


def find_session_id(
    conn: Connection, *, consultation_id: int | None, programme_id: int | None, external_id: str
) -> int | None:
    scope = (
        sessions.c.consultation_id == consultation_id
        if consultation_id is not None
        else sessions.c.programme_id == programme_id
    )
    query = select(sessions.c.id).where(scope, sessions.c.external_id == external_id)
    return conn.execute(query).scalar()


def update_session_row(conn: Connection, session_id: int, values: Mapping[str, Any]) -> None:
    result = conn.execute(update(sessions).where(sessions.c.id == session_id).values(**values))
    if result.rowcount == 0:
        raise NotFound(f"no session {session_id}", field="session")


def get_session(db: Database, session_id: int) -> SessionRecord:
    row = found_row(
        db,
        _sessions_query().where(sessions.c.id == session_id),
        NotFound(f"no session {session_id}", field="session"),
    )
    return _session(row)


def list_sessions(
    db: Database, *, consultation_id: int | None = None, programme_id: int | None = None
) -> list[SessionRecord]:
    query = _sessions_query().order_by(sessions.c.held_on, sessions.c.start_time, sessions.c.id)
    if consultation_id is not None:
        query = query.where(sessions.c.consultation_id == consultation_id)
    if programme_id is not None:
        query = query.where(sessions.c.programme_id == programme_id)
    return [_session(row) for row in all_rows(db, query)]


def insert_agenda_item(conn: Connection, values: Mapping[str, Any]) -> int | None:
    statement = insert_ignoring_duplicates(conn, agenda_items).values(**values)
    return conn.execute(statement.returning(agenda_items.c.id)).scalar()


def next_agenda_position(conn: Connection, session_id: int) -> int:
    query = select(agenda_items.c.position).where(agenda_items.c.session_id == session_id)
    return max(conn.execute(query).scalars(), default=0) + 1


def list_agenda(db: Database, session_id: int) -> list[AgendaItem]:
    query = (
        select(agenda_items)
        .where(agenda_items.c.session_id == session_id)
        .order_by(agenda_items.c.position)
    )
    return [_agenda(row) for row in all_rows(db, query)]


def agenda_for(
    db: Database,
    *,
    consultation_id: int,
    article_number: str | None = None,
    group_id: int | None = None,
) -> list[tuple[SessionRecord, AgendaItem]]:
    """Agenda items of the consultation's sessions about one article or one group."""
    query = (
        select(agenda_items)
        .join(sessions, agenda_items.c.session_id == sessions.c.id)
        .where(sessions.c.consultation_id == consultation_id)
        .order_by(sessions.c.held_on, sessions.c.id, agenda_items.c.position)
    )
    if article_number is not None:
        query = query.where(agenda_items.c.article_number == article_number)
    if group_id is not None:
        query = query.where(agenda_items.c.group_id == group_id)
    with db.engine.connect() as conn:
        items = [_agenda(row) for row in conn.execute(query)]
        wanted = sorted({item.session_id for item in items})
        found = conn.execute(_sessions_query().where(sessions.c.id.in_(wanted)))
        by_id = {record.id: record for record in map(_session, found)}
    return [(by_id[item.session_id], item) for item in items]


def insert_member(conn: Connection, values: Mapping[str, Any]) -> int:
    """The member's id; an existing member of the same name keeps its row."""
    statement = insert_ignoring_duplicates(conn, members).values(created_at=now(), **values)
    new_id = conn.execute(statement.returning(members.c.id)).scalar()
    if new_id is not None:
        return int(new_id)
    scope = (
        members.c.consultation_id == values["consultation_id"]
        if values.get("consultation_id") is not None
        else members.c.programme_id == values["programme_id"]
    )
    found = conn.execute(select(members.c.id).where(scope, members.c.name == values["name"]))
    return int(found.scalar_one())


def member_scopes(conn: Connection, member_ids: Iterable[int]) -> dict[int, tuple[Any, Any]]:
    """Member id → (consultation id, programme id) for the members that exist."""
    wanted = sorted(set(member_ids))
    query = select(members.c.id, members.c.consultation_id, members.c.programme_id).where(
        members.c.id.in_(wanted)
    )
    return {int(row[0]): (row[1], row[2]) for row in conn.execute(query)}


def set_attendance(conn: Connection, session_id: int, marks: Iterable[tuple[int, str]]) -> int:
    rows: list[Mapping[str, Any]] = [
        {"session_id": session_id, "member_id": member_id, "status": status}
        for member_id, status in marks
    ]
    upsert(conn, attendance, ["session_id", "member_id"], rows)
    return len(rows)


def list_attendance(db: Database, session_id: int) -> list[Attendee]:
    query = (
        select(members, attendance.c.status)
        .join(attendance, attendance.c.member_id == members.c.id)
        .where(attendance.c.session_id == session_id)
        .order_by(members.c.id)
    )
    return [from_row(Attendee, row, member_id=row.id) for row in all_rows(db, query)]


def insert_session_decision(conn: Connection, values: Mapping[str, Any]) -> int:
    statement = insert(session_decisions).values(created_at=now(), **values)
    return int(conn.execute(statement.returning(session_decisions.c.id)).scalar_one())


def list_session_decisions(db: Database, session_id: int) -> list[SessionDecision]:
    query = (
        select(session_decisions)
        .where(session_decisions.c.session_id == session_id)
        .order_by(session_decisions.c.id)
    )
    return [
        from_row(SessionDecision, row, texts=stored_texts(row, "text"))
        for row in all_rows(db, query)
    ]


def draft_article_numbers(db: Database, consultation_id: int) -> list[str]:
    """Article numbers of the consultation's stored draft (all versions), in draft order."""
    query = (
        select(articles.c.number, articles.c.position)
        .join(documents, documents.c.id == articles.c.document_id)
        .where(documents.c.consultation_id == consultation_id)
        .order_by(documents.c.id, articles.c.position)
    )
    with db.engine.connect() as conn:
        seen: dict[str, None] = {}
        for number, _position in conn.execute(query):
            seen.setdefault(str(number), None)
    return list(seen)


def group_ids(db: Database, consultation_id: int) -> list[int]:
    query = select(groups.c.id).where(groups.c.consultation_id == consultation_id)
    with db.engine.connect() as conn:
        return sorted(int(value) for value in conn.execute(query.order_by(groups.c.id)).scalars())


def group_consultation(conn: Connection, group_id: int) -> int | None:
    query = select(groups.c.consultation_id).where(groups.c.id == group_id)
    return conn.execute(query).scalar()


def decision_consultation(conn: Connection, decision_id: int) -> int | None:
    query = (
        select(groups.c.consultation_id)
        .join(decisions, decisions.c.group_id == groups.c.id)
        .where(decisions.c.id == decision_id)
    )
    return conn.execute(query).scalar()


def agenda_item_session(conn: Connection, item_id: int) -> int | None:
    query = select(agenda_items.c.session_id).where(agenda_items.c.id == item_id)
    return conn.execute(query).scalar()


def session_scope(conn: Connection, session_id: int) -> tuple[int | None, int | None]:
    row = conn.execute(
        select(sessions.c.consultation_id, sessions.c.programme_id).where(
            sessions.c.id == session_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no session {session_id}", field="session")
    return row[0], row[1]
