from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from talqy.demo import demo_paths
from talqy.intake.drafts import import_draft
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import open_database
from talqy.web.app import create_app


def test_side_by_side_changes_in_kazakh(settings: Settings, tmp_path: Path) -> None:
    db = open_database(settings.database_url)
    create_consultation(db, slug="d", title="Draft")
    import_draft(db, consultation="d", path=demo_paths()["kk"], version="1", language="kk")
    with TestClient(create_app(settings)) as client:
        single = client.get("/c/d/changes?lang=kk")
    assert single.status_code == 200 and "бір ғана нұсқасы" in single.text
    hostile = tmp_path / "v2.md"
    hostile.write_text(
        demo_paths()["kk-v2"]
        .read_text(encoding="utf-8")
        .replace("Тілдер", "Тілдер <script>alert(1)</script>", 1),
        encoding="utf-8",
    )
    import_draft(db, consultation="d", path=hostile, version="2", language="kk")
    db.engine.dispose()
    with TestClient(create_app(settings)) as client:
        page = client.get("/c/d/changes?lang=kk")
    assert page.status_code == 200
    assert "Жоба нұсқалары арасындағы өзгерістер" in page.text
    assert "<ins>" in page.text and "<del>" in page.text
    assert "Өзгертілді" in page.text and "Қосылды" in page.text
    assert "<script>alert(1)</script>" not in page.text
