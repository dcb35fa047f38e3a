"""Link the articles of one draft law across its language versions (kk, ru, en).

Every document is aligned to the first one (the reference). When two versions share their
numbering (at least ``shared_numbering`` of the numbers coincide) articles with the same
number are linked. Articles left over — and all articles when numbering is not shared — are
linked by a language-independent content score (weights in ``_WEIGHTS``):

- position: relative place of the article in its document;
- length: share of the document's characters, compared on a log scale;
- structure: equal number of points and of sub-points;
- figures: overlap of the digit groups in the text (dates, article references, counts);

maximised with an assignment (``scipy.optimize.linear_sum_assignment``); pairs scoring below
``floor`` stay unlinked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.documents.matching import FloatMatrix, match_pairs
from talqy.documents.model import Article, Document
from talqy.errors import InvalidInput

_DIGITS = re.compile(r"\d+")
_WEIGHTS = {"position": 0.35, "length": 0.2, "structure": 0.25, "figures": 0.2}
METHODS = ("auto", "number", "content")


@dataclass(frozen=True)
class ArticleGroup:
    """The same article in each document (``None`` where a version lacks it)."""

    key: str
    articles: tuple[Article | None, ...]
    languages: tuple[str, ...]
    method: str

    def get(self, language: str) -> Article | None:
        """The article in the first document of ``language``."""
        for lang, article in zip(self.languages, self.articles, strict=True):
            if lang == language:
                return article
        return None

    @property
    def complete(self) -> bool:
        return all(article is not None for article in self.articles)


def align_languages(
    docs: Sequence[Document],
    *,
    method: str = "auto",
    shared_numbering: float = 0.8,
    floor: float = 0.5,
) -> list[ArticleGroup]:
    """Groups of corresponding articles, in the reference document's order."""
    if method not in METHODS:
        raise InvalidInput(f"unknown alignment method {method!r}", field="method")
    if not docs:
        return []
    reference = docs[0]
    links = [
        _link(reference, doc, method=method, shared=shared_numbering, floor=floor)
        for doc in docs[1:]
    ]
    languages = tuple(doc.language for doc in docs)
    groups = []
    for i, article in enumerate(reference.articles):
        members = [article] + [
            _member(doc, link, i) for doc, link in zip(docs[1:], links, strict=True)
        ]
        kinds = {link[i][1] for link in links if i in link}
        groups.append(ArticleGroup(article.number, tuple(members), languages, _method(kinds)))
    for position, (doc, link) in enumerate(zip(docs[1:], links, strict=True), start=1):
        used = {j for j, _ in link.values()}
        for j, article in enumerate(doc.articles):
            if j not in used:
                members = [None] * len(docs)
                members[position] = article
                groups.append(ArticleGroup(article.number, tuple(members), languages, "none"))
    return groups


def _member(doc: Document, link: dict[int, tuple[int, str]], i: int) -> Article | None:
    return doc.articles[link[i][0]] if i in link else None


def _method(kinds: set[str]) -> str:
    if not kinds:
        return "none"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _link(
    reference: Document, other: Document, *, method: str, shared: float, floor: float
) -> dict[int, tuple[int, str]]:
    """``reference index → (other index, "number" | "content")``."""
    link: dict[int, tuple[int, str]] = {}
    if method == "number" or (method == "auto" and _numbering_shared(reference, other, shared)):
        positions: dict[str, int] = {}
        for j, article in enumerate(other.articles):
            positions.setdefault(article.number, j)
        for i, article in enumerate(reference.articles):
            if article.number in positions:
                link[i] = (positions[article.number], "number")
    rest_ref = [i for i in range(len(reference.articles)) if i not in link]
    taken = {j for j, _ in link.values()}
    rest_other = [j for j in range(len(other.articles)) if j not in taken]
    if method != "number" and rest_ref and rest_other:
        score = content_score(reference, other)[np.ix_(rest_ref, rest_other)]
        for a, b in match_pairs(score, floor=floor):
            link[rest_ref[a]] = (rest_other[b], "content")
    return link


def _numbering_shared(left: Document, right: Document, threshold: float) -> bool:
    a, b = set(left.numbers()), set(right.numbers())
    return bool(a and b) and len(a & b) / max(len(a), len(b)) >= threshold


def content_score(left: Document, right: Document) -> FloatMatrix:
    """Language-independent similarity of every article pair, from 0 to 1."""
    lf, rf = _features(left), _features(right)
    if not lf or not rf:
        return np.zeros((len(lf), len(rf)), dtype=np.float64)
    position = np.abs(_column(lf, "position")[:, None] - _column(rf, "position")[None, :])
    length = np.abs(np.log(_column(lf, "length")[:, None] / _column(rf, "length")[None, :]))
    points = np.abs(_column(lf, "points")[:, None] - _column(rf, "points")[None, :])
    subpoints = np.abs(_column(lf, "subpoints")[:, None] - _column(rf, "subpoints")[None, :])
    figures = _figure_overlap([f.figures for f in lf], [f.figures for f in rf])
    return (
        _WEIGHTS["position"] * np.exp(-position / 0.03)
        + _WEIGHTS["length"] * np.exp(-length / 0.3)
        + _WEIGHTS["structure"] * np.exp(-points - subpoints / 2)
        + _WEIGHTS["figures"] * figures
    )


@dataclass(frozen=True)
class _Features:
    position: float
    length: float
    points: int
    subpoints: int
    figures: Counter[str]


def _features(doc: Document) -> list[_Features]:
    total = sum(len(article.text) + 1 for article in doc.articles) or 1
    count = len(doc.articles)
    return [
        _Features(
            position=(index + 0.5) / count,
            length=(len(article.text) + 1) / total,
            points=sum(1 for point in article.points if point.number),
            subpoints=sum(len(point.subpoints) for point in article.points),
            figures=Counter(_DIGITS.findall(article.text)),
        )
        for index, article in enumerate(doc.articles)
    ]


def _column(features: list[_Features], name: str) -> FloatMatrix:
    return np.array([getattr(item, name) for item in features], dtype=np.float64)


def _figure_overlap(left: list[Counter[str]], right: list[Counter[str]]) -> FloatMatrix:
    """Weighted Jaccard of digit-group counts; 0.5 (no evidence) where both have none."""
    vocabulary = {key: n for n, key in enumerate(sorted(set().union(*left, *right)))}
    a = np.zeros((len(left), len(vocabulary) or 1))
    b = np.zeros((len(right), len(vocabulary) or 1))
    for matrix, counters in ((a, left), (b, right)):
        for row, counter in enumerate(counters):
            for key, value in counter.items():
                matrix[row, vocabulary[key]] = value
    union = np.maximum(a[:, None, :], b[None, :, :]).sum(axis=2)
    inter = np.minimum(a[:, None, :], b[None, :, :]).sum(axis=2)
    return np.where(union > 0, inter / np.maximum(union, 1), 0.5)
