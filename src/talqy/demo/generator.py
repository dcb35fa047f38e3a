"""Stream realistic synthetic proposals with ground truth, deterministically for a seed.

Each row is drawn independently from a fixed mix of kinds (originals, exact and near copies,
rewordings, translations, Kazakh in Latin script, garbage, empty rows); copy-paste campaigns
take an exact number of rows chosen by selection sampling, so their sizes hold for any ``n``
while memory stays constant: only a ring of recent originals (the sources of copies) is kept.
One ``random.Random(seed)`` drives everything, so a seed always gives the same rows.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from functools import partial
from typing import NamedTuple

from talqy.demo.bank import LANGUAGES, load_bank
from talqy.demo.campaigns import CampaignWriter
from talqy.demo.composer import Composer, Composition
from talqy.demo.garbage import make_empty, make_garbage
from talqy.demo.identity import Person, make_person
from talqy.demo.metadata import Body, MetadataFiller, cumulative, person_script
from talqy.demo.proposal import GeneratedProposal
from talqy.demo.timeline import Timeline
from talqy.demo.transliteration import to_latin_kk
from talqy.demo.variation import Variator
from talqy.errors import InvalidInput

DEFAULT_LANGUAGE_WEIGHTS: dict[str, float] = {"kk": 0.5, "ru": 0.4, "en": 0.1}
CONSULTATION_START = date(2026, 2, 2)
CONSULTATION_DAYS = 28
# Share of each kind among the rows that are not campaign rows.
ROW_MIX: dict[str, float] = {
    "original": 0.56,
    "exact_copy": 0.08,
    "near_copy": 0.10,
    "reworded": 0.10,
    "translation": 0.08,
    "latin_kk": 0.04,
    "garbage": 0.006,
    "empty": 0.004,
}
PII_IN_TEXT_RATE = 0.05
LATIN_FROM_SOURCE_RATE = 0.3
INFORMAL_LATIN_RATE = 0.4
RESERVOIR_SIZE = 2048


class _Source(NamedTuple):
    comp: Composition
    language: str
    text: str
    id: str


def generate_proposals(
    n: int,
    *,
    seed: int = 0,
    languages: Sequence[str] = LANGUAGES,
    language_weights: Mapping[str, float] | None = None,
    start: date = CONSULTATION_START,
    days: int = CONSULTATION_DAYS,
    campaigns: bool = True,
) -> Iterator[GeneratedProposal]:
    """Yield ``n`` synthetic proposals; the same arguments always give the same rows.

    ``languages`` limits the languages of the texts (kk, ru, en); ``language_weights`` sets
    their shares (default kk 0.5, ru 0.4, en 0.1). The consultation runs ``days`` days from
    ``start``. ``campaigns=False`` leaves the copy-paste campaigns out. Arguments are checked
    at once; rows are produced lazily, one at a time.
    """
    langs = tuple(languages)
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidInput("n must be a non-negative integer", field="n")
    if not langs or len(set(langs)) != len(langs) or not set(langs) <= set(LANGUAGES):
        raise InvalidInput("languages must be distinct values among kk, ru, en", field="languages")
    weights = dict(DEFAULT_LANGUAGE_WEIGHTS if language_weights is None else language_weights)
    if any(weights.get(lang, 0) <= 0 for lang in langs):
        raise InvalidInput("every language needs a positive weight", field="language_weights")
    if days < 1:
        raise InvalidInput("days must be at least 1", field="days")
    stream = _Stream(n, seed, langs, [weights[lang] for lang in langs], start, days, campaigns)
    return stream.rows()


class _Stream:
    """The generator's state: one RNG, the text bank, and the ring of recent originals."""

    def __init__(
        self,
        n: int,
        seed: int,
        languages: tuple[str, ...],
        weights: list[float],
        start: date,
        days: int,
        campaigns: bool,
    ) -> None:
        self.n, self.rng = n, random.Random(seed)
        self.bank = bank = load_bank()
        self.composer, self.variator = Composer(bank), Variator(bank.phrases)
        self.meta = MetadataFiller(self.rng, bank, Timeline(start, days), days)
        self.campaigns = CampaignWriter(
            self.rng, bank, self.meta, n=n, languages=languages, enabled=campaigns
        )
        self.languages, self.lang_cum = languages, cumulative(weights)
        self.theme_cum = cumulative([theme.weight for theme in bank.themes])
        self.theme_ideas = [
            [i for i, idea in enumerate(bank.ideas) if idea.theme == theme.key]
            for theme in bank.themes
        ]
        mix = {kind: share for kind, share in ROW_MIX.items() if self._possible(kind)}
        self.kinds, self.kind_cum = list(mix), cumulative(list(mix.values()))
        self.reservoir: list[_Source] = []
        self.next_slot = 0

    def _possible(self, kind: str) -> bool:
        if kind == "translation":
            return len(self.languages) > 1
        return kind != "latin_kk" or "kk" in self.languages

    def rows(self) -> Iterator[GeneratedProposal]:
        makers: dict[str, Callable[[], Body]] = {
            "original": self._original,
            "exact_copy": partial(self._from_source, self._exact_copy),
            "near_copy": partial(self._from_source, self._near_copy),
            "reworded": partial(self._from_source, self._reworded),
            "translation": partial(self._from_source, self._translation),
            "latin_kk": self._latin_kk,
            "garbage": lambda: Body(make_garbage(self.rng, self.bank.phrases), "garbage", None),
            "empty": lambda: Body(make_empty(self.rng), "empty", None),
        }
        rng, kinds, kind_cum = self.rng, self.kinds, self.kind_cum
        pick_campaign, finish = self.campaigns.pick, self.meta.finish
        for index in range(self.n):
            campaign = pick_campaign()
            if campaign is None:
                body = makers[kinds[bisect(kind_cum, rng.random())]]()
            else:
                body = self.campaigns.write(campaign)
            row = finish(index, body)
            if body.kind == "original" and not body.pii and body.comp is not None:
                self._remember(_Source(body.comp, row.truth_language or "", row.text, row.id))
            yield row

    def _remember(self, source: _Source) -> None:
        if len(self.reservoir) < RESERVOIR_SIZE:
            self.reservoir.append(source)
        else:
            self.reservoir[self.next_slot] = source
            self.next_slot = (self.next_slot + 1) % RESERVOIR_SIZE

    # ------------------------------------------------------------------ drawing
    def _language(self) -> str:
        return self.languages[bisect(self.lang_cum, self.rng.random())]

    def _idea(self) -> int:
        ideas = self.theme_ideas[bisect(self.theme_cum, self.rng.random())]
        return ideas[int(self.rng.random() * len(ideas))]

    def _source(self, language: str | None = None) -> _Source | None:
        reservoir = self.reservoir
        for _ in range(4 if reservoir else 0):
            source = reservoir[int(self.rng.random() * len(reservoir))]
            if language is None or source.language == language:
                return source
        return None

    def _body(self, comp: Composition, text: str, kind: str, language: str) -> Body:
        idea = self.bank.ideas[comp.idea]
        return Body(
            text,
            kind,
            language,
            idea.key,
            idea.theme,
            idea.article,
            idea.stance,
            None,
            None,
            comp.region,
            None,
            False,
            comp,
        )

    def _person(self, language: str) -> Person:
        return make_person(self.rng, script=person_script(language, False))

    # ------------------------------------------------------------------ kinds
    def _original(self) -> Body:
        language = self._language()
        comp = self.composer.compose(self.rng, self._idea(), self.meta.region())
        body = self._body(comp, self.composer.render(comp, language), "original", language)
        if self.rng.random() < PII_IN_TEXT_RATE:
            body.person = self._person(language)
            body.text = f"{body.text} {self._pii_sentence(language, body.person)}"
            body.pii = True
        return body

    def _pii_sentence(self, language: str, person: Person) -> str:
        templates = self.bank.phrases.pii[language]
        return (
            templates[self.rng.randrange(len(templates))]
            .replace("{iin}", person.iin)
            .replace("{phone}", person.phone)
            .replace("{email_obf}", person.email_obfuscated)
            .replace("{email}", person.email)
        )

    def _from_source(self, make: Callable[[_Source], Body]) -> Body:
        """A body made from a remembered original; a new original when none is at hand."""
        source = self._source()
        return self._original() if source is None else make(source)

    def _exact_copy(self, source: _Source) -> Body:
        body = self._body(source.comp, source.text, "exact_copy", source.language)
        body.source = source.id
        return body

    def _near_copy(self, source: _Source) -> Body:
        person = self._person(source.language)
        text = self.variator.near_copy(self.rng, source.text, source.language, person.name)
        body = self._body(source.comp, text, "near_copy", source.language)
        body.source, body.person = source.id, person
        return body

    def _reworded(self, source: _Source) -> Body:
        comp = self.composer.reword(self.rng, source.comp)
        text = self.composer.render(comp, source.language)
        text = self.variator.swap_synonyms(self.rng, text, source.language)
        body = self._body(comp, text, "reworded", source.language)
        body.source = source.id
        return body

    def _translation(self, source: _Source) -> Body:
        target = self._language()
        while target == source.language:
            target = self._language()
        body = self._body(
            source.comp, self.composer.render(source.comp, target), "translation", target
        )
        body.source = source.id
        return body

    def _latin_kk(self) -> Body:
        source = self._source("kk") if self.rng.random() < LATIN_FROM_SOURCE_RATE else None
        if source is None:
            comp = self.composer.compose(self.rng, self._idea(), self.meta.region())
        else:
            comp = source.comp
        text = self.composer.render(comp, "kk")
        text = to_latin_kk(text, informal=self.rng.random() < INFORMAL_LATIN_RATE)
        body = self._body(comp, text, "latin_kk", "kk")
        body.source, body.latin, body.comp = (source.id if source else None), True, None
        return body
