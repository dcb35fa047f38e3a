from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from talqy.cli.app import app
from tests.sessions.test_imports import FORESIGHT_HEADER, foresight_rows, write_csv


def test_foresight_summary_json_on_an_empty_database(database_url: str) -> None:
    result = CliRunner().invoke(
        app, ["foresight", "summary", "--json"], env={"TALQY_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["tasks"] == 0 and data["funding"]["total"] == 0 and data["by_priority"] == []


def test_import_list_export_summary(database_url: str, tmp_path: Path) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    runner = CliRunner()
    sessions = write_csv(
        tmp_path / "s.csv",
        ["external_id", "kind", "date", "title_kk"],
        [
            ["fr-1", "foresight_regional", "2024-03-01", "Сессия"],
            ["fr-2", "foresight_regional", "нет", "Сессия"],
        ],
    )
    result = runner.invoke(app, ["sessions", "import", str(sessions)], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rejected"] == 1
    rejected = (tmp_path / "s.csv.rejects.csv").read_text(encoding="utf-8-sig")
    assert rejected.startswith('"row","field"')
    tasks = write_csv(tmp_path / "f.csv", FORESIGHT_HEADER, foresight_rows())
    result = runner.invoke(app, ["foresight", "import", str(tasks)], env=env)
    assert json.loads(result.stdout)["created"] == 3
    listed = json.loads(runner.invoke(app, ["sessions", "list", "--json"], env=env).stdout)
    assert [item["external_id"] for item in listed] == ["fr-1"]
    summary = json.loads(runner.invoke(app, ["foresight", "summary", "--json"], env=env).stdout)
    assert summary["funding"]["total"] == 3_500_000_000
    assert summary["by_priority"][0]["name_kk"] == "Ұлттық стратегиялық"
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["foresight", "export", str(out)], env=env)
    assert result.exit_code == 0 and out.stat().st_size > 0
    table = runner.invoke(app, ["foresight", "summary"], env=env)
    assert "National strategic" in table.stdout and "3,500,000,000" in table.stdout


def test_bad_input_is_one_error_line_without_traceback(tmp_path: Path) -> None:
    talqy = Path(sys.executable).with_name("talqy")
    env = {
        "TALQY_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}",
        "PATH": "/usr/bin:/bin",
        "COLUMNS": "200",
    }
    bad = write_csv(tmp_path / "b.csv", ["external_id"], [["x"]])
    for args in (
        ["sessions", "import", str(tmp_path / "missing.csv")],
        ["sessions", "import", str(bad)],
        ["foresight", "summary", "--programme", "nope"],
    ):
        done = subprocess.run([str(talqy), *args], capture_output=True, text=True, env=env)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "error:" in done.stderr
