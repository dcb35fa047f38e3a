"""The web server sends the outbox itself: one small asyncio task started in the lifespan.

Each pass runs :func:`talqy.outbox.sender.send_pending` in a worker thread, then sleeps
``TALQY_OUTBOX_INTERVAL`` seconds. Off with ``TALQY_OUTBOX_BACKGROUND=false``, and idle when
neither ``TALQY_SMTP_URL`` nor ``TALQY_SMS_URL`` is set. Several server processes may run it at
once: claiming a message is a transaction, so each is sent by one of them only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from talqy.outbox.sender import send_pending
from talqy.settings import Settings
from talqy.storage.database import Database

log = logging.getLogger("talqy.outbox")


async def _loop(db: Database, settings: Settings) -> None:
    while True:
        try:
            await asyncio.to_thread(send_pending, db, settings=settings)
        except Exception as exc:  # a pass that fails must not stop the next ones
            log.error("outbox pass failed: %s", type(exc).__name__)
        await asyncio.sleep(settings.outbox_interval)


@contextlib.asynccontextmanager
async def outbox_worker(db: Database, settings: Settings) -> AsyncIterator[None]:
    """Run the background sender for the lifetime of the app (when it has something to do)."""
    wanted = settings.outbox_background and bool(settings.smtp_url or settings.sms_url)
    task = asyncio.create_task(_loop(db, settings)) if wanted else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
