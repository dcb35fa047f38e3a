"""Server-side staff sessions: revoked on sign-out and password change, idle and absolute limits."""

from __future__ import annotations

from talqy.review.accounts import change_password, create_user
from talqy.review.staff_sessions import (
    SessionRules,
    active_session_user,
    open_staff_session,
    revoke_staff_session,
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
