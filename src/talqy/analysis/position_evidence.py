"""What is known about each unit (duplicate group or campaign) when positions are formed.

For every unit: its members, a short document (the distinct texts of its first members), the
languages it is written in, a language-centred mean embedding, the articles its members name
explicitly, and its stance when its members lean clearly to support or to oppose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.analysis.embedders import center_by_group, l2_normalize

DOC_MEMBERS = 5
DIRECTIONS = ("support", "oppose")


@dataclass
class UnitEvidence:
    """Per-unit evidence; row ``u`` of every field describes unit ``u``."""

    members: list[list[int]]
    documents: list[str]
    languages: list[frozenset[str]]
    vectors: np.ndarray | None
    articles: list[frozenset[str]]
    stances: list[str | None]
    leads: list[str]  # the article most members link to first ("" when none)

    @property
    def count(self) -> int:
        return len(self.members)

    @classmethod
    def build(
        cls,
        units: np.ndarray,
        texts: Sequence[str],
        languages: Sequence[str],
        embeddings: np.ndarray | None,
        articles: Sequence[Sequence[tuple[str, str]]] | None,
        stances: Sequence[str] | None,
    ) -> UnitEvidence:
        count = int(units.max()) + 1 if len(units) else 0
        members: list[list[int]] = [[] for _ in range(count)]
        for i, u in enumerate(units.tolist()):
            members[u].append(i)
        return cls(
            members=members,
            documents=[_document([texts[i] for i in m]) for m in members],
            languages=[frozenset(languages[i] for i in m) for m in members],
            vectors=_mean_vectors(members, embeddings, languages),
            articles=[_explicit(m, articles) for m in members],
            stances=[_direction(m, stances) for m in members],
            leads=[_lead(m, articles) for m in members],
        )

    def shared_language(self, rows: np.ndarray) -> np.ndarray:
        return _overlaps([self.languages[r] for r in rows.tolist()])

    def lexical_similarity(self, rows: np.ndarray) -> np.ndarray:
        """Cosine of character n-gram TF-IDF vectors (3-5 grams inside words, sublinear)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = [self.documents[r] for r in rows.tolist()]
        if not any(d.strip() for d in docs):
            return np.zeros((len(docs), len(docs)), dtype=np.float32)
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        try:
            matrix = vectorizer.fit_transform(docs)
        except ValueError:  # no n-grams at all (texts without words)
            return np.zeros((len(docs), len(docs)), dtype=np.float32)
        return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float32)

    def wordless(self, rows: np.ndarray) -> np.ndarray:
        """Units whose texts hold no letter at all (emoji, punctuation, empty)."""
        return np.array([not any(c.isalpha() for c in self.documents[r]) for r in rows.tolist()])

    def article_conflicts(self, rows: np.ndarray) -> np.ndarray:
        """Both units name articles explicitly and none in common."""
        arts = [self.articles[r] for r in rows.tolist()]
        named = np.array([bool(a) for a in arts])
        return named[:, None] & named[None, :] & ~_overlaps(arts)

    def stance_conflicts(self, rows: np.ndarray) -> np.ndarray:
        stances = np.array([self.stances[r] or "" for r in rows.tolist()], dtype=object)
        support, oppose = stances == "support", stances == "oppose"
        return (support[:, None] & oppose[None, :]) | (oppose[:, None] & support[None, :])


def _overlaps(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """``out[i, j]``: sets ``i`` and ``j`` have an element in common."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    cols = [index.setdefault(x, len(index)) for s in sets for x in sorted(s)]
    ptr = np.cumsum([0, *(len(s) for s in sets)])
    incidence = csr_matrix(
        (np.ones(len(cols), np.float32), cols, ptr), shape=(len(sets), max(len(index), 1))
    )
    return np.asarray((incidence @ incidence.T).toarray() > 0)


def _document(texts: Sequence[str]) -> str:
    distinct = list(dict.fromkeys(t.strip() for t in texts))
    return "\n".join(distinct[:DOC_MEMBERS])


def _mean_vectors(
    members: list[list[int]], embeddings: np.ndarray | None, languages: Sequence[str]
) -> np.ndarray | None:
    if embeddings is None or not len(embeddings):
        return None
    centred = center_by_group(embeddings, list(languages))
    out = np.zeros((len(members), centred.shape[1]), dtype=np.float32)
    for u, m in enumerate(members):
        out[u] = centred[m].mean(axis=0)
    return l2_normalize(out)


def _explicit(
    members: list[int], articles: Sequence[Sequence[tuple[str, str]]] | None
) -> frozenset[str]:
    if articles is None:
        return frozenset()
    return frozenset(
        links[0][0]
        for links in (articles[i] for i in members)
        if links and links[0][1] == "explicit"
    )


def _lead(members: list[int], articles: Sequence[Sequence[tuple[str, str]]] | None) -> str:
    if articles is None:
        return ""
    votes = Counter(articles[i][0][0] for i in members if articles[i])
    return min(votes, key=lambda a: (-votes[a], a)) if votes else ""


def _direction(members: list[int], stances: Sequence[str] | None) -> str | None:
    """``support`` or ``oppose`` when at least two thirds of the members that take a side do."""
    if stances is None:
        return None
    votes = Counter(stances[i] for i in members if stances[i] in DIRECTIONS)
    if not votes:
        return None
    side, count = votes.most_common(1)[0]
    return side if 3 * count >= 2 * sum(votes.values()) else None
