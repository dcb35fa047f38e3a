from __future__ import annotations

import json
from datetime import datetime, timedelta

import numpy as np
import pytest

from talqy.analysis.campaigns import NoCampaignDetector, TemplateCampaignDetector
from talqy.analysis.dedup import NoDeduplicator
from talqy.analysis.engines import LocalEngine, get_engine
from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput
from talqy.analysis.stance import NoStanceClassifier
from talqy.analysis.themes import AgglomerativeClusterer, KMeansClusterer, NoClusterer
from talqy.errors import InvalidInput

TEXTS = [
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "Предлагаю изменить статью 33: сократить срок.",
    "Article 12 should protect privacy online.",
    "Memlekettik til turaly 9-bapty saqtau kerek.",
    "Тіл туралы бапты күшейту керек.",
]
ARTICLES = [
    ArticleText("33", "kk", "Құрылтай депутаттарының өкілеттік мерзімі бес жыл."),
    ArticleText("12", "en", "Everyone has the right to privacy."),
    ArticleText("9", "kk", "Мемлекеттік тіл - қазақ тілі."),
]
CAMPAIGN = (
    "Мен, {0}, {1} қаласынан, жер туралы бапты өзгертпеуді талап етемін. Жер халықтікі болуы керек."
)


def proposals(texts: list[str]) -> list[ProposalInput]:
    start = datetime(2026, 2, 1)
    return [
        ProposalInput(f"p{i}", t, submitted_at=start + timedelta(minutes=i))
        for i, t in enumerate(texts)
    ]


def fast(**kwargs: object) -> Systematizer:
    params: dict[str, object] = {"embedder": "hashing", "themes": AgglomerativeClusterer()}
    params.update(kwargs)
    return Systematizer(**params)  # type: ignore[arg-type]


def test_rows_follow_the_contract() -> None:
    result = fast().run(proposals(TEXTS * 5), ARTICLES)
    rows = [r.to_dict() for r in result.rows]
    assert [r["id"] for r in rows] == [f"p{i}" for i in range(30)]
    for r in rows:
        assert r["language"] in {"kk", "ru", "en", "und"}
        assert r["script"] in {"Cyrl", "Latn", "mixed", "none"}
        assert r["stance"] in {"support", "oppose", "amend", "unclear"}
        assert len(r["articles"]) <= 5
    assert rows[0]["duplicate_group"] == rows[1]["duplicate_group"]
    assert rows[1]["duplicate_of"] == "p0" and rows[0]["duplicate_of"] is None
    assert rows[0]["articles"][0] == {"number": "33", "score": 1.0, "source": "explicit"}
    theme_of: dict[str, object] = {}
    for r in rows:
        assert theme_of.setdefault(r["duplicate_group"], r["theme_id"]) == r["theme_id"]
    ids = {t.id for t in result.themes}
    assert {r["theme_id"] for r in rows} <= ids
    for theme in result.themes:
        assert set(theme.label) == {"kk", "ru", "en"}
    json.dumps(result.params)  # serialisable
    assert result.params["resolved"]["embedder"]["name"] == "hashing"


def test_without_draft_articles_are_empty() -> None:
    result = fast().run(proposals(TEXTS))
    assert all(r.articles == [] for r in result.rows)


def test_campaign_members_kept_but_out_of_statistics() -> None:
    names = ["Айгерім", "Ерлан", "Данияр", "Мария", "Асель"]
    cities = ["Алматы", "Шымкент", "Атырау"]
    campaign = [CAMPAIGN.format(names[i % 5], cities[i % 3]) for i in range(25)]
    result = fast().run(proposals(TEXTS * 3 + campaign))
    rows = result.rows
    assert len(rows) == 18 + 25
    members = [r for r in rows if r.campaign_id]
    assert len(members) == 25 and {r.campaign_id for r in members} == {"c1"}
    assert len({r.theme_id for r in members}) == 1 and members[0].theme_id is not None
    (record,) = result.campaigns
    assert record.size == 25 and record.representative == "p18"
    theme = next(t for t in result.themes if t.id == members[0].theme_id)
    assert theme.proposals >= 25 and theme.size == theme.proposals  # members count as people


def test_noop_steps_and_precomputed_embeddings() -> None:
    pipeline = fast(
        deduplicator=NoDeduplicator(),
        campaigns=NoCampaignDetector(),
        themes=NoClusterer(),
        stance=NoStanceClassifier(),
    )
    emb = np.eye(len(TEXTS), 8, dtype=np.float32)
    result = pipeline.run(proposals(TEXTS), embeddings=emb)
    assert len({r.duplicate_group for r in result.rows}) == len(TEXTS)
    assert {r.theme_id for r in result.rows} == {"t1"}
    assert {r.stance for r in result.rows} == {"unclear"}
    with pytest.raises(InvalidInput):
        pipeline.run(proposals(TEXTS), embeddings=emb[:2])


def test_reproducible_and_engine_independent() -> None:
    items = proposals(TEXTS * 4)
    a = fast(themes=KMeansClusterer(n_themes=3, random_state=1)).run(items)
    b = fast(
        themes=KMeansClusterer(n_themes=3, random_state=1),
        engine=LocalEngine(workers=2, partition_size=5),
    ).run(items)
    assert [r.to_dict() for r in a.rows] == [r.to_dict() for r in b.rows]


def test_progress_and_bad_names() -> None:
    seen: list[str] = []
    fast().run(proposals(TEXTS), progress=lambda stage, done, total: seen.append(stage))
    assert {"language", "embed", "duplicates", "campaigns", "themes", "stance"} <= set(seen)
    with pytest.raises(InvalidInput):
        Systematizer(embedder="hashing", themes="lda").run(proposals(TEXTS))
    with pytest.raises(InvalidInput):
        get_engine("spark")
    assert isinstance(TemplateCampaignDetector().get_params(), dict)


def test_bad_input_never_crashes_and_noise_stays_noise() -> None:
    noise = ["", "👍", "👍", "👎", "!!!???", "!!!???", "+1"]
    texts = (
        TEXTS * 3
        + noise
        + [
            "против",
            "Мен бұл заңға қарсымын, потому что жер халықтікі.",
            "Ya predlagayu izmenit statyu 33",
            "Жер туралы бап. " * 1300,
        ]
    )
    rows = fast().run(proposals(texts), ARTICLES).rows
    noise_rows = rows[18 : 18 + len(noise)]
    assert len({r.duplicate_group for r in noise_rows}) == len(noise)
    assert all(r.theme_id is None and r.articles == [] for r in noise_rows)
    against, mixed, latin_ru, long = rows[-4:]
    assert (against.language, against.stance) == ("ru", "oppose")
    assert (mixed.language, mixed.stance) == ("kk", "oppose")
    assert (latin_ru.language, latin_ru.stance) == ("ru", "amend")
    assert latin_ru.articles[0].number == "33" and latin_ru.articles[0].source == "explicit"
    assert long.language == "kk"
