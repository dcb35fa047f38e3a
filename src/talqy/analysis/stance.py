"""Stance of a proposal towards the draft: ``support``, ``oppose``, ``amend`` or ``unclear``.

Two signals:

- **Cue phrases** (:mod:`talqy.analysis.stance_lexicon`) in kk / ru / en, matched at word starts
  on case-folded text. A longer cue that contains a shorter one of another label wins ("не
  поддерживаю" is oppose, not support). The label with most cues wins; ties go to
  ``oppose`` > ``amend`` > ``support`` ("I disagree with extending …" is oppose).
- **Prototypes** (when an ``embedder`` is given): each label has prototype sentences in the three
  languages, plus the labelled examples passed to :meth:`StanceClassifier.fit`; a text without
  cues gets the label of its most similar prototype centroid, if the margin over ``unclear``
  reaches ``min_margin``.

Without cues and without an embedder the answer is ``unclear``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from talqy.analysis.embedders import Embedder
from talqy.analysis.normalization import normalize_text
from talqy.analysis.stance_lexicon import AMEND, OPPOSE, PRECEDENCE, PROTOTYPES, SUPPORT
from talqy.errors import InvalidInput

STANCES: tuple[str, ...] = ("support", "oppose", "amend", "unclear")
_CUES = {"support": SUPPORT, "oppose": OPPOSE, "amend": AMEND}


def _compile(language: str) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for label, table in _CUES.items():
        for cue in table.get(language, ()):
            out.append((label, re.compile(r"(?<!\w)" + re.escape(cue.strip()))))
    return out


_PATTERNS = {language: _compile(language) for language in ("kk", "ru", "en")}


def find_stance_cues(text: str, language: str | None = None) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of each cue in ``text`` (casefolded), nested cues dropped."""
    folded = normalize_text(text).casefold()
    languages = [language] if language in _PATTERNS else list(_PATTERNS)
    spans = [
        (label, m.start(), m.end())
        for lang in languages
        for label, pattern in _PATTERNS[str(lang)]
        for m in pattern.finditer(folded)
    ]
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1])))
    kept: list[tuple[str, int, int]] = []
    for label, start, end in spans:
        if any(k_start <= start and end <= k_end for _, k_start, k_end in kept):
            continue
        kept = [k for k in kept if not (start <= k[1] and k[2] <= end)]
        kept.append((label, start, end))
    return kept


def classify_by_cues(text: str, language: str | None = None) -> str | None:
    """The stance the cue phrases indicate, or ``None`` when there are none."""
    counts = {label: 0 for label in PRECEDENCE}
    for label, _, _ in find_stance_cues(text, language):
        counts[label] += 1
    best = max(counts.values())
    if best == 0:
        return None
    return next(label for label in PRECEDENCE if counts[label] == best)


class StanceClassifier:
    """Cue phrases first, embedding prototypes for texts without cues (see module docstring).

    ``embedder``: back end for prototypes (``None``: cues only). ``use_cues``: switch the cue
    stage off to measure prototypes alone. ``min_margin``: how much closer a text must be to a
    label's centroid than to ``unclear``'s.
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        use_cues: bool = True,
        min_margin: float = 0.0,
        random_state: int | None = None,
    ) -> None:
        self.embedder = embedder
        self.use_cues = use_cues
        self.min_margin = min_margin
        self.random_state = random_state

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        embedder: Any = self.embedder
        if deep and self.embedder is not None:
            embedder = self.embedder.get_params()
        return {
            "embedder": embedder,
            "use_cues": self.use_cues,
            "min_margin": self.min_margin,
            "random_state": self.random_state,
        }

    def fit(
        self, texts: Sequence[str] | None = None, labels: Sequence[str] | None = None
    ) -> StanceClassifier:
        """Build the prototype centroids (built-in sentences plus optional labelled examples)."""
        texts, labels = list(texts or []), list(labels or [])
        if len(texts) != len(labels):
            raise InvalidInput("texts and labels must have equal length", field="labels")
        for row, label in enumerate(labels):
            if label not in STANCES:
                raise InvalidInput(f"unknown stance {label!r}", field="labels", row=row)
        if self.embedder is None and not self.use_cues:
            raise InvalidInput("without cues an embedder is needed", field="embedder")
        self.centroids_: np.ndarray | None = None
        if self.embedder is not None:
            examples = [(t, label) for label in STANCES for t in PROTOTYPES[label]]
            examples += list(zip(texts, labels, strict=True))
            vectors = self.embedder.embed([t for t, _ in examples], kind="query")
            owner = np.array([STANCES.index(label) for _, label in examples])
            centroids = np.vstack([vectors[owner == i].mean(axis=0) for i in range(len(STANCES))])
            norms = np.linalg.norm(centroids, axis=1, keepdims=True)
            self.centroids_ = (centroids / np.where(norms == 0, 1, norms)).astype(np.float32)
        return self

    def predict(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> list[str]:
        """One stance per text."""
        if not hasattr(self, "centroids_"):
            self.fit()
        if isinstance(texts, str):
            raise InvalidInput("expected a sequence of texts, got one string", field="texts")
        langs = list(languages) if languages is not None else [None] * len(texts)
        if len(langs) != len(texts):
            raise InvalidInput("texts and languages must have equal length", field="languages")
        out: list[str | None] = [
            classify_by_cues(t, lang) if self.use_cues else None
            for t, lang in zip(texts, langs, strict=True)
        ]
        todo = [i for i, label in enumerate(out) if label is None]
        if todo and self.centroids_ is not None and self.embedder is not None:
            if embeddings is not None:
                vectors = np.asarray(embeddings, dtype=np.float32)[todo]
            else:
                vectors = self.embedder.embed([texts[i] for i in todo], kind="query")
            sims = vectors @ self.centroids_.T
            unclear = STANCES.index("unclear")
            for row, i in enumerate(todo):
                best = int(np.argmax(sims[row]))
                margin = sims[row, best] - sims[row, unclear]
                out[i] = STANCES[best] if margin >= self.min_margin else "unclear"
        return [label or "unclear" for label in out]
