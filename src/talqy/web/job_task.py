"""The web server runs queued jobs itself: one worker thread started in the lifespan.

Off with ``TALQY_JOBS_BACKGROUND=false`` (jobs then wait for ``talqy jobs run``). Jobs a
previous server left running are marked failed at start-up; stopping the server asks the
running job to stop, and it ends as failed ("server stopped") with nothing of its run stored.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from talqy.demo.build import job_follow_ups
from talqy.settings import Settings
from talqy.systematization.job_worker import FollowUp, JobWorker


def follow_ups() -> dict[str, FollowUp]:
    """What a job may ask to be done after its run: the demo's sample decisions."""
    return dict(job_follow_ups())


@contextlib.asynccontextmanager
async def job_worker(state: Any) -> AsyncIterator[None]:
    """Run the job thread for the lifetime of the app (when ``TALQY_JOBS_BACKGROUND``).

    ``state`` is the app's state; one thread serves an app however often its lifespan is
    entered at once (test clients), and stops when the last of them ends.
    """
    settings: Settings = state.settings
    if not settings.jobs_background:
        yield
        return
    if getattr(state, "job_worker", None) is None:
        state.job_worker, state.job_worker_users = (
            JobWorker(state.db, settings, state.job_follow_ups),
            0,
        )
        await asyncio.to_thread(state.job_worker.start)
    state.job_worker_users += 1
    try:
        yield
    finally:
        state.job_worker_users -= 1
        if state.job_worker_users == 0:
            worker, state.job_worker = state.job_worker, None
            await asyncio.to_thread(worker.stop)
