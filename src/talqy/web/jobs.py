"""Staff pages of background jobs: start a systematization, follow it, cancel it.

The staff home shows each consultation's latest job (stage, share done, time left) and reloads
itself while one is active; the secretariat and administrators (``systematize`` permission)
get the start and cancel buttons. Every POST carries the session's CSRF token and redirects
back to the home (POST → 303 → GET).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from talqy.errors import Conflict
from talqy.i18n import gettext
from talqy.review.permissions import Action, authorize, role_may
from talqy.review.user_queries import User
from talqy.storage.database import Database
from talqy.systematization.job_worker import RESTARTED, STAGE_LABELS, STOPPED
from talqy.systematization.jobs import (
    JOB_STATUS_LABELS,
    Job,
    get_job,
    latest_jobs,
    queue_job,
    request_cancel,
)
from talqy.web.auth import StaffUser, staff_actor
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import DbDep, Id
from talqy.web.staff_request import StaffPost, redirect

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES = {
    "queued": "Systematization queued: it starts in a moment.",
    "busy": "A systematization of this consultation is already in progress.",
    "cancelling": "Cancel requested: the run stops at its next stage.",
    "ended": "This job has already ended.",
}
REASONS = {
    "cancelled": "cancelled by staff",
    RESTARTED: "the server restarted during the run; start it again",
    STOPPED: "the server stopped during the run; start it again",
}
RELOAD_SECONDS = 5


def _eta(lang: str, job: Job) -> str:
    seconds = job.eta_seconds()
    if seconds is None:
        return ""
    if seconds < 90:
        return gettext(lang, "about %(count)s s left", count=seconds)
    return gettext(lang, "about %(count)s min left", count=round(seconds / 60))


def _reason(lang: str, job: Job) -> str:
    if not job.error:
        return ""
    known = REASONS.get(job.error)
    return gettext(lang, known) if known else job.error


def home_jobs(request: Request, db: Database, user: User) -> dict[str, Any]:
    """What the staff home needs to show each consultation's job panel."""
    lang = getattr(request.state, "lang", "kk")
    jobs = latest_jobs(db)
    notice = NOTICES.get(request.query_params.get("job", ""))
    return {
        "jobs": jobs,
        "job_eta": {cid: _eta(lang, job) for cid, job in jobs.items()},
        "job_reason": {cid: _reason(lang, job) for cid, job in jobs.items()},
        "job_status_labels": JOB_STATUS_LABELS,
        "stage_labels": STAGE_LABELS,
        "may_systematize": role_may(user.role, Action.SYSTEMATIZE),
        "job_notice": notice,
        "reload_seconds": RELOAD_SECONDS if any(j.active for j in jobs.values()) else None,
    }


def _back(notice: str) -> Response:
    return redirect(f"/staff?job={notice}")


@router.post("/c/{slug}/jobs")
def start_job(staff: StaffPost) -> Response:
    """Queue a systematization of the consultation (the server's job worker runs it)."""
    authorize(staff.actor(), Action.SYSTEMATIZE)
    try:
        queue_job(staff.db, consultation=staff.slug, requested_by=staff.user.username)
    except Conflict:
        return _back("busy")
    return _back("queued")


@router.post("/jobs/{job_id}/cancel")
def cancel_job(
    job_id: Id, request: Request, db: DbDep, user: StaffUser, _csrf: CsrfChecked
) -> Response:
    job = get_job(db, job_id)
    authorize(staff_actor(request, user, job.consultation), Action.SYSTEMATIZE)
    try:
        request_cancel(db, job_id)
    except Conflict:
        return _back("ended")
    return _back("cancelling")
