"""Semantic duplicates: translations and rewordings found among embedding neighbours.

Raw cosine cuts do not work for multilingual e5: unrelated texts sit near 0.77-0.82 and
translations near 0.87-0.90, and the band moves with text length and topic density. The step
works on *distinct* texts (copies that are equal after :func:`fold_for_hash` are joined
directly and stand as one text, so a rewording of a repeated text still finds a best match)
and on vectors with each language's shrunk mean removed (this drops the "which language is
this" direction that dominates e5 cosines: kk->ru top-1 retrieval on Constitution paragraphs
rises from 0.76 to 0.98). Then:

**Across languages** (translations), a pair ``(i, j)`` is accepted when ``j`` is ``i``'s
nearest neighbour among the texts in ``j``'s language and vice versa (mutual best match), the
centred cosine reaches ``cross_cosine``, the LASER-style ratio margin (cosine over the mean of
the ``k`` nearest on both sides) reaches ``cross_margin``, and the numbers agree.

**Within one language** (rewordings), candidates are pairs where each text is among the other's
``same_candidates`` nearest neighbours (default 1: mutual best matches); a candidate is
accepted when the centred cosine reaches ``same_cosine`` -- or, for freer rewordings, reaches
``reword_cosine`` while at least ``reword_overlap`` of the shorter text's word stems
(:func:`stem_overlap`) occur in the other (real Kazakh rewordings keep most words but reorder
and simplify them: their centred cosine is 0.68 at the 10th percentile, while a text's best
unrelated neighbour reaches 0.58 at the 99th) -- the numbers agree and the names
agree (``check_names``, see :func:`names_clash`: near-identical parallel clauses such as "...
a judge of the Constitutional Court" / "... the Chairman of the Constitutional Court" differ
only in the office or body they name, which a sentence embedding barely sees). Optionally
(``same_probability``) it must also pass a small logistic model over three features: the
centred cosine, its *gap* over the next-best neighbour of either text (one of several
near-identical parallel clauses does not stand out from its neighbourhood) and rapidfuzz
``token_sort_ratio`` / 100. The weights (:data:`SAME_LANGUAGE_WEIGHTS`) were fitted once on
the even-numbered sections of the Constitution evaluation sets and are frozen here. The model
is off by default: on the tuning split it raised precision but lost more recall than the
plain floor, and on generated proposals (several wordings of one idea, so small gaps) it
halved rewording recall (see ``docs/systematization.md``).

**Positions agree** (``check_stance``): two texts whose stance cues point different ways
("Я против этого законопроекта" / "Мен бұл заңды жақтаймын") are never paired, however close
their vectors: e5 barely sees polarity in short answers.

**No chaining through translations.** Two texts of one language that each have their *own*
mutual best match in another language are translations of different texts, so a
same-language link between them is dropped (``exclusive_partners``); otherwise the union-find
would chain two translation pairs into one group through a pair of near-identical clauses.

The neighbour search runs in row blocks, so memory stays ``O(block_rows * n)``.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.analysis.dedup import Deduplicator, Languages, Pairs, Vectors, as_pairs, chain_pairs
from talqy.analysis.embedders import center_by_group
from talqy.analysis.normalization import fix_homoglyphs, fold_for_hash
from talqy.analysis.stance import classify_by_cues
from talqy.errors import InvalidInput

_NUMBER = re.compile(r"\d+")
_WORD_OR_STOP = re.compile(r"\w+|[.!?…:;]")
_STEM = 5  # letters kept of each word: enough to match inflected forms of one name
#: Kazakh letters folded to their plain Cyrillic look-alikes ("Қазақстан" / "Казакстан").
_PLAIN_LETTERS = str.maketrans("әғқңөұүһіё", "агкноуухие")

#: Logistic weights for same-language pairs: (centred cosine, gap, token_sort_ratio, bias).
#: Fitted (C = 10) on the even sections of the Constitution sets; the bias includes the
#: "numbers agree" term, which is always true once the number guard has passed.
SAME_LANGUAGE_WEIGHTS: tuple[float, float, float, float] = (7.80, 9.91, 8.02, -14.78)


def number_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """The set of digit runs in each text (leading zeros removed)."""
    return [frozenset(m.lstrip("0") or "0" for m in _NUMBER.findall(t)) for t in texts]


def stem_words(text: str) -> list[tuple[str, bool]]:
    """Each word as ``(stem, is_name)``: its first five letters in lower case with Kazakh
    letters folded, and whether it is a capitalised word of two or more letters that does not
    start a sentence (a name, an office, a body)."""
    out = []
    starts = True
    for match in _WORD_OR_STOP.finditer(fix_homoglyphs(text)):
        word = match.group(0)
        if not word[0].isalnum() and word[0] != "_":
            starts = True
            continue
        stem = word[:_STEM].lower().translate(_PLAIN_LETTERS)
        out.append((stem, word[0].isupper() and len(word) > 1 and not starts))
        starts = False
    return out


def names_clash(a: str, b: str) -> bool:
    """Whether two texts of one language name different things.

    The words of both texts are aligned (difflib); only differences *inside* the text count
    (matching words before and after them), so a changed greeting or signature at either end
    is no clash. True when each text has such a name whose stem the other text lacks
    ("Supreme Court" / "Prosecutor General"), or when such a name replaces another word at the
    same place ("a judge" / "the Chairman"). A name that is only dropped ("Republic of
    Kazakhstan" / "Kazakhstan") is no clash. Symmetric: the texts are compared in sorted order.
    """
    a, b = sorted((a, b))
    wa, wb = stem_words(a), stem_words(b)
    stems_a, stems_b = {s for s, _ in wa}, {s for s, _ in wb}
    only_a = {s for s, name in wa if name} - stems_b
    only_b = {s for s, name in wb if name} - stems_a
    if not only_a and not only_b:
        return False
    matcher = difflib.SequenceMatcher(a=[s for s, _ in wa], b=[s for s, _ in wb], autojunk=False)
    inner_a: set[str] = set()
    inner_b: set[str] = set()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or 0 in (i1, j1) or i2 == len(wa) or j2 == len(wb):
            continue
        left = {s for s, _ in wa[i1:i2]} - stems_b
        right = {s for s, _ in wb[j1:j2]} - stems_a
        inner_a |= left & only_a
        inner_b |= right & only_b
        if op == "replace" and ((left & only_a and right) or (right & only_b and left)):
            return True
    return bool(inner_a and inner_b)


def same_language_probability(cosine: float, gap: float, ratio: float) -> float:
    """Probability that a same-language candidate pair is a duplicate (frozen model)."""
    w_cos, w_gap, w_ratio, bias = SAME_LANGUAGE_WEIGHTS
    z = w_cos * cosine + w_gap * gap + w_ratio * ratio + bias
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(kw_only=True, eq=False, repr=False)
class SemanticDeduplicator(Deduplicator):
    """Translations and rewordings: mutual best matches on language-centred vectors."""

    k: int = 4
    center: bool = True
    shrinkage: float = 20.0
    cross_cosine: float = 0.45
    same_cosine: float = 0.82
    reword_cosine: float | None = 0.6
    reword_overlap: float = 0.4
    cross_margin: float = 1.0
    same_probability: float | None = None
    same_candidates: int = 1
    check_numbers: bool = True
    check_names: bool = True
    check_stance: bool = True
    collapse_copies: bool = True
    exclusive_partners: bool = True
    block_rows: int = 1024

    def _validate(self, n: int, embeddings: np.ndarray | None) -> np.ndarray:
        if embeddings is None:
            raise InvalidInput("semantic deduplication needs embeddings", field="embeddings")
        if self.k < 1 or self.same_candidates < 1:
            raise InvalidInput("k and same_candidates must be at least 1", field="k")
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
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per item and language: best match, its cosine, mean of the k best cosines; and
        per item its ``same_candidates + 1`` nearest texts of its own language."""
        n = len(emb)
        best = np.full((n, n_langs), -1, dtype=np.int64)
        best_cos = np.full((n, n_langs), -np.inf, dtype=np.float32)
        knn = np.zeros((n, n_langs), dtype=np.float32)
        near = np.full((n, self.same_candidates + 1), -1, dtype=np.int64)
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
                own = np.flatnonzero(codes[start : start + step] == lang)
                if len(own):
                    m = min(near.shape[1], len(cols))
                    order = np.argsort(-part[own], axis=1, kind="stable")[:, :m]
                    near[start + own, :m] = cols[order]
        return best, best_cos, knn, near

    def _pairs(self, texts: Sequence[str], embeddings: Vectors, languages: Languages) -> Pairs:
        emb = self._validate(len(texts), embeddings)
        langs = list(languages) if languages is not None else ["und"] * len(texts)
        if not self.collapse_copies:
            return self._distinct_pairs(list(texts), emb, langs)
        keys = [(lang, fold_for_hash(t)) for t, lang in zip(texts, langs, strict=True)]
        first = {key: i for i, key in reversed(list(enumerate(keys)))}
        distinct = np.array(sorted(set(first.values())), dtype=np.int64)
        inner = self._distinct_pairs(
            [texts[i] for i in distinct], emb[distinct], [langs[i] for i in distinct]
        )
        return as_pairs(np.vstack([chain_pairs(keys), distinct[inner]]))

    def _distinct_pairs(self, texts: list[str], emb: np.ndarray, langs: list[str]) -> Pairs:
        if len(texts) < 2:
            return as_pairs([])
        names = sorted(set(langs))
        codes = np.array([names.index(x) for x in langs], dtype=np.int64)
        emb = self.centred(emb, codes)
        best, best_cos, knn, near = self.neighbours(emb, codes, len(names))
        numbers = number_sets(texts) if self.check_numbers else None
        stances = [classify_by_cues(t) for t in texts] if self.check_stance else None

        def numbers_agree(i: int, j: int) -> bool:
            if stances is not None and stances[i] and stances[j] and stances[i] != stances[j]:
                return False  # "Я против этого закона" / "Мен бұл заңды жақтаймын"
            return numbers is None or not (numbers[i] and numbers[j] and numbers[i] != numbers[j])

        found = []
        for i in range(len(texts)):
            for lj in range(len(names)):
                j = int(best[i, lj])
                if lj == codes[i] or j <= i or best[j, codes[i]] != i:
                    continue  # same language, not mutual, or seen from the other side
                cos = float(best_cos[i, lj])
                denom = (float(knn[i, lj]) + float(knn[j, codes[i]])) / 2
                margin = cos / denom if denom > 0 else np.inf
                if cos >= self.cross_cosine and margin >= self.cross_margin and numbers_agree(i, j):
                    found.append((i, j))
        for i, j in self._same_candidates(emb, near):
            if not numbers_agree(i, j) or not self._same_accepted(texts, emb, near, i, j):
                continue
            if self.exclusive_partners and _distinct_partners(i, j, best, codes):
                continue
            found.append((i, j))
        return as_pairs(found)

    def _same_candidates(self, emb: np.ndarray, near: np.ndarray) -> list[tuple[int, int]]:
        """Same-language pairs where each text is among the other's nearest candidates."""
        m = self.same_candidates
        pairs = []
        for i in range(len(near)):
            for j in near[i, :m].tolist():
                if j > i and i in near[j, :m].tolist():
                    pairs.append((i, j))
        return pairs

    def _rewording(self, a: str, b: str, cos: float) -> bool:
        """A freer rewording: lower cosine, but most of the shorter text's stems are kept."""
        if self.reword_cosine is None or cos < self.reword_cosine:
            return False
        return stem_overlap(a, b) >= self.reword_overlap

    def _same_accepted(
        self, texts: list[str], emb: np.ndarray, near: np.ndarray, i: int, j: int
    ) -> bool:
        cos = float(emb[i] @ emb[j])
        if cos < self.same_cosine and not self._rewording(texts[i], texts[j], cos):
            return False
        if self.check_names and names_clash(texts[i], texts[j]):
            return False
        if self.same_probability is None:
            return True
        from rapidfuzz import fuzz

        second = max((float(emb[a] @ emb[b]) for a, b in _next_best(i, j, near)), default=0.0)
        ratio = fuzz.token_sort_ratio(texts[i], texts[j]) / 100.0
        return same_language_probability(cos, cos - second, ratio) >= self.same_probability


def stem_overlap(a: str, b: str) -> float:
    """Share of the shorter text's word stems (:func:`stem_words`) that the other text has."""
    sa, sb = {s for s, _ in stem_words(a)}, {s for s, _ in stem_words(b)}
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def _next_best(i: int, j: int, near: np.ndarray) -> list[tuple[int, int]]:
    """``(i, x)`` and ``(j, y)``: each side with its nearest neighbour other than the pair."""
    out = []
    for a, b in ((i, j), (j, i)):
        rest = [x for x in near[a].tolist() if x not in (a, b, -1)]
        if rest:
            out.append((a, rest[0]))
    return out


def _distinct_partners(i: int, j: int, best: np.ndarray, codes: np.ndarray) -> bool:
    """Whether ``i`` and ``j`` have different mutual best matches in some other language."""
    for lang in range(best.shape[1]):
        if lang == codes[i]:
            continue
        pi, pj = int(best[i, lang]), int(best[j, lang])
        if pi >= 0 and pj >= 0 and pi != pj and best[pi, codes[i]] == i and best[pj, codes[j]] == j:
            return True
    return False
