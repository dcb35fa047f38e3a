"""JSON API of background systematizations (staff API token, like ``web/api_review.py``): list
a consultation's jobs, start one (409 while one is in progress), follow one (stage, share done,
seconds left, status, result) and cancel it. Starting and cancelling need the ``systematize``
permission (secretariat, administrators); any staff member with a token may read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from talqy.review.permissions import Action, authorize
from talqy.systematization.jobs import get_job, list_jobs, queue_job, request_cancel
from talqy.web.auth import TokenUser, staff_actor
from talqy.web.deps import DbDep, Id

router = APIRouter(prefix="/api/v1/review", tags=["jobs"])


@router.get("/{slug}/jobs")
def api_list_jobs(
    slug: str,
    request: Request,
    db: DbDep,
    user: TokenUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[dict[str, Any]]:
    """The consultation's jobs, newest first."""
    staff_actor(request, user, slug)
    return [job.to_dict() for job in list_jobs(db, consultation=slug, limit=limit)]


@router.post("/{slug}/jobs", status_code=202)
def api_start_job(slug: str, request: Request, db: DbDep, user: TokenUser) -> dict[str, Any]:
    """Queue a systematization; the server's job worker runs it (409 while one is active)."""
    authorize(staff_actor(request, user, slug), Action.SYSTEMATIZE)
    return queue_job(db, consultation=slug, requested_by=user.username).to_dict()


@router.get("/jobs/{job_id}")
def api_job(job_id: Id, request: Request, db: DbDep, user: TokenUser) -> dict[str, Any]:
    """One job: status, stage, percent, ``eta_seconds`` while it runs, result or error."""
    job = get_job(db, job_id)
    staff_actor(request, user, job.consultation)
    return job.to_dict()


@router.post("/jobs/{job_id}/cancel")
def api_cancel_job(job_id: Id, request: Request, db: DbDep, user: TokenUser) -> dict[str, Any]:
    """Cancel a queued job at once, or ask a running one to stop at its next stage (409 when
    it has already ended)."""
    job = get_job(db, job_id)
    authorize(staff_actor(request, user, job.consultation), Action.SYSTEMATIZE)
    return request_cancel(db, job_id).to_dict()
