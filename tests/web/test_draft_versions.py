"""Each language's draft page names the version it shows; a lagging language says so."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import insert

from talqy.review.outcomes import draft_articles
from talqy.settings import Settings
from talqy.storage.clock import now
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.storage.tables import articles, documents
from talqy.web.app import create_app
from tests.review.seed import seed_draft


def _kazakh_only(db: Database, consultation_id: int, version: str) -> None:
    with db.engine.begin() as conn:
        doc = conn.execute(insert(documents).values(
            consultation_id=consultation_id, version=version, language="kk",
            source_name="kk-v2.md", created_at=now(),
        )).inserted_primary_key  # fmt: skip
        assert doc is not None
        conn.execute(insert(articles).values(
            document_id=doc[0], position=0, number="1", section=None, title="Жаңа",
            text="Жаңа мәтін.", original="Жаңа мәтін.", points=[], notes=[], article_key="1",
        ))  # fmt: skip


def test_lagging_language_is_labelled(db: Database, settings: Settings) -> None:
    consultation = create_consultation(db, slug="c", title="C")
    seed_draft(db, consultation, version="v1")
    assert draft_articles(db, consultation="c", language="ru").lags is False
    _kazakh_only(db, consultation.id, "v2")
    kk = draft_articles(db, consultation="c", language="kk")
    ru = draft_articles(db, consultation="c", language="ru")
    assert (kk.version, kk.lags) == ("v2", False)
    assert (ru.version, ru.latest, ru.latest_language) == ("v1", "v2", "kk")
    with TestClient(create_app(settings)) as client:
        page = client.get("/c/c/articles?lang=ru").text
        assert "Версия проекта: v1" in page and "Более новая версия проекта (v2)" in page
        assert "Казахский" in page
        article = client.get("/c/c/articles/1?lang=kk").text
        assert "Жоба нұсқасы: v2" in article and 'id="version-lag"' not in article


def test_pages_show_the_title_in_the_readers_language(db: Database, settings: Settings) -> None:
    from talqy.consultations.lifecycle import create_consultation as create_with_texts

    titles = {"kk": "Ата Заң жобасы", "ru": "Проект Основного закона", "en": "Draft Basic Law"}
    made = create_with_texts(db, slug="t", title=titles["kk"], titles=titles)
    seed_draft(db, made.consultation, version="v1")
    with TestClient(create_app(settings)) as client:
        for lang, title in titles.items():
            for path in ("/", "/c/t/articles", "/c/t/propose"):
                page = client.get(f"{path}?lang={lang}").text
                assert title in page, (lang, path)
        assert titles["kk"] not in client.get("/c/t/articles?lang=ru").text
