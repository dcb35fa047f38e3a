"""The audit log: who did what, when, to which object, and whether a person or the machine did it.

Entries are written inside the transaction of the change they describe, so a change and its
entry commit together or not at all. Details hold identifiers and labels, never personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from talqy.plain import record_dict
from talqy.review.tables import audit_log, users
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database

ACTOR_KINDS = ("person", "machine", "system")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    consultation_id: int | None
    actor_id: int | None
    actor: str | None
    actor_name: str | None
    actor_kind: str
    run_id: int | None
    action: str
    object_kind: str
    object_id: str
    details: dict[str, Any]

    def to_dict(self) -> dict[str, object]:
        return record_dict(self, skip=("consultation_id", "actor_id", "actor_name"))


def record_audit(
    conn: Connection,
    *,
    consultation_id: int | None,
    actor_id: int | None,
    actor_kind: str,
    action: str,
    object_kind: str,
    object_id: str | int,
    details: dict[str, Any] | None = None,
    run_id: int | None = None,
) -> None:
    """Append one entry inside the caller's transaction ``conn``."""
    conn.execute(
        insert(audit_log).values(
            at=now(),
            consultation_id=consultation_id,
            actor_id=actor_id,
            actor_kind=actor_kind,
            run_id=run_id,
            action=action,
            object_kind=object_kind,
            object_id=str(object_id),
            details=details or {},
        )
    )


def write_audit(
    conn: Connection,
    *,
    action: str,
    object_kind: str,
    object_id: object,
    details: Mapping[str, Any],
    actor_id: int | None = None,
    consultation_id: int | None = None,
) -> None:
    """One entry inside ``conn``: actor ``person`` when a user acted, else ``system``."""
    record_audit(
        conn,
        consultation_id=consultation_id,
        actor_id=actor_id,
        actor_kind="person" if actor_id is not None else "system",
        action=action,
        object_kind=object_kind,
        object_id=str(object_id),
        details=dict(details),
    )


def list_audit(
    db: Database,
    *,
    consultation_id: int,
    object_kind: str | None = None,
    object_id: str | None = None,
    limit: int = 200,
    before_id: int | None = None,
) -> list[AuditEntry]:
    """Newest entries first, optionally for one object."""
    query = (
        select(audit_log, users.c.username, users.c.display_name)
        .outerjoin(users, users.c.id == audit_log.c.actor_id)
        .where(audit_log.c.consultation_id == consultation_id)
    )
    if object_kind is not None:
        query = query.where(audit_log.c.object_kind == object_kind)
    if object_id is not None:
        query = query.where(audit_log.c.object_id == object_id)
    if before_id is not None:
        query = query.where(audit_log.c.id < before_id)
    query = query.order_by(audit_log.c.id.desc()).limit(limit)
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    entries = []
    for row in rows:
        m = row._mapping
        at = as_utc(m["at"])
        assert at is not None
        entries.append(
            AuditEntry(
                m["id"],
                at,
                m["consultation_id"],
                m["actor_id"],
                m["username"],
                m["display_name"],
                m["actor_kind"],
                m["run_id"],
                m["action"],
                m["object_kind"],
                m["object_id"],
                dict(m["details"] or {}),
            )
        )
    return entries
