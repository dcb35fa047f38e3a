"""What placement reads and writes: a run's stored results as an index, the proposals waiting
for a place, and one placement (analysis row, group membership, audit entry) per transaction.

Constraints decide, never "check then insert": a proposal's membership is the primary key of
``group_members``, so two placements of one proposal (or a placement and a full run) cannot
both put it in a group; the loser's transaction is rolled back, its new group with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, exists, func, select

from talqy.analysis.normalization import fold_for_hash
from talqy.intake.tables import proposals
from talqy.review.audit_queries import record_audit
from talqy.review.group_queries import add_member, insert_group
from talqy.review.tables import group_members, groups
from talqy.storage.database import Database
from talqy.storage.inserts import insert_ignoring_duplicates
from talqy.systematization.run_queries import (
    BATCH,
    ProposalForAnalysis,
    Run,
    proposal_for_analysis,
)
from talqy.systematization.tables import analyses, embeddings

PLACEMENT = "placement"


@dataclass
class RunIndex:
    """A run's analysed proposals in memory: ids, display texts, stored results, vectors."""

    run: Run
    ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    folded: dict[str, int] = field(default_factory=dict)  # fold_for_hash(text) -> first row
    at: dict[int, int] = field(default_factory=dict)  # proposal id -> row
    analysed: dict[int, str] = field(default_factory=dict)  # row -> detected text, as needed

    @property
    def vectors(self) -> np.ndarray:
        """One row per analysed proposal (a view: rows beyond are spare capacity)."""
        return self.matrix[: len(self.ids)]

    def append_vectors(self, block: np.ndarray, before: int) -> None:
        """Put ``block`` after the first ``before`` rows, growing the matrix by doubling (one
        proposal at a time must not copy every vector of the run)."""
        block = np.asarray(block, dtype=np.float32)
        end = before + len(block)
        if end > len(self.matrix) or self.matrix.shape[1] != block.shape[1]:
            grown = np.zeros((max(end, 2 * len(self.matrix)), block.shape[1]), np.float32)
            if before:
                grown[:before] = self.matrix[:before]
            self.matrix = grown
        self.matrix[before:end] = block

    @property
    def last_id(self) -> int:
        return max(self.ids) if self.ids else 0

    def add(self, pid: int, text: str, row: dict[str, Any], vector: np.ndarray) -> None:
        """Append one analysed proposal (ids stay ascending when ``pid`` is the largest)."""
        at = len(self.ids)
        self.append_vectors(np.asarray(vector, dtype=np.float32).reshape(1, -1), at)
        self.ids.append(pid)
        self.texts.append(text)
        self.rows.append(row)
        self.folded.setdefault(fold_for_hash(text), at)
        self.at[pid] = at

    def row_of(self, pid: int) -> int | None:
        return self.at.get(pid)


ROW_COLUMNS = (
    "language",
    "script",
    "duplicate_group",
    "duplicate_of",
    "campaign_key",
    "theme_key",
    "stance",
    "articles",
    "position_key",
)


def extend_index(db: Database, index: RunIndex, dim: int) -> int:
    """Read the run's analysed proposals after ``index.last_id`` into ``index``; returns how
    many were added (a proposal analysed without a stored vector gets a zero vector)."""
    query = (
        select(
            analyses,
            proposals.c.text_display,
            embeddings.c.vector,
        )
        .join(proposals, proposals.c.id == analyses.c.proposal_id)
        .outerjoin(
            embeddings,
            and_(
                embeddings.c.proposal_id == analyses.c.proposal_id,
                embeddings.c.model_version == index.run.model_version,
            ),
        )
        .where(analyses.c.run_id == index.run.id, analyses.c.proposal_id > index.last_id)
        .order_by(analyses.c.proposal_id)
    )
    ids, texts, rows, vectors = [], [], [], []
    with db.engine.connect() as conn:
        for row in conn.execution_options(yield_per=BATCH).execute(query):
            m = row._mapping
            ids.append(int(m["proposal_id"]))
            texts.append(str(m["text_display"]))
            rows.append({c: m[c] for c in ROW_COLUMNS})
            vec = m["vector"]
            vectors.append(
                np.frombuffer(vec, dtype=np.float32) if vec else np.zeros(dim, np.float32)
            )
    if not ids:
        return 0
    start = len(index.ids)
    index.append_vectors(np.stack(vectors), start)
    index.ids += ids
    index.texts += texts
    index.rows += rows
    for k, (pid, text) in enumerate(zip(ids, texts, strict=True)):
        index.folded.setdefault(fold_for_hash(text), start + k)
        index.at[pid] = start + k
    return len(ids)


def count_analysed(db: Database, run_id: int) -> int:
    with db.engine.connect() as conn:
        query = select(func.count()).where(analyses.c.run_id == run_id)
        return int(conn.execute(query).scalar_one())


def waiting_proposals(
    db: Database, *, consultation_id: int, run_id: int, ids: Sequence[int] | None = None
) -> list[tuple[ProposalForAnalysis, bool]]:
    """Proposals of the consultation in no group, or without an analysis row in ``run_id``
    (arrived while that run was computed); each with whether it is in a group already."""
    member = exists().where(group_members.c.proposal_id == proposals.c.id)
    analysed = exists().where(analyses.c.proposal_id == proposals.c.id, analyses.c.run_id == run_id)
    query = (
        select(proposals, member.label("grouped"))
        .where(proposals.c.consultation_id == consultation_id, ~member | ~analysed)
        .order_by(proposals.c.id)
    )
    if ids is not None:
        query = query.where(proposals.c.id.in_(list(ids)))
    with db.engine.connect() as conn:
        found = conn.execute(query).all()
    return [(proposal_for_analysis(r), bool(r.grouped)) for r in found]


def live_groups_of(db: Database, proposal_ids: Sequence[int]) -> dict[int, int]:
    """Group of each proposal that is in a group that was not merged away."""
    query = (
        select(group_members.c.proposal_id, group_members.c.group_id)
        .join(groups, groups.c.id == group_members.c.group_id)
        .where(group_members.c.proposal_id.in_(list(proposal_ids)), groups.c.merged_into.is_(None))
    )
    with db.engine.connect() as conn:
        return {int(r.proposal_id): int(r.group_id) for r in conn.execute(query)}


def members_of(db: Database, group_ids: Sequence[int], limit: int) -> dict[int, list[int]]:
    """Up to ``limit`` member ids per group (lowest ids first)."""
    query = (
        select(group_members.c.group_id, group_members.c.proposal_id)
        .where(group_members.c.group_id.in_(list(group_ids)))
        .order_by(group_members.c.group_id, group_members.c.proposal_id)
    )
    out: dict[int, list[int]] = {g: [] for g in group_ids}
    with db.engine.connect() as conn:
        for r in conn.execute(query):
            if len(out[int(r.group_id)]) < limit:
                out[int(r.group_id)].append(int(r.proposal_id))
    return out


@dataclass(frozen=True)
class Placement:
    """Where one proposal goes: an existing group (``group_id``) or a new one (None)."""

    proposal_id: int
    consultation_id: int
    analysis: dict[str, Any]  # the analyses row (without run and proposal ids)
    group_id: int | None
    evidence: dict[str, Any]  # rule, similarity, neighbour… (for the audit log)
    article: str | None = None
    article_source: str | None = None


class _Taken(Exception):
    """The proposal was grouped meanwhile (rolls this placement back)."""


def write_placement(db: Database, run: Run, placement: Placement, *, grouped: bool) -> int | None:
    """Store one placement in one transaction; returns its group, or None when the proposal
    was already in a group (then only its analysis row is written)."""
    pid = placement.proposal_id
    row = {**placement.analysis, "run_id": run.id, "proposal_id": pid}
    try:
        with db.engine.begin() as conn:
            conn.execute(insert_ignoring_duplicates(conn, analyses).values(**row))
            if grouped:
                return None
            group_id = placement.group_id or _new_group(conn, run, placement)
            if not add_member(
                conn, proposal_id=pid, group_id=group_id, origin=PLACEMENT, run_id=run.id
            ):
                raise _Taken
            record_audit(
                conn,
                consultation_id=placement.consultation_id,
                actor_id=None,
                actor_kind="machine",
                action="place_proposal",
                object_kind="group",
                object_id=group_id,
                details={
                    "proposal": pid,
                    "new_group": placement.group_id is None,
                    **placement.evidence,
                },
                run_id=run.id,
            )
            return group_id
    except _Taken:
        with db.engine.begin() as conn:  # keep the analysis row: the proposal is still analysed
            conn.execute(insert_ignoring_duplicates(conn, analyses).values(**row))
        return None


def _new_group(conn: Connection, run: Run, placement: Placement) -> int:
    made = insert_group(
        conn,
        consultation_id=placement.consultation_id,
        key=f"n-{placement.proposal_id}",
        run_id=run.id,
        representative_id=placement.proposal_id,
        article_number=placement.article,
        article_source=placement.article_source,
        theme_key=placement.analysis.get("theme_key"),
        campaign_key=None,
        state="new",
        origin=PLACEMENT,
    )
    if made is None:  # the key is taken: this proposal was placed by another writer
        raise _Taken
    return made
