"""Exact tally of identical submissions, streamed, for tens of millions of rows.

When a consultation receives millions of form letters (the US net-neutrality docket: 21.7
million comments, most of them copies), the first question is how many *identical* texts there
are and which. :func:`tally_exact` answers it in one streaming pass with bounded memory:

- every text is folded (:func:`~talqy.analysis.normalization.fold_for_hash`: Unicode, case,
  punctuation and whitespace differences do not count) and hashed to an 8-byte key
  (BLAKE2b, ``digest_size=8``);
- keys are aggregated in chunks with numpy (sorted unique keys and counts), so memory is
  16 bytes per *distinct* text plus one chunk, whatever the number of rows;
- a raw text seen again within a bounded cache skips folding (form letters repeat verbatim);
- one sample text is kept for the frequent keys of each chunk; a top template whose sample was
  not kept gets one from a second pass when ``texts`` can be iterated again (a list, not a
  generator), otherwise its ``text`` is None.

Counts are exact up to 64-bit hash collisions (for a million distinct texts the chance of any
collision is about 3 in 10^8).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from hashlib import blake2b
from itertools import islice
from typing import Any

import numpy as np

from talqy.analysis.normalization import fold_for_hash
from talqy.errors import InvalidInput

EMPTY_KEY = 0  # folded empty text; counted apart, never a template


def text_key(text: str) -> int:
    """The 8-byte key of a text's folded form (0 for a text that folds to nothing)."""
    folded = fold_for_hash(text)
    if not folded:
        return EMPTY_KEY
    return int.from_bytes(blake2b(folded.encode("utf-8"), digest_size=8).digest(), "little") or 1


@dataclass(frozen=True)
class TallyTemplate:
    """One distinct folded text: its key (hex), how many rows carry it, a sample text."""

    key: str
    count: int
    share: float
    text: str | None


@dataclass
class TallyResult:
    """Rows, empty rows, distinct non-empty texts and the most frequent templates."""

    rows: int
    empty: int
    distinct: int
    top: list[TallyTemplate] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def duplicates(self) -> int:
        """Non-empty rows that repeat an earlier identical text."""
        return self.rows - self.empty - self.distinct

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["duplicates"] = self.duplicates
        return out


class _Counter:
    """Sorted unique uint64 keys with int64 counts, merged from chunk aggregates."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        self.counts = np.zeros(0, dtype=np.int64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_size = 0

    def add(self, keys: np.ndarray, counts: np.ndarray) -> None:
        self._pending.append((keys, counts))
        self._pending_size += len(keys)
        if self._pending_size > max(len(self.keys), 1 << 20):
            self.merge()

    def merge(self) -> None:
        if not self._pending:
            return
        keys = np.concatenate([self.keys, *(k for k, _ in self._pending)])
        counts = np.concatenate([self.counts, *(c for _, c in self._pending)])
        self.keys, inverse = np.unique(keys, return_inverse=True)
        self.counts = np.bincount(inverse, weights=counts, minlength=len(self.keys)).astype(
            np.int64
        )
        self._pending, self._pending_size = [], 0

    def count_of(self, keys: np.ndarray) -> np.ndarray:
        self.merge()
        at = np.clip(np.searchsorted(self.keys, keys), 0, max(len(self.keys) - 1, 0))
        found = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)
        return np.where(found, self.counts[at] if len(self.keys) else 0, 0)


class _Tally:
    """The state of one :func:`tally_exact` run."""

    def __init__(self, top: int, cache_size: int) -> None:
        self.top = top
        self.cache_size = cache_size
        self.counter = _Counter()
        self.cache: dict[int, int] = {}
        self.samples: dict[int, str] = {}
        self.rows = 0

    def keys_of(self, chunk: list[str]) -> np.ndarray:
        cache = self.cache
        out = np.empty(len(chunk), dtype=np.uint64)
        for i, text in enumerate(chunk):
            if type(text) is not str:
                raise InvalidInput("every text must be a string", field="texts", row=self.rows + i)
            raw = hash(text)
            key = cache.get(raw)
            if key is None:
                key = text_key(text)
                if len(cache) >= self.cache_size:
                    cache.clear()
                cache[raw] = key
            out[i] = key
        return out

    def add_chunk(self, chunk: list[str]) -> None:
        keys = self.keys_of(chunk)
        self.rows += len(chunk)
        unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
        self.counter.add(unique, counts.astype(np.int64))
        wanted = min(len(unique), 4 * self.top)
        for j in np.argsort(-counts, kind="stable")[:wanted]:
            key = int(unique[j])
            if key != EMPTY_KEY and key not in self.samples:
                self.samples[key] = chunk[int(first[j])]
        if len(self.samples) > 64 * self.top:
            self.prune_samples()

    def prune_samples(self) -> None:
        keys = np.fromiter(self.samples, dtype=np.uint64, count=len(self.samples))
        counts = self.counter.count_of(keys)
        keep = keys[np.argsort(-counts, kind="stable")[: 16 * self.top]]
        self.samples = {int(k): self.samples[int(k)] for k in keep}


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _fill_samples(texts: Iterable[str], missing: set[int], samples: dict[int, str]) -> None:
    for text in texts:
        if not missing:
            return
        key = text_key(text)
        if key in missing:
            samples[key] = text
            missing.discard(key)


def tally_exact(
    texts: Iterable[str], *, top: int = 20, chunk_size: int = 100_000, cache_size: int = 200_000
) -> TallyResult:
    """Count identical folded texts in one streaming pass; the ``top`` templates first.

    ``chunk_size`` rows are hashed and aggregated at a time; ``cache_size`` raw texts keep
    their key (the cache is emptied when full). Memory: 16 bytes per distinct text, one chunk,
    the cache and ``64 * top`` sample texts.
    """
    if top < 0 or chunk_size < 1 or cache_size < 1:
        raise InvalidInput("top must be >= 0, chunk_size and cache_size positive", field="top")
    started = time.perf_counter()
    state = _Tally(top, cache_size)
    for chunk in _chunks(texts, chunk_size):
        state.add_chunk(chunk)
    counter = state.counter
    counter.merge()
    nonempty = counter.keys != EMPTY_KEY
    keys, counts = counter.keys[nonempty], counter.counts[nonempty]
    empty = int(counter.counts[~nonempty].sum())
    order = np.lexsort((keys, -counts))[:top]
    best = [(int(keys[i]), int(counts[i])) for i in order]
    missing = {k for k, _ in best if k not in state.samples}
    if missing and not isinstance(texts, Iterator):
        _fill_samples(texts, missing, state.samples)
    rows = state.rows
    templates = [
        TallyTemplate(f"{k:016x}", c, round(c / rows, 6) if rows else 0.0, state.samples.get(k))
        for k, c in best
    ]
    seconds = round(time.perf_counter() - started, 3)
    return TallyResult(rows, empty, int(nonempty.sum()), templates, seconds)
