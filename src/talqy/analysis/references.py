"""Explicit article references in proposals: "33-бабының 2-тармағы", "п. 2 ст. 33", "Art. 33(2)".

:func:`find_article_references` returns every reference with its article ``number`` (``"33"``,
``"83-1"``), the ``point`` when one is named, and the character span. Patterns that name both a
point and an article are tried first, so "33-бабының 2-тармағы" is point 2 of article 33 and
never article 2. :func:`parse_article_field` reads the free "target article" field of a form.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from talqy.analysis.normalization import normalize_text

_NUM = r"(?<!\d[.,/:-])(?<!\d)(\d{1,3}(?:-\d{1,2})?)(?![\d.,/:]\d)(?!\d)"
_PNUM = r"(?<!\d[.,/:-])(?<!\d)(\d{1,2})(?![\d,/:]\d)(?!\d)"
_END = r"(?![^\W\d_])"
# kk, Cyrillic and Latin spellings
_KK_ART = rf"{_NUM}\s?-?\s?(?:ба[пб]|ba[pb])(?:[^\W\d_]|'(?=\w))*'?"
_KK_POINT = rf"{_PNUM}\s?-?\s?(?:тарма[қғ]|tarma(?:q|g'|ğ|ǵ|g|gh))(?:[^\W\d_]|'(?=\w))*'?"
# ru
_RU_ART_WORD = r"(?:(?<![^\W\d_])стать[^\W\d_]*|(?<![^\W\d_])ст\.?)"
_RU_POINT_WORD = r"(?:(?<![^\W\d_])пункт[^\W\d_]*|(?<![^\W\d_])п\.?)"
# en
_EN_ART_WORD = r"(?:(?<![^\W\d_])articles?|(?<![^\W\d_])arts?\.?)"
_EN_POINT_WORD = r"(?:paragraphs?|para\.?|points?|clauses?|items?)"

# (language, pattern, group of the article number, group of the point or 0)
_PATTERNS: list[tuple[str, re.Pattern[str], int, int]] = [
    ("kk", re.compile(rf"{_KK_ART}\s*,?\s*{_KK_POINT}", re.I), 1, 2),
    ("ru", re.compile(rf"{_RU_POINT_WORD}\s*{_PNUM}\s*,?\s*{_RU_ART_WORD}\s*{_NUM}", re.I), 2, 1),
    ("ru", re.compile(rf"{_RU_ART_WORD}\s*{_NUM}\s*,?\s*{_RU_POINT_WORD}\s*{_PNUM}", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}\s*\(\s*(\d{{1,2}})\s*\)", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}\s*,?\s*{_EN_POINT_WORD}\s*{_PNUM}", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_POINT_WORD}\s*{_PNUM}\s+of\s+{_EN_ART_WORD}\s*{_NUM}", re.I), 2, 1),
    ("kk", re.compile(rf"{_KK_ART}", re.I), 1, 0),
    ("ru", re.compile(rf"{_RU_ART_WORD}\s*{_NUM}{_END}", re.I), 1, 0),
    ("ru", re.compile(rf"{_NUM}\s?-?\s?(?:[^\W\d_]{{1,3}}\s+)?стать[^\W\d_]*", re.I), 1, 0),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}{_END}", re.I), 1, 0),
]
_LIST_TAIL = re.compile(r"\s*(?:,|and|и|және|мен|&)\s*(\d{1,3}(?:-\d{1,2})?)(?![\d.,/:]\d)", re.I)
_LIST_HEAD = re.compile(r"(?<![\d-])((?:\d{1,3}(?:-\d{1,2})?\s*(?:,|және|мен|и|and)\s*)+)$", re.I)
_HEAD_NUMBER = re.compile(r"\d{1,3}(?:-\d{1,2})?")
_BARE = re.compile(r"^\s*(?:№\s*)?(\d{1,3}(?:-\d{1,2})?)\s*[.)]?\s*$")
_ANY_NUMBER = re.compile(r"(?<![\d-])\d{1,3}(?:-\d{1,2})?(?![\d-])")


@dataclass(frozen=True)
class ArticleReference:
    """One explicit reference: article ``number``, optional ``point``, span ``[start, end)``."""

    number: str
    point: str | None
    start: int
    end: int


def _languages(language: str | None) -> set[str]:
    if language in (None, "und", ""):
        return {"kk", "ru", "en"}
    return {str(language)}


def find_article_references(text: str, language: str | None = None) -> list[ArticleReference]:
    """Every explicit article reference in ``text``, in order of position.

    ``language`` (kk, ru, en) restricts the patterns; ``None`` or ``"und"`` tries all. Spans
    refer to ``text`` as given. "статьи 33 и 34" gives two references.
    """
    if not isinstance(text, str) or not text:
        return []
    languages = _languages(language)
    taken: list[tuple[int, int]] = []
    found: list[ArticleReference] = []
    for lang, pattern, art_group, point_group in _PATTERNS:
        if lang not in languages:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            point = match.group(point_group) if point_group else None
            taken.append((start, end))
            found.append(ArticleReference(match.group(art_group), point, start, end))
            if not point_group and match.end() == match.end(art_group):
                found += _list_tail(text, end, taken)
            elif not point_group and lang == "kk":
                found += _list_head(text, start, taken)
    return sorted(found, key=lambda ref: (ref.start, ref.end))


def _list_tail(text: str, pos: int, taken: list[tuple[int, int]]) -> list[ArticleReference]:
    """Further numbers after "статьи 33": ", 34 и 35"."""
    out: list[ArticleReference] = []
    while match := _LIST_TAIL.match(text, pos):
        start, end = match.span(1)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            break
        taken.append((start, end))
        out.append(ArticleReference(match.group(1), None, start, end))
        pos = match.end()
    return out


def _list_head(text: str, pos: int, taken: list[tuple[int, int]]) -> list[ArticleReference]:
    """Numbers listed before a Kazakh reference: "12, 14 және 16-баптарында"."""
    match = _LIST_HEAD.search(text[max(0, pos - 80) : pos])
    if not match:
        return []
    offset = max(0, pos - 80) + match.start(1)
    out: list[ArticleReference] = []
    for number in _HEAD_NUMBER.finditer(match.group(1)):
        start, end = offset + number.start(), offset + number.end()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        out.append(ArticleReference(number.group(0), None, start, end))
    return out


def parse_article_field(value: str | None, valid: Collection[str] | None = None) -> str | None:
    """The article number in a citizen's free "target article" field, or ``None``.

    Accepts "33", "№ 33", "ст. 33", "Статья 83-1", "33-бап", "Art. 33(2)"; a field with exactly
    one number is read as that number. With ``valid``, a number outside it gives ``None``.
    """
    if not value or not value.strip():
        return None
    text = normalize_text(value)
    refs = find_article_references(text)
    number: str | None = None
    if refs:
        number = refs[0].number
    elif match := _BARE.match(text):
        number = match.group(1)
    else:
        numbers = _ANY_NUMBER.findall(text)
        number = numbers[0] if len(numbers) == 1 else None
    if number is not None and valid is not None and number not in valid:
        return None
    return number
