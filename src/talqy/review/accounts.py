"""Staff accounts: argon2 password hashes, API tokens (stored hashed), actors per consultation."""

from __future__ import annotations

import hashlib
import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from talqy.errors import Forbidden, InvalidInput, NotFound
from talqy.review.permissions import STAFF_ROLES, Actor, Role
from talqy.review.staff_sessions import revoke_user_sessions
from talqy.review.user_queries import (
    User,
    find_user,
    get_credentials,
    get_user,
    insert_user,
    list_assignments,
    set_password_hash,
    set_token_hash,
    user_by_token_hash,
)
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
MIN_PASSWORD = 10
TOKEN_PREFIX = "tq_"
_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the username is unknown, so a miss costs as long as a wrong password."""
    return _HASHER.hash("talqy-dummy-password")


class NotAuthenticated(Forbidden):
    """No valid session or token: the caller must sign in first (HTTP 401)."""

    status_code = 401
    code = "unauthenticated"


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"password must have at least {MIN_PASSWORD} characters", field="password"
        )
    return _HASHER.hash(password)


def create_user(
    db: Database, *, username: str, role: str, password: str, display_name: str | None = None
) -> User:
    """Create a staff (or public) account with an argon2 password hash."""
    if not USERNAME.match(username):
        raise InvalidInput(
            "username must be 2-63 lowercase letters, digits, dots, dashes or underscores",
            field="username",
        )
    if role not in {r.value for r in Role}:
        raise InvalidInput(f"unknown role {role!r}", field="role")
    return insert_user(
        db,
        username=username,
        display_name=(display_name or username).strip() or username,
        password_hash=hash_password(password),
        role=role,
    )


def change_password(db: Database, *, username: str, password: str) -> None:
    """Set a new password and sign every web session of the user out."""
    user = find_user(db, username)
    set_password_hash(db, user.id, hash_password(password))
    revoke_user_sessions(db, user_id=user.id)


def authenticate_password(db: Database, *, username: str, password: str) -> User:
    """The active user with this username and password; ``NotAuthenticated`` otherwise."""
    found = get_credentials(db, username)
    stored = found.password_hash if found else _dummy_hash()
    try:
        _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        found = None
    if found is None or not found.user.active:
        raise NotAuthenticated("wrong username or password")
    if _HASHER.check_needs_rehash(found.password_hash):
        set_password_hash(db, found.user.id, _HASHER.hash(password))
    return found.user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db: Database, *, username: str) -> str:
    """A new API token for ``username`` (replaces the previous one); shown once, stored hashed."""
    user = find_user(db, username)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    set_token_hash(db, user.id, _token_hash(token))
    return token


def revoke_token(db: Database, *, username: str) -> None:
    set_token_hash(db, find_user(db, username).id, None)


def authenticate_token(db: Database, *, token: str | None) -> User:
    """The active user holding ``token``; ``NotAuthenticated`` otherwise."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise NotAuthenticated("a valid API token is required (Authorization: Bearer …)")
    user = user_by_token_hash(db, _token_hash(token))
    if user is None or not user.active:
        raise NotAuthenticated("a valid API token is required (Authorization: Bearer …)")
    return user


def session_user(db: Database, user_id: int) -> User | None:
    """The active user behind a session, or None when it no longer exists or is disabled."""
    try:
        user = get_user(db, user_id)
    except NotFound:
        return None
    return user if user.active else None


def actor_for(db: Database, *, user: User, consultation: str) -> Actor:
    """``user`` as a staff actor in ``consultation``; ``Forbidden`` for non-staff roles."""
    role = Role(user.role)
    if role not in STAFF_ROLES:
        raise Forbidden("staff only", role=role.value)
    target = get_consultation(db, consultation)
    scopes = frozenset(
        (a.scope, a.value) for a in list_assignments(db, consultation_id=target.id, user_id=user.id)
    )
    return Actor(user.id, user.username, role, target.id, scopes)
