"""Agenda items: what a session discussed, tied to articles, proposal groups or foresight tasks.

Also the way back: which sessions discussed an article or a group (``sessions_for_article``,
``sessions_for_group``), as plain data with page links and broadcast timestamps.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import Connection

from talqy.errors import InvalidInput, NotFound
from talqy.sessions.audit_actions import audit_change
from talqy.sessions.fields import LANGS, parse_article_number, parse_seconds
from talqy.sessions.foresight_queries import task_programme
from talqy.sessions.links import (
    article_url,
    broadcast_link,
    format_timestamp,
    group_url,
    session_url,
)
from talqy.sessions.scope import Scope
from talqy.sessions.session_queries import (
    AgendaItem,
    SessionRecord,
    agenda_for,
    agenda_item_session,
    decision_consultation,
    draft_article_numbers,
    group_consultation,
    insert_agenda_item,
    list_agenda,
    next_agenda_position,
    session_scope,
)
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database


def check_agenda_item(conn: Connection, session_id: int, item_id: int) -> None:
    if agenda_item_session(conn, item_id) != session_id:
        raise InvalidInput(f"agenda item {item_id} is not on this session", field="agenda_item")


def check_review_decision(conn: Connection, scope: Scope, decision_id: int) -> None:
    owner = decision_consultation(conn, decision_id)
    if owner is None:
        raise NotFound(f"no review decision {decision_id}", field="decision")
    if owner != scope.consultation_id:
        raise InvalidInput("the review decision is of another consultation", field="decision")


def agenda_values(
    conn: Connection,
    scope: Scope,
    values: Mapping[str, Any],
    *,
    articles: Collection[str],
    row: int | None = None,
) -> dict[str, Any]:
    """Validated columns of an agenda item; ``articles`` are the draft's numbers (may be empty)."""
    number = parse_article_number(values.get("article"), row=row)
    group_id = _optional_id(values.get("group"), field="group", row=row)
    task_id = _optional_id(values.get("task"), field="task", row=row)
    if (number is not None or group_id is not None) and scope.consultation_id is None:
        raise InvalidInput(
            "articles and groups belong to consultation sessions", field="article", row=row
        )
    if number is not None and articles and number not in articles:
        raise InvalidInput(f"article {number} is not in the draft", field="article", row=row)
    if group_id is not None and group_consultation(conn, group_id) != scope.consultation_id:
        raise InvalidInput(
            f"no proposal group {group_id} in this consultation", field="group", row=row
        )
    if task_id is not None and _task_scope(conn, task_id, row) != scope.programme_id:
        raise InvalidInput(f"task {task_id} is of another programme", field="task", row=row)
    titles = {f"title_{lang}": str(values.get(f"title_{lang}") or "").strip() for lang in LANGS}
    if not any(titles.values()) and number is None and group_id is None and task_id is None:
        raise InvalidInput("an agenda item needs a title or a link", field="title", row=row)
    seconds = parse_seconds(values.get("broadcast_time"), field="broadcast_time", row=row)
    return {
        **titles,
        "article_number": number,
        "group_id": group_id,
        "task_id": task_id,
        "broadcast_seconds": seconds,
    }


def _task_scope(conn: Connection, task_id: int, row: int | None) -> int:
    try:
        return task_programme(conn, task_id)
    except NotFound:
        raise InvalidInput(f"no foresight task {task_id}", field="task", row=row) from None


def _optional_id(value: object, *, field: str, row: int | None) -> int | None:
    text = str(value if value is not None else "").strip().removesuffix(".0")
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(f"{field} must be a number", field=field, row=row)
    return int(text)


def add_agenda_item(
    db: Database,
    *,
    session_id: int,
    titles: Mapping[str, str] | None = None,
    article_number: str | None = None,
    group_id: int | None = None,
    task_id: int | None = None,
    broadcast_seconds: int | str | None = None,
    position: int | None = None,
    actor_id: int | None = None,
) -> AgendaItem:
    """Add an item to a session's agenda (at the end unless ``position`` is given)."""
    given = {
        **(titles or {}),
        "article": article_number,
        "group": group_id,
        "task": task_id,
        "broadcast_time": broadcast_seconds,
    }
    with db.engine.begin() as conn:
        consultation_id, programme_id = session_scope(conn, session_id)
        scope = Scope(consultation_id, programme_id)
        known = draft_article_numbers(db, consultation_id) if consultation_id else []
        values = agenda_values(conn, scope, given, articles=known)
        place = position if position is not None else next_agenda_position(conn, session_id)
        if place < 1:
            raise InvalidInput("position must be at least 1", field="position")
        new_id = insert_agenda_item(conn, {"session_id": session_id, "position": place, **values})
        if new_id is None:
            raise InvalidInput(f"position {place} is already taken", field="position")
        audit_change(
            conn,
            "session.agenda_item",
            new_id,
            {"session": session_id, "article": values["article_number"], "group": group_id},
            actor_id=actor_id,
            consultation_id=consultation_id,
        )
    return next(item for item in list_agenda(db, session_id) if item.id == new_id)


def agenda_link_data(slug: str | None, session: SessionRecord, item: AgendaItem) -> dict[str, Any]:
    """An agenda item as plain data, with the URLs of its article, group and broadcast."""
    return {
        "position": item.position,
        **item.titles,
        "article": item.article_number,
        "article_url": article_url(slug, item.article_number)
        if slug and item.article_number
        else None,
        "group": item.group_id,
        "group_url": group_url(slug, item.group_id) if slug and item.group_id else None,
        "task": item.task_id,
        "broadcast_seconds": item.broadcast_seconds,
        "timestamp": format_timestamp(item.broadcast_seconds) or None,
        "broadcast_link": broadcast_link(session.broadcast_url, item.broadcast_seconds),
    }


def _discussions(pairs: list[tuple[SessionRecord, AgendaItem]], slug: str) -> list[dict[str, Any]]:
    return [
        {
            "session": {**session.to_dict(), "url": session_url(session.id)},
            "agenda_item": agenda_link_data(slug, session, item),
        }
        for session, item in pairs
    ]


def sessions_for_article(db: Database, consultation: str, number: str) -> list[dict[str, Any]]:
    """Every agenda item of the consultation's sessions about article ``number``, by date."""
    found = get_consultation(db, consultation)
    pairs = agenda_for(db, consultation_id=found.id, article_number=str(number).strip())
    return _discussions(pairs, found.slug)


def sessions_for_group(db: Database, consultation: str, group_id: int) -> list[dict[str, Any]]:
    """Every agenda item of the consultation's sessions about proposal group ``group_id``."""
    found = get_consultation(db, consultation)
    return _discussions(agenda_for(db, consultation_id=found.id, group_id=group_id), found.slug)
