"""Readable labels for groups of proposals (themes, positions), one per language (kk, ru, en).

:func:`label_groups` gives every group a label in each language: the *central sentence* of the
group in that language, at most 120 characters, taken from member texts written in it. A
sentence's score is the cosine of its text's vector to the group centre (when vectors are
given) plus how much of the group's keyword weight it carries; only sentences that
:func:`~talqy.analysis.label_text.label_sentences` allows are candidates (no names, signatures,
contact data; enough content words). A language with no member text (or no usable sentence)
gets the best sentence of the group's largest language, and ``source`` says so: ``source[lang]``
is the language the label is written in, so ``source["en"] == "ru"`` flags a cross-lingual
label. When no sentence is usable at all, the label falls back to the top keywords.

Keywords stay as secondary detail: class-based TF-IDF per language (term frequency in the
group, times ``log(1 + average words per group / frequency of the word across groups)``, as in
BERTopic), stop words and name-like words left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from talqy.analysis.label_text import content_words, label_sentences

LANGUAGES = ("kk", "ru", "en")
SOURCES = (*LANGUAGES, "und")  # "und": members in no known language, a last-resort source
SCANNED_MEMBERS = 40  # most central member texts per group and language searched for sentences


@dataclass
class GroupLabel:
    """Label of one group: ``label`` and ``source`` per language, keywords."""

    group: int
    label: dict[str, str]
    source: dict[str, str]  # language each label is written in (differs: cross-lingual)
    keywords: list[str] = field(default_factory=list)
    keywords_by_language: dict[str, list[str]] = field(default_factory=dict)

    @property
    def cross_lingual(self) -> dict[str, bool]:
        return {lang: self.source.get(lang) != lang for lang in self.label}


ThemeLabel = GroupLabel


def ctfidf_weights(class_docs: dict[int, Counter[str]]) -> dict[int, dict[str, float]]:
    """c-TF-IDF weight of every word in every class."""
    across: Counter[str] = Counter()
    for counts in class_docs.values():
        across.update(counts)
    avg = float(np.mean([sum(c.values()) for c in class_docs.values()])) if class_docs else 1.0
    out: dict[int, dict[str, float]] = {}
    for group, counts in class_docs.items():
        total = sum(counts.values()) or 1
        out[group] = {
            w: (n / total) * float(np.log(1 + (avg or 1.0) / across[w])) for w, n in counts.items()
        }
    return out


def ctfidf_keywords(
    class_docs: dict[int, Counter[str]], *, top_n: int = 10
) -> dict[int, list[str]]:
    """Top ``top_n`` c-TF-IDF words per class (ties broken alphabetically)."""
    weights = ctfidf_weights(class_docs)
    return {
        g: [w for w, _ in sorted(ws.items(), key=lambda x: (-x[1], x[0]))][:top_n]
        for g, ws in weights.items()
    }


def _centrality(
    vectors: np.ndarray | None, members: list[int], centre: np.ndarray | None
) -> np.ndarray:
    """Cosine of each member to ``centre`` (default: the members' own mean), rounded."""
    if vectors is None or not members:
        return np.zeros(len(members), dtype=np.float64)
    block = np.asarray(vectors[members], dtype=np.float64)
    if centre is None:
        centre = block.mean(axis=0)
    norm = float(np.linalg.norm(centre)) or 1.0
    return np.round(block @ (np.asarray(centre, dtype=np.float64) / norm), 6)


def central_sentence(
    texts: Sequence[str],
    members: list[int],
    language: str,
    weights: dict[str, float],
    vectors: np.ndarray | None,
    *,
    strict: bool = True,
    centre: np.ndarray | None = None,
) -> tuple[str, int] | None:
    """The best label sentence among ``members`` (indices into ``texts``) in ``language``, and
    the member it comes from; centrality is measured to ``centre`` when given."""
    if not members:
        return None
    central = _centrality(vectors, members, centre)
    order = sorted(range(len(members)), key=lambda j: (-central[j], members[j]))
    top = max(weights.values(), default=0.0) or 1.0
    best: tuple[float, int, str, int] | None = None
    seen: set[str] = set()
    for rank, j in enumerate(order[:SCANNED_MEMBERS]):
        for sentence in label_sentences(texts[members[j]], language, strict=strict):
            key = sentence.casefold()
            if key in seen:
                continue
            seen.add(key)
            words = set(content_words(sentence, language))
            cover = sum(weights.get(w, 0.0) for w in words) / top
            score = float(central[j]) + 0.25 * min(cover, 4.0) / 4.0 - 0.002 * rank
            if best is None or (score, -len(seen)) > (best[0], -best[1]):
                best = (score, len(seen), sentence, members[j])
    return (best[2], best[3]) if best else None


def _own_labels(
    texts: Sequence[str],
    members: dict[tuple[int, str], list[int]],
    group: int,
    ranked: list[str],
    weights: dict[str, dict[int, dict[str, float]]],
    vectors: np.ndarray | None,
    centre: np.ndarray | None,
) -> dict[str, str]:
    """Labels from member texts in their own language. The group's largest language picks the
    sentence closest to the group centre; the others pick the sentence closest to that one's
    text (so the three labels name the same thing where translations exist). Strict sentences
    first; short ones only when no language has a strict one."""
    for strict in (True, False):
        own: dict[str, str] = {}
        anchor = centre
        for lang in ranked:
            ws = weights[lang].get(group, {})
            found = central_sentence(
                texts,
                members.get((group, lang), []),
                lang,
                ws,
                vectors,
                strict=strict,
                centre=anchor,
            )
            if found:
                own[lang] = found[0]
                if vectors is not None and anchor is centre:
                    anchor = vectors[found[1]]
        if own:
            return own
    return {}


def label_groups(
    texts: Sequence[str],
    languages: Sequence[str],
    groups: Sequence[int] | np.ndarray,
    vectors: np.ndarray | None = None,
    *,
    top_n: int = 10,
    label_words: int = 3,
    words: Sequence[list[str]] | None = None,
) -> list[GroupLabel]:
    """A :class:`GroupLabel` for every group id >= 0 in ``groups`` (sorted by id).

    ``texts`` should be display text (redacted); ``vectors``, when given, are L2-normalised
    rows aligned with ``texts`` and pick the central member texts. ``words`` may give
    :func:`~talqy.analysis.label_text.content_words` of every text when already computed.
    """
    group_ids = np.asarray(groups, dtype=np.int64)
    ids = sorted({int(g) for g in group_ids.tolist() if g >= 0})
    members: dict[tuple[int, str], list[int]] = {}
    docs: dict[str, dict[int, Counter[str]]] = {lang: {} for lang in SOURCES}
    for i, (text, known, g) in enumerate(zip(texts, languages, group_ids.tolist(), strict=True)):
        if g < 0:
            continue
        lang = known if known in LANGUAGES else "und"
        members.setdefault((g, lang), []).append(i)
        found = words[i] if words is not None else content_words(text, lang)
        docs[lang].setdefault(g, Counter()).update(found)
    weights = {lang: ctfidf_weights(docs[lang]) for lang in SOURCES}
    out = []
    for g in ids:
        sizes = {lang: len(members.get((g, lang), [])) for lang in SOURCES}
        ranked = sorted(SOURCES, key=lambda lg: (lg == "und", -sizes[lg], SOURCES.index(lg)))
        by_lang: dict[str, list[str]] = {}
        group_members = [i for lang in SOURCES for i in members.get((g, lang), [])]
        centre = vectors[group_members].mean(axis=0) if vectors is not None else None
        for lang in SOURCES:
            ws = weights[lang].get(g, {})
            by_lang[lang] = [w for w, _ in sorted(ws.items(), key=lambda x: (-x[1], x[0]))][:top_n]
        own = _own_labels(texts, members, g, ranked, weights, vectors, centre)
        best_kw = next((by_lang[lg] for lg in ranked if by_lang[lg]), [])
        fallback = next((lg for lg in ranked if lg in own), None)
        label, source = {}, {}
        for lang in LANGUAGES:
            if lang in own:
                label[lang], source[lang] = own[lang], lang
            elif fallback:
                label[lang], source[lang] = own[fallback], fallback
            else:
                kw_lang = next((lg for lg in (lang, *ranked) if by_lang[lg]), lang)
                top_words = by_lang[kw_lang][:label_words]
                label[lang] = " · ".join(top_words) if top_words else f"#{g + 1}"
                source[lang] = kw_lang
        keywords_by_language = {lg: kws for lg, kws in by_lang.items() if kws and lg != "und"}
        out.append(GroupLabel(g, label, source, best_kw, keywords_by_language))
    return out


def label_themes(
    texts: Sequence[str],
    languages: Sequence[str],
    labels: np.ndarray,
    vectors: np.ndarray | None = None,
    *,
    label_words: int = 3,
    top_n: int = 10,
) -> dict[int, GroupLabel]:
    """:func:`label_groups` keyed by theme id."""
    found = label_groups(texts, languages, labels, vectors, top_n=top_n, label_words=label_words)
    return {g.group: g for g in found}
