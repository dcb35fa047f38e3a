from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.analysis.dedup import (
    ExactDeduplicator,
    MinHashDeduplicator,
    NoDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.embedders import l2_normalize
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.errors import InvalidInput

BASE = [
    "Мемлекеттік тілді дамыту үшін қосымша қаржы бөлу керек",
    "Предлагаю сократить срок полномочий депутатов до четырёх лет",
    "Article 12 should protect privacy online and offline",
    "Жер шетелдіктерге сатылмауы тиіс және бұл Конституцияда жазылсын",
    "Нужно закрепить право на чистую окружающую среду",
]


def partition(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist())}


def test_exact_groups_case_and_punctuation() -> None:
    texts = [BASE[0], BASE[0].upper() + "!!", BASE[1], "  " + BASE[0] + "."]
    model = ExactDeduplicator().fit(texts)
    assert partition(model.labels_) == {frozenset({0, 1, 3}), frozenset({2})}
    assert model.representatives_.tolist() == [0, 2]
    assert model.sizes_.tolist() == [3, 1]


def test_representative_is_the_earliest() -> None:
    texts = [BASE[0], BASE[0], BASE[0]]
    model = ExactDeduplicator().fit(texts, order=[5.0, 1.0, 3.0])
    assert model.representatives_.tolist() == [1]


def test_near_duplicates_with_small_edits() -> None:
    texts = [*BASE, BASE[1].replace("четырёх", "четырех") + " !", BASE[3].replace("тиіс", "тиiс")]
    labels = MinHashDeduplicator().fit_predict(texts)
    assert labels[5] == labels[1] and labels[6] == labels[3]
    assert len(set(labels.tolist())) == len(BASE)


def test_near_keeps_different_numbers_apart() -> None:
    texts = ["Статья 33 пункт 1 должна быть изменена", "Статья 34 пункт 2 должна быть изменена"]
    labels = MinHashDeduplicator(min_ratio=0.97).fit_predict(texts)
    assert labels[0] != labels[1]


def synthetic(rng: np.random.Generator, n: int) -> tuple[np.ndarray, list[str], list[str]]:
    """kk/ru "translations": same topic vector plus a language offset and noise."""
    topics = l2_normalize(rng.normal(size=(n, 32)))
    kk_offset, ru_offset = rng.normal(size=32) * 0.15, rng.normal(size=32) * 0.15
    kk = topics + kk_offset + rng.normal(size=(n, 32)) * 0.1
    ru = topics + ru_offset + rng.normal(size=(n, 32)) * 0.1
    vectors = l2_normalize(np.vstack([kk, ru]))
    texts = [f"{lang} {letters(i)}" for lang in ("kk", "ru") for i in range(n)]
    return vectors, ["kk"] * n + ["ru"] * n, texts


def letters(i: int) -> str:
    """A distinct digit-free word for ``i`` (texts must differ: equal texts are one text)."""
    return "".join(chr(ord("a") + int(d)) for d in str(i))


def test_semantic_pairs_translations_by_mutual_best_match() -> None:
    vectors, langs, texts = synthetic(np.random.default_rng(1), 30)
    labels = SemanticDeduplicator().fit_predict(texts, embeddings=vectors, languages=langs)
    assert all(labels[i] == labels[i + 30] for i in range(30))
    assert len(set(labels.tolist())) == 30


def test_semantic_leaves_unpartnered_items_alone() -> None:
    vectors, langs, texts = synthetic(np.random.default_rng(2), 30)
    keep = list(range(30)) + list(range(30, 50))  # 20 pairs + 10 kk alone
    labels = SemanticDeduplicator().fit_predict(
        [texts[i] for i in keep], embeddings=vectors[keep], languages=[langs[i] for i in keep]
    )
    sizes = np.bincount(labels)
    assert (sizes == 2).sum() == 20 and (sizes == 1).sum() == 10


def test_semantic_number_guard() -> None:
    vectors = l2_normalize(np.array([[1.0, 0.1], [1.0, 0.12], [0.0, 1.0], [0.1, 1.0]]))
    texts = ["статья 5", "article 6", "x", "y"]
    labels = SemanticDeduplicator(center=False, cross_cosine=0.0).fit_predict(
        texts, embeddings=vectors, languages=["ru", "en", "ru", "en"]
    )
    assert labels[0] != labels[1] and labels[2] == labels[3]


def test_semantic_needs_embeddings() -> None:
    with pytest.raises(InvalidInput):
        SemanticDeduplicator().fit(["a", "b"])
    with pytest.raises(InvalidInput):
        ExactDeduplicator().fit(["a", "b"], embeddings=np.zeros((3, 2)))


def test_no_dedup_and_union() -> None:
    texts = [BASE[0], BASE[0], BASE[1]]
    assert NoDeduplicator().fit_predict(texts).tolist() == [0, 1, 2]
    union = UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator()])
    assert partition(union.fit_predict(texts)) == {frozenset({0, 1}), frozenset({2})}
    assert union.get_params()["steps"][0].__class__ is ExactDeduplicator


variants = st.lists(
    st.tuples(st.sampled_from(range(len(BASE))), st.sampled_from(["", "!", " ", ".", "X"])),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(items=variants, seed=st.integers(0, 2**16))
def test_dedup_is_order_independent_and_idempotent(items: list[tuple[int, str]], seed: int) -> None:
    texts = [BASE[i] + tail if tail != "X" else BASE[i].upper() for i, tail in items]
    steps = UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator()])
    labels = steps.fit_predict(texts)
    assert len(labels) == len(texts)  # nobody dropped
    perm = np.random.default_rng(seed).permutation(len(texts))
    shuffled = steps.fit_predict([texts[i] for i in perm])
    back = {frozenset(int(perm[j]) for j in group) for group in partition(shuffled)}
    assert back == partition(labels)
    model = steps.fit(texts)
    replaced = [texts[int(model.representatives_[g])] for g in model.labels_]
    assert partition(steps.fit_predict(replaced)) == partition(labels)
    again = steps.fit_predict([texts[int(r)] for r in model.representatives_])
    assert len(set(again.tolist())) == len(model.representatives_)


def test_semantic_rewording_of_a_repeated_text_joins_it() -> None:
    # three copies of one text stand as one: the rewording is their mutual best match
    rng = np.random.default_rng(5)
    base = l2_normalize(rng.normal(size=(12, 32)))
    reworded = base[0] + rng.normal(size=32) * 0.02
    vectors = l2_normalize(np.vstack([base[0], base[0], base[0], reworded, base[1:]]))
    texts = [BASE[0]] * 3 + [BASE[0].replace("керек", "қажет")]
    texts += [f"басқа ұсыныс {letters(i)}" for i in range(11)]
    langs = ["kk"] * len(texts)
    labels = SemanticDeduplicator().fit_predict(texts, embeddings=vectors, languages=langs)
    assert len(set(labels[:4].tolist())) == 1
    assert len(set(labels.tolist())) == 12
    # without collapsing, the copies are each other's best match and the rewording stays out
    apart = SemanticDeduplicator(collapse_copies=False).fit_predict(
        texts, embeddings=vectors, languages=langs
    )
    assert apart[3] not in apart[:3]


def parallel_clauses(second_partner: bool) -> tuple[np.ndarray, list[str], list[str]]:
    """kk 0 and kk 1 are near-identical clauses; ru 0 (and ru 1) are their translations."""
    rng = np.random.default_rng(7)
    topics = l2_normalize(rng.normal(size=(20, 32)))
    topics[1] = topics[0] + rng.normal(size=32) * 0.04
    m = 20 if second_partner else 19
    ru_topics = topics if second_partner else np.vstack([topics[:1], topics[2:]])
    kk = topics + rng.normal(size=(20, 32)) * 0.02
    ru = ru_topics + rng.normal(size=(m, 32)) * 0.05
    texts = ["Сот судьясы тағайындалады", "Сот төрағасы тағайындалады"]
    texts += [f"kk {letters(i)}" for i in range(18)]
    texts += ["Судья суда назначается"] + (["Председатель суда назначается"] * second_partner)
    texts += [f"ru {letters(i)}" for i in range(18)]
    return l2_normalize(np.vstack([kk, ru])), ["kk"] * 20 + ["ru"] * m, texts


def test_semantic_does_not_chain_two_translation_pairs() -> None:
    vectors, langs, texts = parallel_clauses(second_partner=True)
    chained = SemanticDeduplicator(exclusive_partners=False)
    guarded = SemanticDeduplicator()
    loose = chained.fit_predict(texts, embeddings=vectors, languages=langs)
    labels = guarded.fit_predict(texts, embeddings=vectors, languages=langs)
    assert loose[0] == loose[1]  # the near-identical clauses chain both pairs together
    assert labels[0] == labels[20] and labels[1] == labels[21] and labels[0] != labels[1]


def test_same_language_probability_prefers_standing_out() -> None:
    from talqy.analysis.semantic_dedup import same_language_probability

    rewording = same_language_probability(0.95, 0.35, 0.9)
    parallel_clause = same_language_probability(0.95, 0.01, 0.9)
    assert rewording > 0.9 > parallel_clause
    assert same_language_probability(0.5, 0.0, 0.4) < 0.01


def test_same_language_model_is_optional() -> None:
    vectors, _, _ = synthetic(np.random.default_rng(4), 10)
    doubled = np.vstack([vectors[:10], vectors[:10] * 0.999 + vectors[10:] * 0.001])
    texts = [f"ұсыныс {letters(i)}" for i in range(10)]
    texts += [f"ұсыныс {letters(i)} енді" for i in range(10)]
    plain = SemanticDeduplicator(center=False).fit_predict(
        texts, embeddings=l2_normalize(doubled), languages=["kk"] * 20
    )
    scored = SemanticDeduplicator(center=False, same_probability=0.7).fit_predict(
        texts, embeddings=l2_normalize(doubled), languages=["kk"] * 20
    )
    assert len(set(plain.tolist())) == 10
    assert len(set(scored.tolist())) == 10  # stand out from the neighbours and share words
    with pytest.raises(InvalidInput):
        SemanticDeduplicator(same_candidates=0).fit(texts, embeddings=doubled)


def test_semantic_is_order_independent() -> None:
    vectors, langs, texts = parallel_clauses(second_partner=False)
    step = SemanticDeduplicator()
    labels = step.fit_predict(texts, embeddings=vectors, languages=langs)
    perm = np.random.default_rng(3).permutation(len(texts))
    shuffled = step.fit_predict(
        [texts[i] for i in perm], embeddings=vectors[perm], languages=[langs[i] for i in perm]
    )
    back = {frozenset(int(perm[j]) for j in group) for group in partition(shuffled)}
    assert back == partition(labels)


def test_names_clash_on_parallel_clauses_only() -> None:
    from talqy.analysis.semantic_dedup import names_clash

    head = "Конституцияға сәйкес бір адам бір реттен артық"
    court = f"{head} Жоғарғы Сот Төрағасы болып тағайындалмайды."
    assert names_clash(court, f"{head} Бас Прокурор болып тағайындалмайды.")
    judge = "в соответствии с Конституцией судьей Конституционного Суда более одного раза"
    assert names_clash(judge, judge.replace("судьей", "Председателем"))
    # a dropped name, a changed greeting, Kazakh letters typed as Russian ones: no clash
    full = "Қазақстан Республикасының азаматтары Конституцияны сақтауға міндетті."
    assert not names_clash(full, full.replace("Қазақстан Республикасының", "Қазақстанның"))
    body = "Stripping the mandate from a deputy who skips sittings is a good rule."
    assert not names_clash(f"Good afternoon, {body}", f"Dear Commission, {body} Kind regards.")
    assert not names_clash(
        "Мен Солтүстік Қазақстан облысынанмын", "Мен Солтустик Казакстан облысынанмын"
    )
    assert not names_clash("Hi, I am a mother of three.", "I am a mother of three.")
    signed = "Мемлекеттік тіл туралы 3-бапты толық қолдаймын."
    assert not names_clash(f"{signed} Төлеуова Айгүл", f"{signed} Айжан Құдайбергенова")


words = st.lists(st.sampled_from(["Сот", "Прокурор", "судья", "бас", "және", "Құрылтай", ".", ","]))


@settings(max_examples=60, deadline=None)
@given(a=words, b=words)
def test_names_clash_is_symmetric(a: list[str], b: list[str]) -> None:
    from talqy.analysis.semantic_dedup import names_clash

    left, right = " ".join(a), " ".join(b)
    assert names_clash(left, right) == names_clash(right, left)
    assert not names_clash(left, left)


def test_semantic_names_guard_keeps_parallel_clauses_apart() -> None:
    rng = np.random.default_rng(11)
    base = l2_normalize(rng.normal(size=(10, 32)))
    vectors = l2_normalize(np.vstack([base[0], base[0] + rng.normal(size=32) * 0.02, base[1:]]))
    head = "Бір адам бір реттен артық"
    texts = [f"{head} Жоғарғы Сот Төрағасы болып тағайындалмайды.", f"{head} Бас Прокурор болып."]
    texts += [f"басқа ұсыныс {letters(i)}" for i in range(9)]
    langs = ["kk"] * len(texts)
    guarded = SemanticDeduplicator(center=False)
    labels = guarded.fit_predict(texts, embeddings=vectors, languages=langs)
    loose = SemanticDeduplicator(center=False, check_names=False)
    joined = loose.fit_predict(texts, embeddings=vectors, languages=langs)
    assert labels[0] != labels[1] and joined[0] == joined[1]
    assert guarded.get_params()["check_names"] is True


def test_texts_without_words_are_noise_not_a_group() -> None:
    texts = ["👍", "👍", "👎", "", "", "!!!???", "!!!???", "+1", "+1", "Нет", "нет"]
    labels = (
        UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator()]).fit(texts).labels_
    )
    assert len(set(labels[:9].tolist())) == 9  # every wordless text alone
    assert labels[9] == labels[10]
