"""The register of published report editions, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.reports import export_report
from talqy.reports.editions import list_editions
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.storage.tables import consultations
from talqy.web.app import create_app
from tests.reports.dataset import EMAIL, IIN, NAME, PHONE, SLUG, seed

PERSONAL = (NAME, PHONE, EMAIL, IIN)


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _retitle(db: Database, title: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(consultations).where(consultations.c.slug == SLUG).values(title=title))


def test_each_distinct_build_is_one_edition_hashed_from_its_bytes(db: Database) -> None:
    seed(db)
    first = export_report(db, consultation=SLUG, fmt="json", language="ru", actor="cli")
    again = export_report(db, consultation=SLUG, fmt="json", language="ru", actor="web")
    assert again.content == first.content
    assert len(list_editions(db, consultation=SLUG)) == 1
    _retitle(db, "Reform, second reading")
    second = export_report(db, consultation=SLUG, fmt="json", language="ru", actor="web")
    editions = list_editions(db, consultation=SLUG)
    assert [e.sha256 for e in editions] == [
        hashlib.sha256(first.content).hexdigest(),
        hashlib.sha256(second.content).hexdigest(),
    ]
    assert [e.size for e in editions] == [len(first.content), len(second.content)]
    assert [e.actor for e in editions] == ["cli", "web"]
    assert editions[0].created_at <= editions[1].created_at
    figures = json.loads(second.content)
    assert editions[1].run_id == figures["run"]["id"] and editions[1].language == "ru"
    assert editions[1].summary["proposals"] == figures["intake"]["total"] == 12
    assert editions[1].summary["decisions"] == figures["decisions"]["total"]
    assert editions[1].filename == second.filename and editions[1].members == ()


def test_open_data_edition_hashes_every_member(db: Database) -> None:
    seed(db)
    made = export_report(db, consultation=SLUG, fmt="zip", language="kk")
    (edition,) = list_editions(db, consultation=SLUG)
    assert edition.format == "zip" and edition.sha256 == hashlib.sha256(made.content).hexdigest()
    with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
        expected = [
            {"name": i.filename, "size": i.file_size, "sha256": _sha(archive.read(i))}
            for i in archive.infolist()
        ]
    assert list(edition.members) == expected and len(expected) > 1


def test_cli_builds_and_lists_editions(db: Database, database_url: str, tmp_path: Path) -> None:
    seed(db)
    runner = CliRunner()
    env = {"TALQY_DATABASE_URL": database_url}
    built = runner.invoke(
        app, ["report", SLUG, "--format", "csv", "--out", str(tmp_path / "a")], env=env
    )
    assert built.exit_code == 0, built.output
    built = runner.invoke(
        app, ["report", "build", SLUG, "--format", "pdf", "--out", str(tmp_path / "b")], env=env
    )
    assert built.exit_code == 0, built.output
    listed = runner.invoke(app, ["report", "list", SLUG, "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert [r["format"] for r in rows] == ["csv", "pdf"] and {r["actor"] for r in rows} == {"cli"}
    for row, name in zip(rows, ("a", "b"), strict=True):
        assert row["sha256"] == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
    table = runner.invoke(app, ["report", "list", SLUG], env=env)
    assert table.exit_code == 0 and rows[0]["sha256"][:12] in table.output


def test_public_register_shows_hashes_only(db: Database, settings: Settings) -> None:
    seed(db)
    with TestClient(create_app(settings)) as client:
        assert "No edition" in client.get(f"/c/{SLUG}/report/editions?lang=en").text
        served = client.get(f"/c/{SLUG}/report.zip").content
        client.get(f"/c/{SLUG}/report.csv?lang=en")
        page = client.get(f"/c/{SLUG}/report/editions?lang=ru")
        listed = client.get(f"/api/v1/consultations/{SLUG}/report/editions").json()
        report_page = client.get(f"/c/{SLUG}/report?lang=kk").text
        assert client.get("/c/missing/report/editions").status_code == 404
    assert page.status_code == 200 and "Опубликованные редакции" in page.text
    assert hashlib.sha256(served).hexdigest() in page.text
    assert f"/c/{SLUG}/report/editions" in report_page
    assert [row["format"] for row in listed] == ["zip", "csv"]
    assert all("actor" not in row for row in listed)
    for text in (page.text, json.dumps(listed, ensure_ascii=False)):
        for secret in PERSONAL:
            assert secret not in text
