"""The proposal generator: determinism, streaming, and ground truth that holds together."""

from __future__ import annotations

import inspect
import itertools
import re
import tracemalloc
from collections import Counter
from datetime import datetime

import pytest

from talqy.demo import (
    CHANNELS,
    KINDS,
    ROW_MIX,
    GeneratedProposal,
    generate_proposals,
    is_valid_iin,
    themes,
)
from talqy.demo.bank import load_bank
from talqy.demo.regions import REGIONS
from talqy.errors import InvalidInput

N = 5000
KAZAKH_ONLY = re.compile("[әғқңөұүһі]", re.I)
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def rows() -> list[GeneratedProposal]:
    return list(generate_proposals(N, seed=11))


@pytest.fixture(scope="module")
def by_id(rows: list[GeneratedProposal]) -> dict[str, GeneratedProposal]:
    return {row.id: row for row in rows}


def test_returns_a_lazy_generator() -> None:
    stream = generate_proposals(1_000_000)
    assert inspect.isgenerator(stream)
    assert len(list(itertools.islice(stream, 10))) == 10


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    first = list(generate_proposals(1500, seed=5))
    assert first == list(generate_proposals(1500, seed=5))
    assert first != list(generate_proposals(1500, seed=6))


@pytest.mark.parametrize(
    "kwargs",
    [{"n": -1}, {"n": 2.5}, {"languages": ()}, {"languages": ("kk", "de")},
     {"languages": ("kk", "kk")}, {"language_weights": {"kk": 1.0}}, {"days": 0}],
)  # fmt: skip
def test_bad_arguments_fail_at_once(kwargs: dict[str, object]) -> None:
    n = kwargs.pop("n", 10)
    with pytest.raises(InvalidInput):
        generate_proposals(n, **kwargs)  # type: ignore[arg-type]


def test_memory_stays_flat_while_streaming() -> None:
    stream = generate_proposals(200_000, seed=3)
    for _ in itertools.islice(stream, 5000):  # fill the ring of recent originals
        pass
    tracemalloc.start()
    try:
        for _ in itertools.islice(stream, 10_000):
            pass
        after_warmup = tracemalloc.get_traced_memory()[0]
        for _ in itertools.islice(stream, 25_000):
            pass
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert current - after_warmup < 200_000
    assert peak < 4_000_000


def test_ids_are_unique_and_fields_valid(rows: list[GeneratedProposal]) -> None:
    assert len({row.id for row in rows}) == N
    theme_keys = {theme.key for theme in themes()}
    assert len(theme_keys) == 12
    for row in rows:
        assert row.channel in CHANNELS and row.truth_kind in KINDS
        assert row.truth_stance in {"support", "oppose", "amend", "unclear"}
        assert row.truth_theme is None or row.truth_theme in theme_keys
        moment = datetime.fromisoformat(row.submitted_at)
        assert moment.utcoffset() is not None
        assert "2026-02-02" <= row.submitted_at[:10] <= "2026-03-01"
        if row.region is not None:
            names = {region.name(row.truth_language or "kk") for region in REGIONS}
            assert row.region in names


def test_row_mix_is_close_to_the_design(rows: list[GeneratedProposal]) -> None:
    counts = Counter(row.truth_kind for row in rows)
    campaign_share = counts["campaign"] / N
    assert 0.06 < campaign_share < 0.07
    total = sum(ROW_MIX.values())
    for kind, share in ROW_MIX.items():
        expected = share / total * (1 - campaign_share) * N
        assert abs(counts[kind] - expected) < 4 * expected**0.5 + 5, kind


def test_campaigns_are_big_enough_and_burst(rows: list[GeneratedProposal]) -> None:
    members: dict[str, list[GeneratedProposal]] = {}
    for row in rows:
        if row.truth_campaign is not None:
            members.setdefault(row.truth_campaign, []).append(row)
    bank = load_bank()
    assert set(members) == {c.key for c in bank.campaigns}
    for campaign in bank.campaigns:
        group = members[campaign.key]
        assert len(group) == round(N * campaign.share) >= 20
        assert {row.truth_group for row in group} == {campaign.key}
        assert {row.truth_kind for row in group} == {"campaign"}
        days = Counter(row.submitted_at[:10] for row in group)
        assert days.most_common(1)[0][1] > len(group) / 4  # a burst, not an even spread
    letters = [row.text for row in members["C3"]]
    assert len(set(letters)) > len(letters) * 0.9  # mail merge: names and numbers vary


def test_small_runs_still_have_twenty_per_campaign() -> None:
    counts = Counter(r.truth_campaign for r in generate_proposals(2000, seed=1))
    assert min(count for key, count in counts.items() if key) >= 20


def test_copies_point_to_their_source(
    rows: list[GeneratedProposal], by_id: dict[str, GeneratedProposal]
) -> None:
    seen: Counter[str] = Counter()
    for row in rows:
        if row.truth_kind not in {"exact_copy", "near_copy", "reworded", "translation"}:
            continue
        source = by_id[row.truth_source or ""]
        assert source.truth_kind == "original"
        assert int(source.id.split("-")[1]) < int(row.id.split("-")[1])
        assert source.truth_group == row.truth_group
        assert source.truth_theme == row.truth_theme
        if row.truth_kind == "exact_copy":
            assert row.text == source.text
        elif row.truth_kind == "translation":
            assert row.truth_language != source.truth_language
        else:
            assert row.text != source.text and row.truth_language == source.truth_language
        seen[row.truth_kind] += 1
    assert min(seen.values()) > 100


def test_groups_are_ideas(rows: list[GeneratedProposal]) -> None:
    ideas = {idea.key: idea for idea in load_bank().ideas}
    assert len(ideas) >= 96
    for row in rows:
        if row.truth_group in ideas:
            idea = ideas[row.truth_group]
            assert (row.truth_theme, row.truth_article) == (idea.theme, idea.article)
        elif row.truth_campaign is None:
            assert row.truth_kind in {"garbage", "empty"} and row.truth_group is None


def test_languages_and_scripts(rows: list[GeneratedProposal]) -> None:
    for row in rows:
        if row.truth_kind == "latin_kk":
            assert row.truth_language == "kk"
            assert not CYRILLIC.search(row.text) and re.search("[a-z]", row.text)
        elif row.truth_language == "kk" and row.truth_kind != "near_copy":
            assert KAZAKH_ONLY.search(row.text), row.text
        elif row.truth_language == "en":
            assert not CYRILLIC.search(row.text), row.text


def test_garbage_and_empty_rows(rows: list[GeneratedProposal]) -> None:
    junk = [row for row in rows if row.truth_kind in {"garbage", "empty"}]
    assert 0.005 < len(junk) / N < 0.02
    for row in junk:
        assert row.truth_theme is None and row.truth_language is None
        if row.truth_kind == "empty":
            assert not row.text.strip()
    rant = [r for r in generate_proposals(60_000, seed=2) if len(r.text.encode()) >= 6144]
    assert rant and all(r.truth_kind == "garbage" for r in rant)


def test_personal_data(rows: list[GeneratedProposal]) -> None:
    with_iin = [row for row in rows if row.iin]
    assert all(is_valid_iin(row.iin or "") == row.truth_iin_valid for row in with_iin)
    assert 0.01 < sum(not row.truth_iin_valid for row in with_iin) / len(with_iin) < 0.1
    pii = [row for row in rows if row.truth_pii]
    assert len(pii) > 50
    assert all(
        re.search(r"\d{12}|\d{3}.?\d{2}.?\d{2}|@|\(at\)|\[at\]| at ", row.text) for row in pii
    )


def test_articles_as_citizens_write_them(rows: list[GeneratedProposal]) -> None:
    filled = [row for row in rows if row.article]
    assert 0.2 < len(filled) / N < 0.5
    for row in filled:
        if row.truth_article is not None:
            assert str(row.truth_article) in row.article  # type: ignore[operator]


def test_one_language_only() -> None:
    rows = list(generate_proposals(1000, seed=4, languages=("ru",)))
    assert {row.truth_language for row in rows} <= {"ru", None}
    assert not {"translation", "latin_kk"} & {row.truth_kind for row in rows}
