"""The hand-written text bank behind the demo generator.

``ideas.toml`` holds about a hundred proposals in twelve themes, each written in Kazakh, Russian
and English; ``phrases.toml`` holds what is wrapped around them (greetings, personas, reasons,
closings, signatures, personal-data sentences), synonym pairs for rewording, garbage inputs and
the copy-paste campaigns. Both are package data, loaded once per process.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
STANCES: tuple[str, ...] = ("support", "oppose", "amend", "unclear")


@dataclass(frozen=True, slots=True)
class Theme:
    """A ground-truth theme; ``labels`` by language, ``weight`` its share of ideas drawn."""

    key: str
    labels: dict[str, str]
    weight: float


@dataclass(frozen=True, slots=True)
class Idea:
    """One underlying proposal, the same in every language of ``text``."""

    key: str
    theme: str
    article: int | None
    stance: str
    text: dict[str, str]


@dataclass(frozen=True, slots=True)
class Campaign:
    """A copy-paste campaign; ``template`` marks a mail-merge letter with placeholders."""

    key: str
    theme: str
    article: int | None
    stance: str
    share: float
    burst_day: int
    channel: str
    template: bool
    language_weights: dict[str, float]
    text: dict[str, str]


@dataclass(frozen=True, slots=True)
class Phrases:
    """Wrapping phrases. ``aligned`` lists mean the same at one index in every language."""

    personas: dict[str, tuple[str, ...]]
    reasons: dict[str, tuple[str, ...]]
    closings: dict[str, tuple[str, ...]]
    greetings: dict[str, tuple[str, ...]]
    hedges: dict[str, tuple[str, ...]]
    signatures: dict[str, tuple[str, ...]]
    pii: dict[str, tuple[str, ...]]
    general_article: dict[str, tuple[str, ...]]
    synonyms: dict[str, tuple[tuple[str, str], ...]]
    garbage_short: tuple[str, ...]
    garbage_markup: tuple[str, ...]
    junk_alphabet: str
    rant: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bank:
    themes: tuple[Theme, ...]
    ideas: tuple[Idea, ...]
    campaigns: tuple[Campaign, ...]
    phrases: Phrases

    def ideas_of(self, theme: str) -> tuple[Idea, ...]:
        """The ideas of one theme, in bank order."""
        return tuple(idea for idea in self.ideas if idea.theme == theme)


def read_data(name: str) -> dict[str, Any]:
    """A TOML file of the demo's package data (``talqy/demo/data``), parsed."""
    return tomllib.loads((files("talqy.demo") / "data" / name).read_text(encoding="utf-8"))


def _by_language(table: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(table[lang]) for lang in LANGUAGES}


def _load_ideas(raw: list[dict[str, Any]]) -> tuple[Idea, ...]:
    counters: dict[str, int] = {}
    ideas = []
    for item in raw:
        theme = item["theme"]
        counters[theme] = counters.get(theme, 0) + 1
        ideas.append(
            Idea(
                key=f"{theme}-{counters[theme]:02d}",
                theme=theme,
                article=item.get("article"),
                stance=item["stance"],
                text={lang: item[lang] for lang in LANGUAGES},
            )
        )
    return tuple(ideas)


def _load_campaigns(raw: list[dict[str, Any]]) -> tuple[Campaign, ...]:
    return tuple(
        Campaign(
            key=item["id"],
            theme=item["theme"],
            article=item.get("article"),
            stance=item["stance"],
            share=float(item["share"]),
            burst_day=int(item["burst_day"]),
            channel=item["channel"],
            template=bool(item.get("template", False)),
            language_weights={k: float(v) for k, v in item["languages"].items()},
            text={lang: item[lang] for lang in LANGUAGES},
        )
        for item in raw
    )


def _load_phrases(raw: dict[str, Any]) -> Phrases:
    aligned, pools, garbage = raw["aligned"], raw["pools"], raw["garbage"]
    return Phrases(
        personas=_by_language(aligned["personas"]),
        reasons=_by_language(aligned["reasons"]),
        closings=_by_language(aligned["closings"]),
        greetings=_by_language(pools["greetings"]),
        hedges=_by_language(pools["hedges"]),
        signatures=_by_language(pools["signatures"]),
        pii=_by_language(pools["pii"]),
        general_article=_by_language(pools["general_article"]),
        synonyms={lang: tuple((a, b) for a, b in raw["synonyms"][lang]) for lang in LANGUAGES},
        garbage_short=tuple(garbage["short"]),
        garbage_markup=tuple(garbage["markup"]),
        junk_alphabet=garbage["junk_alphabet"],
        rant=tuple(garbage["rant"]),
    )


@cache
def load_bank() -> Bank:
    """Read the package-data text bank (cached for the process)."""
    ideas_raw = read_data("ideas.toml")
    phrases_raw = read_data("phrases.toml")
    themes = tuple(
        Theme(
            key=key,
            labels={lang: table[lang] for lang in LANGUAGES},
            weight=float(table["weight"]),
        )
        for key, table in ideas_raw["themes"].items()
    )
    return Bank(
        themes=themes,
        ideas=_load_ideas(ideas_raw["idea"]),
        campaigns=_load_campaigns(phrases_raw["campaign"]),
        phrases=_load_phrases(phrases_raw),
    )
