"""Placing a proposal right after it is received, without making the sender wait.

The submission is answered first; placement runs afterwards as a FastAPI background task, with
the :class:`~talqy.systematization.placement.Placer` the application keeps for its whole life
(the embedder is loaded once per process, the run's vectors read once). A placement that fails
is logged and leaves the proposal unplaced; ``talqy proposals place`` places it later.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import BackgroundTasks, Request

from talqy.errors import TalqyError
from talqy.storage.database import Database
from talqy.systematization.placement import Placer

log = logging.getLogger("talqy.placement")


def place_quietly(db: Database, placer: Placer, consultation: str, ids: Sequence[int]) -> None:
    """Place ``ids``; log (never raise) when it cannot be done now."""
    try:
        summary = placer.place(db, consultation, ids)
    except TalqyError as exc:
        log.warning("placement of %s in %s skipped: %s", list(ids), consultation, exc.message)
        return
    except Exception as exc:  # a background task must not die silently
        log.error("placement of %s in %s failed: %s", list(ids), consultation, type(exc).__name__)
        return
    log.info("%s: %s", consultation, summary.message)


def schedule_placement(
    background: BackgroundTasks, request: Request, consultation: str, proposal_id: int
) -> None:
    """Place ``proposal_id`` once the answer has gone out (when placement is on)."""
    placer: Placer = request.app.state.placer
    if placer.settings.placement:
        background.add_task(
            place_quietly, request.app.state.db, placer, consultation, [proposal_id]
        )
