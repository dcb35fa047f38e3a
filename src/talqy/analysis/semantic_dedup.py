"""Semantic duplicates: translations and rewordings found as mutual best matches with a margin.

Raw cosine cuts do not work for multilingual e5: unrelated texts sit near 0.77-0.82 and
translations near 0.87-0.90, and the band moves with text length and topic density. Two things
fix most of it. First, each language's mean vector is removed (a shrunk mean: with few items
in a language it leans on the overall mean) and rows are re-normalised; this drops the
"which language is this" direction that dominates e5 cosines and spreads them out (kk->ru
top-1 retrieval on Constitution paragraphs rises from 0.76 to 0.98). Second, a pair ``(i, j)``
is accepted only when all of these hold on the centred vectors:

1. **mutual best match**: ``j`` is ``i``'s nearest neighbour among the items in ``j``'s
   language and ``i`` is ``j``'s nearest among the items in ``i``'s language;
2. **margin** (ratio margin as in LASER bitext mining): ``cos(i, j)`` divided by the mean of
   ``i``'s k nearest cosines in ``j``'s language and ``j``'s k nearest in ``i``'s language
   is at least ``cross_margin`` (different languages) or ``same_margin`` (same language);
3. **numbers agree**: when both texts contain numbers, they contain the same ones;
4. the centred cosine is at least ``cross_cosine`` or ``same_cosine``.

The defaults were calibrated on kk/ru point pairs of the 2026 Constitution (see
``docs/systematization.md``). The neighbour search runs in row blocks, so memory stays
``O(block_rows * n)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from talqy.analysis.dedup import Deduplicator, Pairs, as_pairs
from talqy.analysis.embedders import center_by_group
from talqy.errors import InvalidInput

_NUMBER = re.compile(r"\d+")


def number_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """The set of digit runs in each text (leading zeros removed)."""
    return [frozenset(m.lstrip("0") or "0" for m in _NUMBER.findall(t)) for t in texts]


class SemanticDeduplicator(Deduplicator):
    """Mutual best matches with a ratio margin over embedding neighbours."""

    def __init__(
        self,
        *,
        k: int = 4,
        center: bool = True,
        shrinkage: float = 20.0,
        cross_cosine: float = 0.5,
        same_cosine: float = 0.82,
        cross_margin: float = 1.0,
        same_margin: float = 1.0,
        check_numbers: bool = True,
        block_rows: int = 1024,
    ) -> None:
        self.k = k
        self.center = center
        self.shrinkage = shrinkage
        self.cross_cosine = cross_cosine
        self.same_cosine = same_cosine
        self.cross_margin = cross_margin
        self.same_margin = same_margin
        self.check_numbers = check_numbers
        self.block_rows = block_rows

    def _validate(self, n: int, embeddings: np.ndarray | None) -> np.ndarray:
        if embeddings is None:
            raise InvalidInput("semantic deduplication needs embeddings", field="embeddings")
        if self.k < 1:
            raise InvalidInput("k must be at least 1", field="k")
        emb = np.asarray(embeddings, dtype=np.float32)
        if emb.ndim != 2 or len(emb) != n:
            raise InvalidInput("embeddings must be an (n, dim) array", field="embeddings")
        return emb

    def centred(self, emb: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """Remove each language's shrunk mean vector and re-normalise the rows."""
        if not self.center:
            return emb
        return center_by_group(emb, codes.astype(str).tolist(), shrinkage=self.shrinkage)

    def neighbours(
        self, emb: np.ndarray, codes: np.ndarray, n_langs: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per item and language: best match index, its cosine, mean of the k best cosines."""
        n = len(emb)
        best = np.full((n, n_langs), -1, dtype=np.int64)
        best_cos = np.full((n, n_langs), -np.inf, dtype=np.float32)
        knn = np.zeros((n, n_langs), dtype=np.float32)
        step = max(1, min(self.block_rows, 20_000_000 // max(n, 1)))
        for start in range(0, n, step):
            sims = emb[start : start + step] @ emb.T
            rows = np.arange(sims.shape[0])
            sims[rows, rows + start] = -np.inf
            for lang in range(n_langs):
                cols = np.flatnonzero(codes == lang)
                if len(cols) == 0 or (len(cols) == 1 and n == 1):
                    continue
                part = sims[:, cols]
                kk = min(self.k, len(cols))
                top = -np.partition(-part, kk - 1, axis=1)[:, :kk]
                finite = np.isfinite(top)
                total = np.where(finite, top, 0.0).sum(axis=1)
                knn[start : start + step, lang] = total / np.maximum(finite.sum(axis=1), 1)
                arg = part.argmax(axis=1)
                best[start : start + step, lang] = cols[arg]
                best_cos[start : start + step, lang] = part[rows, arg]
        return best, best_cos, knn

    def find_pairs(
        self,
        texts: Sequence[str],
        *,
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
    ) -> Pairs:
        emb = self._validate(len(texts), embeddings)
        if len(texts) < 2:
            return as_pairs([])
        langs = list(languages) if languages is not None else ["und"] * len(texts)
        names = sorted(set(langs))
        codes = np.array([names.index(x) for x in langs], dtype=np.int64)
        emb = self.centred(emb, codes)
        best, best_cos, knn = self.neighbours(emb, codes, len(names))
        numbers = number_sets(texts) if self.check_numbers else None
        found = []
        for i in range(len(texts)):
            li = codes[i]
            for lj in range(len(names)):
                j = int(best[i, lj])
                if j <= i or best[j, li] != i:
                    continue  # not mutual, or seen from the other side
                cos = float(best_cos[i, lj])
                denom = (float(knn[i, lj]) + float(knn[j, li])) / 2
                margin = cos / denom if denom > 0 else np.inf
                same = li == lj
                floor = self.same_cosine if same else self.cross_cosine
                needed = self.same_margin if same else self.cross_margin
                if cos < floor or margin < needed:
                    continue
                if numbers is not None and numbers[i] and numbers[j] and numbers[i] != numbers[j]:
                    continue
                found.append((i, j))
        return as_pairs(found)
