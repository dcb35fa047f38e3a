"""The web server runs queued jobs itself: one worker thread started in the lifespan.

Off with ``TALQY_JOBS_BACKGROUND=false`` (jobs then wait for ``talqy jobs run``). Jobs a
previous server left running are marked failed at start-up; stopping the server asks the
running job to stop, and it ends as failed ("server stopped") with nothing of its run stored.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping

from talqy.demo.build import FOLLOW_UP, finish_demo
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.job_worker import FollowUp, JobWorker


def follow_ups() -> dict[str, FollowUp]:
    """What a job may ask to be done after its run: the demo's sample decisions."""
    return {FOLLOW_UP: finish_demo}


@contextlib.asynccontextmanager
async def job_worker(
    db: Database, settings: Settings, after: Mapping[str, FollowUp]
) -> AsyncIterator[None]:
    """Run the job thread for the lifetime of the app (when ``TALQY_JOBS_BACKGROUND``)."""
    if not settings.jobs_background:
        yield
        return
    worker = JobWorker(db, settings, after)
    await asyncio.to_thread(worker.start)
    try:
        yield
    finally:
        await asyncio.to_thread(worker.stop)
