"""Members of a commission (or of a programme's councils) and who attended which session.

Members are public officials, so their names are public. Roles: chair, deputy chair, secretary,
member; attendance: present, remote or absent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from talqy.errors import InvalidInput
from talqy.sessions.audit_actions import audit_change
from talqy.sessions.fields import require_text
from talqy.sessions.scope import resolve_scope
from talqy.sessions.session_queries import (
    insert_member,
    member_scopes,
    session_scope,
    set_attendance,
)
from talqy.sessions.vocabulary import ATTENDANCE_STATUSES, MEMBER_ROLES
from talqy.storage.database import Database


def add_member(
    db: Database,
    *,
    name: str,
    role: str = "member",
    consultation: str | None = None,
    programme: str | None = None,
    organisation: str | None = None,
    actor_id: int | None = None,
) -> int:
    """Add a member (or return the existing member of that name) and its id."""
    people = [(name, role, organisation)]
    return add_members(
        db, people=people, consultation=consultation, programme=programme, actor_id=actor_id
    )[0]


def add_members(
    db: Database,
    *,
    people: Sequence[tuple[str, str, str | None]],
    consultation: str | None = None,
    programme: str | None = None,
    actor_id: int | None = None,
) -> list[int]:
    """Add members given as (name, role, organisation) in one transaction; their ids."""
    rows = []
    for name, role, organisation in people:
        if role not in MEMBER_ROLES:
            raise InvalidInput(f"role must be one of {', '.join(MEMBER_ROLES)}", field="role")
        clean = require_text(name, field="name", limit=300)
        rows.append(
            {"name": clean, "role": role, "organisation": (organisation or "").strip() or None}
        )
    scope = resolve_scope(db, consultation=consultation, programme=programme)
    with db.engine.begin() as conn:
        ids = [insert_member(conn, {**scope.columns(), **row}) for row in rows]
        audit_change(
            conn,
            "member.add",
            ids[0] if ids else "",
            {"members": len(ids)},
            actor_id=actor_id,
            consultation_id=scope.consultation_id,
        )
    return ids


def record_attendance(
    db: Database,
    *,
    session_id: int,
    marks: Mapping[int, str],
    actor_id: int | None = None,
) -> int:
    """Mark members present, remote or absent at a session; returns how many were marked."""
    bad = sorted({status for status in marks.values() if status not in ATTENDANCE_STATUSES})
    if bad:
        raise InvalidInput(
            f"attendance must be one of {', '.join(ATTENDANCE_STATUSES)}", field="status"
        )
    with db.engine.begin() as conn:
        scope = session_scope(conn, session_id)
        known = member_scopes(conn, marks)
        for member_id in marks:
            if known.get(member_id) != scope:
                raise InvalidInput(f"member {member_id} is not a member here", field="member")
        count = set_attendance(conn, session_id, sorted(marks.items()))
        audit_change(
            conn,
            "session.attendance",
            session_id,
            {"marked": count},
            actor_id=actor_id,
            consultation_id=scope[0],
        )
    return count
