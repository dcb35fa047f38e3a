from __future__ import annotations

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.errors import Conflict
from talqy.intake.submission import submit_proposal
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.jobs import list_jobs, queue_job, request_cancel
from talqy.systematization.run_queries import count_analyses, latest_run
from talqy.systematization.tables import runs
from tests.conftest import CONSTITUTION
from tests.systematization.test_runner import count

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
    [job] = list_jobs(db, consultation="k")  # the foreground run held the job slot
    assert job.status == "done" and job.requested_by == "cli" and job.run_id == run.id


def test_foreground_systematize_is_refused_while_a_job_is_in_progress(
    db: Database, settings: Settings, database_url: str
) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    runner.invoke(app, ["consultation", "create", "k", "--title", "K"], env=env)
    for text in TEXTS:
        submit_proposal(db, settings=settings, consultation="k", text=text)
    job = queue_job(db, consultation="k", requested_by="secretariat")
    args = ["consultation", "systematize", "k", "--embedder", "hashing"]
    busy = runner.invoke(app, args, env=env)
    assert busy.exit_code == 1 and isinstance(busy.exception, Conflict)
    assert f"already has a systematization in progress (job {job.id}" in str(busy.exception)
    assert count(db, runs) == 0
    request_cancel(db, job.id)
    assert runner.invoke(app, args, env=env).exit_code == 0


def test_systematize_unknown_consultation_fails(database_url: str) -> None:
    result = runner.invoke(
        app, ["consultation", "systematize", "nope"], env={"TALQY_DATABASE_URL": database_url}
    )
    assert result.exit_code != 0
