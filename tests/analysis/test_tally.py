from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.analysis.normalization import fold_for_hash
from talqy.analysis.tally import TallyResult, tally_exact, text_key
from talqy.errors import InvalidInput

FORM = "Сохраните сетевой нейтралитет!"
texts_strategy = st.lists(
    st.sampled_from([FORM, FORM.lower(), FORM + "  ", "Жер сатылмасын.", "жер сатылмасын", "", " "])
    | st.text(max_size=12),
    max_size=60,
)


def expected(texts: list[str]) -> Counter[str]:
    return Counter(f for f in map(fold_for_hash, texts) if f)


def test_counts_folded_copies_and_keeps_a_sample() -> None:
    texts = [FORM, FORM.upper(), FORM + "\n", "", "   ", "Другое мнение.", "Другое мнение"]
    result = tally_exact(texts, top=5)
    assert (result.rows, result.empty, result.distinct, result.duplicates) == (7, 2, 2, 3)
    first = result.top[0]
    assert first.count == 3 and first.share == pytest.approx(3 / 7, abs=1e-6)
    assert first.text is not None and fold_for_hash(first.text) == fold_for_hash(FORM)
    assert first.key == f"{text_key(FORM):016x}"
    assert [t.count for t in result.top] == [3, 2]
    assert result.to_dict()["duplicates"] == 3


@settings(max_examples=60, deadline=None)
@given(texts_strategy, st.integers(1, 9), st.randoms(use_true_random=False))
def test_matches_a_plain_counter_whatever_the_chunks_and_order(
    texts: list[str], chunk_size: int, rnd: random.Random
) -> None:
    truth = expected(texts)
    result = tally_exact(texts, top=100, chunk_size=chunk_size, cache_size=3)
    assert result.rows == len(texts)
    assert result.distinct == len(truth)
    assert result.empty == len(texts) - sum(truth.values())
    assert sorted(t.count for t in result.top) == sorted(truth.values())
    for template in result.top:
        assert template.text is not None
        assert truth[fold_for_hash(template.text)] == template.count
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    again = tally_exact(iter(shuffled), top=100, chunk_size=chunk_size + 1)
    assert {(t.key, t.count) for t in again.top} == {(t.key, t.count) for t in result.top}


def test_streams_a_generator_in_many_chunks() -> None:
    def rows() -> object:
        for i in range(30_000):
            yield FORM if i % 3 else f"Уникальное предложение номер {i % 5000}"

    result = tally_exact(rows(), top=3, chunk_size=1000)  # type: ignore[arg-type]
    assert isinstance(result, TallyResult)
    assert result.rows == 30_000 and result.distinct == 5001
    assert result.top[0].count == 20_000 and result.top[0].text == FORM
    assert [t.count for t in result.top[1:]] == [2, 2]


def test_spread_out_template_gets_its_sample_from_a_second_pass() -> None:
    texts: list[str] = []
    for chunk in range(6):  # each chunk: five pairs (sampled) and "spread" once (not)
        texts += [f"pair {chunk} {k}" for k in range(5) for _ in range(2)] + ["spread"]
    result = tally_exact(texts, top=1, chunk_size=11)
    assert result.top[0].count == 6 and result.top[0].text == "spread"
    streamed = tally_exact(iter(texts), top=1, chunk_size=11)
    assert streamed.top[0].count == 6 and streamed.top[0].text is None


def test_top_zero_and_empty_input() -> None:
    assert tally_exact([], top=5) == TallyResult(0, 0, 0, [], tally_exact([]).seconds)
    assert tally_exact(["a", "a"], top=0).top == []


def test_invalid_input_is_refused() -> None:
    with pytest.raises(InvalidInput):
        tally_exact(["a"], chunk_size=0)
    with pytest.raises(InvalidInput) as caught:
        tally_exact(["a", "b", 3], chunk_size=2)  # type: ignore[list-item]
    assert caught.value.row == 2
