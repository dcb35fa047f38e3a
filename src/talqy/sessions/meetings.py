"""Sessions: create and update them, import their minutes, record the decisions taken.

One function per use case, keyword-only; each validates, writes in one transaction and adds
an ``audit_log`` entry (actor ``person`` when ``actor_id`` is given, else ``system``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from typing import Any

from talqy.errors import InvalidInput, NotFound, ParseError
from talqy.sessions.agenda import check_agenda_item, check_review_decision
from talqy.sessions.audit_actions import SessionsAction, audit_change
from talqy.sessions.fields import parse_date, parse_time, texts_of
from talqy.sessions.links import check_broadcast_url
from talqy.sessions.scope import Scope, resolve_scope
from talqy.sessions.session_queries import (
    DETAILS,
    LANGS,
    SessionRecord,
    get_session,
    insert_session,
    insert_session_decision,
    update_session_row,
)
from talqy.sessions.vocabulary import SESSION_KINDS
from talqy.storage.database import Database

MAX_MINUTES_CHARS = 2_000_000
EDITABLE = {
    "kind",
    "held_on",
    "start_time",
    *DETAILS,
    *(f"title_{lang}" for lang in LANGS),
}


def session_values(values: Mapping[str, Any], *, row: int | None = None) -> dict[str, Any]:
    """Validated columns of a session from loosely typed input (a form, a file row)."""
    kind = str(values.get("kind") or "").strip()
    if kind not in SESSION_KINDS:
        raise InvalidInput(
            f"kind must be one of {', '.join(SESSION_KINDS)}", field="kind", row=row, value=kind
        )
    region = str(values.get("region") or "").strip() or None
    sector = str(values.get("sector") or "").strip() or None
    return {
        "kind": kind,
        "held_on": parse_date(values.get("held_on") or values.get("date"), field="date", row=row),
        "start_time": parse_time(values.get("start_time"), field="start_time", row=row),
        **texts_of(values, "title", row=row),
        "place": str(values.get("place") or "").strip() or None,
        "online": str(values.get("online") or "").strip().lower() in {"1", "true", "yes", "y"},
        "broadcast_url": check_broadcast_url(_text(values.get("broadcast_url")), row=row),
        "region": region,
        "sector": sector,
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def create_session(
    db: Database,
    *,
    kind: str,
    held_on: date | str,
    titles: Mapping[str, str],
    consultation: str | None = None,
    programme: str | None = None,
    external_id: str | None = None,
    start_time: time | str | None = None,
    place: str | None = None,
    online: bool = False,
    broadcast_url: str | None = None,
    region: str | None = None,
    sector: str | None = None,
    actor_id: int | None = None,
) -> SessionRecord:
    """Create a session of a consultation (slug) or of a foresight programme (key)."""
    scope = resolve_scope(db, consultation=consultation, programme=programme)
    given = {
        "kind": kind,
        "held_on": held_on,
        "start_time": start_time,
        "place": place,
        "online": "1" if online else "",
        "broadcast_url": broadcast_url,
        "region": region,
        "sector": sector,
        **titles,
    }
    values = session_values(given)
    key = (external_id or "").strip() or f"s-{uuid.uuid4().hex[:12]}"
    with db.engine.begin() as conn:
        new_id = insert_session(conn, {**scope.columns(), "external_id": key, **values})
        if new_id is None:
            raise InvalidInput(f"session {key!r} already exists", field="external_id")
        audit_change(
            conn,
            "session.create",
            new_id,
            {"kind": kind, "external_id": key},
            actor_id=actor_id,
            consultation_id=scope.consultation_id,
        )
    return get_session(db, new_id)


def update_session(
    db: Database, *, session_id: int, changes: Mapping[str, Any], actor_id: int | None = None
) -> SessionRecord:
    """Change some fields of a session (``EDITABLE``); the result is validated as a whole."""
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise InvalidInput(f"cannot change {', '.join(unknown)}", field=unknown[0])
    current = get_session(db, session_id)
    merged: dict[str, Any] = {
        **current.to_dict(),
        **current.titles,
        "held_on": current.held_on,
        "start_time": current.start_time,
        "online": "1" if current.online else "",
    }
    if "online" in changes:
        changes = {**changes, "online": "1" if changes["online"] else ""}
    return _change_session(
        db,
        current,
        session_values({**merged, **changes}),
        "session.update",
        {"fields": sorted(changes)},
        actor_id=actor_id,
    )


def import_minutes(
    db: Database,
    *,
    session_id: int,
    text: str | None = None,
    path: Path | None = None,
    actor_id: int | None = None,
) -> SessionRecord:
    """Attach minutes to a session: plain text, or a UTF-8 text / Markdown file."""
    if (text is None) == (path is None):
        raise InvalidInput("give the minutes as text or as a file", field="minutes")
    source = "text"
    if path is not None:
        source = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise NotFound(f"no such file: {path}", field="minutes") from None
        except UnicodeDecodeError as exc:
            raise ParseError(
                "minutes must be UTF-8 text", path=str(path), position=exc.start
            ) from None
    assert text is not None
    if not text.strip() or len(text) > MAX_MINUTES_CHARS:
        raise InvalidInput(
            "minutes must be non-empty and under 2 million characters", field="minutes"
        )
    return _change_session(
        db,
        get_session(db, session_id),
        {"minutes_text": text, "minutes_source": source},
        "session.minutes",
        {"source": source, "chars": len(text)},
        actor_id=actor_id,
    )


def _change_session(
    db: Database,
    current: SessionRecord,
    values: Mapping[str, Any],
    action: SessionsAction,
    details: Mapping[str, Any],
    *,
    actor_id: int | None,
) -> SessionRecord:
    """Write ``values`` to the session and record ``action`` in the audit log, together."""
    with db.engine.begin() as conn:
        update_session_row(conn, current.id, values)
        audit_change(
            conn,
            action,
            current.id,
            details,
            actor_id=actor_id,
            consultation_id=current.consultation_id,
        )
    return get_session(db, current.id)


def record_session_decision(
    db: Database,
    *,
    session_id: int,
    texts: Mapping[str, str],
    agenda_item_id: int | None = None,
    decision_id: int | None = None,
    actor_id: int | None = None,
) -> int:
    """Record a decision taken at a session, linked to a review decision where one exists."""
    values = texts_of(texts, "text")
    current = get_session(db, session_id)
    scope = Scope(current.consultation_id, current.programme_id)
    with db.engine.begin() as conn:
        if agenda_item_id is not None:
            check_agenda_item(conn, session_id, agenda_item_id)
        if decision_id is not None:
            check_review_decision(conn, scope, decision_id)
        new_id = insert_session_decision(
            conn,
            {
                "session_id": session_id,
                "agenda_item_id": agenda_item_id,
                "decision_id": decision_id,
                **values,
            },
        )
        audit_change(
            conn,
            "session.decision",
            new_id,
            {"session": session_id, "decision": decision_id},
            actor_id=actor_id,
            consultation_id=current.consultation_id,
        )
    return new_id
