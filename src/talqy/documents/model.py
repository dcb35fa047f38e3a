"""The article tree of a draft law: ``Document`` → ``Section`` / ``Article`` → ``Point``.

Every class is a frozen dataclass. Equality compares the *tree* (numbers, titles, texts,
points, notes); where a thing came from (``line``, ``original``) and parser warnings are kept
for messages but left out of ``==``, so a rendered and re-parsed document equals the original.

``Article.text`` is authoritative: one normalized paragraph per line, point and sub-point
markers included (``1. …``, ``1) …``). ``points`` is the same text split into its numbered
structure; notes (amendment notes, footnotes, pending wording) are never part of ``text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from talqy.errors import NotFound


@dataclass(frozen=True)
class ParseWarning:
    """Something odd but survivable in the input (duplicate number, numbering gap)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Point:
    """A numbered point (``1.``) with its sub-points (``1)``), each sub-point with its marker.

    ``number`` is ``""`` for the unnumbered point that holds a lead-in sentence and the
    sub-points listed directly under an article (``Президент: 1) …; 2) …``).
    """

    number: str
    text: str
    subpoints: tuple[str, ...] = ()

    def as_text(self) -> str:
        """The point as one string: marker, text, then each sub-point on its own line."""
        head = f"{self.number}. {self.text}" if self.number else self.text
        return "\n".join(part for part in (head, *self.subpoints) if part)


@dataclass(frozen=True)
class Section:
    """A section (``Раздел I``, ``І бөлім``) or chapter (``Глава 1``, ``1-тарау``)."""

    number: str
    title: str | None = None
    kind: str = "section"


@dataclass(frozen=True)
class Article:
    """One article; ``section`` is the number of the innermost section or chapter holding it."""

    number: str
    section: str | None
    title: str | None
    text: str
    points: tuple[Point, ...] = ()
    notes: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)
    original: str = field(default="", compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        """True for a stub with no text (a repealed article keeps only its note)."""
        return not self.text


@dataclass(frozen=True)
class Document:
    """A parsed draft law in one language."""

    language: str
    preamble: str
    sections: tuple[Section, ...]
    articles: tuple[Article, ...]
    warnings: tuple[ParseWarning, ...] = field(default=(), compare=False)
    title: str | None = None
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def article(self, number: str) -> Article:
        """The first article numbered ``number``; ``NotFound`` when there is none."""
        for item in self.articles:
            if item.number == number:
                return item
        raise NotFound(f"no article {number}", article=number)

    def numbers(self) -> list[str]:
        """Article numbers in document order."""
        return [item.number for item in self.articles]

    def section(self, number: str) -> Section:
        """The first section or chapter numbered ``number``; ``NotFound`` otherwise."""
        for item in self.sections:
            if item.number == number:
                return item
        raise NotFound(f"no section {number}", section=number)

    def articles_in(self, section: str) -> list[Article]:
        """Articles whose innermost section or chapter is ``section``."""
        return [item for item in self.articles if item.section == section]


def compose_article_text(points: Sequence[Point], lead: Sequence[str] = ()) -> str:
    """The ``Article.text`` that ``lead`` paragraphs followed by ``points`` parse back into.

    An unnumbered point already carries its lead-in sentence, so pass no ``lead`` with it.
    """
    parts = [line for line in lead if line]
    parts.extend(point.as_text() for point in points)
    return "\n".join(part for part in parts if part)
