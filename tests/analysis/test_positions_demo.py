"""Positions on generated proposals, checked against the generator's ideas (fast path).

The generator knows which idea (or campaign) every row expresses (``truth_group``): a position
must hold one idea only (purity), and an idea should not be scattered over many positions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime

import pytest

from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput, SystematizationResult
from talqy.analysis.themes import NoClusterer
from talqy.demo import GeneratedProposal, demo_paths, generate_proposals
from talqy.documents.parser import parse_document


def purity(labels: Sequence[str], truth: Sequence[str | None]) -> float:
    members: dict[str, list[str]] = defaultdict(list)
    for label, idea in zip(labels, truth, strict=True):
        if idea is not None:
            members[label].append(idea)
    right = sum(Counter(ideas).most_common(1)[0][1] for ideas in members.values())
    return right / sum(len(ideas) for ideas in members.values())


def per_idea(labels: Sequence[str], truth: Sequence[str | None]) -> float:
    spread: dict[str, set[str]] = defaultdict(set)
    for label, idea in zip(labels, truth, strict=True):
        if idea is not None:
            spread[idea].add(label)
    return sum(len(s) for s in spread.values()) / len(spread)


def systematize(rows: list[GeneratedProposal]) -> SystematizationResult:
    inputs = [
        ProposalInput(r.id, r.text, r.language, r.article,
                      datetime.fromisoformat(r.submitted_at), r.channel, r.region)
        for r in rows
    ]  # fmt: skip
    articles = []
    for key in ("kk", "ru", "en"):
        doc = parse_document(demo_paths()[key])
        articles += [ArticleText(a.number, doc.language, a.text) for a in doc.articles if a.text]
    pipeline = Systematizer(embedder="static", themes=NoClusterer(), random_state=0)
    return pipeline.run(inputs, articles)


@pytest.fixture(scope="module")
def kazakh() -> tuple[list[GeneratedProposal], SystematizationResult]:
    rows = [r for r in generate_proposals(500, seed=3, languages=("kk",)) if r.text.strip()]
    return rows, systematize(rows)


@pytest.fixture(scope="module")
def mixed() -> tuple[list[GeneratedProposal], SystematizationResult]:
    rows = [r for r in generate_proposals(1000, seed=5) if r.text.strip()]
    return rows, systematize(rows)


def test_one_language_gives_about_one_position_per_idea(
    kazakh: tuple[list[GeneratedProposal], SystematizationResult],
) -> None:
    rows, result = kazakh
    truth = [r.truth_group for r in rows]
    positions = [str(r.position_id) for r in result.rows]
    groups = [r.duplicate_group for r in result.rows]
    assert purity(positions, truth) >= 0.95
    assert per_idea(positions, truth) <= 1.3
    assert per_idea(groups, truth) >= 2 * per_idea(positions, truth)


def test_mixed_languages_stay_pure_and_far_fewer_than_groups(
    mixed: tuple[list[GeneratedProposal], SystematizationResult],
) -> None:
    rows, result = mixed
    truth = [r.truth_group for r in rows]
    positions = [str(r.position_id) for r in result.rows]
    assert purity(positions, truth) >= 0.95
    groups = [r.duplicate_group for r in result.rows]
    assert len(set(positions)) <= 0.45 * len(set(groups))
    # the static embedder sees little across languages: about one position per language
    assert per_idea(positions, truth) <= 3.0


def test_a_campaign_is_a_marked_part_of_one_position(
    mixed: tuple[list[GeneratedProposal], SystematizationResult],
) -> None:
    _, result = mixed
    by_campaign: dict[str, set[str]] = defaultdict(set)
    for row in result.rows:
        if row.campaign_id is not None:
            by_campaign[row.campaign_id].add(str(row.position_id))
    assert by_campaign, "the generated sample holds campaigns"
    assert all(len(p) == 1 for p in by_campaign.values())
    marked = {c for p in result.positions for c in p.campaigns}
    assert marked == set(by_campaign)


def test_positions_cover_every_row_once(
    mixed: tuple[list[GeneratedProposal], SystematizationResult],
) -> None:
    _, result = mixed
    assert sum(p.size for p in result.positions) == len(result.rows)
    of_group: dict[str, str | None] = {}
    for row in result.rows:
        assert of_group.setdefault(row.duplicate_group, row.position_id) == row.position_id
    sizes = [p.size for p in result.positions]
    assert sizes == sorted(sizes, reverse=True)
    assert [p.id for p in result.positions] == [f"p{i + 1}" for i in range(len(sizes))]
