"""`talqy consultation systematize --background` and `talqy jobs list|show|cancel|run`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.intake.submission import submit_proposal
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.jobs import get_job, list_jobs
from talqy.systematization.run_queries import count_analyses, latest_run
from tests.cli.test_consultation_systematize import TEXTS
from tests.conftest import CONSTITUTION

runner = CliRunner()


def test_queue_list_show_cancel_and_run(
    db: Database, settings: Settings, database_url: str
) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    runner.invoke(app, ["consultation", "create", "k", "--title", "K"], env=env)
    runner.invoke(
        app, ["draft", "import", "k", str(CONSTITUTION / "kk-2026.md"), "--version", "1"], env=env
    )
    for text in TEXTS:
        submit_proposal(db, settings=settings, consultation="k", text=text)
    args = ["consultation", "systematize", "k", "--embedder", "hashing", "--background"]
    queued = runner.invoke(app, args, env=env)
    assert queued.exit_code == 0, queued.output
    job = json.loads(queued.stdout.splitlines()[0])
    assert job["status"] == "queued" and job["requested_by"] == "cli"
    assert job["options"] == {"embedder": "hashing", "seed": 0}
    busy = runner.invoke(app, args, env=env)
    assert busy.exit_code == 1 and "already has a systematization" in str(busy.exception)

    listed = runner.invoke(app, ["jobs", "list", "--json"], env=env)
    assert [j["id"] for j in json.loads(listed.stdout)] == [job["id"]]
    shown = json.loads(runner.invoke(app, ["jobs", "show", str(job["id"])], env=env).stdout)
    assert shown["consultation"] == "k" and shown["eta_seconds"] is None

    cancelled = runner.invoke(app, ["jobs", "cancel", str(job["id"])], env=env)
    assert cancelled.exit_code == 0 and get_job(db, job["id"]).status == "cancelled"
    assert runner.invoke(app, ["jobs", "show", "999"], env=env).exit_code == 1

    assert runner.invoke(app, args, env=env).exit_code == 0
    ran = runner.invoke(app, ["jobs", "run"], env=env)
    assert ran.exit_code == 0, ran.output
    latest = list_jobs(db, consultation="k")[0]
    assert latest.status == "done" and latest.run_id == latest_run(db, "k").id
    assert count_analyses(db, latest_run(db, "k").id) == 3
    table = runner.invoke(app, ["jobs", "list", "--consultation", "k"], env=env)
    assert "done" in table.stdout and "cancelled" in table.stdout
