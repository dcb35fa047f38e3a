"""`talqy demo` while serving: the quick steps now, the systematization as a queued job whose
follow-up makes the sample decisions and commission sessions."""

from __future__ import annotations

from talqy.demo.build import DEMO_SLUG, build_demo
from talqy.review.tables import decisions, users
from talqy.sessions.tables import sessions
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.job_worker import run_next
from talqy.systematization.jobs import list_jobs
from talqy.systematization.tables import runs
from talqy.web.job_task import follow_ups
from tests.systematization.test_runner import count


def test_background_demo_queues_the_run_and_decides_when_it_ends(
    db: Database, settings: Settings
) -> None:
    summary = build_demo(db, settings=settings, proposals=200, embedder="hashing", background=True)
    assert any("queued as job" in line for line in summary.lines())
    assert count(db, runs) == 0 and count(db, decisions) == 0 and count(db, users) == 4
    (job,) = list_jobs(db, consultation=DEMO_SLUG)
    assert job.status == "queued" and job.follow_up == "demo"
    assert job.options == {"embedder": "hashing", "seed": 0}
    again = build_demo(db, settings=settings, proposals=200, embedder="hashing", background=True)
    assert any("already in progress" in line for line in again.lines())
    assert len(list_jobs(db, consultation=DEMO_SLUG)) == 1

    done = run_next(db, settings, follow_ups=follow_ups())
    assert done is not None and done.status == "done", done
    assert done.result is not None and done.result["follow_up"] == "demo"
    assert count(db, runs) == 1 and count(db, decisions) > 0 and count(db, sessions) >= 70


def test_demo_without_serving_does_everything_in_the_foreground(
    db: Database, database_url: str
) -> None:
    from typer.testing import CliRunner

    from talqy.cli.app import app

    args = ["demo", "--no-serve", "--proposals", "120", "--embedder", "hashing"]
    result = CliRunner().invoke(app, args, env={"TALQY_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    assert count(db, runs) == 1 and count(db, decisions) > 0
    assert list_jobs(db, consultation=DEMO_SLUG) == []
