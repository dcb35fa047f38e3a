"""Run queued jobs: one worker thread in the web server takes them one at a time.

While a job runs, its stage and share done are written at most once a second (and at every new
stage), with a sign of life every few seconds from a small heartbeat thread. A cancel request
or the server stopping is noticed at the next progress report: the run then ends as
``cancelled`` (or ``failed``) and nothing of it is stored, since results are written in one
transaction after the last stage. A job may name a ``follow_up`` (``demo``: the demo's sample
decisions), called with the database, the settings and the job once the run is stored and
before the job is done. :func:`run_in_foreground` runs a systematization in the caller's
process (the CLI) as a job of its own, holding the consultation's slot the same way.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from talqy.errors import TalqyError
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.jobs import (
    Job,
    JobStatus,
    claim_next,
    end_job,
    fail_orphans,
    finish_job,
    get_job,
    record_progress,
    touch_job,
)
from talqy.systematization.runner import (
    Progress,
    RunCancelled,
    RunSummary,
    systematize_consultation,
)

log = logging.getLogger("talqy.jobs")
FollowUp = Callable[[Database, Settings, Job], None]
# Share of a typical run (e5 embedder) each stage takes, in percent, in the order they come.
STAGE_WEIGHTS = (
    ("language", 5),
    ("embed", 55),
    ("duplicates", 5),
    ("campaigns", 3),
    ("themes", 12),
    ("articles", 10),
    ("stance", 5),
    ("positions", 3),
    ("write", 2),
)
# English message ids of the stages' kk/ru/en labels (catalogue ``jobs.po``).
STAGE_LABELS = {
    "language": "Detecting languages",
    "embed": "Computing vectors",
    "duplicates": "Finding duplicates",
    "campaigns": "Finding campaigns",
    "themes": "Finding themes",
    "articles": "Linking articles",
    "stance": "Reading stance",
    "positions": "Forming positions",
    "write": "Saving results",
    "follow_up": "Preparing sample decisions",
    "done": "Done",
}
REPORT_EVERY = 1.0
STOPPED = "server stopped"
RESTARTED = "server restarted"


def overall_percent(stage: str, done: int, total: int) -> int | None:
    """The whole run's share done at ``done`` of ``total`` in ``stage`` (None: unknown stage)."""
    before = 0
    for name, weight in STAGE_WEIGHTS:
        if name == stage:
            share = min(1.0, done / total) if total > 0 else 1.0
            return min(99, int(before + weight * share))
        before += weight
    return None


class JobProgress:
    """The progress callback of one job: throttled writes, cancel and stop checks."""

    def __init__(
        self,
        db: Database,
        job: Job,
        *,
        stop: threading.Event | None = None,
        hook: Progress | None = None,
    ) -> None:
        self.db, self.job, self.stop, self.hook = db, job, stop, hook
        self.stage = ""
        self.percent = 0
        self.written = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hook is not None:
            self.hook(stage, done, total)
        if self.stop is not None and self.stop.is_set():
            raise RunCancelled(STOPPED)
        self.percent = max(self.percent, overall_percent(stage, done, total) or 0)
        moment = time.monotonic()
        if stage == self.stage and moment - self.written < REPORT_EVERY:
            return
        self.stage, self.written = stage, moment
        wanted = record_progress(
            self.db, self.job.id, stage=stage, done=done, total=total, percent=self.percent
        )
        if wanted:
            raise RunCancelled("cancelled")


class Heartbeat:
    """A thread that tells the database every ``every`` seconds that the job still runs."""

    def __init__(self, db: Database, job_id: int, every: float) -> None:
        self.db, self.job_id, self.every = db, job_id, every
        self.run_id: int | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="talqy-job-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def started(self, run_id: int) -> None:
        self.run_id = run_id
        touch_job(self.db, self.job_id, run_id=run_id)

    def _beat(self) -> None:
        while not self._done.wait(self.every):
            try:
                touch_job(self.db, self.job_id)
            except Exception as exc:  # a missed beat must not end the job
                log.warning("job %s heartbeat failed: %s", self.job_id, type(exc).__name__)


def _result(summary: RunSummary) -> dict[str, Any]:
    return {
        "run_id": summary.run_id,
        "proposals": summary.proposals,
        "new_groups": summary.new_groups,
        "new_members": summary.new_members,
        "positions": summary.positions,
        "themes": summary.themes,
        "campaigns": summary.campaigns,
        "duplicate_groups": summary.duplicate_groups,
        "vectors_computed": summary.vectors_computed,
        "placed_after": summary.placed_after,
    }


def heartbeat_seconds(settings: Settings) -> float:
    stale = settings.jobs_stale_seconds
    return min(5.0, stale / 4) if stale > 0 else 5.0


def _systematize(
    db: Database, settings: Settings, job: Job, progress: JobProgress, beat: Heartbeat
) -> RunSummary:
    return systematize_consultation(
        db,
        settings=settings,
        consultation=job.consultation,
        embedder=job.options.get("embedder"),
        seed=int(job.options.get("seed") or 0),
        progress=progress,
        on_run=beat.started,
    )


@contextlib.contextmanager
def _ending(db: Database, job_id: int, beat: Heartbeat) -> Iterator[None]:
    """End the job as ``cancelled`` or ``failed`` when the block raises, then raise again."""
    try:
        yield
    except RunCancelled as exc:
        status = JobStatus.CANCELLED if exc.reason == "cancelled" else JobStatus.FAILED
        end_job(db, job_id, status=status, error=exc.reason, run_id=beat.run_id)
        raise
    except TalqyError as exc:
        end_job(db, job_id, status=JobStatus.FAILED, error=str(exc), run_id=beat.run_id)
        raise
    except BaseException as exc:  # an interrupted foreground run too: the slot is freed
        if isinstance(exc, Exception):
            log.exception("job %s failed", job_id)
        reason = type(exc).__name__
        end_job(db, job_id, status=JobStatus.FAILED, error=reason, run_id=beat.run_id)
        raise


def run_job(
    db: Database,
    settings: Settings,
    job: Job,
    *,
    stop: threading.Event | None = None,
    hook: Progress | None = None,
    follow_ups: Mapping[str, FollowUp] | None = None,
) -> Job:
    """Run a claimed (running) job to its end; returns the job as it ended."""
    after = (follow_ups or {}).get(job.follow_up) if job.follow_up else None
    if job.follow_up and after is None:
        unknown = f"unknown follow-up {job.follow_up!r}"
        return end_job(db, job.id, status=JobStatus.FAILED, error=unknown)
    progress = JobProgress(db, job, stop=stop, hook=hook)
    try:
        with Heartbeat(db, job.id, heartbeat_seconds(settings)) as beat, _ending(db, job.id, beat):
            summary = _systematize(db, settings, job, progress, beat)
            result = _result(summary)
            if after is not None:
                record_progress(db, job.id, stage="follow_up", done=0, total=1, percent=99)
                after(db, settings, job)
                result["follow_up"] = job.follow_up
    except Exception:  # ended by ``_ending``
        return get_job(db, job.id)
    return finish_job(db, job.id, run_id=summary.run_id, result=result)


def run_in_foreground(
    db: Database, settings: Settings, job: Job, *, progress: Progress | None = None
) -> tuple[Job, RunSummary]:
    """Run ``job``, queued ``claimed`` by this process (the CLI), here and now: it holds the
    consultation's slot while it runs, reports progress, can be cancelled and ends like any
    job; an error (``RunCancelled`` included) is raised once the job is ended."""
    with Heartbeat(db, job.id, heartbeat_seconds(settings)) as beat, _ending(db, job.id, beat):
        summary = _systematize(db, settings, job, JobProgress(db, job, hook=progress), beat)
    return finish_job(db, job.id, run_id=summary.run_id, result=_result(summary)), summary


def run_next(
    db: Database,
    settings: Settings,
    *,
    stop: threading.Event | None = None,
    hook: Progress | None = None,
    follow_ups: Mapping[str, FollowUp] | None = None,
) -> Job | None:
    """Mark failed the jobs of dead servers, then run the oldest queued job (None: none)."""
    if settings.jobs_stale_seconds > 0:
        fail_orphans(db, reason=RESTARTED, stale_seconds=settings.jobs_stale_seconds)
    job = claim_next(db)
    if job is None:
        return None
    return run_job(db, settings, job, stop=stop, hook=hook, follow_ups=follow_ups)


class JobWorker:
    """The web server's job thread: looks for a queued job every ``TALQY_JOBS_POLL_INTERVAL``
    seconds and runs it; ``stop`` asks a running job to end at its next progress report."""

    def __init__(
        self, db: Database, settings: Settings, follow_ups: Mapping[str, FollowUp]
    ) -> None:
        self.db, self.settings, self.follow_ups = db, settings, follow_ups
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="talqy-jobs", daemon=True)

    def start(self) -> None:
        """Mark failed the jobs a previous server left running, then start the thread."""
        stale = self.settings.jobs_stale_seconds
        fail_orphans(self.db, reason=RESTARTED, stale_seconds=stale)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                job = run_next(self.db, self.settings, stop=self._stop, follow_ups=self.follow_ups)
            except Exception as exc:  # one failing pass must not end the worker
                log.error("job pass failed: %s", type(exc).__name__)
                job = None
            if job is None:
                self._stop.wait(self.settings.jobs_poll_interval)
