"""The staff home's systematization panel: start and cancel by role, progress while a job runs,
and the app serving pages while its job worker runs a job."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.jobs import (
    Job,
    claim_next,
    get_job,
    list_jobs,
    queue_job,
    record_progress,
)
from talqy.web.app import create_app
from tests.review.seed import World, build_world
from tests.review.web_support import sign_in


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def signed_in(settings: Settings, username: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(settings.model_copy(update={"jobs_background": False})))
    return client, sign_in(client, username)


def post(client: TestClient, path: str, token: str) -> Response:
    return client.post(path, data={"csrf_token": token}, follow_redirects=False)


def test_secretariat_starts_and_cancels_reviewer_only_watches(
    world: World, settings: Settings
) -> None:
    secretariat, token = signed_in(settings, "secretariat")
    home = secretariat.get("/staff?lang=en").text
    assert "Run systematization" in home and "Cancel systematization" not in home
    started = post(secretariat, "/staff/c/c1/jobs", token)
    assert started.status_code == 303 and started.headers["location"] == "/staff?job=queued"
    home = secretariat.get("/staff?job=queued").text
    assert "Systematization queued" in home and "Queued" in home
    assert "Cancel systematization" in home and "Run systematization" not in home
    again = post(secretariat, "/staff/c/c1/jobs", token)
    assert again.headers["location"] == "/staff?job=busy"
    (job,) = list_jobs(world.db, consultation="c1")
    assert job.requested_by == "secretariat" and job.status == "queued"

    reviewer, reviewer_token = signed_in(settings, "reviewer")
    watched = reviewer.get("/staff?lang=en").text
    assert "Queued" in watched and "Cancel systematization" not in watched
    assert "Run systematization" not in watched
    refused = post(reviewer, f"/staff/jobs/{job.id}/cancel", reviewer_token)
    assert refused.status_code == 403 and get_job(world.db, job.id).status == "queued"
    commission, commission_token = signed_in(settings, "commission")
    assert post(commission, "/staff/c/c1/jobs", commission_token).status_code == 403

    cancelled = post(secretariat, f"/staff/jobs/{job.id}/cancel", token)
    assert cancelled.headers["location"] == "/staff?job=cancelling"
    assert get_job(world.db, job.id).status == "cancelled"
    ended = post(secretariat, f"/staff/jobs/{job.id}/cancel", token)
    assert ended.headers["location"] == "/staff?job=cancelling"  # cancelling twice is harmless
    assert "Run systematization" in secretariat.get("/staff").text


def test_progress_panel_shows_stage_percent_and_time_left(world: World, settings: Settings) -> None:
    admin, token = signed_in(settings, "admin")
    post(admin, "/staff/c/c1/jobs", token)
    job = claim_next(world.db)
    assert job is not None
    record_progress(world.db, job.id, stage="themes", done=3, total=3, percent=40)
    home = admin.get("/staff?lang=en").text
    assert "Running" in home and "Finding themes" in home and "40%" in home
    assert 'http-equiv="refresh"' in home and "left" in home
    assert '<progress max="100" value="40"' in home
    kazakh = admin.get("/staff?lang=kk").text
    assert "Тақырыптарды табу" in kazakh
    russian = admin.get("/staff?lang=ru").text
    assert "Поиск тем" in russian


def test_the_app_serves_while_its_worker_runs_a_job(world: World, settings: Settings) -> None:
    released = threading.Event()
    reached: list[Job] = []

    def wait_for_test(_db: Database, _settings: Settings, job: Job) -> None:
        reached.append(job)
        assert released.wait(120)

    app = create_app(
        settings.model_copy(
            update={"jobs_background": True, "jobs_poll_interval": 0.05, "embedder": "hashing"}
        )
    )
    app.state.job_follow_ups["wait"] = wait_for_test
    job = queue_job(world.db, consultation="c1", requested_by="demo", follow_up="wait")
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
        assert get_job(world.db, job.id).status in {"queued", "running"}
        deadline = time.monotonic() + 120
        while not reached and time.monotonic() < deadline:
            time.sleep(0.05)
        running = get_job(world.db, job.id)
        assert running.status == "running" and running.stage == "follow_up"
        assert client.get("/").status_code == 200  # served while the job runs
        sign_in(client, "secretariat")
        assert "Preparing sample decisions" in client.get("/staff?lang=en").text
        released.set()
        while get_job(world.db, job.id).active and time.monotonic() < deadline:
            time.sleep(0.05)
    done = get_job(world.db, job.id)
    assert done.status == "done" and done.result is not None
    assert done.result["follow_up"] == "wait"
