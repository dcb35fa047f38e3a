"""JSON API of background systematizations (staff API token, like ``web/api_review.py``): list
a consultation's jobs, start one (409 while one is in progress), follow one (stage, share done,
seconds left, status, result) and cancel it. Starting and cancelling need the ``systematize``
permission (secretariat, administrators); any staff member with a token may read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from talqy.review.permissions import Action, authorize
from talqy.systematization.jobs import get_job, list_jobs, queue_job, request_cancel
from talqy.web.deps import Id
from talqy.web.staff_request import ApiStaff

router = APIRouter(prefix="/api/v1/review", tags=["jobs"])


@router.get("/{slug}/jobs")
def api_list_jobs(
    slug: str, staff: ApiStaff, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[dict[str, Any]]:
    """The consultation's jobs, newest first."""
    staff.actor(slug)
    return [job.to_dict() for job in list_jobs(staff.db, consultation=slug, limit=limit)]


@router.post("/{slug}/jobs", status_code=202)
def api_start_job(slug: str, staff: ApiStaff) -> dict[str, Any]:
    """Queue a systematization; the server's job worker runs it (409 while one is active)."""
    authorize(staff.actor(slug), Action.SYSTEMATIZE)
    return queue_job(staff.db, consultation=slug, requested_by=staff.user.username).to_dict()


@router.get("/jobs/{job_id}")
def api_job(job_id: Id, staff: ApiStaff) -> dict[str, Any]:
    """One job: status, stage, percent, ``eta_seconds`` while it runs, result or error."""
    job = get_job(staff.db, job_id)
    staff.actor(job.consultation)
    return job.to_dict()


@router.post("/jobs/{job_id}/cancel")
def api_cancel_job(job_id: Id, staff: ApiStaff) -> dict[str, Any]:
    """Cancel a queued job at once, or ask a running one to stop at its next stage (409 when
    it has already ended)."""
    job = get_job(staff.db, job_id)
    authorize(staff.actor(job.consultation), Action.SYSTEMATIZE)
    return request_cancel(staff.db, job_id).to_dict()
