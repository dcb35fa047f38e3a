from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from talqy.errors import InvalidInput, NotFound
from talqy.review.tables import audit_log
from talqy.sessions.agenda import add_agenda_item, sessions_for_article, sessions_for_group
from talqy.sessions.attendance import add_member, record_attendance
from talqy.sessions.meetings import (
    create_session,
    import_minutes,
    record_session_decision,
    update_session,
)
from talqy.sessions.session_queries import list_sessions
from talqy.sessions.tables import sessions
from talqy.sessions.views import session_detail
from talqy.storage.database import Database
from tests.sessions.conftest import Draft

TITLES = {"title_kk": "Комиссия отырысы №1", "title_ru": "Заседание №1", "title_en": "Meeting 1"}


def _session(db: Database, draft: Draft, **more: object) -> int:
    made = create_session(
        db,
        kind="commission",
        held_on="2025-09-02",
        titles=TITLES,
        consultation=draft.slug,
        broadcast_url="https://video.example.kz/s1",
        **more,  # type: ignore[arg-type]
    )
    return made.id


def test_agenda_links_to_article_and_group_pages_and_back(db: Database, draft: Draft) -> None:
    sid = _session(db, draft)
    add_agenda_item(db, session_id=sid, article_number="5", broadcast_seconds="1:02:05")
    add_agenda_item(
        db,
        session_id=sid,
        titles={"title_ru": "Группа"},
        group_id=draft.group_ids[1],
        broadcast_seconds=90,
    )
    about_article = sessions_for_article(db, draft.slug, "5")
    assert len(about_article) == 1
    item = about_article[0]["agenda_item"]
    assert item["article_url"] == "/c/c26/articles/5"
    assert item["timestamp"] == "1:02:05"
    assert item["broadcast_link"] == "https://video.example.kz/s1#t=3725"
    assert about_article[0]["session"]["url"] == f"/sessions/{sid}"
    about_group = sessions_for_group(db, draft.slug, draft.group_ids[1])
    assert [row["agenda_item"]["group_url"] for row in about_group] == [
        f"/c/c26/groups/{draft.group_ids[1]}"
    ]
    assert sessions_for_article(db, draft.slug, "2") == []
    assert sessions_for_group(db, draft.slug, draft.group_ids[0]) == []
    assert [a["position"] for a in session_detail(db, session_id=sid)["agenda"]] == [1, 2]


def test_agenda_refuses_articles_outside_the_draft_and_foreign_groups(
    db: Database, draft: Draft
) -> None:
    sid = _session(db, draft)
    with pytest.raises(InvalidInput, match="not in the draft"):
        add_agenda_item(db, session_id=sid, article_number="96")
    with pytest.raises(InvalidInput, match="no proposal group"):
        add_agenda_item(db, session_id=sid, group_id=999_999)
    with pytest.raises(InvalidInput, match="title or a link"):
        add_agenda_item(db, session_id=sid)
    assert session_detail(db, session_id=sid)["agenda"] == []


def test_javascript_broadcast_url_is_refused_and_nothing_written(
    db: Database, draft: Draft
) -> None:
    with pytest.raises(InvalidInput, match="http"):
        create_session(
            db,
            kind="commission",
            held_on=date(2025, 9, 2),
            titles=TITLES,
            consultation=draft.slug,
            broadcast_url="javascript:alert(1)",
        )
    sid = _session(db, draft, external_id="y")
    with pytest.raises(InvalidInput):
        update_session(db, session_id=sid, changes={"broadcast_url": "javascript:alert(1)"})
    assert [s.broadcast_url for s in list_sessions(db)] == ["https://video.example.kz/s1"]


def test_update_attendance_minutes_decision_and_audit(
    db: Database, draft: Draft, tmp_path: Path
) -> None:
    sid = _session(db, draft)
    changed = update_session(db, session_id=sid, changes={"place": "Астана", "online": True})
    assert changed.place == "Астана" and changed.online
    chair = add_member(db, name="Әлихан Сейітов", role="chair", consultation=draft.slug)
    other = add_member(db, name="Гүлнар Омарова", consultation=draft.slug, actor_id=None)
    assert add_member(db, name="Әлихан Сейітов", role="chair", consultation=draft.slug) == chair
    assert record_attendance(db, session_id=sid, marks={chair: "present", other: "remote"}) == 2
    record_attendance(db, session_id=sid, marks={other: "absent"})
    with pytest.raises(InvalidInput):
        record_attendance(db, session_id=sid, marks={chair: "asleep"})
    minutes = tmp_path / "minutes.md"
    minutes.write_text("# Хаттама\n\n1. 5-бап талқыланды.\n", encoding="utf-8")
    assert import_minutes(db, session_id=sid, path=minutes).minutes_source == "minutes.md"
    with pytest.raises(NotFound):
        import_minutes(db, session_id=sid, path=tmp_path / "missing.txt")
    record_session_decision(
        db, session_id=sid, texts={"text_kk": "Қабылданды"}, decision_id=draft.decision_id
    )
    detail = session_detail(db, session_id=sid)
    assert detail["attendance"] == {"present": 1, "absent": 1}
    assert detail["attendees"][0]["role"] == "chair"
    assert detail["decisions"][0]["review_decision_id"] == draft.decision_id
    assert "5-бап" in detail["minutes"]
    with db.engine.connect() as conn:
        query = select(audit_log.c.action, func.count()).group_by(audit_log.c.action)
        kinds = {str(action): int(n) for action, n in conn.execute(query)}
        actors = set(conn.execute(select(audit_log.c.actor_kind)).scalars())
    assert kinds["session.create"] == 1 and kinds["session.attendance"] == 2
    assert kinds["session.minutes"] == 1 and kinds["session.decision"] == 1
    assert actors == {"system"}


def test_duplicate_external_id_and_unknown_session(db: Database, draft: Draft) -> None:
    _session(db, draft, external_id="cs-1")
    with pytest.raises(InvalidInput, match="already exists"):
        _session(db, draft, external_id="cs-1")
    with pytest.raises(NotFound):
        add_agenda_item(db, session_id=999_999, titles={"title_kk": "x"})
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 1
