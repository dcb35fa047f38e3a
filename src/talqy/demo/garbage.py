"""Inputs that carry no proposal: blank text, junk, markup and script injection, long rants."""

from __future__ import annotations

import random

from talqy.demo.bank import Phrases

EMPTY_TEXTS: tuple[str, ...] = ("", " ", "   ", "\n", "\t \n", "\u00a0")
RANT_BYTES = 6 * 1024


def make_empty(rng: random.Random) -> str:
    """An empty or whitespace-only text."""
    return EMPTY_TEXTS[rng.randrange(len(EMPTY_TEXTS))]


def make_rant(rng: random.Random, phrases: Phrases) -> str:
    """About 6 KB of repetitive, off-topic complaint."""
    parts: list[str] = []
    size = 0
    while size < RANT_BYTES:
        sentence = phrases.rant[rng.randrange(len(phrases.rant))]
        parts.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return " ".join(parts)


def make_garbage(rng: random.Random, phrases: Phrases) -> str:
    """A junk text: a meaningless short reply, markup / injection, random characters, a rant."""
    draw = rng.random()
    if draw < 0.35:
        return phrases.garbage_short[rng.randrange(len(phrases.garbage_short))]
    if draw < 0.55:
        return phrases.garbage_markup[rng.randrange(len(phrases.garbage_markup))]
    if draw < 0.9:
        alphabet = phrases.junk_alphabet
        return "".join(alphabet[rng.randrange(len(alphabet))] for _ in range(rng.randint(5, 80)))
    return make_rant(rng, phrases)
