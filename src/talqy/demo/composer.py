"""Turn an idea into a citizen's text: greeting, persona, the idea itself, a reason, a closing.

A :class:`Composition` records which phrases were chosen by index. The wrapping phrases are
aligned across languages, so the same composition renders as a faithful translation in any
language, and a rewording is a slightly different composition of the same idea.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from talqy.demo.bank import LANGUAGES, Bank
from talqy.demo.regions import REGIONS

NONE = -1
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class Composition(NamedTuple):
    """Indexes into the bank; ``NONE`` (-1) leaves a part out."""

    idea: int
    greeting: int
    persona: int
    reason: int
    closing: int
    hedge: int
    swap: bool
    region: int


def _with_hedge(hedge: str, sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    keep_case = first.isupper() or not first[1:2].islower()
    return hedge + (sentence if keep_case else sentence[0].lower() + sentence[1:])


class Composer:
    """Draws and renders compositions of the bank's ideas."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        phrases = bank.phrases
        self._sentences = {
            lang: [tuple(_SENTENCE_END.split(idea.text[lang])) for idea in bank.ideas]
            for lang in LANGUAGES
        }
        self._greetings, self._hedges = phrases.greetings, phrases.hedges
        self._personas, self._reasons = phrases.personas, phrases.reasons
        self._closings = phrases.closings
        self._counts = (
            len(phrases.greetings["kk"]),
            len(phrases.personas["kk"]),
            len(phrases.reasons["kk"]),
            len(phrases.closings["kk"]),
            min(len(phrases.hedges[lang]) for lang in LANGUAGES),
        )

    def compose(self, rng: random.Random, idea: int, region: int) -> Composition:
        """A fresh composition of ``idea`` by a writer from ``region``."""
        greetings, personas, reasons, closings, hedges = self._counts
        rnd = rng.random
        draw = rnd()
        return Composition(
            idea=idea,
            greeting=int(draw * 4 * greetings) % greetings if draw < 0.25 else NONE,
            persona=int(rnd() * personas) if rnd() < 0.45 else NONE,
            reason=int(rnd() * reasons) if rnd() < 0.35 else NONE,
            closing=int(rnd() * closings) if rnd() < 0.35 else NONE,
            hedge=int(rnd() * hedges) if rnd() < 0.15 else NONE,
            swap=rnd() < 0.1,
            region=region,
        )

    def reword(self, rng: random.Random, comp: Composition) -> Composition:
        """The same idea said differently: another hedge, order or wrapping (never identical)."""
        greetings, personas, reasons, closings, hedges = self._counts
        pick = rng.randrange
        hedge = (comp.hedge + 1 + pick(hedges - 1)) % hedges if comp.hedge != NONE else pick(hedges)
        changed = comp._replace(hedge=hedge if rng.random() < 0.8 else NONE, swap=not comp.swap)
        if rng.random() < 0.5:
            changed = changed._replace(persona=pick(personas) if comp.persona == NONE else NONE)
        if rng.random() < 0.5:
            changed = changed._replace(reason=pick(reasons) if comp.reason == NONE else NONE)
        if rng.random() < 0.4:
            changed = changed._replace(closing=pick(closings) if comp.closing == NONE else NONE)
        if changed.hedge == comp.hedge and len(self._sentences["kk"][comp.idea]) < 2:
            changed = changed._replace(greeting=(comp.greeting + 1) % greetings)
        return changed

    def render(self, comp: Composition, language: str) -> str:
        """The text of ``comp`` in ``language``."""
        parts: list[str] = []
        greeting = ""
        if comp.greeting != NONE:
            pool = self._greetings[language]
            greeting = pool[comp.greeting % len(pool)]
            greeting += "\n" if greeting.endswith(",") else " "
        if comp.persona != NONE:
            parts.append(self._persona(comp, language))
        sentences = list(self._sentences[language][comp.idea])
        if comp.swap and len(sentences) > 1:
            sentences[0], sentences[1] = sentences[1], sentences[0]
        if comp.hedge != NONE:
            pool = self._hedges[language]
            sentences[0] = _with_hedge(pool[comp.hedge % len(pool)], sentences[0])
        parts.extend(sentences)
        if comp.reason != NONE:
            parts.append(self._reasons[language][comp.reason])
        if comp.closing != NONE:
            parts.append(self._closings[language][comp.closing])
        return greeting + " ".join(parts)

    def _persona(self, comp: Composition, language: str) -> str:
        text = self._personas[language][comp.persona]
        if "{" not in text:
            return text
        region = REGIONS[comp.region]
        if language == "kk":
            return text.replace("{region_gen}", region.kk_genitive)
        if language == "ru":
            return text.replace("{region_loc}", region.ru_locative)
        return text.replace("{region_loc}", region.en_locative)
