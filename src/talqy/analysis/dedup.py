"""Duplicate detection: exact, near (MinHash-LSH) and semantic (embedding neighbours).

Every step finds *pairs* of duplicates; :meth:`Deduplicator.fit` joins pairs into groups with a
union-find, so the grouping is the transitive closure of the pairs and does not depend on the
order of the input. No item is ever dropped: each belongs to exactly one group, and each group
has a representative (the earliest member by ``order``, else by position) and a size. Texts
without a letter (👍, "!!!???", empty) are noise: they stay alone, whatever a step finds.

- :class:`ExactDeduplicator` — same :func:`fold_for_hash` key (case, punctuation, homoglyphs).
- :class:`MinHashDeduplicator` — char-shingle MinHash-LSH candidates, verified with rapidfuzz.
- :class:`SemanticDeduplicator` (in :mod:`talqy.analysis.semantic_dedup`) — mutual best matches
  with a LASER-style margin; finds translations and rewordings.
- :class:`UnionDeduplicator` — the union of several steps' pairs.
- :class:`NoDeduplicator` — every item alone (a no-op step).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from talqy.analysis.normalization import check_texts, fold_for_hash
from talqy.analysis.unionfind import DisjointSet, group_labels
from talqy.errors import InvalidInput

Pairs = np.ndarray  # int64 (m, 2), i < j
Vectors = np.ndarray | None  # one embedding row per text, when the step uses them
Languages = Sequence[str] | None  # one language code per text, when known


def as_pairs(pairs: Sequence[tuple[int, int]] | np.ndarray) -> Pairs:
    """Canonical pairs array: int64, each row sorted, unique rows, self-pairs removed."""
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    arr = np.sort(arr, axis=1)
    arr = arr[arr[:, 0] != arr[:, 1]]
    return np.unique(arr, axis=0) if len(arr) else arr


class Deduplicator(BaseEstimator):
    """Base step: subclasses implement :meth:`find_pairs`."""

    def find_pairs(
        self,
        texts: Sequence[str],
        *,
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
    ) -> Pairs:
        """Index pairs ``(i, j)`` of items found to be duplicates (subclasses: ``_pairs``)."""
        return self._pairs(texts, embeddings, languages)

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        raise NotImplementedError

    def fit(
        self,
        texts: Sequence[str],
        *,
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
        order: Sequence[float] | None = None,
    ) -> Deduplicator:
        """Find pairs and group them: ``pairs_``, ``labels_``, ``representatives_``, ``sizes_``."""
        texts = check_texts(texts)
        if embeddings is not None and len(embeddings) != len(texts):
            raise InvalidInput("embeddings and texts differ in length", field="embeddings")
        if languages is not None and len(languages) != len(texts):
            raise InvalidInput("languages and texts differ in length", field="languages")
        if order is not None and len(order) != len(texts):
            raise InvalidInput("order and texts differ in length", field="order")
        pairs = as_pairs(self.find_pairs(texts, embeddings=embeddings, languages=languages))
        wordless = np.array([not has_words(t) for t in texts] + [False], dtype=bool)
        self.pairs_ = pairs[~(wordless[pairs[:, 0]] | wordless[pairs[:, 1]])]
        self.labels_, self.representatives_ = group_labels(len(texts), self.pairs_, order)
        self.sizes_ = np.bincount(self.labels_, minlength=len(self.representatives_))
        return self

    def fit_predict(self, texts: Sequence[str], **kwargs: Any) -> np.ndarray:
        return self.fit(texts, **kwargs).labels_


def has_words(text: str) -> bool:
    """Whether ``text`` has a letter: texts without ("👍", "!!!???", "+1", "") are noise and
    never anyone's duplicate."""
    return any(ch.isalpha() for ch in text)


def chain_pairs(keys: Sequence[Any]) -> Pairs:
    """Pairs linking every item to the first item with the same key."""
    first: dict[Any, int] = {}
    out = [(first.setdefault(key, i), i) for i, key in enumerate(keys)]
    return as_pairs([p for p in out if p[0] != p[1]])


class NoDeduplicator(Deduplicator):
    """Every item is its own group."""

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        return as_pairs([])


class ExactDeduplicator(Deduplicator):
    """Items whose :func:`fold_for_hash` keys are equal."""

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        return chain_pairs([fold_for_hash(t) for t in texts])


@dataclass(kw_only=True, eq=False, repr=False)
class MinHashDeduplicator(Deduplicator):
    """Near duplicates: MinHash-LSH on character shingles, candidates verified by rapidfuzz.

    ``threshold`` is the estimated Jaccard similarity of shingle sets at which LSH proposes a
    candidate (datasketch picks the bands; texts sharing a band bucket are candidates, and each
    is checked against at most 8 earlier members of the bucket from other groups, so dense
    buckets cost linear, not quadratic, time); ``min_ratio`` (0-1) is the rapidfuzz
    ``token_sort_ratio`` a candidate needs to count as a duplicate (word order does not
    matter, small edits do not break it).
    """

    threshold: float = 0.5
    num_perm: int = 64
    shingle_size: int = 5
    min_ratio: float = 0.95
    random_state: int = 0

    def _validate(self) -> None:
        if not 0 < self.threshold < 1:
            raise InvalidInput("threshold must be in (0, 1)", field="threshold")
        if not 0 <= self.min_ratio <= 1:
            raise InvalidInput("min_ratio must be in [0, 1]", field="min_ratio")
        if self.num_perm < 8 or self.shingle_size < 1:
            raise InvalidInput("num_perm >= 8 and shingle_size >= 1 required", field="num_perm")

    def shingles(self, folded: str) -> list[bytes]:
        k = self.shingle_size
        text = f" {folded} "
        grams = {text[i : i + k] for i in range(max(len(text) - k + 1, 1))}
        return [g.encode("utf-8") for g in sorted(grams)]

    def _signatures(self, distinct: Sequence[str], minhash: Any, chunk: int = 2_000) -> np.ndarray:
        """MinHash signatures, one row per text, built in chunks so shingles never pile up."""
        out = np.zeros((max(len(distinct), 1), self.num_perm), dtype=np.uint64)
        for start in range(0, len(distinct), chunk):
            part = distinct[start : start + chunk]
            hashes = minhash.bulk(
                [self.shingles(t) for t in part], num_perm=self.num_perm, seed=self.random_state
            )
            out[start : start + len(part)] = [mh.hashvalues for mh in hashes]
        return out

    @staticmethod
    def _verify_bucket(
        members: list[int], texts: list[str], forest: DisjointSet, cutoff: float, fuzz: Any
    ) -> list[tuple[int, int]]:
        """Join bucket members to up to 8 earlier members of other components (linear cost)."""
        found: list[tuple[int, int]] = []
        anchors: list[int] = []
        for key in members:
            for anchor in anchors:
                if forest.find(key) == forest.find(anchor):
                    break
                if fuzz.token_sort_ratio(texts[anchor], texts[key], score_cutoff=cutoff) >= cutoff:
                    forest.union(anchor, key)
                    found.append((anchor, key))
                    break
            else:
                if len(anchors) < 8:
                    anchors.append(key)
        return found

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        self._validate()
        from datasketch import MinHash, MinHashLSH
        from rapidfuzz import fuzz

        folded = [fold_for_hash(t) for t in texts]
        # exact copies share one signature: hash each distinct text once
        distinct = sorted(set(folded))
        same = chain_pairs(folded)
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        bands, rows = int(lsh.b), int(lsh.r)
        signatures = self._signatures(distinct, MinHash)
        forest = DisjointSet(len(distinct))
        found: list[tuple[int, int]] = []
        cutoff = 100.0 * self.min_ratio
        for band in range(bands):
            buckets: dict[bytes, list[int]] = {}
            block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
            for key in range(len(distinct)):
                buckets.setdefault(block[key].tobytes(), []).append(key)
            for members in buckets.values():
                if len(members) > 1:
                    found += self._verify_bucket(members, distinct, forest, cutoff, fuzz)
        first = {t: i for i, t in reversed(list(enumerate(folded)))}
        near = [(first[distinct[a]], first[distinct[b]]) for a, b in found]
        return as_pairs(np.vstack([same, as_pairs(near)]))


@dataclass(kw_only=True, eq=False, repr=False)
class UnionDeduplicator(Deduplicator):
    """Union of the pairs found by several steps (run in the given order)."""

    steps: Sequence[Deduplicator] = ()

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        found = [as_pairs([])]
        for step in self.steps:
            found.append(step.find_pairs(texts, embeddings=embeddings, languages=languages))
        return as_pairs(np.vstack(found))
