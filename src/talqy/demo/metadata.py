"""Everything around a proposal's text: channel, external id, region, submitter, time, the
article as the citizen wrote it, and the declared language."""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass

from talqy.demo.bank import Bank, Campaign
from talqy.demo.composer import Composition
from talqy.demo.identity import Person, make_person
from talqy.demo.proposal import GeneratedProposal
from talqy.demo.regions import REGIONS
from talqy.demo.timeline import Timeline

CHANNEL_WEIGHTS: dict[str, float] = {
    "web": 0.38,
    "egov": 0.15,
    "e-otinish": 0.13,
    "legalacts": 0.10,
    "email": 0.08,
    "paper": 0.07,
    "api": 0.06,
    "session": 0.03,
}
# Chance that name, IIN, phone and e-mail are filled in, by channel.
CHANNEL_FIELDS: dict[str, tuple[float, float, float, float]] = {
    "web": (0.6, 0.2, 0.3, 0.6),
    "api": (0.4, 0.1, 0.2, 0.4),
    "e-otinish": (1, 1, 0.8, 0.5),
    "egov": (1, 1, 0.7, 0.2),
    "legalacts": (0.8, 0.3, 0.2, 0.9),
    "email": (0.7, 0.05, 0.2, 1),
    "paper": (0.9, 0.2, 0.5, 0.05),
    "session": (0.5, 0, 0, 0),
}
ID_PREFIX: dict[str, str] = {
    "web": "W",
    "api": "A",
    "e-otinish": "EO",
    "egov": "EG",
    "legalacts": "LA",
    "email": "EM",
    "paper": "PP",
    "session": "SS",
}
ARTICLE_FORMATS: dict[str, tuple[str, ...]] = {
    "kk": ("{a}", "{a}-бап", "{a} бап", "{a}-бабы"),
    "ru": ("{a}", "ст. {a}", "Статья {a}", "статья {a}"),
    "en": ("{a}", "Art. {a}", "Article {a}", "art {a}"),
    "latin": ("{a}", "{a}-bap"),
}
ARTICLE_FILLED_RATE = 0.35
GENERAL_ARTICLE_RATE = 0.03
CAMPAIGN_CHANNEL_RATE = 0.85
CAMPAIGN_BURST_RATE = 0.85
_ALL_LANGUAGES = ("kk", "ru", "en")


@dataclass(slots=True)
class Body:
    """A drawn text and its truth, before the metadata is added."""

    text: str
    kind: str
    language: str | None
    group: str | None = None
    theme: str | None = None
    article: int | None = None
    stance: str = "unclear"
    campaign: Campaign | None = None
    source: str | None = None
    region: int = -1
    person: Person | None = None
    pii: bool = False
    comp: Composition | None = None
    latin: bool = False


def cumulative(weights: list[float]) -> list[float]:
    """Normalised running sums for ``bisect`` draws; the last is exactly 1.0."""
    total, running, result = sum(weights), 0.0, []
    for weight in weights:
        running += weight
        result.append(running / total)
    result[-1] = 1.0
    return result


def person_script(language: str | None, latin: bool) -> str:
    """The script a writer in ``language`` signs with (kk, ru or latin)."""
    if latin or language == "en":
        return "latin"
    return language or "kk"


class MetadataFiller:
    """Adds the import metadata to a :class:`Body` and builds the final row."""

    def __init__(self, rng: random.Random, bank: Bank, timeline: Timeline, days: int) -> None:
        self.rng, self.bank, self.timeline, self.days = rng, bank, timeline, days
        self.channels = list(CHANNEL_WEIGHTS)
        self.channel_cum = cumulative(list(CHANNEL_WEIGHTS.values()))
        self.region_cum = cumulative([region.weight for region in REGIONS])

    def region(self) -> int:
        """A region index drawn by population."""
        return bisect(self.region_cum, self.rng.random())

    def finish(self, index: int, body: Body) -> GeneratedProposal:
        rng = self.rng
        campaign = body.campaign
        if campaign is not None and rng.random() < CAMPAIGN_CHANNEL_RATE:
            channel = campaign.channel
        else:
            channel = self.channels[bisect(self.channel_cum, rng.random())]
        region_index = body.region if body.region >= 0 and rng.random() < 0.9 else self.region()
        region_language = body.language or "kk"
        region = None if rng.random() < 0.08 else REGIONS[region_index].name(region_language)
        if campaign is not None and rng.random() < CAMPAIGN_BURST_RATE:
            submitted_at = self.timeline.sample_burst(rng, campaign.burst_day * self.days // 28)
        else:
            submitted_at = self.timeline.sample(rng)
        name, iin, phone, email, iin_valid = self._contact(channel, body)
        # Positional for speed; the order is GeneratedProposal's field order.
        return GeneratedProposal(
            f"{ID_PREFIX[channel]}-{index + 1:07d}",
            body.text,
            self._article(body),
            channel,
            region,
            submitted_at,
            name,
            iin,
            phone,
            email,
            self._declared(body.language, channel),
            body.theme,
            body.article,
            body.group,
            campaign.key if campaign else None,
            body.stance,
            body.kind,
            body.language,
            body.source,
            body.pii,
            iin_valid,
        )

    def _contact(
        self, channel: str, body: Body
    ) -> tuple[str | None, str | None, str | None, str | None, bool | None]:
        rnd = self.rng.random
        p_name, p_iin, p_phone, p_email = CHANNEL_FIELDS[channel]
        show = (rnd() < p_name, rnd() < p_iin, rnd() < p_phone, rnd() < p_email)
        if not any(show):
            return None, None, None, None, None
        person = body.person or make_person(
            self.rng, script=person_script(body.language, body.latin)
        )
        return (
            person.name if show[0] else None,
            person.iin if show[1] else None,
            person.phone if show[2] else None,
            person.email if show[3] else None,
            person.iin_valid if show[1] else None,
        )

    def _article(self, body: Body) -> str | None:
        rnd = self.rng.random
        if body.article is None:
            if body.language is None or rnd() >= GENERAL_ARTICLE_RATE:
                return None
            pool = self.bank.phrases.general_article[body.language]
            return pool[self.rng.randrange(len(pool))]
        if rnd() >= ARTICLE_FILLED_RATE:
            return None
        formats = ARTICLE_FORMATS["latin" if body.latin else body.language or "ru"]
        return formats[int(rnd() * len(formats))].replace("{a}", str(body.article))

    def _declared(self, language: str | None, channel: str) -> str | None:
        rnd = self.rng.random
        if channel in ("paper", "session", "email") and rnd() < 0.4:
            return None
        if language is not None and rnd() < 0.9:
            return language
        if language is None and rnd() < 0.5:
            return None
        return _ALL_LANGUAGES[self.rng.randrange(3)]
