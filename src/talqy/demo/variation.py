"""Text-level variation for near copies and rewordings.

Near copies keep the words and change the surface: typos, punctuation, a greeting or a
signature, Kazakh letters typed with their Russian keyboard neighbours, Latin look-alike letters
inside Cyrillic words. Rewording swaps synonyms (the composition handles hedges and order).
"""

from __future__ import annotations

import random
import re

from talqy.demo.bank import LANGUAGES, Phrases

# Kazakh letters typed on a Russian layout, and Latin look-alikes pasted into Cyrillic words.
KK_TO_RU_KEYBOARD = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
}
CYRILLIC_TO_LATIN_LOOKALIKE = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "х": "x",
    "і": "i",
    "у": "y",
}
_TRAILING_PUNCT = ".!?"


def _typos(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(chars) - 1)
        if not (chars[pos].isalpha() and chars[pos + 1].isalpha()):
            continue
        action = rng.randrange(3)
        if action == 0:
            chars[pos], chars[pos + 1] = chars[pos + 1], chars[pos]
        elif action == 1:
            del chars[pos]
        else:
            chars.insert(pos, chars[pos])
    return "".join(chars)


def _punctuation(rng: random.Random, text: str) -> str:
    action = rng.randrange(4)
    if action == 0:
        return text.rstrip(_TRAILING_PUNCT)
    if action == 1:
        return text.rstrip(_TRAILING_PUNCT) + "!!!"
    if action == 2:
        return text.replace(", ", " ", 1) if ", " in text else text + " ."
    return text.replace(". ", ".  ", 1).replace(" ", "  ", 1)


def _replace_some(rng: random.Random, text: str, table: dict[str, str], rate: float) -> str:
    letters = [ch for ch in table if rng.random() < rate]
    for letter in letters:
        text = text.replace(letter, table[letter])
    return text


class Variator:
    """Applies near-copy edits and synonym swaps; stateless apart from compiled patterns."""

    def __init__(self, phrases: Phrases) -> None:
        self.phrases = phrases
        self._synonyms: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
        for lang in LANGUAGES:
            pairs = dict(phrases.synonyms[lang])
            alternation = "|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True))
            self._synonyms[lang] = (re.compile(rf"\b(?:{alternation})\b"), pairs)

    def swap_synonyms(self, rng: random.Random, text: str, language: str) -> str:
        """Replace about 60 % of the known words with a synonym."""
        pattern, pairs = self._synonyms[language]

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            return pairs[word] if rng.random() < 0.6 else word

        return pattern.sub(swap, text)

    def near_copy(self, rng: random.Random, text: str, language: str, name: str) -> str:
        """``text`` with one to three surface edits; never returns ``text`` unchanged."""
        result = text
        for _ in range(rng.randint(1, 3)):
            result = self._edit(rng, result, language, name)
        if result == text:
            result = text + ("!" if text.endswith(".") else ".")
        return result

    def _edit(self, rng: random.Random, text: str, language: str, name: str) -> str:
        action = rng.randrange(7)
        if action == 0 or len(text) < 4:
            return _typos(rng, text) if len(text) >= 4 else text + " "
        if action == 1:
            return _punctuation(rng, text)
        if action == 2:
            greetings = self.phrases.greetings[language]
            greeting = greetings[rng.randrange(len(greetings))]
            return greeting + ("\n" if greeting.endswith(",") else " ") + text
        if action == 3:
            signatures = self.phrases.signatures[language]
            signature = signatures[rng.randrange(len(signatures))].replace("{name}", name)
            return f"{text}\n{signature}"
        if action == 4:
            return text.lower()
        if action == 5 and language == "kk":
            return _replace_some(rng, text, KK_TO_RU_KEYBOARD, 0.35)
        if language != "en":
            return _replace_some(rng, text, CYRILLIC_TO_LATIN_LOOKALIKE, 0.2)
        return _typos(rng, text)
