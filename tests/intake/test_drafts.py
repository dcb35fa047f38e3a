from __future__ import annotations

from pathlib import Path

import pytest

from talqy.errors import Conflict, NotFound, ParseError
from talqy.intake.drafts import import_draft
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.storage.documents import list_articles, list_documents, load_document
from tests.conftest import CONSTITUTION


def test_kk_and_ru_versions_are_stored_and_linked(db: Database) -> None:
    create_consultation(db, slug="c", title="Constitution")
    kk, parsed = import_draft(
        db, consultation="c", path=CONSTITUTION / "kk-2026.md", version="2026", language="kk"
    )
    ru, _ = import_draft(db, consultation="c", path=CONSTITUTION / "ru-2026.md", version="2026")
    assert (kk.articles, ru.articles) == (96, 96)
    assert ru.language == "ru"
    rows = list_articles(db, "c")
    assert len(rows) == 192
    by_key: dict[str, set[str]] = {}
    for row in rows:
        by_key.setdefault(row.key, set()).add(row.language)
    assert all(langs == {"kk", "ru"} for langs in by_key.values())
    assert load_document(db, "c", version="2026", language="kk").numbers() == parsed.numbers()


def test_same_version_twice_is_a_conflict_unless_replaced(db: Database) -> None:
    create_consultation(db, slug="c", title="C")
    path = CONSTITUTION / "kk-2026.md"
    import_draft(db, consultation="c", path=path, version="v1")
    with pytest.raises(Conflict, match="already stored"):
        import_draft(db, consultation="c", path=path, version="v1")
    import_draft(db, consultation="c", path=path, version="v1", replace=True)
    assert [d.articles for d in list_documents(db, "c")] == [96]


def test_bad_draft_stores_nothing(db: Database, tmp_path: Path) -> None:
    create_consultation(db, slug="c", title="C")
    junk = tmp_path / "junk.md"
    junk.write_text("Бұл жерде бап жоқ.\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"junk\.md"):
        import_draft(db, consultation="c", path=junk, version="v1")
    assert list_documents(db, "c") == []
    with pytest.raises(NotFound):
        import_draft(db, consultation="nope", path=CONSTITUTION / "kk-2026.md", version="v1")


def test_latest_version_per_language(db: Database) -> None:
    create_consultation(db, slug="c", title="C")
    import_draft(db, consultation="c", path=CONSTITUTION / "kk-1995-2022.md", version="1995")
    import_draft(db, consultation="c", path=CONSTITUTION / "ru-2026.md", version="1995-ru")
    import_draft(db, consultation="c", path=CONSTITUTION / "kk-2026.md", version="2026")
    assert {a.version for a in list_articles(db, "c", language="ru")} == {"1995-ru"}
    assert {a.version for a in list_articles(db, "c", language="kk")} == {"2026"}
    assert len(list_articles(db, "c", version="1995")) == 102
