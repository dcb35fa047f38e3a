"""Read-only queries over one systematization run: the run itself, its duplicate groups,
campaigns and themes, as the public report shows them.

Only public fields leave this module: the redacted display copy of a representative proposal,
never the original text or an author field. Every query has a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from talqy.intake.tables import proposals
from talqy.storage.clock import as_utc
from talqy.storage.database import Database
from talqy.systematization.tables import analyses, runs, themes

UNFINISHED_RUN_STATES = ("running", "failed")


@dataclass(frozen=True)
class RunRow:
    id: int
    embedder: str
    model_version: str
    seed: int
    proposals: int
    finished_at: datetime | None


@dataclass(frozen=True)
class ClusterRow:
    """A duplicate group or a campaign of one run: its size and representative display text."""

    key: str
    size: int
    representative_id: int | None
    text: str


@dataclass(frozen=True)
class ThemeRow:
    key: str
    size: int
    labels: dict[str, str]
    keywords: tuple[str, ...]


def latest_finished_run(db: Database, consultation_id: int) -> RunRow | None:
    """The systematization run that finished last (``finished_at`` set, not failed)."""
    query = (
        select(runs)
        .where(
            runs.c.consultation_id == consultation_id,
            runs.c.finished_at.is_not(None),
            runs.c.status.not_in(UNFINISHED_RUN_STATES),
        )
        .order_by(runs.c.finished_at.desc(), runs.c.id.desc())
        .limit(1)
    )
    with db.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return RunRow(
        row.id, row.embedder, row.model_version, row.seed, row.proposals, as_utc(row.finished_at)
    )


def _clusters(db: Database, key: Any, run_id: int, min_size: int) -> list[ClusterRow]:
    size = func.count().label("size")
    first_original = func.min(case((analyses.c.duplicate_of.is_(None), analyses.c.proposal_id)))
    representative = func.coalesce(first_original, func.min(analyses.c.proposal_id))
    counted = (
        select(key.label("key"), size, representative.label("rep"))
        .where(analyses.c.run_id == run_id, key.is_not(None))
        .group_by(key)
        .having(func.count() >= min_size)
        .subquery()
    )
    query = (
        select(counted.c.key, counted.c.size, counted.c.rep, proposals.c.text_display)
        .outerjoin(proposals, proposals.c.id == counted.c.rep)
        .order_by(counted.c.size.desc(), counted.c.key)
    )
    with db.engine.connect() as conn:
        return [
            ClusterRow(str(r.key), int(r.size), r.rep, r.text_display or "")
            for r in conn.execute(query)
        ]


def duplicate_groups(db: Database, *, run_id: int) -> list[ClusterRow]:
    """Duplicate groups of the run with two or more proposals, largest first."""
    return _clusters(db, analyses.c.duplicate_group, run_id, 2)


def campaigns(db: Database, *, run_id: int) -> list[ClusterRow]:
    """Organised campaigns found by the run, largest first."""
    return _clusters(db, analyses.c.campaign_key, run_id, 1)


def run_themes(db: Database, *, run_id: int) -> list[ThemeRow]:
    query = (
        select(themes).where(themes.c.run_id == run_id).order_by(themes.c.size.desc(), themes.c.key)
    )
    with db.engine.connect() as conn:
        return [
            ThemeRow(
                r.key,
                int(r.size),
                {"kk": r.label_kk, "ru": r.label_ru, "en": r.label_en},
                tuple(str(word) for word in r.keywords or ()),
            )
            for r in conn.execute(query)
        ]
