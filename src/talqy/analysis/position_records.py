"""From a fitted position finder to :class:`Position` records and a position id per row.

Positions are numbered ``p1``, ``p2``… from the largest down (ties: the earliest member first),
so the same input gives the same ids. A position's theme is the theme most of its members
have; its articles are the ones at least a quarter of its members link to first (at most
three, most frequent first; the most frequent one when none reaches a quarter). Labels are
built in one place, :func:`position_labels`, from one text per duplicate group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.analysis.labels import label_groups
from talqy.analysis.positions import PositionFinder
from talqy.analysis.records import Position, ProposalRow

LABEL_CHARS = 120
ARTICLE_SHARE = 0.25
MAX_ARTICLES = 3


@dataclass(frozen=True)
class PositionInputs:
    """Per-row facts the records are built from (all lists in row order)."""

    ids: Sequence[str]
    texts: Sequence[str]
    languages: Sequence[str]
    groups: np.ndarray  # duplicate group per row
    representatives: np.ndarray  # representative row per duplicate group
    campaigns: Sequence[str | None]  # campaign id per row
    themes: Sequence[str | None]  # theme id per row
    articles: Sequence[Sequence[str]]  # linked article numbers per row, best first


def position_labels(
    texts: Sequence[str], languages: Sequence[str], labels: np.ndarray
) -> dict[int, dict[str, str]]:
    """A kk / ru / en label per position number (the one place labels are made)."""
    found = label_groups(texts, languages, labels)
    return {
        info.group: {lang: text[:LABEL_CHARS] for lang, text in info.label.items()}
        for info in found
    }


def _numbering(labels: np.ndarray) -> np.ndarray:
    """New position numbers: largest first, ties by first row."""
    sizes = np.bincount(labels)
    first = np.full(len(sizes), len(labels), dtype=np.int64)
    np.minimum.at(first, labels, np.arange(len(labels)))
    order = np.lexsort((first, -sizes))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[labels]


def _articles(rows: list[int], articles: Sequence[Sequence[str]]) -> list[str]:
    votes = Counter(articles[i][0] for i in rows if articles[i])
    if not votes:
        return []
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = [a for a, n in ranked if n >= ARTICLE_SHARE * len(rows)][:MAX_ARTICLES]
    return kept or [ranked[0][0]]


def build_positions(labels: np.ndarray, facts: PositionInputs) -> tuple[list[str], list[Position]]:
    """Position id per row and the position records, for the finder's ``labels``."""
    if not len(labels):
        return [], []
    numbers = _numbering(np.asarray(labels, dtype=np.int64))
    reps = sorted({int(r) for r in facts.representatives.tolist()})
    names = position_labels(
        [facts.texts[r] for r in reps], [facts.languages[r] for r in reps], numbers[reps]
    )
    members: dict[int, list[int]] = {}
    for i, p in enumerate(numbers.tolist()):
        members.setdefault(p, []).append(i)
    out = []
    for p in range(len(members)):
        rows = members[p]
        group_sizes = Counter(int(facts.groups[i]) for i in rows)
        biggest = min(group_sizes, key=lambda g: (-group_sizes[g], g))
        themes = Counter(facts.themes[i] for i in rows if facts.themes[i] is not None)
        label = names.get(p) or {lang: f"#{p + 1}" for lang in ("kk", "ru", "en")}
        out.append(
            Position(
                id=f"p{p + 1}",
                size=len(rows),
                label=label,
                articles=_articles(rows, facts.articles),
                theme_id=min(themes, key=lambda t: (-themes[t], t)) if themes else None,
                groups=len(group_sizes),
                campaigns=sorted({c for i in rows if (c := facts.campaigns[i]) is not None}),
                representative=facts.ids[int(facts.representatives[biggest])],
            )
        )
    return [f"p{p + 1}" for p in numbers.tolist()], out


def assign_positions(
    finder: PositionFinder,
    texts: Sequence[str],
    embeddings: np.ndarray | None,
    groups: np.ndarray,
    representatives: np.ndarray,
    campaigns: np.ndarray,
    rows: Sequence[ProposalRow],
) -> list[Position]:
    """Fit ``finder`` on the pipeline's rows; sets each row's ``position_id``."""
    languages = [r.language for r in rows]
    themes = {t: k for k, t in enumerate(sorted({str(r.theme_id) for r in rows}))}
    finder.fit(
        texts,
        groups=groups,
        languages=languages,
        embeddings=embeddings,
        campaigns=campaigns,
        stances=[r.stance for r in rows],
        articles=[[(a.number, a.source) for a in r.articles] for r in rows],
        blocks=[themes[str(r.theme_id)] for r in rows],
    )
    facts = PositionInputs(
        ids=[r.id for r in rows],
        texts=texts,
        languages=languages,
        groups=groups,
        representatives=representatives,
        campaigns=[r.campaign_id for r in rows],
        themes=[r.theme_id for r in rows],
        articles=[[a.number for a in r.articles] for r in rows],
    )
    ids, positions = build_positions(finder.labels_, facts)
    for row, pid in zip(rows, ids, strict=True):
        row.position_id = pid
    return positions
