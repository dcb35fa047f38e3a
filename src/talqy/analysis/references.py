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
# kk, Cyrillic and Latin spellings; ordinals "33-ші", "5-інші", "33-shi"
_KK_ORD = r"(?:\s?-?\s?(?:інші|ыншы|нші|ншы|ші|шы|inshi|ynshy|nshi|shi|shy))?"
_KK_TAIL = r"(?:[^\W\d_]|'(?=\w))*'?"
_KK_ART_WORD = r"(?:ба[пб]|ba[pb])"
_KK_ART_BASE = r"(?:бап|bap)"
_KK_POINT_WORD = r"(?:тарма[қғ]|tarma(?:q|g'|ğ|ǵ|g|gh))"


def _kk_either(word: str, number: str, base: str) -> str:
    """ "33-бап", "33-ші бап" or "бап 33", "Бап 33-ші": two groups, one of them matches. The
    word-first form takes the bare word only ("баптың 1-тармағы" is not article 1)."""
    first = rf"{number}{_KK_ORD}\s?-?\s?{word}{_KK_TAIL}"
    second = rf"(?<![^\W\d_]){base}\s*{number}{_KK_ORD}(?![^\W\d_])(?!\s?-?\s?(?:тарма|tarma))"
    return rf"(?:{first}|{second})"


_KK_ART = _kk_either(_KK_ART_WORD, _NUM, _KK_ART_BASE)
_KK_POINT = _kk_either(_KK_POINT_WORD, _PNUM, r"(?:тармақ|tarmaq)")
# ru, also typed in Latin letters ("stati 41", "v state 7") and without the soft sign
_RU_ART_WORD = (
    r"(?:(?<![^\W\d_])(?:стать[^\W\d_]*|стат(?:и|ю|я|е|ей)(?![^\W\d_])|ст\.?)"
    r"|(?<![^\W\d_])(?:stat'?(?:ya|yu|yi|yey|yakh|yam|i|e|ey)(?![^\W\d_])|st\.))"
)
_RU_POINT_WORD = (
    r"(?:(?<![^\W\d_])(?:пункт[^\W\d_]*|п\.?|част[^\W\d_]*|ч\.)"
    r"|(?<![^\W\d_])punkt[^\W\d_]*)"
)
# en
_EN_ART_WORD = r"(?:(?<![^\W\d_])articles?|(?<![^\W\d_])arts?\.?)"
_EN_POINT_WORD = r"(?:paragraphs?|para\.?|points?|clauses?|items?|sections?)"
_EN_ORDINAL = r"(?:st|nd|rd|th)"

# (language, pattern, groups of the article number, groups of the point or 0): the first group
# that matched counts (the Kazakh patterns have two spellings, each with its own group)
_PATTERNS: list[tuple[str, re.Pattern[str], int | tuple[int, int], int | tuple[int, int]]] = [
    ("kk", re.compile(rf"{_KK_ART}\s*,?\s*{_KK_POINT}", re.I), (1, 2), (3, 4)),
    ("ru", re.compile(rf"{_RU_POINT_WORD}\s*{_PNUM}\s*,?\s*{_RU_ART_WORD}\s*{_NUM}", re.I), 2, 1),
    ("ru", re.compile(rf"{_RU_ART_WORD}\s*{_NUM}\s*,?\s*{_RU_POINT_WORD}\s*{_PNUM}", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}\s*\(\s*(\d{{1,2}})\s*\)", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}\s*,?\s*{_EN_POINT_WORD}\s*{_PNUM}", re.I), 1, 2),
    ("en", re.compile(rf"{_EN_POINT_WORD}\s*{_PNUM}\s+of\s+{_EN_ART_WORD}\s*{_NUM}", re.I), 2, 1),
    ("kk", re.compile(rf"{_KK_ART}", re.I), (1, 2), 0),
    (
        "ru",
        re.compile(rf"{_RU_ART_WORD}\s*{_NUM}{_END}(?:\s?-?(?:й|я|ю|ой)(?![^\W\d_]))?", re.I),
        1,
        0,
    ),
    ("ru", re.compile(rf"{_NUM}\s?-?\s?(?:[^\W\d_]{{1,3}}\s+)?стать[^\W\d_]*", re.I), 1, 0),
    ("en", re.compile(rf"{_EN_ART_WORD}\s*{_NUM}{_END}", re.I), 1, 0),
    ("en", re.compile(rf"{_NUM}{_EN_ORDINAL}\s+{_EN_ART_WORD}", re.I), 1, 0),
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


def _group(match: re.Match[str], groups: int | tuple[int, ...]) -> str | None:
    """The first of ``groups`` that took part in the match (``0``: none)."""
    for group in (groups,) if isinstance(groups, int) else groups:
        if group and match.group(group) is not None:
            return match.group(group)
    return None


def _group_end(match: re.Match[str], groups: int | tuple[int, ...]) -> int:
    for group in (groups,) if isinstance(groups, int) else groups:
        if match.group(group) is not None:
            return match.end(group)
    return -1


def find_article_references(text: str, language: str | None = None) -> list[ArticleReference]:
    """Every explicit article reference in ``text``, in order of position.

    Patterns of every language are tried, the given ``language``'s first (a Russian reference
    typed in Latin letters inside an English-looking text still counts). Spans refer to
    ``text`` as given. "статьи 33 и 34" gives two references.
    """
    if not isinstance(text, str) or not text:
        return []
    first = [p for p in _PATTERNS if p[0] == language]
    taken: list[tuple[int, int]] = []
    found: list[ArticleReference] = []
    for lang, pattern, art_group, point_group in first + [p for p in _PATTERNS if p not in first]:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            number = _group(match, art_group)
            if number is None:
                continue
            taken.append((start, end))
            found.append(ArticleReference(number, _group(match, point_group), start, end))
            if not point_group and match.end() == _group_end(match, art_group):
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
