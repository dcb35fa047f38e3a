"""Each language's draft page says which version it shows; a banner when a language lags."""

from __future__ import annotations

from fastapi.testclient import TestClient

from talqy.documents.parser import parse_document
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.storage.documents import store_document
from talqy.web.app import create_app

KK_1 = "1-бап\n\nМемлекеттік тіл – қазақ тілі.\n\n27-бап\n\nАлқабилер соты.\n"
KK_2 = "1-бап\n\nМемлекеттік тіл – қазақ тілі.\n\n27-бап\n\nСот арқылы қорғау.\n"
RU_1 = "Статья 1\n\nГосударственный язык – казахский.\n\nСтатья 27\n\nСуд присяжных.\n"


def test_lagging_language_is_labelled(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="v", title="Жоба")
    for version, text, language in (("1", KK_1, "kk"), ("1", RU_1, "ru"), ("2", KK_2, "kk")):
        store_document(
            db,
            consultation="v",
            version=version,
            document=parse_document(text, language=language),
            source_name=f"{language}-{version}.md",
        )
    with TestClient(create_app(settings)) as client:
        kk = client.get("/c/v/articles/27?lang=kk").text
        ru = client.get("/c/v/articles/27?lang=ru").text
        ru_list = client.get("/c/v/articles?lang=ru").text
    assert "Сот арқылы қорғау" in kk and "Жобаның 2 нұсқасы." in kk
    assert 'id="version-lag"' not in kk
    assert "Суд присяжных" in ru and "Версия проекта: 1." in ru
    assert 'id="version-lag"' in ru and "последняя версия, 2," in ru
    assert 'href="?lang=kk"' in ru and 'id="version-lag"' in ru_list
