"""`talqy report` and the report pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.errors import InvalidInput
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.reports.dataset import SLUG, seed

TALQY = Path(sys.executable).with_name("talqy")


def test_cli_writes_every_format(db: Database, database_url: str, tmp_path: Path) -> None:
    seed(db)
    runner = CliRunner()
    env = {"TALQY_DATABASE_URL": database_url}
    for fmt in ("json", "csv", "zip", "html"):
        out = tmp_path / f"report.{fmt}"
        args = ["report", SLUG, "--format", fmt, "--out", str(out), "--language", "ru"]
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["intake"]["total"] == 12 and data["language"] == "ru"


def test_cli_empty_consultation_and_errors_without_traceback(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    create_consultation(db, slug="empty", title="Empty")
    env = dict(os.environ, TALQY_DATABASE_URL=database_url, NO_COLOR="1")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(TALQY), *args], capture_output=True, text=True, env=env)

    out = tmp_path / "empty.json"
    done = run("report", "empty", "--format", "json", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["intake"]["total"] == 0
    failed = run("report", "missing", "--out", str(tmp_path / "x"))
    assert failed.returncode == 1
    assert failed.stderr.startswith("error:") and "Traceback" not in failed.stderr
    refused = CliRunner().invoke(
        app, ["report", "empty", "--format", "docx"], env={"TALQY_DATABASE_URL": database_url}
    )
    assert isinstance(refused.exception, InvalidInput) and refused.exception.field == "format"


def test_report_page_and_downloads(db: Database, settings: Settings) -> None:
    seed(db)
    with TestClient(create_app(settings)) as client:
        page = client.get(f"/c/{SLUG}/report?lang=ru")
        assert page.status_code == 200 and "Таблица систематизации" in page.text
        assert f"/c/{SLUG}/report.pdf?lang=ru" in page.text
        data = client.get(f"/c/{SLUG}/report.json?lang=en").json()
        assert data["language"] == "en" and data["intake"]["total"] == 12
        csv_file = client.get(f"/c/{SLUG}/report.csv")
        assert csv_file.headers["content-type"].startswith("text/csv")
        assert csv_file.text.startswith('"group","article","theme"')
        zipped = client.get(f"/c/{SLUG}/report.zip")
        assert zipped.content.startswith(b"PK")
        assert client.get(f"/api/v1/consultations/{SLUG}/report?lang=kk").json()["language"] == "kk"
        assert client.get("/c/missing/report").status_code == 404
        assert client.get(f"/c/{SLUG}/report.docx").status_code == 400
