"""A small script-based language detector for whole documents (kk, ru, en).

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); Kazakh Latin (2021
alphabet) has ä ğ ı ñ ö ş ū ü and the 2018 acute letters. A document is Kazakh when those
letters make up a noticeable share of its letters, Russian when it is otherwise Cyrillic, and
English when it is Latin. Good enough for a law text; per-proposal language detection lives in
``talqy.analysis``.
"""

from __future__ import annotations

KAZAKH_CYRILLIC = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_LATIN = frozenset("äğıñöşūüáǵńóúýÄĞIÑÖŞŪÜÁǴŃÓÚÝ") - {"I"}
LANGUAGES = ("kk", "ru", "en")
_FRONT_MATTER = {"kaz": "kk", "kk": "kk", "rus": "ru", "ru": "ru", "eng": "en", "en": "en"}


def detect_language(text: str) -> str:
    """``"kk"``, ``"ru"`` or ``"en"`` from the letters of ``text`` (``"en"`` when unsure)."""
    cyrillic = latin = kazakh_cyr = kazakh_lat = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            kazakh_cyr += ch in KAZAKH_CYRILLIC
        elif ch.isascii() or ch in KAZAKH_LATIN:
            latin += 1
            kazakh_lat += ch in KAZAKH_LATIN
    if cyrillic >= latin and cyrillic:
        return "kk" if kazakh_cyr >= max(1, 0.01 * cyrillic) else "ru"
    if latin and kazakh_lat >= max(1, 0.01 * latin):
        return "kk"
    return "en"


def language_from_tag(tag: str | None) -> str | None:
    """Map a front-matter or user tag (``kaz``, ``rus``, ``kk``…) to ``kk``/``ru``/``en``."""
    if not tag:
        return None
    return _FRONT_MATTER.get(tag.strip().lower())
