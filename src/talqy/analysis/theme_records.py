"""Theme records of a run: two levels (themes, and finer themes inside them), labelled.

The theme step is fitted on duplicate-group representatives (one per campaign); here its
labels are spread back to every proposal and turned into :class:`~talqy.analysis.records.Theme`
records: ``t3`` is a top theme, ``t3.2`` the second-largest finer theme inside it. A step
without a finer level (k-means, HDBSCAN, agglomerative) gives themes without subthemes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.analysis.embedders import center_by_group, l2_normalize
from talqy.analysis.label_text import content_words
from talqy.analysis.labels import label_groups
from talqy.analysis.records import ProposalInput, Theme
from talqy.analysis.themes import Clusterer


@dataclass
class ThemeFit:
    """Labels per fitted item: top theme, finer theme (-1: none) and each fine theme's top."""

    top: np.ndarray
    fine: np.ndarray
    parents: np.ndarray
    has_fine: bool


def language_means(
    vectors: np.ndarray, languages: Sequence[str], *, shrinkage: float = 20.0
) -> dict[str, np.ndarray]:
    """Shrunk mean vector per language, as :func:`~talqy.analysis.embedders.center_by_group`
    subtracts them."""
    overall = vectors.mean(axis=0)
    labels = np.asarray(list(languages))
    return {
        str(name): (vectors[labels == name].sum(axis=0) + shrinkage * overall)
        / ((labels == name).sum() + shrinkage)
        for name in np.unique(labels)
    }


def theme_vectors(
    embeddings: np.ndarray, languages: Sequence[str], fitted: list[int], of_item: np.ndarray
) -> np.ndarray:
    """One vector per fitted item: the normalised mean of every proposal it stands for (its
    duplicate group, or its campaign), each proposal centred per language first. A group of
    translations is then placed by all its languages, not by its first member's alone."""
    if len(fitted) < 2:
        return center_by_group(embeddings[fitted], [languages[i] for i in fitted])
    means = language_means(embeddings[fitted], [languages[i] for i in fitted])
    overall: np.ndarray = np.asarray(np.mean(list(means.values()), axis=0))
    sums = np.zeros((len(fitted), embeddings.shape[1]), dtype=np.float64)
    for start in range(0, len(embeddings), 8192):
        block = np.asarray(embeddings[start : start + 8192], dtype=np.float32)
        part = languages[start : start + 8192]
        shift = np.vstack([means.get(lang, overall) for lang in part])
        where = of_item[start : start + 8192]
        keep = where >= 0  # proposals in no fitted group (texts without words): no theme
        np.add.at(sums, where[keep], l2_normalize(block - shift)[keep])
    return l2_normalize(sums)


def fit_themes(step: Clusterer, vectors: np.ndarray) -> ThemeFit:
    if not len(vectors):
        empty = np.zeros(0, dtype=np.int64)
        return ThemeFit(empty, empty, empty, False)
    top = np.asarray(step.fit_predict(vectors), dtype=np.int64)
    fine = getattr(step, "fine_labels_", None)
    parents = getattr(step, "parents_", None)
    if fine is None or parents is None:
        return ThemeFit(top, top.copy(), np.arange(int(top.max(initial=-1)) + 1), False)
    return ThemeFit(top, np.asarray(fine, np.int64), np.asarray(parents, np.int64), True)


@dataclass
class ThemeContext:
    """What record building needs from the run: fitted items and how items map to them."""

    fitted: list[int]  # proposal index of every fitted item
    vectors: np.ndarray  # their (centred) vectors
    texts: Sequence[str]  # analysed text of every proposal
    languages: Sequence[str]
    proposals: Sequence[ProposalInput]
    fitted_of_item: np.ndarray  # position in ``fitted`` that decides each proposal's theme
    in_campaign: np.ndarray  # campaign number per proposal, -1 none
    representatives: int


def _records(
    ctx: ThemeContext, labels: np.ndarray, ids: list[str], words: list[list[str]]
) -> list[Theme]:
    """One record per label value (``ids[value]`` its id)."""
    texts = [ctx.texts[i] for i in ctx.fitted]
    langs = [ctx.languages[i] for i in ctx.fitted]
    from talqy.analysis.records import count_people  # one definition of "people"

    of_item = ctx.fitted_of_item
    item = np.where(of_item >= 0, labels[np.maximum(of_item, 0)], -1) if len(labels) else of_item
    out = []
    for info in label_groups(texts, langs, labels, ctx.vectors, words=words):
        t = info.group
        rows = np.flatnonzero(labels == t)
        block = ctx.vectors[rows]
        centre = block.mean(axis=0)
        closest = np.argsort(-np.round(block @ centre, 6), kind="stable")
        reps = [ctx.proposals[ctx.fitted[rows[j]]].id for j in closest[: ctx.representatives]]
        members = np.flatnonzero(item == t).tolist()
        counted = count_people([ctx.proposals[i].author_key for i in members])
        out.append(
            Theme(
                ids[t],
                counted,
                len(members),
                info.label,
                info.keywords,
                reps,
                label_source=info.source,
            )
        )
    return out


def theme_records(ctx: ThemeContext, fit: ThemeFit) -> tuple[list[Theme], list[str]]:
    """Theme records (top level, each with its subthemes) and the fine id per fine label."""
    n_top = int(fit.top.max(initial=-1)) + 1
    top_ids = [f"t{t + 1}" for t in range(n_top)]
    fine_ids = [""] * len(fit.parents)
    if fit.has_fine:
        counts = np.bincount(fit.fine[fit.fine >= 0], minlength=len(fit.parents))
        for t in range(n_top):
            inside = [f for f in np.flatnonzero(fit.parents == t).tolist()]
            inside.sort(key=lambda f: (-counts[f], f))
            for n, f in enumerate(inside):
                fine_ids[f] = f"{top_ids[t]}.{n + 1}"
    words = [content_words(ctx.texts[i], ctx.languages[i]) for i in ctx.fitted]
    themes = _records(ctx, fit.top, top_ids, words)
    if fit.has_fine:
        by_id = {t.id: t for t in themes}
        for sub in _records(ctx, fit.fine, fine_ids, words):
            by_id[sub.id.split(".")[0]].subthemes.append(sub)
        for theme in themes:
            theme.subthemes.sort(key=lambda s: int(s.id.split(".")[1]))
    return themes, fine_ids
