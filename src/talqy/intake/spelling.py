"""Folding the many spellings of digits and ``@`` to one, so personal data is found however typed.

People (and attackers) write ``９００１０１…`` (full-width), ``٩٠٠١٠١…`` (Arabic-Indic), put
zero-width spaces or soft hyphens between digits, or write ``ivan＠mail.ru`` and
``name%40host.kz``. :func:`fold` maps every such character to its plain ASCII form and drops
invisible ones, and remembers where each folded character came from, so a span found in the
folded text can be masked in the original one. Separators (thin spaces, dots, slashes,
underscores, line breaks) are kept: the detectors allow them between digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_AT_ESCAPE = r"%40|&#0*64;|&#x0*40;|&commat;"
_NON_ASCII = r"(?![0-9])\d"
# Full-width forms and invisible characters.
_ODD_CHAR = r"[\u00ad\u034f\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff\ufe6b\uff01-\uff5e]"
_FOLDABLE = re.compile(f"{_NON_ASCII}|{_ODD_CHAR}|{_AT_ESCAPE}", re.IGNORECASE)
_AT_ESCAPES = re.compile(_AT_ESCAPE, re.IGNORECASE)
_NON_ASCII_DIGIT = re.compile(_NON_ASCII)


@dataclass(frozen=True)
class Folded:
    """``text`` folded; ``starts[i]``/``ends[i]``: the original slice of folded character i."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The slice of the original text that the folded ``[start, end)`` came from."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= len(self.starts):
            return len(self.original), len(self.original)
        return self.starts[start], self.ends[max(start, end - 1)]


def _fold_char(char: str) -> str:
    if char in _INVISIBLE:
        return ""
    if char.isdecimal() and not char.isascii():
        return str(unicodedata.decimal(char))
    if char == "\ufe6b":
        return "@"
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> Folded:
    """``text`` with digits, ``@`` and invisible characters folded (see the module docstring)."""
    if _FOLDABLE.search(text) is None:
        return Folded(text, text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _AT_ESCAPES.finditer(text):
        _fold_range(text, position, match.start(), pieces, starts, ends)
        pieces.append("@")
        starts.append(match.start())
        ends.append(match.end())
        position = match.end()
    _fold_range(text, position, len(text), pieces, starts, ends)
    return Folded(text, "".join(pieces), tuple(starts), tuple(ends))


def _fold_range(
    text: str, start: int, end: int, pieces: list[str], starts: list[int], ends: list[int]
) -> None:
    for index in range(start, end):
        char = text[index]
        folded = char if char.isascii() else _fold_char(char)
        if folded:
            pieces.append(folded)
            starts.append(index)
            ends.append(index + 1)


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit written as its ASCII digit."""
    return _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
