"""Server-side records of staff sign-ins: revoked on sign-out and password change, idle timeout.

The browser's signed cookie names a session by a random token; only its SHA-256 is stored here.
A session is valid while it is not revoked, younger than the absolute lifetime and used within
the idle timeout; using it moves ``last_seen`` (at most once a minute, to keep writes rare).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)

from talqy.storage.database import Database
from talqy.storage.tables import metadata

staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created", BigInteger, nullable=False),
    Column("last_seen", BigInteger, nullable=False),
    Column("revoked", BigInteger),
    Index("ix_staff_sessions_user", "user_id"),
)
TOUCH_EVERY_S = 60
RETAIN_S = 7 * 24 * 3600  # records older than any session can live are deleted on sign-in


@dataclass(frozen=True)
class SessionRules:
    """How long a staff session lives: in all, and without use (seconds)."""

    lifetime_s: int
    idle_s: int


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now(now: float | None) -> int:
    return int(time.time() if now is None else now)


def open_staff_session(db: Database, *, user_id: int, now: float | None = None) -> str:
    """Record a new sign-in of ``user_id``; the token for the cookie (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    moment = _now(now)
    with db.engine.begin() as conn:
        conn.execute(delete(staff_sessions).where(staff_sessions.c.created < moment - RETAIN_S))
        conn.execute(
            insert(staff_sessions).values(
                id=_digest(token), user_id=user_id, created=moment, last_seen=moment
            )
        )
    return token


def active_session_user(
    db: Database, *, token: str, rules: SessionRules, now: float | None = None
) -> int | None:
    """The user id of the live session ``token`` (touching it), or None; stale ones revoked."""
    key = _digest(token)
    moment = _now(now)
    with db.engine.connect() as conn:
        row = conn.execute(select(staff_sessions).where(staff_sessions.c.id == key)).first()
    if row is None or row.revoked is not None:
        return None
    if moment - row.created > rules.lifetime_s or moment - row.last_seen > rules.idle_s:
        revoke_staff_session(db, token=token, now=moment)
        return None
    if moment - row.last_seen >= TOUCH_EVERY_S:
        with db.engine.begin() as conn:
            conn.execute(
                update(staff_sessions)
                .where(staff_sessions.c.id == key, staff_sessions.c.revoked.is_(None))
                .values(last_seen=moment)
            )
    return int(row.user_id)


def revoke_staff_session(db: Database, *, token: str, now: float | None = None) -> None:
    """Sign one session out (no effect when it is unknown or already revoked)."""
    with db.engine.begin() as conn:
        conn.execute(
            update(staff_sessions)
            .where(staff_sessions.c.id == _digest(token), staff_sessions.c.revoked.is_(None))
            .values(revoked=_now(now))
        )


def revoke_user_sessions(db: Database, *, user_id: int) -> int:
    """Sign every session of ``user_id`` out (after a password change); how many were live."""
    with db.engine.begin() as conn:
        result = conn.execute(
            update(staff_sessions)
            .where(staff_sessions.c.user_id == user_id, staff_sessions.c.revoked.is_(None))
            .values(revoked=int(time.time()))
        )
    return int(result.rowcount or 0)
