"""A run's proposal vectors: read from the database when stored, else computed once (one
text per group of exact or near copies) and stored for every later run and placement."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from talqy.analysis.copies import NEAR_COPIES_FOR, copy_groups
from talqy.analysis.embedders import Embedder
from talqy.analysis.language import LanguageResult
from talqy.storage.database import Database
from talqy.systematization.run_queries import ProposalForAnalysis, cached_vectors, store_vectors

Progress = Callable[[str, int, int], None]

EMBED_STEP = 256  # a multiple of the embedders' batch size: the same batches, the same vectors


def _embed_in_steps(
    embedder: Embedder, texts: Sequence[str], progress: Progress | None
) -> np.ndarray:
    """Query vectors of ``texts``, reporting progress (and a chance to stop) every step."""
    if progress is None:
        return embedder.embed(texts, kind="query")
    blocks = []
    progress("embed", 0, len(texts))
    for start in range(0, len(texts), EMBED_STEP):
        blocks.append(embedder.embed(texts[start : start + EMBED_STEP], kind="query"))
        progress("embed", min(start + EMBED_STEP, len(texts)), len(texts))
    return np.vstack(blocks)


def proposal_vectors(
    db: Database,
    items: Sequence[ProposalForAnalysis],
    detected: Sequence[LanguageResult],
    embedder: Embedder,
    progress: Progress | None = None,
) -> tuple[np.ndarray, int]:
    """Every proposal's vector: cached ones read, missing ones computed (from the detected,
    normalised text) and stored. Exact and near copies share one vector: a copy of a stored
    proposal reuses its vector, and one text per new copy group is embedded; every proposal's
    vector is stored, so placing a later copy needs no model. Returns (vectors, texts embedded).
    """
    ids = [item.id for item in items]
    found = cached_vectors(db, ids, embedder.version)
    missing = [i for i, pid in enumerate(ids) if pid not in found]
    embedded = 0
    if missing:
        labels, reps = copy_groups(
            [r.text for r in detected], near=embedder.name in NEAR_COPIES_FOR
        )
        known = {int(labels[i]): found[pid] for i, pid in enumerate(ids) if pid in found}
        wanted = sorted({int(labels[i]) for i in missing} - set(known))
        if wanted:
            texts = [detected[int(reps[g])].text for g in wanted]
            computed = _embed_in_steps(embedder, texts, progress)
            known.update({g: computed[k] for k, g in enumerate(wanted)})
            embedded = len(wanted)
        vectors = np.stack([known[int(labels[i])] for i in missing])
        store_vectors(db, [ids[i] for i in missing], vectors, embedder.version)
        found.update({ids[i]: vectors[k] for k, i in enumerate(missing)})
    matrix = np.stack([found[pid] for pid in ids]) if ids else np.zeros((0, embedder.dim))
    return matrix.astype(np.float32), embedded
