from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest

from talqy.analysis.embedders import Embedder, HashingEmbedder
from talqy.analysis.linking import ArticleLink, ArticleLinker, ArticleText, split_points
from talqy.errors import InvalidInput

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "constitution"

CONCEPTS = [
    ("жер", "земл", "land"),
    ("тіл", "язык", "language"),
    ("сайлау", "выбор", "election"),
    ("президент", "президент", "president"),
    ("сот", "суд", "court"),
]


class ConceptEmbedder(Embedder):
    """A tiny cross-lingual embedder: one axis per concept, matched by word stems."""

    name: ClassVar[str] = "concepts"

    def __init__(self) -> None:
        self.dim = len(CONCEPTS) + 1
        self.calls: list[tuple[int, str]] = []

    def embed(self, texts: Sequence[str], *, kind: Any = "query", batch_size: int = 64) -> Any:
        self.calls.append((len(texts), kind))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for axis, stems in enumerate(CONCEPTS):
                out[row, axis] = sum(w.startswith(stems) for w in words)
            out[row, -1] = 0.1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


ARTICLES = [
    ArticleText("1", "kk", "1. Жер халыққа тиесілі.\n2. Жер сатылмайды."),
    ArticleText("1", "ru", "1. Земля принадлежит народу.\n2. Земля не продаётся."),
    ArticleText("2", "kk", "Мемлекеттік тіл – қазақ тілі."),
    ArticleText("2", "ru", "Государственным языком является казахский язык."),
    ArticleText("3", "kk", "1. Президент сайлауы бес жылда бір рет өтеді.\n2. Сайлау тең."),
    ArticleText("4", "ru", "Суд независим. Судьи подчиняются только Конституции."),
]


def test_semantic_ranking_is_cross_lingual() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=3).fit(ARTICLES)
    links = linker.predict(
        ["Land must belong to the people", "Выборы президента", "Тіл туралы"], ["en", "ru", "kk"]
    )
    assert [row[0].number for row in links] == ["1", "3", "2"]
    assert all(link.source == "semantic" for row in links for link in row)


def test_same_number_in_several_languages_is_one_article() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=10).fit(ARTICLES)
    assert linker.numbers_ == ["1", "2", "3", "4"]
    (row,) = linker.predict(["земля"], ["ru"])
    assert sorted(link.number for link in row) == ["1", "2", "3", "4"]
    assert [link.score for link in row] == sorted((link.score for link in row), reverse=True)


def test_explicit_references_come_first_and_are_unique() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=3).fit(ARTICLES)
    (row,) = linker.predict(["Предлагаю изменить п. 2 ст. 4 про землю, и статью 4 тоже"], ["ru"])
    assert row[0] == ArticleLink("4", 1.0, "explicit", "2")
    assert row[1].number == "1" and row[1].source == "semantic"
    assert len({link.number for link in row}) == len(row) == 3


def test_explicit_reference_to_unknown_article_is_ignored() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=2).fit(ARTICLES)
    (row,) = linker.predict(["Статья 99 о земле"], ["ru"])
    assert [link.source for link in row] == ["semantic", "semantic"]


def test_point_level_match_reports_the_point() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=1, hubness=0.0).fit(ARTICLES)
    (row,) = linker.predict(["Сайлау тең болуы керек"], ["kk"])
    assert row[0].number == "3"


def test_precomputed_embeddings_are_used() -> None:
    embedder = ConceptEmbedder()
    linker = ArticleLinker(embedder).fit(ARTICLES)
    vectors = ConceptEmbedder().embed(["суд"], kind="query")
    (row,) = linker.predict(["суд"], ["ru"], embeddings=vectors)
    assert row[0].number == "4"
    assert embedder.calls == [(embedder.calls[0][0], "passage")]
    with pytest.raises(InvalidInput):
        linker.predict(["суд"], ["ru"], embeddings=np.zeros((2, embedder.dim)))


def test_lexical_only_linker_without_embedder() -> None:
    linker = ArticleLinker(None, top_k=2).fit(ARTICLES)
    (row,) = linker.predict(["Государственный язык казахский"], ["ru"])
    assert row[0].number == "2"


def test_split_points() -> None:
    text = "1. Бірінші.\n1) ішкі;\n2) тағы.\n2. Екінші.\n   жалғасы"
    assert split_points(text) == [("1", "Бірінші. 1) ішкі; 2) тағы."), ("2", "Екінші. жалғасы")]
    assert split_points("Тек мәтін.") == [(None, "Тек мәтін.")]
    assert split_points("1. Бір. 2. Екі.") == [("1", "Бір."), ("2", "Екі.")]


@pytest.mark.parametrize(
    "params",
    [{"top_k": 0}, {"chunks": "words"}, {"hubness": -1.0}, {"hub_k": 0}],
)
def test_invalid_params(params: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        ArticleLinker(ConceptEmbedder(), **params).fit(ARTICLES)


def test_invalid_inputs() -> None:
    with pytest.raises(InvalidInput):
        ArticleLinker().fit([])
    with pytest.raises(InvalidInput):
        ArticleLinker().predict(["x"], ["ru"])
    linker = ArticleLinker().fit(ARTICLES)
    with pytest.raises(InvalidInput):
        linker.predict(["a", "b"], ["ru"])
    assert linker.predict([], []) == []


def test_get_params_is_stored_and_reproducible() -> None:
    linker = ArticleLinker(HashingEmbedder(), top_k=3, lexical_weight=0.5)
    params = linker.get_params()
    assert params["embedder"]["name"] == "hashing"
    assert params["top_k"] == 3 and params["lexical_weight"] == 0.5


def _kk_articles(limit: int) -> list[ArticleText]:
    text = (DATA / "kk-2026.md").read_text(encoding="utf-8")
    out = []
    for match in re.finditer(r"\*\*(\d+)-бап\*\*\n\n(.*?)(?=\n<a id=|\n## )", text, re.S):
        out.append(ArticleText(match.group(1), "kk", match.group(2)))
    return out[:limit]


def test_hashing_linker_finds_points_of_the_real_draft() -> None:
    articles = _kk_articles(30)
    linker = ArticleLinker(HashingEmbedder(), top_k=3).fit(articles)
    queries, gold = [], []
    for article in articles:
        for _, point in split_points(article.text)[:2]:
            words = point.split()
            queries.append(" ".join(words[1:12]))
            gold.append(article.number)
    links = linker.predict(queries, ["kk"] * len(queries))
    top1 = np.mean([row[0].number == g for row, g in zip(links, gold, strict=True)])
    assert top1 >= 0.9


def test_empty_and_off_topic_texts_link_to_nothing() -> None:
    linker = ArticleLinker(ConceptEmbedder(), top_k=3, min_score=0.5).fit(ARTICLES)
    empty, off_topic, on_topic, explicit = linker.predict(
        ["", "Погода сегодня хорошая", "Земля народу", "👍 статья 4"], ["und", "ru", "ru", "ru"]
    )
    assert empty == [] and off_topic == []
    assert on_topic[0].number == "1"
    assert [link.number for link in explicit] == ["4"]  # explicit references always count


def test_min_score_auto_follows_the_embedder() -> None:
    assert ArticleLinker(ConceptEmbedder()).fit(ARTICLES).min_score_ is None
    assert ArticleLinker(None, min_score=0.3).fit(ARTICLES).min_score_ == 0.3
    with pytest.raises(InvalidInput):
        ArticleLinker(None, min_score="high").fit(ARTICLES)  # type: ignore[arg-type]


def test_a_long_query_is_compared_with_whole_articles_only() -> None:
    linker = ArticleLinker(ConceptEmbedder(), chunk_ratio=2.0).fit(ARTICLES)
    comparable = linker._comparable(["Жер", "Жер " * 40])
    whole = np.array([p is None for p in linker.chunk_point_])
    assert comparable[0].all()
    assert (comparable[1] == whole).all()
