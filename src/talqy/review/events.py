"""What every review command does after its checks: audit entry in the transaction, then notify.

A ``Notifier`` is called after the transaction commits, once per change; the default one logs
the event (identifiers only, never personal data). Pass another to send mail or push updates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from talqy.errors import Conflict, NotFound
from talqy.review.audit_queries import record_audit
from talqy.review.group_queries import Group, get_group
from talqy.review.permissions import Action, Actor, authorize
from talqy.storage.database import Database

log = logging.getLogger("talqy.review")


@dataclass(frozen=True)
class ReviewEvent:
    action: str
    consultation_id: int
    object_kind: str
    object_id: str
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


Notifier = Callable[[ReviewEvent], None]


def log_event(event: ReviewEvent) -> None:
    """The default notifier: one log line per change."""
    log.info("%s %s %s by %s", event.action, event.object_kind, event.object_id, event.actor)


def load_group(db: Database, actor: Actor, group_id: int) -> Group:
    """The group ``group_id`` of the actor's consultation (others do not exist for them)."""
    group = get_group(db, group_id)
    if group.consultation_id != actor.consultation_id:
        raise NotFound(f"no group {group_id}", field="group")
    return group


def load_authorized_group(db: Database, actor: Actor, group_id: int, action: Action) -> Group:
    """The group ``group_id`` as :func:`load_group` finds it, once ``actor`` may do ``action``
    on it (``NotFound`` first, then ``Forbidden``)."""
    group = load_group(db, actor, group_id)
    authorize(actor, action, group)
    return group


def audit(
    conn: Connection,
    actor: Actor,
    *,
    action: str,
    object_kind: str = "group",
    object_id: int | str,
    details: dict[str, Any],
    run_id: int | None = None,
) -> ReviewEvent:
    """Write the audit entry of a person's change (to a group unless ``object_kind`` says
    otherwise) and return the event to notify later."""
    record_audit(
        conn,
        consultation_id=actor.consultation_id,
        actor_id=actor.user_id,
        actor_kind="person",
        action=action,
        object_kind=object_kind,
        object_id=object_id,
        details=details,
        run_id=run_id,
    )
    return ReviewEvent(
        action, actor.consultation_id, object_kind, str(object_id), actor.username, details
    )


def origin_of(group: Group) -> dict[str, Any]:
    """Where the group's current article link came from (machine with its run, or a person)."""
    return {
        "article": group.article_number,
        "source": group.article_source,
        "run_id": group.run_id if group.article_source == "machine" else None,
    }


def expect_version(group: Group, version: int | None) -> int:
    """The version a change must find; ``Conflict`` when the caller saw an older one."""
    if version is not None and version != group.version:
        raise Conflict(
            "the group was changed by someone else; reload it and try again",
            field="version",
            group=group.id,
        )
    return group.version
