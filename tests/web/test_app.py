from __future__ import annotations

from fastapi.testclient import TestClient

from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import open_database
from talqy.web.app import create_app


def client_for(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def test_healthz(settings: Settings) -> None:
    with client_for(settings) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_home_lists_consultations_in_kazakh_by_default(settings: Settings) -> None:
    db = open_database(settings.database_url)
    create_consultation(db, slug="c1", title="<script>alert(1)</script>")
    db.engine.dispose()
    with client_for(settings) as client:
        page = client.get("/")
    assert page.status_code == 200
    assert "Заң жобаларын қоғамдық талқылау" in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_language_by_accept_language_and_query(settings: Settings) -> None:
    with client_for(settings) as client:
        ru = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        en = client.get("/?lang=en")
    assert "Общественное обсуждение законопроектов" in ru.text
    assert "Public consultations on draft laws" in en.text
    assert en.cookies.get("lang") == "en"


def test_errors_render_as_json_or_html(settings: Settings) -> None:
    with client_for(settings) as client:
        as_json = client.get("/api/v1/consultations/nope")
        as_html = client.get("/c/nope", headers={"Accept": "text/html"})
        missing = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    assert as_json.json()["error"] == "not_found"
    assert as_html.status_code == 404
    assert "<html" in as_html.text and "Бет табылмады" in as_html.text
    assert "nope" not in as_html.text and "slug" not in as_html.text
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_error_pages_speak_the_visitors_language(settings: Settings) -> None:
    with client_for(settings) as client:
        kk = client.get("/c/nope", headers={"Accept-Language": "kk"})
        ru = client.get("/no/such/page?lang=ru")
        en = client.get("/no/such/page?lang=en")
    assert kk.status_code == 404 and '<html lang="kk">' in kk.text
    assert "Бет табылмады" in kk.text and "consultation" not in kk.text
    assert "Страница не найдена" in ru.text and "not found" not in ru.text
    assert "Page not found" in en.text
