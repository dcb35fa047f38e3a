from __future__ import annotations

import numpy as np
import pytest

from talqy.analysis.campaigns import NoCampaignDetector, TemplateCampaignDetector, mask_template
from talqy.errors import InvalidInput

NAMES = ["Айгерім", "Ерлан", "Данияр", "Мария", "Сергей", "Асель", "Нурлан"]
CITIES = ["Алматы", "Шымкент", "Қарағанды", "Астана", "Атырау"]
TEMPLATE = (
    "Мен, {name}, {city} қаласының тұрғыны, {n}-бапты өзгертпеуді сұраймын. "
    "Бұл бап біздің отбасымыз үшін маңызды және оны сол күйінде қалдыру керек."
)
OTHERS = [
    "Жер шетелдіктерге сатылмауы тиіс",
    "Предлагаю сократить срок полномочий депутатов",
    "Article 12 should protect privacy online",
]


def mail_merge(n: int) -> list[str]:
    return [TEMPLATE.format(name=NAMES[i % 7], city=CITIES[i % 5], n=30 + i % 3) for i in range(n)]


def test_mask_template() -> None:
    assert mask_template("Мен, Айгерім, Алматы 33-бап") == "Мен, X, X 0-бап"


BURST = [i * 60.0 for i in range(40)]


def test_mail_merge_campaign_found_without_dropping_anyone() -> None:
    texts = OTHERS + mail_merge(25)
    model = TemplateCampaignDetector(min_size=20).fit(texts, timestamps=BURST[: len(texts)])
    assert len(model.labels_) == len(texts)
    assert (model.labels_[:3] == -1).all() and (model.labels_[3:] == 0).all()
    (campaign,) = model.campaigns_
    assert campaign.id == "c1" and campaign.size == 25 and campaign.representative == 3


def test_small_groups_are_not_campaigns() -> None:
    model = TemplateCampaignDetector(min_size=20).fit(
        OTHERS + mail_merge(19), timestamps=BURST[:22]
    )
    assert model.campaigns_ == [] and (model.labels_ == -1).all()


def test_burst_window() -> None:
    texts = mail_merge(20)
    hour = 3600.0
    spread = [i * 24 * hour for i in range(20)]  # one a day: no burst
    burst = [i * 60.0 for i in range(20)]  # one a minute
    assert not TemplateCampaignDetector(burst_hours=2).fit(texts, timestamps=spread).campaigns_
    assert TemplateCampaignDetector(burst_hours=2).fit(texts, timestamps=burst).campaigns_


def test_common_short_answers_are_no_campaign() -> None:
    texts = ["Nothing"] * 60 + ["No"] * 30 + ["Ничего"] * 30
    times = [i * 60.0 for i in range(len(texts))]
    assert TemplateCampaignDetector().fit(texts, timestamps=times).campaigns_ == []


def test_a_template_needs_coordination() -> None:
    texts = mail_merge(30)
    assert TemplateCampaignDetector().fit(texts).campaigns_ == []  # nothing shows coordination
    own = ["post"] * 30 + ["portal"] * 70
    found = TemplateCampaignDetector().fit(texts + OTHERS * 23 + ["x"], channels=own)
    assert [c.size for c in found.campaigns_] == [30]
    shared = ["portal"] * 100
    assert (
        TemplateCampaignDetector().fit(texts + OTHERS * 23 + ["x"], channels=shared).campaigns_
        == []
    )


def test_validation_and_noop() -> None:
    with pytest.raises(InvalidInput):
        TemplateCampaignDetector(min_size=1).fit(["a"])
    assert (NoCampaignDetector().fit(mail_merge(30)).labels_ == -1).all()
    assert np.asarray(NoCampaignDetector().fit([]).labels_).shape == (0,)
