"""Content similarity between articles and one-to-one matching with a similarity floor.

Similarity is the cosine of character n-gram TF-IDF vectors (n-grams of space-padded words,
3–5 characters, as scikit-learn's ``char_wb``; sublinear term frequency, smoothed idf, L2
norm), fitted on the articles of both documents together; two articles
with identical text score exactly 1. Matching solves the assignment problem
(``scipy.optimize.linear_sum_assignment``) on similarity plus a small bonus for equal article
numbers, then drops pairs whose similarity is below the floor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float64]
_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Word and punctuation tokens (``83-1``, ``әкімшілік-аумақтық`` stay one token)."""
    return _TOKEN.findall(text)


def tokenize_with_spacing(text: str) -> tuple[list[str], list[str]]:
    """Tokens and their surfaces: each token followed by the whitespace after it."""
    matches = list(_TOKEN.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)] if matches else []
    tokens = [m.group(0) for m in matches]
    surfaces = [text[m.start() : end] for m, end in zip(matches, ends, strict=True)]
    return tokens, surfaces


def content_similarity(old: Sequence[str], new: Sequence[str]) -> FloatMatrix:
    """``len(old) × len(new)`` cosine similarities of char n-gram TF-IDF vectors."""
    matrix = np.zeros((len(old), len(new)), dtype=np.float64)
    if old and new:
        vectors = _tfidf([text.casefold() for text in (*old, *new)])
        matrix = np.asarray((vectors[: len(old)] @ vectors[len(old) :].T).todense())
    for i, left in enumerate(old):
        for j, right in enumerate(new):
            if left == right:
                matrix[i, j] = 1.0
    return np.clip(matrix, 0.0, 1.0)


def char_ngrams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """Character n-grams of each word padded with spaces (scikit-learn's ``char_wb``)."""
    grams: Counter[str] = Counter()
    for word, count in Counter(text.split()).items():
        for gram in _word_ngrams(word, low, high):
            grams[gram] += count
    return grams


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def _tfidf(texts: list[str]) -> Any:
    """L2-normalized TF-IDF rows (sublinear tf, smoothed idf) as a sparse CSR matrix."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[int] = []
    for row, text in enumerate(texts):
        grams = char_ngrams(text)
        rows.extend([row] * len(grams))
        cols.extend(vocabulary.setdefault(gram, len(vocabulary)) for gram in grams)
        counts.extend(grams.values())
    shape = (len(texts), max(len(vocabulary), 1))
    values = 1.0 + np.log(np.asarray(counts, dtype=np.float64))
    matrix = csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
    document_frequency = np.bincount(np.asarray(cols, dtype=np.int64), minlength=shape[1])
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    matrix = matrix.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return matrix.multiply(1.0 / norms[:, None]).tocsr()


def match_pairs(
    similarity: FloatMatrix,
    *,
    floor: float,
    bonus: FloatMatrix | None = None,
) -> list[tuple[int, int]]:
    """One-to-one ``(old, new)`` index pairs maximising similarity (+ bonus), above ``floor``."""
    if similarity.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment

    score = similarity if bonus is None else similarity + bonus
    rows, cols = linear_sum_assignment(score, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if similarity[i, j] >= floor]
