"""Recognise section, chapter and article headings, point markers and notes in one line.

A heading is *marked* when it is a Markdown heading (``### 33-бап``) or bold
(``**Статья 33**``); an unmarked line counts only when it stands alone and, if it carries a
title, separates it with a full stop or colon (``Статья 33. Право …``), so that a sentence
starting with ``Статья 5 …`` stays text. A section or chapter line may also run straight into a
capitalised title (``Раздел VIII Местное государственное управление``, ``VIII бөлім Жергілікті
…``): official texts and PDFs write them so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from talqy.analysis.normalization import normalize_text

NUMBER = r"\d+(?:-\d+)*"
_ROMAN = r"(?-i:[IVXLCDMІХСМ]+)"
_SECTION_NUMBER = rf"(?P<num>{_ROMAN}|\d+)"
_TAIL = r"\b(?P<sep>\s*[.:])?\s*(?P<title>.*)$"
_ROMAN_FIX = str.maketrans("ІХСМ", "IXCM")

_ARTICLE = (
    re.compile(rf"^(?P<num>{NUMBER})\s*-\s*(?:бап|bap){_TAIL}", re.I),
    re.compile(rf"^(?:статья|article|бап|bap)\s+(?P<num>{NUMBER}){_TAIL}", re.I),
)
_SECTION = (
    re.compile(rf"^{_SECTION_NUMBER}\s*-?\s*(?:бөлім|bölim|bölіm){_TAIL}", re.I),
    re.compile(rf"^(?:раздел|section|part|бөлім|bölim)\s+{_SECTION_NUMBER}{_TAIL}", re.I),
)
_CHAPTER = (
    re.compile(rf"^{_SECTION_NUMBER}\s*-?\s*(?:тарау|tarau|taraý){_TAIL}", re.I),
    re.compile(rf"^(?:глава|chapter|тарау|tarau)\s+{_SECTION_NUMBER}{_TAIL}", re.I),
)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<body>.*?)(?:\s+#+)?\s*$")
_POINT = re.compile(rf"^(?P<num>{NUMBER})\\?\.(?:\s+|$)")
_SUBPOINT = re.compile(rf"^(?P<num>{NUMBER})\\?\)(?:\s+|$)")
_NOTE = re.compile(
    r"^(?:ескертпе|ескерту|примечание|примечания|сноска|footnote|note|eskertpe|eskertý|eskertu)"
    r"(?:\s*\d*\s*[.:!]|\s*$|\s+[A-ZА-ЯЁ]{2,}\s*[!.:])",
    re.I,
)
_MAX_HEADING = 200


@dataclass(frozen=True)
class Heading:
    """A recognised heading line: ``kind`` is section, chapter, article or other."""

    kind: str
    number: str | None
    title: str | None
    level: int


def classify_heading(line: str) -> Heading | None:
    """The heading that ``line`` is, or ``None`` for body text."""
    line = line.strip()
    level, body, marked = 0, line, False
    heading = _MD_HEADING.match(line)
    if heading:
        level, body, marked = len(heading.group("hashes")), heading.group("body"), True
    elif line.startswith("**") and line.count("**") >= 2:
        body, marked = line.replace("**", ""), True
    body = normalize_text(body.replace("**", "").replace("\\", "")).strip(" *_")
    if not body or (not marked and len(body) > _MAX_HEADING):
        return None
    for kind, patterns in (("article", _ARTICLE), ("section", _SECTION), ("chapter", _CHAPTER)):
        for pattern in patterns:
            match = pattern.match(body)
            if match and (marked or _stands_alone(kind, match)):
                return _heading(kind, match, level)
    if heading:
        return Heading("other", None, body, level)
    return None


def _stands_alone(kind: str, match: re.Match[str]) -> bool:
    title = match.group("title")
    if not title or match.group("sep"):
        return True
    return kind != "article" and title[0].isupper() and not title.rstrip().endswith((",", ";"))


def _heading(kind: str, match: re.Match[str], level: int) -> Heading:
    number = match.group("num")
    if kind != "article":
        number = number.translate(_ROMAN_FIX).upper()
    title = match.group("title").strip(" .:-*_") or None
    return Heading(kind, number, title, level)


def point_number(text: str) -> str | None:
    """``"3-1"`` for a paragraph starting ``3-1. …``, else ``None``."""
    match = _POINT.match(text)
    return match.group("num") if match else None


def subpoint_number(text: str) -> str | None:
    """``"10-1"`` for a paragraph starting ``10-1) …`` or the escaped ``10-1\\) …``."""
    match = _SUBPOINT.match(text)
    return match.group("num") if match else None


def strip_marker(text: str) -> str:
    """The paragraph without its leading point marker."""
    return _POINT.sub("", text, count=1)


def is_note(text: str) -> bool:
    """True for a paragraph that opens with a note keyword (``Ескертпе.``, ``Сноска.``…)."""
    return bool(_NOTE.match(text))
