"""Copy-paste campaigns: exact row counts by selection sampling, and their texts.

Plain campaigns repeat one text with the small noise of copy and paste (a trailing newline, an
added signature); a mail-merge campaign fills a letter template with a different name, region
and numbers for each sender.
"""

from __future__ import annotations

import random
from bisect import bisect

from talqy.demo.bank import Bank, Campaign
from talqy.demo.identity import make_person
from talqy.demo.metadata import Body, MetadataFiller, cumulative, person_script
from talqy.demo.regions import REGIONS

_PASTE_NOISE = ("", "", "", " ", "\n", "  ", "\r\n")


class CampaignWriter:
    """Decides which rows belong to a campaign and writes their text."""

    def __init__(
        self,
        rng: random.Random,
        bank: Bank,
        meta: MetadataFiller,
        *,
        n: int,
        languages: tuple[str, ...],
        enabled: bool,
    ) -> None:
        self.rng, self.bank, self.meta = rng, bank, meta
        self.campaigns = bank.campaigns if enabled else ()
        self.left = [round(n * campaign.share) for campaign in self.campaigns]
        self.rows_left = n
        self.languages = []
        for campaign in self.campaigns:
            langs = [lang for lang in languages if campaign.language_weights.get(lang, 0) > 0]
            langs = langs or list(languages)
            weights = [campaign.language_weights.get(lang, 1.0) for lang in langs]
            self.languages.append((langs, cumulative(weights)))

    def pick(self) -> int | None:
        """Selection sampling: exactly ``round(n * share)`` rows per campaign, in any order."""
        left = sum(self.left)
        draw = self.rng.random() * self.rows_left
        self.rows_left -= 1
        if left == 0 or draw >= left:
            return None
        pick = int(draw) % left
        for index, count in enumerate(self.left):
            if pick < count:
                self.left[index] -= 1
                return index
            pick -= count
        return None

    def write(self, index: int) -> Body:
        """The text and truth of one row of campaign ``index``."""
        rng, campaign = self.rng, self.campaigns[index]
        langs, cum = self.languages[index]
        language = langs[bisect(cum, rng.random())]
        person = make_person(rng, script=person_script(language, False))
        region = self.meta.region()
        if campaign.template:
            text = _fill_template(rng, campaign, language, person.name, region)
        else:
            text = campaign.text[language]
            if rng.random() < 0.15:
                text = f"{text}\n{person.name}"
            text += _PASTE_NOISE[rng.randrange(len(_PASTE_NOISE))]
        return Body(
            text,
            "campaign",
            language,
            group=campaign.key,
            theme=campaign.theme,
            article=campaign.article,
            stance=campaign.stance,
            campaign=campaign,
            region=region,
            person=person,
        )


def _fill_template(
    rng: random.Random, campaign: Campaign, language: str, name: str, region_index: int
) -> str:
    region = REGIONS[region_index]
    count = max(1, int(region.weight * 100 * (0.8 + 0.4 * rng.random())))
    return (
        campaign.text[language]
        .replace("{name}", name)
        .replace("{years}", str(rng.randint(2, 45)))
        .replace("{count}", str(count))
        .replace("{region_gen}", region.kk_genitive)
        .replace("{region_loc}", region.ru_locative if language == "ru" else region.en_locative)
    )
