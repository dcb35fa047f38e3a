from __future__ import annotations

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.intake.submission import submit_proposal
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.run_queries import count_analyses, latest_run
from tests.conftest import CONSTITUTION

runner = CliRunner()
TEXTS = [
    "33-бапқа өзгеріс енгізу керек.",
    "Предлагаю изменить статью 33.",
    "Article 7 should protect the state language.",
]


def test_consultation_systematize_records_a_run(
    db: Database, settings: Settings, database_url: str
) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    runner.invoke(app, ["consultation", "create", "k", "--title", "K"], env=env)
    runner.invoke(
        app, ["draft", "import", "k", str(CONSTITUTION / "kk-2026.md"), "--version", "1"], env=env
    )
    for text in TEXTS:
        submit_proposal(db, settings=settings, consultation="k", text=text)
    result = runner.invoke(
        app, ["consultation", "systematize", "k", "--embedder", "hashing"], env=env
    )
    assert result.exit_code == 0, result.output
    run = latest_run(db, "k")
    assert count_analyses(db, run.id) == 3
    assert run.embedder == "hashing" and run.params["random_state"] == 0


def test_systematize_unknown_consultation_fails(database_url: str) -> None:
    result = runner.invoke(
        app, ["consultation", "systematize", "nope"], env={"TALQY_DATABASE_URL": database_url}
    )
    assert result.exit_code != 0
