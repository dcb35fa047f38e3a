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

_INFORMAL = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "gh",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ng",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

_PASSPORT = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}


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
