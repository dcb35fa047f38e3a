from __future__ import annotations

import numpy as np

from talqy.analysis.embedders import HashingEmbedder
from talqy.analysis.placement_rules import (
    Item,
    copy_steps,
    find_copy,
    find_group,
    nearest,
    nearest_theme,
)
from talqy.analysis.positions import NoPositionFinder, make_position_finder

TEXTS = [
    "Мемлекеттік тілді нығайту керек, мектептерде көбірек сабақ болсын.",
    "Салық мөлшерлемесін шағын бизнес үшін азайту қажет.",
    "Жер шетелдіктерге сатылмауы тиіс.",
]


def _items(texts: list[str], stance: str = "unclear") -> list[Item]:
    vectors = HashingEmbedder().embed(texts)
    return [Item(t, "kk", v, (), stance) for t, v in zip(texts, vectors, strict=True)]


def test_nearest_is_ordered_best_first_with_ties_by_row() -> None:
    vectors = np.eye(3, dtype=np.float32)
    query = np.array([0.6, 0.8, 0.6], dtype=np.float32)
    rows, cosines = nearest(vectors, query, 2)
    assert rows.tolist() == [1, 0] and cosines.tolist() == [np.float32(0.8), np.float32(0.6)]
    assert nearest(vectors[:0], query, 3)[0].tolist() == []


def test_a_copy_is_found_by_the_first_step_that_pairs_it() -> None:
    stored = _items(TEXTS)
    (copy,) = _items(["ЖЕР шетелдіктерге сатылмауы тиіс!!"])
    found = find_copy(copy, stored, copy_steps(semantic=True))
    assert found is not None and (found.rule, found.row) == ("exact", 2)
    (typo,) = _items(["Салық мөлшерлемесін шағын бизнес үшін азайту қажетт."])
    near = find_copy(typo, stored, copy_steps(semantic=True))
    assert near is not None and (near.rule, near.row) == ("near", 1)
    (longer,) = _items(["Салық мөлшерлемесін шағын бизнес үшін азайту қажет деп ойлаймын."])
    assert find_copy(longer, stored, copy_steps(semantic=False)) is None
    meaning = find_copy(longer, stored, copy_steps(semantic=True))
    assert meaning is not None and (meaning.rule, meaning.row) == ("semantic", 1)
    (other,) = _items(["Денсаулық сақтау тегін болуы керек."])
    assert find_copy(other, stored, copy_steps(semantic=True)) is None


def test_noise_never_matches_anything() -> None:
    stored = _items(["!!!", *TEXTS])
    (noise,) = _items(["!!!"])
    assert find_copy(noise, stored, copy_steps(semantic=True)) is None
    finder = make_position_finder("auto", "hashing")
    assert find_group(noise, [[[i] for i in stored]], finder) is None


def test_group_match_follows_the_position_finder() -> None:
    stored = _items(TEXTS)
    (same,) = _items(["Мемлекеттік тілді нығайту керек, мектептерде сабақ көбейсін."])
    finder = make_position_finder("auto", "hashing")
    candidates = [[[stored[1]]], [[stored[0]]], [[stored[2]]]]
    found = find_group(same, candidates, finder)
    assert found is not None and found.group == 1 and found.distance < 1
    assert find_group(same, candidates, NoPositionFinder()) is None
    (opposed,) = _items(["Мемлекеттік тілді нығайту керек емес, мен қарсымын."], "oppose")
    supported = [[[Item(stored[0].text, "kk", stored[0].vector, (), "support")]]]
    assert find_group(opposed, supported, finder) is None  # opposite stances never join


def test_nearest_theme_skips_neighbours_without_one() -> None:
    assert nearest_theme([None, "t2", "t1"], [0.9, 0.5, 0.7]) == "t1"
    assert nearest_theme([None], [0.9]) is None
