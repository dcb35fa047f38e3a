from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from talqy.sessions.agenda import add_agenda_item
from talqy.sessions.foresight import create_programme, create_task, promote_task
from talqy.sessions.meetings import create_session
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.sessions.conftest import Draft

SCRIPT = "<script>alert(1)</script>"
KAZAKH = {
    "Sessions": "Отырыстар",
    "Agenda": "Күн тәртібі",
    "Science foresight": "Ғылыми форсайт",
    "Funding by year": "Жылдар бойынша қаржыландыру",
}


def _fill(db: Database, draft: Draft) -> int:
    made = create_session(
        db,
        kind="commission",
        held_on="2025-09-02",
        consultation=draft.slug,
        titles={"title_kk": SCRIPT, "title_ru": "Заседание", "title_en": "Meeting"},
        broadcast_url="https://video.example.kz/s1?a=1&b=2",
    )
    add_agenda_item(
        db,
        session_id=made.id,
        article_number="5",
        broadcast_seconds=3725,
        titles={"title_kk": SCRIPT},
    )
    add_agenda_item(db, session_id=made.id, group_id=draft.group_ids[0])
    create_programme(db, key="p", titles={"title_kk": SCRIPT, "title_ru": "П", "title_en": "P"})
    task = create_task(
        db,
        programme="p",
        external_id="T-1",
        values={"title_kk": SCRIPT, "sector": "energy", "priority": 1},
    )
    promote_task(
        db,
        task_id=task.id,
        external_id="A-1",
        funding={2025: 2_500_000_000},
        values={
            "organisation": "Институт",
            "start": "2025-01-01",
            "end": "2026-12-31",
            "status": "active",
        },
    )
    return made.id


def text_of(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pages_render_in_each_language_and_escape_titles(
    settings: Settings, db: Database, draft: Draft, lang: str
) -> None:
    sid = _fill(db, draft)
    with TestClient(create_app(settings)) as client:
        pages = {
            url: client.get(f"{url}?lang={lang}")
            for url in ("/c/c26/sessions", f"/sessions/{sid}", "/foresight", "/foresight/sessions")
        }
    for url, page in pages.items():
        assert page.status_code == 200, url
        assert SCRIPT not in page.text and "javascript:" not in page.text.lower()
    session = pages[f"/sessions/{sid}"].text
    assert 'href="/c/c26/articles/5"' in session
    assert f'href="/c/c26/groups/{draft.group_ids[0]}"' in session
    assert 'href="https://video.example.kz/s1?a=1&amp;b=2#t=3725"' in session
    assert 'rel="noopener noreferrer"' in session and "1:02:05" in session
    if lang == "kk":
        assert "&lt;script&gt;" in session and "&lt;script&gt;" in pages["/c/c26/sessions"].text
    dashboard = pages["/foresight"].text
    assert dashboard.count("<svg") == 5 and "2.5" in dashboard
    if lang == "kk":
        visible = text_of(session) + text_of(dashboard)
        for english, kazakh in KAZAKH.items():
            assert kazakh in visible
            assert english not in visible
        assert "Article" not in visible and "commission" not in visible


def test_json_endpoints(settings: Settings, db: Database, draft: Draft) -> None:
    sid = _fill(db, draft)
    with TestClient(create_app(settings)) as client:
        about = client.get("/api/v1/consultations/c26/articles/5/sessions").json()
        group = client.get(f"/api/v1/consultations/c26/groups/{draft.group_ids[0]}/sessions")
        summary = client.get("/api/v1/foresight/summary?programme=p&priority=1&year=2025")
        tasks = client.get("/api/v1/foresight/tasks?programme=p").json()
        missing = client.get("/api/v1/consultations/nope/articles/5/sessions")
        bad = client.get("/api/v1/foresight/summary?year=soon")
        detail = client.get(f"/api/v1/sessions/{sid}").json()
    assert about[0]["agenda_item"]["article_url"] == "/c/c26/articles/5"
    assert about[0]["agenda_item"]["broadcast_link"].endswith("#t=3725")
    assert group.json()[0]["session"]["id"] == sid
    assert summary.json()["funding"] == {
        "currency": "KZT",
        "total": 2_500_000_000,
        "by_year": {"2025": 2_500_000_000},
    }
    assert tasks[0]["title_kk"] == SCRIPT
    assert missing.status_code == 404 and bad.status_code == 400
    assert [a["position"] for a in detail["agenda"]] == [1, 2]


def test_empty_dashboard(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/foresight?lang=ru")
        summary = client.get("/api/v1/foresight/summary").json()
    assert page.status_code == 200 and "Программы форсайта пока нет." in page.text
    assert summary["tasks"] == 0 and summary["funding"]["total"] == 0


def test_foresight_lists_and_filters_tasks_and_assignments(
    settings: Settings, db: Database, draft: Draft
) -> None:
    _fill(db, draft)
    create_task(
        db,
        programme="p",
        external_id="T-2",
        values={
            "title_kk": "Су тапшылығы",
            "sector": "water",
            "priority": 2,
            "region": "turkistan",
        },
    )
    with TestClient(create_app(settings)) as client:
        every = text_of(client.get("/foresight?lang=kk").text)
        water = text_of(client.get("/foresight?lang=kk&sector=water").text)
        active = text_of(client.get("/foresight?lang=ru&status=active").text)
        done = text_of(client.get("/foresight?lang=ru&status=completed").text)
    assert "T-1" in every and "T-2" in every and "A-1" in every
    assert "Су тапшылығы" in every and "Түркістан облысы" in every and "Институт" in every
    assert "T-2" in water and "T-1" not in water and "A-1" not in water
    assert "A-1" in active and "Выполняется" in active and "2025-01-01 – 2026-12-31" in active
    assert "A-1" not in done and "По этим фильтрам ничего не найдено." in done
