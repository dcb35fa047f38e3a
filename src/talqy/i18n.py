"""Kazakh, Russian and English message catalogues (Babel).

Catalogues live in ``talqy/locale/<lang>/LC_MESSAGES/*.po`` (one file per room: ``messages.po``,
``intake.po``, ``review.po`` …) and are read and merged once per process (no compile step).
``negotiate`` picks a language from a query parameter, a cookie or the ``Accept-Language``
header.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from typing import IO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def _compile(handle: IO[bytes], language: str) -> Translations:
    catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@cache
def translations(language: str) -> Translations:
    """All catalogues of ``language`` merged (one ``.po`` file per room of the product).

    English message ids are the English text, so English needs no translation.
    """
    if language not in LANGUAGES:
        language = "en"
    merged = Translations()
    folder = resources.files("talqy") / "locale" / language / "LC_MESSAGES"
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".po"):
            with entry.open("rb") as handle:
                merged.merge(_compile(handle, language))
    return merged


def gettext(language: str, message: str, **values: object) -> str:
    text = translations(language).gettext(message)
    return text % values if values else text


def negotiate(accept_language: str | None, default: str = "kk") -> str:
    """Best of kk/ru/en for an ``Accept-Language`` header."""
    if not accept_language:
        return default
    ranked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        piece = part.strip().split(";")
        tag = piece[0].strip().lower().split("-")[0]
        quality = 1.0
        for param in piece[1:]:
            if param.strip().startswith("q="):
                try:
                    quality = float(param.strip()[2:])
                except ValueError:
                    quality = 0.0
        if tag in LANGUAGES:
            ranked.append((quality, tag))
    return max(ranked, key=lambda item: item[0])[1] if ranked else default
