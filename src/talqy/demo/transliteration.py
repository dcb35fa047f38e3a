"""Cyrillic to Latin for the demo: Kazakh in the 2021 Latin alphabet or informal chat spelling,
and passport-style romanisation for names and e-mail addresses.

Only what the demo needs: a one-way, character-by-character mapping (no attempt at the
context rules of a full transliteration standard).
"""

from __future__ import annotations

_OFFICIAL_2021 = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ç",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "ı",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# Chat spelling: the 2021 alphabet with its diacritics typed as plain Latin letters.
_INFORMAL = {
    **_OFFICIAL_2021,
    "ә": "a",
    "ғ": "gh",
    "ё": "yo",
    "ж": "zh",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ы": "y",
    "ю": "yu",
    "я": "ya",
}

# Passport romanisation is the informal spelling but for these letters.
_PASSPORT = {**_INFORMAL, "ғ": "g", "қ": "k", "ң": "n", "х": "kh", "щ": "shch"}


def _table(lower: dict[str, str], upper_i: str = "I") -> dict[int, str]:
    table: dict[int, str] = {}
    for cyr, lat in lower.items():
        table[ord(cyr)] = lat
        table[ord(cyr.upper())] = lat[:1].upper() + lat[1:]
    if lower is _OFFICIAL_2021:
        # 2021 alphabet: dotted capital İ for і / и / й, dotless I for ы.
        for cyr in "ІИЙ":
            table[ord(cyr)] = "İ"
        table[ord("Ы")] = upper_i
    return table


_OFFICIAL_TABLE = _table(_OFFICIAL_2021)
_INFORMAL_TABLE = _table(_INFORMAL)
_PASSPORT_TABLE = _table(_PASSPORT)


def to_latin_kk(text: str, *, informal: bool = False) -> str:
    """Kazakh Cyrillic in the 2021 Latin alphabet (ä ğ ñ ö ū ü ş ç ı), or informal q/sh/ch."""
    return text.translate(_INFORMAL_TABLE if informal else _OFFICIAL_TABLE)


def to_passport_latin(text: str) -> str:
    """Passport-style romanisation (Серікбаев -> Serikbaev), for names and e-mail logins."""
    return text.translate(_PASSPORT_TABLE)
