"""Stance of a proposal towards the draft: ``support``, ``oppose``, ``amend`` or ``unclear``.

Two signals:

- **Cues** (:mod:`talqy.analysis.stance_lexicon`) of kk, ru and en together (a mixed kk/ru
  answer has cues in both), matched as whole words on case-folded text ("add" never matches
  "addiction"). A longer cue wins over one it overlaps. A negator just before or after a
  support / oppose cue turns it into the other label ("не против", "do not oppose", "қарсы
  емеспін", "возражений нет"); a negated amend cue ("nothing to add") is dropped. An answer that
  opens with yes / no ("Yes, absolutely ban them.", "Нет смысла") counts twice, and "yes, but
  … should …" is a request to change (amend). The label with most evidence wins; ties go to
  ``oppose`` > ``amend`` > ``support``.
- **Prototypes** (when an ``embedder`` is given): each label has prototype sentences in the three
  languages, plus the labelled examples passed to :meth:`StanceClassifier.fit`; a text without
  cues gets the label of its most similar prototype centroid, if the margin over ``unclear``
  reaches ``min_margin``.

Without cues and without an embedder the answer is ``unclear``: nothing said, nothing claimed.
The method is deterministic (no ``random_state``). Evaluation: ``benchmarks/eval_stance.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any

import numpy as np

from talqy.analysis.embedders import Embedder
from talqy.analysis.normalization import normalize_text
from talqy.analysis.registry import constructor_params
from talqy.analysis.stance_lexicon import (
    AMEND,
    CONTRAST,
    DIRECTIVE,
    NEGATORS_AFTER,
    NEGATORS_BEFORE,
    NO,
    OPPOSE,
    PRECEDENCE,
    PROTOTYPES,
    SUPPORT,
    YES,
)
from talqy.errors import InvalidInput

STANCES: tuple[str, ...] = ("support", "oppose", "amend", "unclear")
_CUES = {"support": SUPPORT, "oppose": OPPOSE, "amend": AMEND}
_FLIP = {"support": "oppose", "oppose": "support"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
_LEADING = re.compile(r"^[\W\d_]*")


def cue_pattern(cue: str) -> str:
    """Regex source of one cue: whole words; a trailing ``*`` makes the last word a stem."""
    stem = cue.endswith("*")
    words = cue.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    return r"(?<![\w'])" + body + (r"[\w']*" if stem else r"(?![\w'])")


def _alternation(cues: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(cues), key=lambda c: (-len(c), c))
    return re.compile("|".join(cue_pattern(c) for c in ordered))


_PATTERNS = {
    (label, language): _alternation(table[language])
    for label, table in _CUES.items()
    for language in table
}
_ANSWER = {
    label: re.compile(r"(?:" + _alternation([c for t in table.values() for c in t]).pattern + ")")
    for label, table in (("support", YES), ("oppose", NO))
}
_NEG_BEFORE = re.compile(r"(?:" + _alternation(NEGATORS_BEFORE).pattern + r")(?:\s+\w+)?\s+$")
_NEG_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:" + _alternation(NEGATORS_AFTER).pattern + ")")
_CONTRAST = _alternation(CONTRAST)
_DIRECTIVE = _alternation(DIRECTIVE)


def fold_for_cues(text: str) -> str:
    """Normalised, case-folded text with one apostrophe character."""
    return normalize_text(text).casefold().translate(_APOSTROPHES)


def find_stance_cues(text: str, language: str | None = None) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of each cue in the folded text, negation applied.

    Cues of every language are looked for (a mixed kk/ru text has cues in both); ``language``
    is accepted for compatibility and does not restrict them. A longer cue wins over one it
    contains, and a support or oppose cue with a negator just before ("не против", "do not
    oppose") or just after ("қарсы емеспін", "возражений нет") counts for the other label.
    """
    folded = fold_for_cues(text)
    spans = [
        (label, m.start(), m.end())
        for (label, _), pattern in _PATTERNS.items()
        for m in pattern.finditer(folded)
    ]
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1]), s[0]))
    kept: list[tuple[str, int, int]] = []
    for label, start, end in spans:
        if any(k_start < end and start < k_end for _, k_start, k_end in kept):
            continue
        kept.append((label, start, end))
    out = []
    for label, start, end in kept:
        before = folded[max(0, start - 24) : start]
        if _NEG_BEFORE.search(before) or _NEG_AFTER.match(folded[end : end + 24]):
            if label not in _FLIP:
                continue  # "nothing to add", "нечего добавить": no request
            label = _FLIP[label]
        out.append((label, start, end))
    return out


def answer_word(text: str) -> str | None:
    """``support`` for a reply that opens with yes ("Иә", "Да", "Yes"), ``oppose`` for no."""
    folded = fold_for_cues(text)
    head = folded[_LEADING.match(folded).end() :]  # type: ignore[union-attr]
    found = [(m.end(), label) for label, p in _ANSWER.items() if (m := p.match(head))]
    return max(found)[1] if found else None


def stance_scores(text: str, language: str | None = None) -> dict[str, float]:
    """Evidence per label: 1 per cue, 2 for an opening yes / no, 3 for "yes, but … should"."""
    scores = {label: 0.0 for label in PRECEDENCE}
    cues = find_stance_cues(text, language)
    for label, _, _ in cues:
        scores[label] += 1.0
    answer = answer_word(text)
    if answer:
        scores[answer] += 2.0
    if answer == "support" or scores["support"] > 0 or scores["amend"] > 0:
        folded = fold_for_cues(text)
        contrast = _CONTRAST.search(folded)
        if contrast and _DIRECTIVE.search(folded, contrast.end()):
            scores["amend"] += 3.0
    return scores


def classify_by_cues(text: str, language: str | None = None) -> str | None:
    """The stance the cues indicate, or ``None`` when there are none."""
    scores = stance_scores(text, language)
    best = max(scores.values())
    if best == 0:
        return None
    return next(label for label in PRECEDENCE if scores[label] == best)


@dataclass(eq=False, repr=False)
class StanceClassifier:
    """Cue phrases first, embedding prototypes for texts without cues (see module docstring).

    ``embedder``: back end for prototypes (``None``: cues only). ``use_cues``: switch the cue
    stage off to measure prototypes alone. ``min_margin``: how much closer a text must be to a
    label's centroid than to ``unclear``'s.
    """

    embedder: Embedder | None = None
    _: KW_ONLY
    use_cues: bool = True
    min_margin: float = 0.0

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return constructor_params(self, deep=deep)

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


class NoStanceClassifier(StanceClassifier):
    """Says nothing about stance: every text is ``unclear`` (a no-op step)."""

    def __init__(self) -> None:
        super().__init__()

    def fit(
        self, texts: Sequence[str] | None = None, labels: Sequence[str] | None = None
    ) -> NoStanceClassifier:
        self.centroids_ = None
        return self

    def predict(self, texts: Sequence[str], *_: object, **__: object) -> list[str]:
        return ["unclear"] * len(texts)
