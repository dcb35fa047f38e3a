"""Background jobs: a systematization asked for now and run by the web server's job worker.

A job is ``queued`` → ``running`` → ``done`` | ``failed`` | ``cancelled`` (a queued job may be
cancelled at once). At most one job per consultation is active (queued or running): the
database refuses a second one (unique consultation + ``active`` pair), which becomes
``Conflict``. A run started in the foreground (the CLI) is a job too, inserted ``running``:
it holds the same slot while it runs. The worker records the stage, the share done and a sign
of life while it runs; a job whose server stopped reporting is marked failed and can simply be
queued again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from talqy.errors import Conflict, NotFound
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.storage.tables import consultations
from talqy.systematization.tables import jobs

SYSTEMATIZE = "systematize"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
# English message ids of the kk/ru/en labels (catalogue ``jobs.po``).
JOB_STATUS_LABELS: dict[str, str] = {
    JobStatus.QUEUED: "Queued",
    JobStatus.RUNNING: "Running",
    JobStatus.DONE: "Finished",
    JobStatus.FAILED: "Failed",
    JobStatus.CANCELLED: "Cancelled",
}


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    consultation_id: int
    consultation: str
    status: str
    options: dict[str, Any]
    follow_up: str | None
    requested_by: str
    stage: str | None
    done: int
    total: int
    percent: int
    cancel_requested: bool
    run_id: int | None
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    updated_at: datetime | None
    finished_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def eta_seconds(self, at: datetime | None = None) -> int | None:
        """Seconds left, from the time spent so far and the share done (None: unknown yet)."""
        if self.status != JobStatus.RUNNING or self.started_at is None or self.percent < 1:
            return None
        spent = ((at or now()) - self.started_at).total_seconds()
        return max(0, round(spent * (100 - self.percent) / self.percent))

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("created_at", "started_at", "updated_at", "finished_at"):
            out[key] = out[key].isoformat() if out[key] else None
        out["eta_seconds"] = self.eta_seconds()
        return out


def _select() -> Select[Any]:
    return select(jobs, consultations.c.slug).join(
        consultations, consultations.c.id == jobs.c.consultation_id
    )


def _job(row: Any) -> Job:
    return Job(
        row.id,
        row.kind,
        row.consultation_id,
        row.slug,
        row.status,
        dict(row.options),
        row.follow_up,
        row.requested_by,
        row.stage,
        row.done,
        row.total,
        row.percent,
        bool(row.cancel_requested),
        row.run_id,
        dict(row.result) if row.result is not None else None,
        row.error,
        as_utc(row.created_at),  # type: ignore[arg-type]
        as_utc(row.started_at),
        as_utc(row.updated_at),
        as_utc(row.finished_at),
    )


def get_job(db: Database, job_id: int) -> Job:
    with db.engine.connect() as conn:
        row = conn.execute(_select().where(jobs.c.id == job_id)).first()
    if row is None:
        raise NotFound(f"no job {job_id}")
    return _job(row)


def list_jobs(db: Database, *, consultation: str | None = None, limit: int = 50) -> list[Job]:
    """The latest jobs first, of one consultation or of all."""
    query = _select().order_by(jobs.c.id.desc()).limit(limit)
    if consultation is not None:
        query = query.where(jobs.c.consultation_id == get_consultation(db, consultation).id)
    with db.engine.connect() as conn:
        return [_job(row) for row in conn.execute(query)]


def latest_jobs(db: Database) -> dict[int, Job]:
    """The latest job of every consultation that has one, by consultation id."""
    latest = select(func.max(jobs.c.id)).group_by(jobs.c.consultation_id).scalar_subquery()
    with db.engine.connect() as conn:
        rows = conn.execute(_select().where(jobs.c.id.in_(latest))).all()
    return {row.consultation_id: _job(row) for row in rows}


def queue_job(
    db: Database,
    *,
    consultation: str,
    requested_by: str,
    embedder: str | None = None,
    seed: int = 0,
    follow_up: str | None = None,
    claimed: bool = False,
) -> Job:
    """Queue a systematization of ``consultation``; ``Conflict`` while another is active.

    ``claimed``: the caller runs it at once itself (``talqy consultation systematize``); the
    job starts ``running``, so it holds the consultation's slot from the first moment and no
    worker claims it.
    """
    parent = get_consultation(db, consultation)
    at = now()
    values = {
        "kind": SYSTEMATIZE,
        "consultation_id": parent.id,
        "status": (JobStatus.RUNNING if claimed else JobStatus.QUEUED).value,
        "active": True,
        "options": {"embedder": embedder, "seed": seed},
        "follow_up": follow_up,
        "requested_by": requested_by[:64],
        "created_at": at,
    }
    if claimed:
        values.update(started_at=at, updated_at=at)
    try:
        with db.engine.begin() as conn:
            inserted = conn.execute(insert(jobs).values(**values)).inserted_primary_key
    except IntegrityError:
        running = [j for j in list_jobs(db, consultation=consultation, limit=5) if j.active]
        which = f" (job {running[0].id}, {running[0].status})" if running else ""
        raise Conflict(
            f"consultation {consultation!r} already has a systematization in progress{which}"
        ) from None
    assert inserted is not None
    return get_job(db, int(inserted[0]))


def _end(status: JobStatus, **values: Any) -> dict[str, Any]:
    at = now()
    return {"status": status.value, "active": None, "finished_at": at, "updated_at": at, **values}


def request_cancel(db: Database, job_id: int) -> Job:
    """Cancel a queued job at once; ask a running one to stop at its next stage boundary."""
    with db.engine.begin() as conn:
        ended = conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.status == JobStatus.QUEUED.value)
            .values(**_end(JobStatus.CANCELLED, error="cancelled"))
        ).rowcount
        if not ended:
            conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == JobStatus.RUNNING.value)
                .values(cancel_requested=True)
            )
    job = get_job(db, job_id)
    if not job.active and job.status != JobStatus.CANCELLED:
        raise Conflict(f"job {job_id} has already ended ({job.status})")
    return job


def claim_next(db: Database) -> Job | None:
    """Take the oldest queued job and mark it running (None when nothing is queued).

    The claim is one conditional update, so two workers never run the same job.
    """
    with db.engine.connect() as conn:
        ids = conn.execute(
            select(jobs.c.id).where(jobs.c.status == JobStatus.QUEUED.value).order_by(jobs.c.id)
        ).scalars()
        candidates = list(ids)
    for job_id in candidates:
        at = now()
        with db.engine.begin() as conn:
            claimed = conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == JobStatus.QUEUED.value)
                .values(status=JobStatus.RUNNING.value, started_at=at, updated_at=at)
            ).rowcount
        if claimed:
            return get_job(db, job_id)
    return None


def record_progress(
    db: Database, job_id: int, *, stage: str, done: int, total: int, percent: int
) -> bool:
    """Store where a running job is; returns whether someone asked it to stop."""
    with db.engine.begin() as conn:
        conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(stage=stage, done=done, total=total, percent=percent, updated_at=now())
        )
        wanted = conn.execute(select(jobs.c.cancel_requested).where(jobs.c.id == job_id))
        return bool(wanted.scalar_one())


def touch_job(db: Database, job_id: int, *, run_id: int | None = None) -> None:
    """A sign of life from the server running the job (and the run it has started)."""
    values: dict[str, Any] = {"updated_at": now()}
    if run_id is not None:
        values["run_id"] = run_id
    with db.engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))


def finish_job(db: Database, job_id: int, *, run_id: int, result: dict[str, Any]) -> Job:
    values = _end(JobStatus.DONE, run_id=run_id, result=result, percent=100, stage="done")
    with db.engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))
    return get_job(db, job_id)


def end_job(
    db: Database, job_id: int, *, status: JobStatus, error: str, run_id: int | None = None
) -> Job:
    """End a job as ``failed`` or ``cancelled`` with the reason."""
    values = _end(status, error=error[:2000])
    if run_id is not None:
        values["run_id"] = run_id
    with db.engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))
    return get_job(db, job_id)


def fail_orphans(db: Database, *, reason: str, stale_seconds: float) -> int:
    """Mark failed the running jobs whose server has not reported for ``stale_seconds``
    (every running job when 0); returns how many. They can be queued again."""
    query = update(jobs).where(jobs.c.status == JobStatus.RUNNING.value)
    if stale_seconds > 0:
        query = query.where(jobs.c.updated_at < now() - timedelta(seconds=stale_seconds))
    with db.engine.begin() as conn:
        return int(conn.execute(query.values(**_end(JobStatus.FAILED, error=reason))).rowcount)
