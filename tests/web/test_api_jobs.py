"""The jobs JSON API: list, start (409 while one is in progress), follow and cancel background
systematizations with a staff token; start and cancel need the secretariat or an admin."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from talqy.review.accounts import issue_token
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.job_worker import run_job, run_next
from talqy.systematization.jobs import claim_next, record_progress
from talqy.web.app import create_app
from tests.review.seed import World, build_world


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _bearer(db: Database, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(db, username=username)}"}


def test_start_follow_cancel_and_rerun(db: Database, settings: Settings, world: World) -> None:
    secretariat = _bearer(db, "secretariat")
    quiet = settings.model_copy(update={"jobs_background": False, "embedder": "hashing"})
    with TestClient(create_app(quiet)) as client:
        started = client.post("/api/v1/review/c1/jobs", headers=secretariat)
        assert started.status_code == 202, started.text
        job = started.json()
        assert job["status"] == "queued" and job["consultation"] == "c1"
        assert job["requested_by"] == "secretariat" and job["eta_seconds"] is None
        busy = client.post("/api/v1/review/c1/jobs", headers=secretariat)
        assert busy.status_code == 409 and busy.json()["error"] == "conflict"
        assert f"job {job['id']}, queued" in busy.json()["message"]
        cancelled = client.post(f"/api/v1/review/jobs/{job['id']}/cancel", headers=secretariat)
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        again = client.post(f"/api/v1/review/jobs/{job['id']}/cancel", headers=secretariat)
        assert again.status_code == 200 and again.json()["status"] == "cancelled"  # idempotent

        second = client.post("/api/v1/review/c1/jobs", headers=secretariat).json()
        running = claim_next(db)
        assert running is not None and running.id == second["id"]
        record_progress(db, running.id, stage="embed", done=1, total=2, percent=30)
        shown = client.get(f"/api/v1/review/jobs/{second['id']}", headers=secretariat).json()
        assert shown["status"] == "running" and shown["stage"] == "embed"
        assert shown["percent"] == 30 and isinstance(shown["eta_seconds"], int)
        stop = client.post(f"/api/v1/review/jobs/{second['id']}/cancel", headers=secretariat)
        assert stop.status_code == 200 and stop.json()["cancel_requested"] is True
        ended = run_job(db, quiet, running)  # stops at its first progress report
        assert ended.status == "cancelled" and not ended.active

        third = client.post("/api/v1/review/c1/jobs", headers=secretariat).json()
        done = run_next(db, quiet)
        assert done is not None and done.id == third["id"] and done.status == "done"
        shown = client.get(f"/api/v1/review/jobs/{third['id']}", headers=secretariat).json()
        assert shown["status"] == "done" and shown["percent"] == 100
        assert shown["result"]["run_id"] == shown["run_id"] and "placed_after" in shown["result"]
        late = client.post(f"/api/v1/review/jobs/{third['id']}/cancel", headers=secretariat)
        assert late.status_code == 409 and "already ended (done)" in late.json()["message"]
        listed = client.get("/api/v1/review/c1/jobs", headers=secretariat).json()
        assert [j["id"] for j in listed] == [third["id"], second["id"], job["id"]]
        assert [j["status"] for j in listed] == ["done", "cancelled", "cancelled"]
        one = client.get("/api/v1/review/c1/jobs?limit=1", headers=secretariat).json()
        assert [j["id"] for j in one] == [third["id"]]


def test_roles_tokens_and_missing_things(db: Database, settings: Settings, world: World) -> None:
    reviewer, admin = _bearer(db, "reviewer"), _bearer(db, "admin")
    quiet = settings.model_copy(update={"jobs_background": False})
    with TestClient(create_app(quiet)) as client:
        assert client.get("/api/v1/review/c1/jobs").status_code == 401
        assert client.post("/api/v1/review/c1/jobs").status_code == 401
        denied = client.post("/api/v1/review/c1/jobs", headers=reviewer)
        assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
        job = client.post("/api/v1/review/c1/jobs", headers=admin).json()
        assert client.get("/api/v1/review/c1/jobs", headers=reviewer).json()[0]["id"] == job["id"]
        assert client.get(f"/api/v1/review/jobs/{job['id']}", headers=reviewer).status_code == 200
        cancel = f"/api/v1/review/jobs/{job['id']}/cancel"
        assert client.post(cancel, headers=reviewer).status_code == 403
        assert client.get("/api/v1/review/nope/jobs", headers=admin).status_code == 404
        assert client.post("/api/v1/review/nope/jobs", headers=admin).status_code == 404
        assert client.get("/api/v1/review/jobs/999", headers=admin).status_code == 404
        assert client.post("/api/v1/review/jobs/999/cancel", headers=admin).status_code == 404
        assert client.get("/api/v1/review/jobs/abc", headers=admin).status_code == 400
        assert client.get("/api/v1/review/c1/jobs?limit=0", headers=admin).status_code == 400


def test_openapi_lists_the_jobs_routes_with_their_codes(settings: Settings, world: World) -> None:
    with TestClient(create_app(settings.model_copy(update={"jobs_background": False}))) as client:
        paths = client.get("/api/v1/openapi.json").json()["paths"]
    start = paths["/api/v1/review/{slug}/jobs"]["post"]["responses"]
    assert {"202", "401", "403", "404", "409"} <= set(start)
    assert {"200", "401", "403", "404"} <= set(
        paths["/api/v1/review/{slug}/jobs"]["get"]["responses"]
    )
    assert {"200", "401", "404"} <= set(paths["/api/v1/review/jobs/{job_id}"]["get"]["responses"])
    cancel = paths["/api/v1/review/jobs/{job_id}/cancel"]["post"]["responses"]
    assert {"200", "401", "403", "404", "409"} <= set(cancel)
