"""Staff accounts, API token hashes and assignments of reviewers to articles, themes, groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Row, delete, select, update

from talqy.errors import Conflict, NotFound
from talqy.plain import record_dict
from talqy.review.tables import assignments, users
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, first_row, found_row
from talqy.storage.inserts import insert_new

ROLES = ("admin", "secretariat", "reviewer", "commission", "public")
SCOPES = ("article", "theme", "group")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    created_at: datetime

    def to_dict(self) -> dict[str, object]:
        return record_dict(self, skip=("created_at",))


@dataclass(frozen=True)
class Credentials:
    """A user together with the stored password hash (never leaves the account service)."""

    user: User
    password_hash: str


@dataclass(frozen=True)
class Assignment:
    id: int
    consultation_id: int
    user_id: int
    scope: str
    value: str


def _user(row: Row[tuple[object, ...]]) -> User:
    m = row._mapping
    created = as_utc(m["created_at"])
    assert created is not None
    return User(m["id"], m["username"], m["display_name"], m["role"], bool(m["active"]), created)


def insert_user(
    db: Database, *, username: str, display_name: str, password_hash: str, role: str
) -> User:
    """Insert a user; a taken username is a ``Conflict``."""
    values = {
        "username": username,
        "display_name": display_name,
        "password_hash": password_hash,
        "role": role,
        "active": True,
        "created_at": now(),
    }
    taken = Conflict(f"user {username!r} already exists", field="username")
    with db.engine.begin() as conn:
        user_id = insert_new(conn, users, values, taken)
    return get_user(db, user_id)


def get_user(db: Database, user_id: int) -> User:
    row = found_row(
        db, select(users).where(users.c.id == user_id), NotFound(f"no user {user_id}", field="user")
    )
    return _user(row)


def get_credentials(db: Database, username: str) -> Credentials | None:
    """The user called ``username`` with its password hash, or None."""
    row = first_row(db, select(users).where(users.c.username == username))
    return None if row is None else Credentials(_user(row), row._mapping["password_hash"])


def find_user(db: Database, username: str) -> User:
    found = get_credentials(db, username)
    if found is None:
        raise NotFound(f"no user {username!r}", field="username")
    return found.user


def list_users(db: Database) -> list[User]:
    with db.engine.connect() as conn:
        return [_user(row) for row in conn.execute(select(users).order_by(users.c.username))]


def set_password_hash(db: Database, user_id: int, password_hash: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def set_token_hash(db: Database, user_id: int, token_hash: str | None) -> None:
    """Replace the user's API token hash (None revokes it)."""
    with db.engine.begin() as conn:
        done = conn.execute(
            update(users).where(users.c.id == user_id).values(api_token_hash=token_hash)
        )
    if done.rowcount == 0:
        raise NotFound(f"no user {user_id}", field="user")


def user_by_token_hash(db: Database, token_hash: str) -> User | None:
    row = first_row(db, select(users).where(users.c.api_token_hash == token_hash))
    return None if row is None else _user(row)


def insert_assignment(
    conn: Connection, *, consultation_id: int, user_id: int, scope: str, value: str
) -> Assignment:
    """Assign a user to an article, theme or group in the caller's transaction.

    An existing identical assignment is a ``Conflict`` (the transaction is then unusable).
    """
    values = {
        "consultation_id": consultation_id,
        "user_id": user_id,
        "scope": scope,
        "value": value,
        "created_at": now(),
    }
    taken = Conflict(f"already assigned: {scope} {value}", field="value")
    new_id = insert_new(conn, assignments, values, taken)
    return Assignment(new_id, consultation_id, user_id, scope, value)


def delete_assignment(db: Database, assignment_id: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(delete(assignments).where(assignments.c.id == assignment_id))


def list_assignments(
    db: Database, *, consultation_id: int, user_id: int | None = None
) -> list[Assignment]:
    query = select(assignments).where(assignments.c.consultation_id == consultation_id)
    if user_id is not None:
        query = query.where(assignments.c.user_id == user_id)
    with db.engine.connect() as conn:
        rows = conn.execute(query.order_by(assignments.c.id)).all()
    return [Assignment(r.id, r.consultation_id, r.user_id, r.scope, r.value) for r in rows]
