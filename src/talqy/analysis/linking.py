"""Which draft article a proposal is about: explicit references first, then semantic ranking.

:class:`ArticleLinker` is fitted on the draft's articles in every language version (articles with
the same number are one article). Each article version is cut into chunks: the whole article and
each of its points (a citizen usually writes about one point). A proposal is scored against every
chunk by

- dense similarity: cosine of the proposal (e5 ``query:``) and the chunk (e5 ``passage:``),
  optionally minus ``hubness`` times the chunk's hubness — the mean similarity of the chunk to its
  ``hub_k`` nearest chunks of *other* articles (a CSLS-style correction: e5 cosines sit in a
  narrow band and some chunks are close to everything; measured neutral on the Constitution, so
  off by default);
- lexical similarity: character n-gram TF-IDF cosine against chunks in the proposal's language
  (none when the draft has no version in that language), weighted by ``lexical_weight``.

An article's score is the best of its chunks (over its language versions and points); articles
are ranked by it. A point is compared only with a query at most ``chunk_ratio`` times as long
as the point: a whole-article query is compared with whole articles, which is plain e5 cosine
(plus the lexical term), so linking never falls below it on such queries; before, the many
points of long articles outbid the right article. Explicit references
(:func:`find_article_references`) come first with score 1.0. Semantic links need a score of at
least ``min_score`` (``"auto"``: calibrated per embedder, :data:`MIN_SCORES`): a text without
words or off the draft's subject links to nothing. Evaluation: ``benchmarks/eval_linking.py``,
``benchmarks/eval_linking_calibration.py``; results in ``docs/analysis-quality.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, Literal

import numpy as np

from talqy.analysis.dedup import has_words
from talqy.analysis.embedders import Embedder
from talqy.analysis.normalization import fold_for_hash, normalize_text
from talqy.analysis.references import find_article_references
from talqy.analysis.registry import constructor_params
from talqy.errors import InvalidInput

LinkSource = Literal["explicit", "semantic"]

#: Semantic links below these scores are not made (explicit references always are), per
#: embedder name; ``min_score="auto"`` picks the embedder's value, and an embedder not listed
#: gets no cut-off. Calibrated on dev data: ``benchmarks/eval_linking_calibration.py``,
#: ``docs/analysis-quality.md``.
MIN_SCORES: dict[str, float] = {"e5": 0.88}

_POINT_LINE = re.compile(r"^\s*\d{1,2}\.\s")
_POINT_INLINE = re.compile(r"(?:(?<=\s)|^)\d{1,2}\.\s+(?=[^\W\d_])")


@dataclass(frozen=True)
class ArticleText:
    """One language version of one draft article; ``text`` keeps its points on separate lines."""

    number: str
    language: str
    text: str


@dataclass(frozen=True)
class ArticleLink:
    """A proposal → article link, best first; ``point`` is the best-matching point, if any."""

    number: str
    score: float
    source: LinkSource
    point: str | None = None


def split_points(text: str) -> list[tuple[str | None, str]]:
    """``(point number, text)`` for each numbered point; sub-points stay with their point.

    Lines before the first point (or an article without points) give ``(None, text)``.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) <= 1 and _POINT_INLINE.search(text):
        parts = _POINT_INLINE.split(text)
        numbers = [m.group(0).split(".")[0].strip() for m in _POINT_INLINE.finditer(text)]
        out = [(None, parts[0].strip())] if parts[0].strip() else []
        return out + [(n, p.strip()) for n, p in zip(numbers, parts[1:], strict=True)]
    points: list[tuple[str | None, list[str]]] = []
    for line in lines:
        if _POINT_LINE.match(line):
            number, _, rest = line.strip().partition(".")
            points.append((number, [rest.strip()]))
        elif points:
            points[-1][1].append(line.strip())
        else:
            points.append((None, [line.strip()]))
    return [(number, " ".join(parts)) for number, parts in points]


@dataclass(eq=False, repr=False)
class ArticleLinker:
    """Rank draft articles for each proposal (see the module docstring).

    ``embedder``: dense back end (``None``: lexical and explicit only). ``top_k``: links per
    proposal. ``chunks``: ``"points"`` (whole article and each point) or ``"article"``.
    ``hubness``: weight of the hubness correction (0 turns it off). ``hub_k``: neighbours for it.
    ``lexical_weight``: weight of char n-gram TF-IDF similarity (0 turns it off).
    ``explicit``: put explicit references first. ``chunk_ratio``: longest query, relative to a
    point, that is compared with the point (``None``: every query with every point).
    ``min_score``: lowest score of a semantic link (``"auto"``: :data:`MIN_SCORES` of the
    embedder, none for an embedder not listed; ``None``: no cut-off).
    """

    embedder: Embedder | None = None
    top_k: int = 5
    _: KW_ONLY
    chunks: Literal["points", "article"] = "points"
    hubness: float = 0.0
    hub_k: int = 10
    lexical_weight: float = 0.5
    explicit: bool = True
    chunk_ratio: float | None = 2.0
    min_score: float | Literal["auto"] | None = "auto"

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return constructor_params(self, deep=deep)

    # ------------------------------------------------------------------ fit
    def _validate(self, articles: Sequence[ArticleText]) -> None:
        if not isinstance(self.top_k, int) or self.top_k < 1:
            raise InvalidInput("top_k must be a positive integer", field="top_k")
        if self.chunks not in ("points", "article"):
            raise InvalidInput("chunks must be 'points' or 'article'", field="chunks")
        if self.hubness < 0 or self.lexical_weight < 0:
            raise InvalidInput("weights must not be negative", field="hubness")
        if not isinstance(self.hub_k, int) or self.hub_k < 1:
            raise InvalidInput("hub_k must be a positive integer", field="hub_k")
        if self.chunk_ratio is not None and self.chunk_ratio <= 0:
            raise InvalidInput("chunk_ratio must be positive", field="chunk_ratio")
        if not (self.min_score in (None, "auto") or isinstance(self.min_score, int | float)):
            raise InvalidInput("min_score must be a number, 'auto' or None", field="min_score")
        if not articles:
            raise InvalidInput("no articles to link against", field="articles")
        for row, article in enumerate(articles):
            if not isinstance(article, ArticleText) or not article.number:
                raise InvalidInput("each article needs a number", field="articles", row=row)

    def fit(self, articles: Sequence[ArticleText], y: Any = None) -> ArticleLinker:
        """Chunk and index the articles (dense vectors, TF-IDF, hubness)."""
        self._validate(articles)
        numbers: dict[str, int] = {}
        texts: list[str] = []
        owners: list[int] = []
        langs: list[str] = []
        points: list[str | None] = []
        for article in articles:
            index = numbers.setdefault(str(article.number), len(numbers))
            for point, text in self._chunk(article.text):
                texts.append(text)
                owners.append(index)
                langs.append(article.language)
                points.append(point)
        self.numbers_ = list(numbers)
        self.chunk_article_ = np.asarray(owners, dtype=np.int64)
        self.chunk_language_ = np.asarray(langs, dtype=object)
        self.chunk_point_ = points
        self.chunk_chars_ = np.asarray([len(t) for t in texts], dtype=np.int64)
        self.vectors_ = None if self.embedder is None else self._embed(texts, "passage")
        self.hub_ = self._hubness(self.vectors_)
        self.tfidf_, self.lexical_ = self._fit_lexical(texts)
        self.min_score_ = self.min_score
        if self.min_score == "auto":
            name = getattr(self.embedder, "name", None)
            self.min_score_ = MIN_SCORES.get(str(name)) if name else None
        return self

    def _chunk(self, text: str) -> list[tuple[str | None, str]]:
        whole = normalize_text(text)
        out: list[tuple[str | None, str]] = [(None, whole)] if whole else []
        if self.chunks == "points":
            parts = [(n, normalize_text(t)) for n, t in split_points(text) if n is not None]
            if len(parts) > 1:
                out += [(n, t) for n, t in parts if t]
        return out

    def _embed(self, texts: Sequence[str], kind: Literal["query", "passage"]) -> np.ndarray:
        assert self.embedder is not None
        vectors = np.asarray(self.embedder.embed(list(texts), kind=kind), dtype=np.float32)
        return vectors

    def _hubness(self, vectors: np.ndarray | None) -> np.ndarray:
        n = len(self.chunk_article_)
        if vectors is None or self.hubness == 0 or len(self.numbers_) < 2:
            return np.zeros(n, dtype=np.float32)
        sims = vectors @ vectors.T
        same = self.chunk_article_[:, None] == self.chunk_article_[None, :]
        sims[same] = -np.inf
        k = min(self.hub_k, int((~same).sum(axis=1).min()))
        top = -np.sort(-sims, axis=1)[:, :k]
        return top.mean(axis=1).astype(np.float32)

    @staticmethod
    def _fit_lexical(texts: Sequence[str]) -> tuple[Any, Any]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            preprocessor=fold_for_hash,
            dtype=np.float32,
        )
        matrix = vectorizer.fit_transform(list(texts))
        return vectorizer, matrix

    # -------------------------------------------------------------- predict
    def score_articles(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        embeddings: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Article scores ``(n_texts, n_articles)`` and the best chunk index of each."""
        if not hasattr(self, "numbers_"):
            raise InvalidInput("the linker is not fitted; call fit(articles) first")
        chunk_scores = self._lexical_scores(texts, languages) * self.lexical_weight
        if self.vectors_ is not None:
            if embeddings is None:
                embeddings = self._embed(texts, "query")
            embeddings = np.asarray(embeddings, dtype=np.float32)
            if embeddings.shape != (len(texts), self.vectors_.shape[1]):
                raise InvalidInput("embeddings do not match the texts", field="embeddings")
            chunk_scores = chunk_scores + embeddings @ self.vectors_.T - self.hubness * self.hub_
        chunk_scores = np.where(self._comparable(texts), chunk_scores, -np.inf)
        n_articles = len(self.numbers_)
        scores = np.full((len(texts), n_articles), -np.inf, dtype=np.float32)
        best = np.zeros((len(texts), n_articles), dtype=np.int64)
        order = np.argsort(-chunk_scores, axis=1, kind="stable")
        rows = np.arange(len(texts))
        for column in range(chunk_scores.shape[1] - 1, -1, -1):
            chunk = order[:, column]
            article = self.chunk_article_[chunk]
            scores[rows, article] = chunk_scores[rows, chunk]
            best[rows, article] = chunk
        return scores, best

    def _comparable(self, texts: Sequence[str]) -> np.ndarray:
        """``(n_texts, n_chunks)``: whole articles always; a point only for a query at most
        ``chunk_ratio`` times its length (a whole-article query is compared with articles, so
        the many points of other articles do not outbid the right article)."""
        whole = np.array([p is None for p in self.chunk_point_], dtype=bool)
        if self.chunk_ratio is None:
            return np.ones((len(texts), len(whole)), dtype=bool)
        lengths = np.array([len(normalize_text(t)) for t in texts], dtype=np.float64)
        fits = lengths[:, None] <= self.chunk_ratio * self.chunk_chars_[None, :]
        return fits | whole[None, :]

    def _lexical_scores(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        n_chunks = len(self.chunk_article_)
        if self.lexical_weight == 0:
            return np.zeros((len(texts), n_chunks), dtype=np.float32)
        query = self.tfidf_.transform([normalize_text(t) for t in texts])
        sims = np.asarray((query @ self.lexical_.T).todense(), dtype=np.float32)
        for row, language in enumerate(languages):
            sims[row, self.chunk_language_ != language] = 0.0
        return sims

    def predict(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        embeddings: np.ndarray | None = None,
    ) -> list[list[ArticleLink]]:
        """Links per text: explicit references (score 1.0) first, then the semantic ranking."""
        if isinstance(texts, str) or len(texts) != len(languages):
            raise InvalidInput("texts and languages must be sequences of equal length")
        if not texts:
            return []
        scores, best = self.score_articles(texts, languages, embeddings)
        known = set(getattr(self, "numbers_", []))
        out: list[list[ArticleLink]] = []
        for row, (text, language) in enumerate(zip(texts, languages, strict=True)):
            links: list[ArticleLink] = []
            seen: set[str] = set()
            if self.explicit:
                for ref in find_article_references(text, language):
                    if ref.number in known and ref.number not in seen:
                        seen.add(ref.number)
                        links.append(ArticleLink(ref.number, 1.0, "explicit", ref.point))
            for index in np.argsort(-scores[row], kind="stable"):
                if len(links) >= self.top_k or not has_words(text):
                    break
                if self.min_score_ is not None and scores[row, index] < self.min_score_:
                    break
                number = self.numbers_[index]
                if number in seen:
                    continue
                seen.add(number)
                point = self.chunk_point_[best[row, index]]
                links.append(ArticleLink(number, float(scores[row, index]), "semantic", point))
            out.append(links[: self.top_k])
        return out


class NoArticleLinker(ArticleLinker):
    """Links nothing (a no-op step): every proposal gets an empty list."""

    def __init__(self) -> None:
        super().__init__(min_score=None)

    def fit(self, articles: Sequence[ArticleText], y: Any = None) -> NoArticleLinker:
        self.numbers_ = []
        self.min_score_ = None
        return self

    def predict(self, texts: Sequence[str], *_: object, **__: object) -> list[list[ArticleLink]]:
        return [[] for _ in texts]
