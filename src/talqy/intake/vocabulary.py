"""Channels and regions: one key each, with names in kk / ru / en.

Channel names are English message ids translated in the catalogues. A region is stored as its
key (``turkistan``): :func:`normalize_region` turns what a citizen or an import wrote
(``Түркістан облысы``, ``Туркестанская область``, ``Turkistan Region``, ``г. Алматы``) into
that key, and :func:`region_name` gives the name in the reader's language. A value that names
no known region is kept as written. The keys and names are those of
:data:`talqy.sessions.vocabulary.REGIONS` (the one list of the country's regions, shared with
the foresight programme).
"""

from __future__ import annotations

import re
from functools import cache

from talqy.analysis.normalization import normalize_text
from talqy.i18n import gettext
from talqy.sessions.vocabulary import REGIONS, name_of

CHANNEL_LABELS = {
    "web": "Web form",
    "api": "API",
    "e-otinish": "eOtinish",
    "egov": "eGov",
    "legalacts": "Open legal acts",
    "email": "E-mail",
    "paper": "Paper letter",
    "session": "Said at a session",
}
_REGION_WORDS = {"облысы", "облыс", "область", "обл", "region", "oblast", "oblysy"}
_CITY_WORDS = {"қаласы", "қ", "г", "город", "city", "qalasy"}
_WORD = re.compile(r"[^\W\d_]+")
# Kazakh names are often typed with Russian letters ("Улытау", "Кызылорда"): fold both alike.
_PLAIN_LETTERS = str.maketrans("әғқңөұүһіё", "агкноуухые")


def channel_label(language: str, channel: str | None) -> str:
    """The channel's name in ``language`` (an unknown key is shown as it is)."""
    key = channel or ""
    return gettext(language, CHANNEL_LABELS[key]) if key in CHANNEL_LABELS else key


def _words(value: str) -> tuple[tuple[str, ...], str | None]:
    folded = normalize_text(value).casefold().translate(_PLAIN_LETTERS)
    words = _WORD.findall(folded)
    kind = "region" if _REGION_WORDS & set(words) else "city" if _CITY_WORDS & set(words) else None
    stem = tuple(w for w in words if w not in _REGION_WORDS | _CITY_WORDS)
    return stem, kind


@cache
def _index() -> tuple[dict[tuple[tuple[str, ...], str | None], str], dict[str, str]]:
    exact: dict[tuple[tuple[str, ...], str | None], str] = {}
    names: dict[str, str] = {}
    for code, names_of_region in REGIONS.items():
        names[code] = code
        for name in names_of_region:
            stem, kind = _words(name)
            kind = kind or "city"
            exact[(stem, kind)] = code
            # A bare name ("Алматы", "Туркестанская") means the city when one shares it.
            if kind == "city":
                exact[(stem, None)] = code
            else:
                exact.setdefault((stem, None), code)
    return exact, names


def normalize_region(value: str | None) -> str | None:
    """The region key for ``value``, or ``value`` itself (trimmed) when no region matches."""
    if value is None or not value.strip():
        return None
    exact, codes = _index()
    if value.strip().casefold() in codes:
        return codes[value.strip().casefold()]
    stem, kind = _words(value)
    return exact.get((stem, kind)) or exact.get((stem, None)) or value.strip()


def region_name(language: str, key: str | None) -> str | None:
    """The region's name in ``language``; ``None`` for no region, the key when unknown."""
    if not key:
        return None
    return name_of(REGIONS, key, language)
