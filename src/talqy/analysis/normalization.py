"""Text normalization shared by documents and analysis.

``normalize_text`` is what every later stage compares: Unicode NFC, Latin look-alike letters
inside Cyrillic words mapped to Cyrillic (the official Kazakh texts contain ``i``/``ə``/``c``
inside Cyrillic words), typographic quotes and dashes unified, whitespace collapsed. The original
text is always kept by the caller; this returns a new string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from talqy.errors import InvalidInput

# Latin letters that look like Cyrillic ones, used inside Cyrillic words.
HOMOGLYPHS_TO_CYRILLIC: dict[str, str] = dict(
    zip("aceiopxyəhkmtbHACEIOPXYƏKMTBı", "асеіорхуәһкмтвНАСЕІОРХУӘКМТВі", strict=True)
)

_CYRILLIC = r"\u0400-\u04FF\u0500-\u052F"
_WORD = re.compile(rf"[{_CYRILLIC}A-Za-zƏəıİ]+")
_HAS_CYR = re.compile(rf"[{_CYRILLIC}]")
_HAS_LAT = re.compile(r"[A-Za-zƏəıİ]")
# typographic quotes to plain ones, dashes to "-", narrow and no-break spaces to " "
_QUOTES = str.maketrans(
    "«»“”„‟″‘’‚‛`´–—‑−\u00a0\u202f\u2009",
    '"""""""\'\'\'\'\'\'----   ',
)
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANKS = re.compile(r"\s*\n\s*")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fix_homoglyphs(text: str) -> str:
    """Map Latin look-alikes to Cyrillic inside words that are otherwise Cyrillic."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if not (_HAS_CYR.search(word) and _HAS_LAT.search(word)):
            return word
        return "".join(HOMOGLYPHS_TO_CYRILLIC.get(ch, ch) for ch in word)

    return _WORD.sub(fix, text)


def normalize_text(text: str, *, keep_newlines: bool = False) -> str:
    """NFC, homoglyphs, quotes and dashes, zero-width characters, whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).translate(_QUOTES)
    text = fix_homoglyphs(text)
    text = _SPACES.sub(" ", text)
    if keep_newlines:
        return _BLANKS.sub("\n", text).strip()
    return " ".join(text.split())


def fold_for_hash(text: str) -> str:
    """A case- and punctuation-insensitive key for exact-duplicate detection."""
    text = normalize_text(text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def check_texts(texts: Sequence[str]) -> list[str]:
    """``texts`` as a list, refused when it is one string or holds something else than text."""
    if isinstance(texts, str):
        raise InvalidInput("expected a sequence of texts, got one string", field="texts")
    items = list(texts)
    for row, text in enumerate(items):
        if not isinstance(text, str):
            raise InvalidInput("every text must be a string", field="texts", row=row)
    return items
