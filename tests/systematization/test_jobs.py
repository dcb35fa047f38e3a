"""Background systematization jobs on SQLite and PostgreSQL: one active job per consultation,
cancel half-way with nothing half-written, restart marks running jobs failed, follow-ups."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from talqy.errors import Conflict, InvalidInput
from talqy.intake.drafts import import_draft
from talqy.review.tables import group_members, groups
from talqy.settings import Settings
from talqy.storage.consultations import Consultation, create_consultation
from talqy.storage.database import Database
from talqy.systematization.job_worker import (
    RESTARTED,
    overall_percent,
    run_in_foreground,
    run_next,
)
from talqy.systematization.jobs import (
    Job,
    claim_next,
    get_job,
    list_jobs,
    queue_job,
    record_progress,
    request_cancel,
)
from talqy.systematization.runner import Progress, RunCancelled, RunSummary
from talqy.systematization.tables import analyses, positions, runs, themes
from talqy.web.app import create_app
from tests.conftest import CONSTITUTION
from tests.systematization.test_runner import TEXTS, add_proposals, count


@pytest.fixture
def consultation(db: Database) -> Consultation:
    parent = create_consultation(db, slug="c", title="C")
    import_draft(db, consultation="c", path=CONSTITUTION / "kk-2026.md", version="2026")
    add_proposals(db, parent.id, TEXTS)
    return parent


def test_one_active_job_per_consultation(db: Database, consultation: Consultation) -> None:
    first = queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    assert first.status == "queued" and first.active
    with pytest.raises(Conflict, match="already has a systematization in progress"):
        queue_job(db, consultation="c", requested_by="admin")
    other = create_consultation(db, slug="d", title="D")
    on_other = queue_job(db, consultation=other.slug, requested_by="admin")
    assert on_other.active
    claimed = claim_next(db)
    assert claimed is not None and claimed.id == first.id and claimed.status == "running"
    with pytest.raises(Conflict):  # running is active too
        queue_job(db, consultation="c", requested_by="admin")
    assert request_cancel(db, on_other.id).status == "cancelled"
    assert queue_job(db, consultation="d", requested_by="admin").active


def test_queued_job_cancels_at_once_and_frees_the_slot(
    db: Database, consultation: Consultation
) -> None:
    job = queue_job(db, consultation="c", requested_by="cli", embedder="hashing")
    assert request_cancel(db, job.id).status == "cancelled"
    assert claim_next(db) is None
    again = queue_job(db, consultation="c", requested_by="cli", embedder="hashing")
    assert again.id != job.id and again.status == "queued"


def test_job_runs_and_records_what_is_new(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queue_job(db, consultation="c", requested_by="cli", embedder="hashing")
    done = run_next(db, settings)
    assert done is not None and done.status == "done" and done.percent == 100
    assert done.result is not None and done.run_id == done.result["run_id"]
    assert done.result["new_groups"] > 0 and done.result["new_members"] == len(TEXTS)
    assert done.started_at is not None and done.finished_at is not None and not done.active
    queue_job(db, consultation="c", requested_by="cli", embedder="hashing")
    rerun = run_next(db, settings)
    assert rerun is not None and rerun.result is not None
    assert rerun.result["new_groups"] == 0 and rerun.result["new_members"] == 0
    assert run_next(db, settings) is None


def test_cancel_half_way_writes_nothing(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    job = queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    seen: list[str] = []

    def cancel_at_themes(stage: str, done: int, total: int) -> None:
        seen.append(stage)
        if stage == "themes":
            assert request_cancel(db, job.id).cancel_requested

    ended = run_next(db, settings, hook=cancel_at_themes)
    assert ended is not None and ended.id == job.id
    assert ended.status == "cancelled" and ended.error == "cancelled" and not ended.active
    assert "embed" in seen and "write" not in seen
    with db.engine.connect() as conn:
        run = conn.execute(select(runs).where(runs.c.id == ended.run_id)).one()
    assert run.status == "cancelled" and run.finished_at is not None
    for table in (analyses, themes, positions, groups, group_members):
        assert count(db, table) == 0, table.name
    queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    rerun = run_next(db, settings)
    assert rerun is not None and rerun.status == "done"
    assert count(db, analyses) == len(TEXTS) and count(db, group_members) == len(TEXTS)


def test_a_failing_follow_up_fails_the_job(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queue_job(db, consultation="c", requested_by="demo", embedder="hashing", follow_up="demo")
    called: list[Job] = []

    def follow_up(_db: Database, _settings: Settings, job: Job) -> None:
        called.append(job)
        raise RuntimeError("boom")

    ended = run_next(db, settings, follow_ups={"demo": follow_up})
    assert ended is not None and ended.status == "failed" and ended.error == "RuntimeError"
    assert called and called[0].id == ended.id


def test_restart_marks_running_jobs_failed_and_they_can_run_again(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    left = claim_next(db)  # a server took it and died
    assert left is not None
    record_progress(db, left.id, stage="embed", done=2, total=5, percent=20)
    restarted = settings.model_copy(update={"jobs_stale_seconds": 0.0, "jobs_poll_interval": 60.0})
    with TestClient(create_app(restarted)) as client:
        assert client.get("/").status_code == 200
        failed = get_job(db, left.id)
        assert failed.status == "failed" and failed.error == RESTARTED and not failed.active
    queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    rerun = run_next(db, settings)
    assert rerun is not None and rerun.status == "done"
    assert [j.status for j in list_jobs(db, consultation="c")] == ["done", "failed"]


def test_a_live_running_job_is_left_alone(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    running = claim_next(db)
    assert running is not None
    assert run_next(db, settings) is None  # reported a moment ago: not taken for dead
    assert get_job(db, running.id).status == "running"


def test_overall_percent_grows_through_the_stages() -> None:
    stages = ["language", "embed", "duplicates", "themes", "articles", "write"]
    shares = [overall_percent(stage, done, 10) for stage in stages for done in (0, 5, 10)]
    assert shares == sorted(shares) and shares[0] == 0 and max(s or 0 for s in shares) == 99
    assert overall_percent("unknown", 1, 2) is None


def test_an_unknown_follow_up_fails_before_the_run(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queue_job(db, consultation="c", requested_by="cli", embedder="hashing", follow_up="nope")
    ended = run_next(db, settings, follow_ups={})
    assert ended is not None and ended.status == "failed"
    assert ended.error == "unknown follow-up 'nope'" and count(db, runs) == 0


def _foreground(
    db: Database, settings: Settings, slug: str = "c", progress: Progress | None = None
) -> tuple[Job, RunSummary]:
    job = queue_job(db, consultation=slug, requested_by="cli", embedder="hashing", claimed=True)
    assert job.status == "running" and job.started_at is not None
    return run_in_foreground(db, settings, job, progress=progress)


def test_a_foreground_run_holds_the_slot_and_is_refused_while_a_job_runs(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    queued = queue_job(db, consultation="c", requested_by="secretariat", embedder="hashing")
    with pytest.raises(Conflict, match=f"in progress \\(job {queued.id}, queued\\)"):
        _foreground(db, settings)
    assert count(db, runs) == 0 and len(list_jobs(db)) == 1
    request_cancel(db, queued.id)
    refused: list[str] = []

    def start_in_background(stage: str, done: int, total: int) -> None:
        if stage == "themes" and not refused:
            with pytest.raises(Conflict, match="running") as caught:
                queue_job(db, consultation="c", requested_by="secretariat")
            refused.append(str(caught.value))
            assert claim_next(db) is None  # started running: never handed to a worker

    job, summary = _foreground(db, settings, progress=start_in_background)
    assert refused and job.status == "done" and job.requested_by == "cli" and not job.active
    assert job.run_id == summary.run_id and job.result is not None
    assert job.result["new_members"] == len(TEXTS)
    assert queue_job(db, consultation="c", requested_by="secretariat").active  # slot freed


def test_a_foreground_run_can_be_cancelled_and_its_errors_end_the_job(
    db: Database, settings: Settings, consultation: Consultation
) -> None:
    def cancel_at_themes(stage: str, done: int, total: int) -> None:
        if stage == "themes":
            [running] = [j for j in list_jobs(db) if j.active]
            request_cancel(db, running.id)

    with pytest.raises(RunCancelled):
        _foreground(db, settings, progress=cancel_at_themes)
    [cancelled] = list_jobs(db)
    assert cancelled.status == "cancelled" and not cancelled.active
    assert count(db, analyses) == 0 and count(db, group_members) == 0
    create_consultation(db, slug="empty", title="E")
    with pytest.raises(InvalidInput, match="no proposals"):
        _foreground(db, settings, "empty")
    failed = list_jobs(db, consultation="empty")[0]
    assert failed.status == "failed" and "no proposals" in (failed.error or "")
    assert not failed.active
