"""`talqy proposals …` through Typer's runner and, for error output, a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.storage.database import Database
from tests.intake.samples import consultation, proposal_rows, write_csv

TALQY = str(Path(sys.executable).with_name("talqy"))
MAIN = "from talqy.cli.app import main; main()"


def invoke(database_url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"TALQY_DATABASE_URL": database_url})
    return result.exit_code, result.stdout


def test_import_list_export_status(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    rows = proposal_rows(4)
    rows[0]["text"] = '=HYPERLINK("http://x") 900101300126'
    rows[1]["text"] = ""
    source = write_csv(tmp_path / "in.csv", rows)
    code, output = invoke(
        database_url, "proposals", "import", slug, str(source), "--channel", "egov"
    )
    assert code == 0
    assert (
        output.strip()
        == f"imported 3, already present 0, rejected 1 → {tmp_path / 'in.csv.rejects.csv'}"
    )
    code, output = invoke(database_url, "proposals", "list", slug, "--json", "--limit", "2")
    items = json.loads(output)
    assert len(items) == 2 and items[0]["text"].endswith("[ЖСН]")
    assert set(items[0]) >= {
        "id",
        "channel",
        "external_id",
        "text",
        "article",
        "region",
        "submitted_at",
        "language",
        "created_at",
    }
    assert not {"name", "iin", "phone", "email", "author_name"} & set(items[0])
    code, output = invoke(database_url, "proposals", "export", slug, "--format", "csv")
    exported = list(csv.DictReader(io.StringIO(output)))
    assert len(exported) == 3 and exported[0]["text"].startswith("'=HYPERLINK")
    assert "900101300126" not in output and "Айгүл" not in output
    out = tmp_path / "out.jsonl"
    code, _ = invoke(
        database_url, "proposals", "export", slug, "--format", "jsonl", "--out", str(out)
    )
    assert code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 3
    code, output = invoke(database_url, "proposals", "scrub")
    assert code == 0 and output.strip() == "scrubbed again: 0 proposals changed"


def test_status_of_a_receipt(db: Database, database_url: str, settings: object) -> None:
    from talqy.intake import submit_proposal

    slug = consultation(db)
    sent = submit_proposal(db, settings=settings, consultation=slug, text="Ұсыныс")  # type: ignore[arg-type]
    code, output = invoke(
        database_url, "proposals", "status", sent.receipt_code, "--language", "ru"
    )
    assert code == 0 and output.strip() == f"{sent.receipt_code}: Получено ({slug})"
    code, output = invoke(database_url, "proposals", "status", sent.receipt_code, "--json")
    assert json.loads(output)["status"] == "received"


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    env = {"TALQY_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}", "PATH": "/usr/bin:/bin"}
    source = write_csv(tmp_path / "in.csv", proposal_rows(1))
    cases = [
        ["proposals", "import", "missing", str(source)],
        ["proposals", "status", "2345-6789-ABCD"],
        ["proposals", "import", "x", str(source), "--map", "text"],
    ]
    for args in cases:
        done = subprocess.run([TALQY, *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 1, (args, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.count("error:") == 1, done.stderr


def test_list_searches_and_shows_groups(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    source = write_csv(tmp_path / "in.csv", proposal_rows(4))
    assert (
        invoke(database_url, "proposals", "import", slug, str(source), "--channel", "egov")[0] == 0
    )
    code, output = invoke(database_url, "proposals", "list", slug, "--json", "--query", "PRIVACY")
    items = json.loads(output)
    assert code == 0 and [item["text"] for item in items] == [
        "Article 12 should protect privacy online. #2"
    ]
    assert items[0]["group"] is None
    code, output = invoke(database_url, "proposals", "list", slug, "--json", "--query", "мерзімді")
    assert code == 0 and [item["external_id"] for item in json.loads(output)] == ["P-0"]
    code, output = invoke(database_url, "proposals", "list", slug, "--query", "нет-такого")
    assert code == 0 and "P-" not in output
    env = {"TALQY_DATABASE_URL": database_url, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    args = [sys.executable, "-c", MAIN, "proposals", "list", slug, "--query", "?!"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1 and "no words" in done.stderr
    assert "Traceback" not in done.stderr
