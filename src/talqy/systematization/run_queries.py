"""Systematization runs: parameters, per-proposal results, themes, machine grouping, vectors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, insert, select, update

from talqy.errors import NotFound
from talqy.intake.tables import proposals
from talqy.review.tables import audit_log, group_members, groups
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database, found_row, from_row
from talqy.storage.inserts import insert_ignoring_duplicates
from talqy.systematization.tables import analyses, embeddings, positions, runs, themes

BATCH = 2_000


@dataclass(frozen=True)
class ProposalForAnalysis:
    id: int
    text: str
    language: str | None
    article: str | None
    submitted_at: datetime | None
    channel: str
    region: str | None
    author_key: str | None


@dataclass(frozen=True)
class Run:
    id: int
    consultation_id: int
    embedder: str
    model_version: str
    seed: int
    status: str
    proposals: int
    params: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None


def proposal_for_analysis(row: Any) -> ProposalForAnalysis:
    """What the analysis reads of a ``proposals`` row: its display copy, never the original."""
    return ProposalForAnalysis(
        row.id,
        row.text_display,
        row.language,
        row.article_number,
        as_utc(row.submitted_at),
        row.channel,
        row.region,
        row.author_iin_hash,
    )


def iter_proposals_for_analysis(
    db: Database, consultation_id: int
) -> Iterator[ProposalForAnalysis]:
    """Display copies (personal data redacted) of every proposal, in id order, streamed."""
    query = (
        select(
            proposals.c.id,
            proposals.c.text_display,
            proposals.c.language,
            proposals.c.article_number,
            proposals.c.submitted_at,
            proposals.c.channel,
            proposals.c.region,
            proposals.c.author_iin_hash,
        )
        .where(proposals.c.consultation_id == consultation_id)
        .order_by(proposals.c.id)
    )
    with db.engine.connect() as conn:
        for row in conn.execution_options(yield_per=BATCH).execute(query):
            yield proposal_for_analysis(row)


def cached_vectors(db: Database, ids: Sequence[int], model_version: str) -> dict[int, np.ndarray]:
    """Stored vectors of ``ids`` for ``model_version``."""
    found: dict[int, np.ndarray] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(ids), BATCH):
            chunk = list(ids[start : start + BATCH])
            query = select(embeddings.c.proposal_id, embeddings.c.vector).where(
                embeddings.c.model_version == model_version,
                embeddings.c.proposal_id.in_(chunk),
            )
            for row in conn.execute(query):
                found[row.proposal_id] = np.frombuffer(row.vector, dtype=np.float32)
    return found


def store_vectors(
    db: Database, ids: Sequence[int], vectors: np.ndarray, model_version: str
) -> None:
    rows = [
        {
            "proposal_id": pid,
            "model_version": model_version,
            "dim": int(vec.shape[0]),
            "vector": np.asarray(vec, dtype=np.float32).tobytes(),
        }
        for pid, vec in zip(ids, vectors, strict=True)
    ]
    with db.engine.begin() as conn:
        for start in range(0, len(rows), BATCH):
            # another writer (a placement) may store the same vector meanwhile: keep one
            conn.execute(insert_ignoring_duplicates(conn, embeddings), rows[start : start + BATCH])


def create_run(
    db: Database,
    *,
    consultation: str,
    params: dict[str, Any],
    embedder: str,
    model_version: str,
    seed: int,
) -> Run:
    parent = get_consultation(db, consultation)
    created = now()
    with db.engine.begin() as conn:
        inserted = conn.execute(
            insert(runs).values(
                consultation_id=parent.id,
                params=params,
                embedder=embedder,
                model_version=model_version,
                seed=seed,
                status="running",
                created_at=created,
            )
        ).inserted_primary_key
    assert inserted is not None
    return Run(
        int(inserted[0]),
        parent.id,
        embedder,
        model_version,
        seed,
        "running",
        0,
        params,
        created,
        None,
    )


def _group_of(conn: Connection, proposal_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(proposal_ids), BATCH):
        chunk = list(proposal_ids[start : start + BATCH])
        query = select(group_members.c.proposal_id, group_members.c.group_id).where(
            group_members.c.proposal_id.in_(chunk)
        )
        out.update({row.proposal_id: row.group_id for row in conn.execute(query)})
    return out


@dataclass(frozen=True)
class GroupPlan:
    """One machine review group of a run (a position): its key, members and what the machine
    found; ``campaign`` marks a position that holds a campaign (its members are marked in the
    run's per-proposal rows)."""

    key: str
    members: list[int]
    representative: int
    article: str | None
    theme: str | None
    campaign: str | None


def assign_groups(conn: Connection, run: Run, plans: Sequence[GroupPlan]) -> tuple[int, int]:
    """Put every proposal that has no group yet into one; returns (new groups, new members).

    A proposal already in a group (put there by an earlier run or by a person) stays there, so
    decisions carry over; a newcomer joins the group holding most of its position, or a new
    group when none of them has one.
    """
    existing = _group_of(conn, [m for plan in plans for m in plan.members])
    created_groups = added = 0
    for plan in plans:
        newcomers = [m for m in plan.members if m not in existing]
        if not newcomers:
            continue
        held = Counter(existing[m] for m in plan.members if m in existing)
        if held:
            group_id = held.most_common(1)[0][0]
        else:
            inserted = conn.execute(
                insert(groups).values(
                    consultation_id=run.consultation_id,
                    key=f"r{run.id}-{plan.key}",
                    run_id=run.id,
                    representative_id=plan.representative,
                    article_number=plan.article,
                    article_source="machine" if plan.article else None,
                    theme_key=plan.theme,
                    campaign_key=plan.campaign,
                    state="new",
                    version=1,
                    origin="machine",
                    created_at=run.created_at,
                )
            ).inserted_primary_key
            assert inserted is not None
            group_id = int(inserted[0])
            created_groups += 1
        conn.execute(  # a proposal placed on arrival meanwhile keeps its place
            insert_ignoring_duplicates(conn, group_members),
            [
                {"proposal_id": m, "group_id": group_id, "origin": "machine", "run_id": run.id}
                for m in newcomers
            ],
        )
        added += len(newcomers)
    return created_groups, added


def write_results(
    db: Database,
    run: Run,
    *,
    rows: Sequence[dict[str, Any]],
    theme_rows: Sequence[dict[str, Any]],
    plans: Sequence[GroupPlan],
    params: dict[str, Any] | None = None,
    position_rows: Sequence[dict[str, Any]] = (),
) -> tuple[int, int]:
    """Store a run's per-proposal rows, themes, positions and grouping in one transaction.

    ``params``: the run's parameters as finally resolved (replacing those it was created with).
    """
    with db.engine.begin() as conn:
        for start in range(0, len(rows), BATCH):
            conn.execute(
                insert(analyses), [{**r, "run_id": run.id} for r in rows[start : start + BATCH]]
            )
        if theme_rows:
            conn.execute(insert(themes), [{**t, "run_id": run.id} for t in theme_rows])
        for start in range(0, len(position_rows), BATCH):
            chunk = position_rows[start : start + BATCH]
            conn.execute(insert(positions), [{**p, "run_id": run.id} for p in chunk])
        new_groups, new_members = assign_groups(conn, run, plans)
        finished = now()
        conn.execute(
            update(runs)
            .where(runs.c.id == run.id)
            .values(
                status="finished",
                proposals=len(rows),
                finished_at=finished,
                params=run.params if params is None else params,
            )
        )
        conn.execute(
            insert(audit_log).values(
                at=finished,
                consultation_id=run.consultation_id,
                actor_kind="machine",
                run_id=run.id,
                action="systematize",
                object_kind="run",
                object_id=str(run.id),
                details={
                    "proposals": len(rows),
                    "themes": len(theme_rows),
                    "positions": len(position_rows),
                    "new_groups": new_groups,
                    "new_members": new_members,
                },
            )
        )
    return new_groups, new_members


def fail_run(db: Database, run: Run, reason: str, *, status: str = "failed") -> None:
    """End a run that wrote no results as ``failed`` (or ``cancelled``), with the reason."""
    with db.engine.begin() as conn:
        conn.execute(
            update(runs)
            .where(runs.c.id == run.id)
            .values(status=status, finished_at=now(), params={**run.params, "error": reason})
        )


def _run_from_row(row: Any) -> Run:
    created_at, finished_at = as_utc(row.created_at), as_utc(row.finished_at)
    return from_row(
        Run, row, params=dict(row.params), created_at=created_at, finished_at=finished_at
    )


def latest_run(db: Database, consultation: str) -> Run:
    """The latest finished run of a consultation; ``NotFound`` when there is none."""
    parent = get_consultation(db, consultation)
    query = (
        select(runs)
        .where(runs.c.consultation_id == parent.id, runs.c.status == "finished")
        .order_by(runs.c.id.desc())
        .limit(1)
    )
    row = found_row(
        db, query, NotFound(f"consultation {consultation!r} has not been systematized yet")
    )
    return _run_from_row(row)


def count_analyses(db: Database, run_id: int) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).where(analyses.c.run_id == run_id)).scalar_one()
        )
