"""Server-side staff sessions: revoked on sign-out and password change, idle and absolute limits."""

from __future__ import annotations

from sqlalchemy import func, select

from talqy.review.accounts import change_password, create_user
from talqy.review.staff_sessions import (
    RETAIN_S,
    SessionRules,
    active_session_user,
    open_staff_session,
    revoke_staff_session,
    staff_sessions,
)
from talqy.storage.database import Database

RULES = SessionRules(lifetime_s=12 * 3600, idle_s=30 * 60)
START = 1_900_000_000


def test_sign_out_and_password_change_revoke(db: Database) -> None:
    user = create_user(db, username="anna", role="reviewer", password="long enough pw")
    one = open_staff_session(db, user_id=user.id, now=START)
    two = open_staff_session(db, user_id=user.id, now=START)
    assert active_session_user(db, token=one, rules=RULES, now=START + 5) == user.id
    revoke_staff_session(db, token=one)
    assert active_session_user(db, token=one, rules=RULES, now=START + 6) is None
    assert active_session_user(db, token=two, rules=RULES, now=START + 6) == user.id
    change_password(db, username="anna", password="another long pw")
    assert active_session_user(db, token=two, rules=RULES, now=START + 7) is None
    assert active_session_user(db, token="never-issued", rules=RULES) is None


def test_idle_timeout_and_lifetime(db: Database) -> None:
    user = create_user(db, username="bek", role="secretariat", password="long enough pw")
    token = open_staff_session(db, user_id=user.id, now=START)
    moment = START
    for _ in range(30):  # used every 25 minutes: stays alive until the 12-hour lifetime
        moment += 25 * 60
        expected = user.id if moment - START <= RULES.lifetime_s else None
        assert active_session_user(db, token=token, rules=RULES, now=moment) == expected
    idle = open_staff_session(db, user_id=user.id, now=START)
    assert active_session_user(db, token=idle, rules=RULES, now=START + 31 * 60) is None
    assert active_session_user(db, token=idle, rules=RULES, now=START + 31 * 60 + 1) is None


def test_old_records_are_deleted_on_sign_in(db: Database) -> None:
    user = create_user(db, username="dana", role="commission", password="long enough pw")
    old = open_staff_session(db, user_id=user.id, now=START)
    open_staff_session(db, user_id=user.id, now=START + RETAIN_S + 1)
    with db.engine.connect() as conn:
        left = conn.execute(select(func.count()).select_from(staff_sessions)).scalar_one()
    assert left == 1
    assert active_session_user(db, token=old, rules=RULES, now=START + 1) is None
