"""The positions nearest to a group, for a reviewer deciding whether to merge them.

With stored vectors (``embeddings``, one per proposal and model version) a group is the mean of
its members' unit vectors, and groups are compared by cosine. The model version is the one most
of the group's members have. Without vectors the representative texts are compared as bags of
words (cosine of word counts). Only live groups the actor may see are offered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from math import sqrt
from typing import Any

import numpy as np
from sqlalchemy import func, select

from talqy.intake.tables import proposals
from talqy.review.events import load_authorized_group
from talqy.review.group_queries import GroupFilter, GroupRow, list_groups
from talqy.review.permissions import Action, Actor
from talqy.review.tables import group_members, groups
from talqy.storage.database import Database
from talqy.systematization.tables import embeddings

SHORTLIST = 50
_CACHE_SIZE = 4  # consultations whose group vectors stay in memory
_CACHE: dict[tuple[object, ...], dict[int, np.ndarray]] = {}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SimilarGroup:
    row: GroupRow
    score: float  # cosine, -1..1 (1: the same direction)
    basis: str  # "vectors" or "labels"


def _live(consultation_id: int) -> list[Any]:
    return [groups.c.consultation_id == consultation_id, groups.c.merged_into.is_(None)]


def _model_version(db: Database, group_id: int) -> str | None:
    query = (
        select(embeddings.c.model_version, func.count().label("n"))
        .join(group_members, group_members.c.proposal_id == embeddings.c.proposal_id)
        .where(group_members.c.group_id == group_id)
        .group_by(embeddings.c.model_version)
        .order_by(func.count().desc(), embeddings.c.model_version)
        .limit(1)
    )
    with db.engine.connect() as conn:
        found = conn.execute(query).first()
    return None if found is None else str(found[0])


def _fingerprint(db: Database, consultation_id: int, model: str) -> tuple[object, ...]:
    """Changes whenever a live group, a membership or a stored vector of ``model`` changes
    (every group change bumps its version; merges retire groups; runs add vectors)."""
    live = select(groups.c.id).where(*_live(consultation_id))
    shape = select(func.count(), func.sum(groups.c.version), func.max(groups.c.id)).where(
        *_live(consultation_id)
    )
    members = select(func.count()).where(group_members.c.group_id.in_(live))
    vectors = select(func.count()).where(
        embeddings.c.model_version == model,
        embeddings.c.proposal_id.in_(
            select(group_members.c.proposal_id).where(group_members.c.group_id.in_(live))
        ),
    )
    with db.engine.connect() as conn:
        return (
            db.url,
            consultation_id,
            model,
            *conn.execute(shape).one(),
            conn.execute(members).scalar(),
            conn.execute(vectors).scalar(),
        )


def _group_vectors(db: Database, consultation_id: int, model: str) -> dict[int, np.ndarray]:
    """The mean unit vector of every live group (kept while nothing it depends on changes)."""
    key = _fingerprint(db, consultation_id, model)
    found = _CACHE.get(key)
    if found is None:
        found = _compute_group_vectors(db, consultation_id, model)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)), None)  # the oldest entry
        _CACHE[key] = found
    return found


def _compute_group_vectors(db: Database, consultation_id: int, model: str) -> dict[int, np.ndarray]:
    query = (
        select(group_members.c.group_id, embeddings.c.vector)
        .join(embeddings, embeddings.c.proposal_id == group_members.c.proposal_id)
        .join(groups, groups.c.id == group_members.c.group_id)
        .where(embeddings.c.model_version == model, *_live(consultation_id))
    )
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return {}
    owners = np.array([row[0] for row in rows])
    blobs = [bytes(row[1]) for row in rows]
    width = {len(blob) for blob in blobs}
    if len(width) != 1:  # one model version has one width; anything else is not comparable
        return {}
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
    units = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    ids, index = np.unique(owners, return_inverse=True)
    sums = np.zeros((len(ids), units.shape[1]))
    np.add.at(sums, index, units)
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return {int(gid): sums[i] for i, gid in enumerate(ids)}


def _cosines(vectors: Mapping[int, np.ndarray], group_id: int) -> dict[int, float]:
    if group_id not in vectors:
        return {}
    mine = vectors[group_id]
    return {gid: float(mine @ vec) for gid, vec in vectors.items() if gid != group_id}


def _label_texts(db: Database, consultation_id: int) -> dict[int, Counter[str]]:
    query = (
        select(groups.c.id, proposals.c.text_display)
        .join(proposals, proposals.c.id == groups.c.representative_id)
        .where(*_live(consultation_id))
    )
    with db.engine.connect() as conn:
        return {gid: Counter(_WORD.findall(text.casefold())) for gid, text in conn.execute(query)}


def _word_cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(n * b[word] for word, n in a.items() if word in b)
    norms = sqrt(sum(n * n for n in a.values())) * sqrt(sum(n * n for n in b.values()))
    return dot / norms if norms else 0.0


def _label_cosines(db: Database, consultation_id: int, group_id: int) -> dict[int, float]:
    texts = _label_texts(db, consultation_id)
    mine = texts.get(group_id)
    if not mine:
        return {}
    scores = {gid: _word_cosine(mine, words) for gid, words in texts.items() if gid != group_id}
    return {gid: score for gid, score in scores.items() if score > 0}


def similar_groups(
    db: Database, *, actor: Actor, group_id: int, limit: int = 5
) -> list[SimilarGroup]:
    """The ``limit`` live groups nearest to ``group_id``, nearest first, with their score."""
    group = load_authorized_group(db, actor, group_id, Action.VIEW_GROUP)
    model = _model_version(db, group.id)
    scores: dict[int, float] = {}
    basis = "labels"
    if model is not None:
        scores = _cosines(_group_vectors(db, actor.consultation_id, model), group.id)
        basis = "vectors"
    if not scores:
        scores, basis = _label_cosines(db, actor.consultation_id, group.id), "labels"
    shortlist = sorted(scores, key=lambda gid: (-scores[gid], gid))[:SHORTLIST]
    if not shortlist:
        return []
    where = GroupFilter(scopes=actor.listing_scopes(), extra=(groups.c.id.in_(shortlist),))
    rows, _ = list_groups(db, consultation_id=actor.consultation_id, where=where, limit=SHORTLIST)
    ranked = sorted(rows, key=lambda row: (-scores[row.group.id], row.group.id))[:limit]
    return [SimilarGroup(row, round(scores[row.group.id], 3), basis) for row in ranked]
