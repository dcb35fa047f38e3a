"""Steps by name: what ``"auto"``, ``"near"``, ``"hdbscan"``… mean, and embedding many texts.

:class:`~talqy.analysis.pipeline.Systematizer` takes step objects or these names; the choice of
a default by name and input size lives here so the pipeline stays glue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from talqy.analysis.dedup import (
    Deduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.embedders import Embedder
from talqy.analysis.engines import Engine, Progress
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.analysis.theme_tree import LinkageClusterer
from talqy.analysis.themes import (
    AgglomerativeClusterer,
    Clusterer,
    HDBSCANClusterer,
    KMeansClusterer,
    NoClusterer,
)
from talqy.errors import InvalidInput

SEMANTIC_DEDUP_LIMIT = 20_000


def make_deduplicator(name: str, n: int, random_state: int) -> Deduplicator:
    near: list[Deduplicator] = [ExactDeduplicator(), MinHashDeduplicator(random_state=random_state)]
    if name == "near" or (name == "auto" and n > SEMANTIC_DEDUP_LIMIT):
        return UnionDeduplicator(steps=near)
    if name in ("auto", "semantic"):
        return UnionDeduplicator(steps=[*near, SemanticDeduplicator()])
    raise InvalidInput(f"unknown deduplicator {name!r}", field="deduplicator")


def make_clusterer(name: str, n: int, random_state: int) -> Clusterer:
    """The theme step by name; ``"auto"`` is the same method at every size (linkage)."""
    if name == "auto":
        name = "linkage"
    makers: dict[str, Callable[[], Clusterer]] = {
        "linkage": lambda: LinkageClusterer(random_state=random_state),
        "hdbscan": lambda: HDBSCANClusterer(random_state=random_state),
        "kmeans": lambda: KMeansClusterer(random_state=random_state),
        "agglomerative": AgglomerativeClusterer,
        "none": NoClusterer,
    }
    if name not in makers:
        raise InvalidInput(f"unknown theme method {name!r}", field="themes")
    return makers[name]()


def embed_texts(
    embedder: Embedder, texts: Sequence[str], engine: Engine, progress: Progress | None
) -> np.ndarray:
    """One query vector per text; filled in place when partitions share this process's memory
    (the vectors then exist once, not twice, at their peak)."""
    if not engine.shares_memory:

        def embed(part: Sequence[str]) -> list[np.ndarray]:
            return [embedder.embed(part, kind="query")]

        blocks = engine.map_partitions(embed, texts, stage="embed", progress=progress)
        return np.vstack(blocks) if blocks else np.zeros((0, embedder.dim), np.float32)
    out = np.zeros((len(texts), embedder.dim), np.float32)

    def fill(rows: Sequence[int]) -> list[None]:
        if len(rows):
            start = rows[0]
            out[start : start + len(rows)] = embedder.embed([texts[i] for i in rows], kind="query")
        return [None] * len(rows)

    engine.map_partitions(fill, range(len(texts)), stage="embed", progress=progress)
    return out
