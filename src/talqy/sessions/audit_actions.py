"""What the sessions room records in the audit log: its actions and the objects they change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from sqlalchemy import Connection

from talqy.review.audit_queries import write_audit

SessionsAction = Literal[
    "programme.create",
    "programme.priorities",
    "task.create",
    "task.promote",
    "assignment.funding",
    "assignment.progress",
    "member.add",
    "session.create",
    "session.update",
    "session.minutes",
    "session.attendance",
    "session.agenda_item",
    "session.decision",
]

OBJECT_KINDS: dict[SessionsAction, str] = {
    "programme.create": "programme",
    "programme.priorities": "programme",
    "task.create": "foresight_task",
    "task.promote": "foresight_assignment",
    "assignment.funding": "foresight_assignment",
    "assignment.progress": "foresight_assignment",
    "member.add": "member",
    "session.create": "session",
    "session.update": "session",
    "session.minutes": "session",
    "session.attendance": "session",
    "session.agenda_item": "agenda_item",
    "session.decision": "session_decision",
}


def audit_change(
    conn: Connection,
    action: SessionsAction,
    object_id: object,
    details: Mapping[str, Any],
    *,
    actor_id: int | None,
    consultation_id: int | None = None,
) -> None:
    """One audit entry inside ``conn`` for ``action`` on the object ``object_id``."""
    write_audit(
        conn,
        action=action,
        object_kind=OBJECT_KINDS[action],
        object_id=object_id,
        details=details,
        actor_id=actor_id,
        consultation_id=consultation_id,
    )
