"""Parse a draft law (Markdown, plain text or DOCX) into a ``Document`` tree.

Rules, in the order they apply to each paragraph (see ``docs/documents.md``):

1. Headings: sections (``## І бөлім …``, ``Раздел I``, ``Section 1``), chapters
   (``Глава 1``, ``1-тарау``) and articles (``33-бап``, ``**Статья 33**``, ``Article 83-1``).
   A section heading without a title takes the title from the heading right after it.
2. Inside an article, notes are kept apart from the text: blockquotes, whole-italic
   paragraphs and paragraphs opening with ``Ескертпе``/``Ескерту``/``Примечание``/``Сноска``/
   ``Footnote``/``Note``. Italic paragraphs right after a note, and an indented numbered
   paragraph after a note ending in a colon, are the note's pending wording. Amendment debris
   (``№ 8-НП``, ``; от 27.12.2024``) continues the open note or is a note of its own, and a
   trailing ``(изменен Законом РК от …)`` remark moves from the text to the notes.
3. ``1.`` opens a point, ``1)`` (or ``1\\)``) a sub-point; any other paragraph continues the
   last open sub-point, point, or the article's lead-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from talqy.analysis.normalization import normalize_text
from talqy.documents.amendments import (
    is_amendment_debris,
    is_amendment_remark,
    split_amendment_remark,
)
from talqy.documents.blocks import Block, split_blocks, strip_front_matter
from talqy.documents.headings import (
    Heading,
    classify_heading,
    is_note,
    point_number,
    strip_marker,
    subpoint_number,
)
from talqy.documents.language import LANGUAGES, detect_language, language_from_tag
from talqy.documents.model import Article, Document, Point, Section
from talqy.documents.numbering import check_numbering
from talqy.documents.reader import read_source
from talqy.errors import InvalidInput, ParseError

_EXPECTED = "article headings such as '1-бап', 'Статья 1' or 'Article 1'"


def parse_document(
    source: str | Path | bytes,
    *,
    language: str | None = None,
    fmt: str | None = None,
    name: str = "<text>",
) -> Document:
    """Parse ``source`` (text, a path or raw bytes) into a ``Document``.

    A ``str`` is the document text itself; pass a ``Path`` to read a file. ``fmt`` is
    ``markdown``, ``text`` or ``docx`` (guessed from the suffix or content when omitted).
    Raises ``ParseError`` naming ``name`` when nothing article-like is found.
    """
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(
            f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}",
            field="language",
        )
    source_text = read_source(source, fmt=fmt, name=name)
    text = source_text.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ParseError(
            f"{source_text.name} is empty; expected {_EXPECTED}", path=source_text.name
        )
    text, tag = strip_front_matter(text)
    builder = _Builder(text.split("\n"))
    for block in split_blocks(text, source_text.fmt):
        builder.add(block)
    builder.finish_article(len(builder.lines) + 1)
    if not builder.articles:
        raise ParseError(
            f"no articles found in {source_text.name}: expected {_EXPECTED}", path=source_text.name
        )
    articles = tuple(builder.articles)
    sample = "\n".join(item.text for item in articles[:60]) or text
    return Document(
        language=language or language_from_tag(tag) or detect_language(sample),
        preamble=normalize_text("\n".join(builder.preamble), keep_newlines=True),
        sections=tuple(builder.sections),
        articles=articles,
        warnings=tuple(check_numbering(articles)),
        title=builder.title,
        notes=tuple(builder.doc_notes),
    )


@dataclass
class _PointDraft:
    number: str
    parts: list[str]
    subpoints: list[list[str]] = field(default_factory=list)

    def build(self) -> Point:
        subs = tuple(_clean(sub) for sub in self.subpoints)
        return Point(self.number, _clean(self.parts), subs)


@dataclass
class _ArticleDraft:
    heading: Heading
    section: str | None
    line: int
    body: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    points: list[_PointDraft] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    note_open: bool = False

    def add(self, block: Block) -> None:
        text = block.text.replace("**", "") if block.heading_like else block.text
        if block.quote or is_note(text):
            self.notes.append([text])
            self.note_open = True
        elif block.italic:
            if self.note_open:
                self.notes[-1].append(text)
            else:
                self.notes.append([text])
                self.note_open = True
        elif self._is_pending_wording(block, text):
            self.notes[-1].append(text)
        elif is_amendment_remark(text):
            self.notes.append([text])
            self.note_open = True
        elif is_amendment_debris(text):
            self._add_debris(text)
        else:
            self.note_open = False
            text, remark = split_amendment_remark(text)
            self.body.append(text)
            self._add_body(text)
            if remark is not None:
                self.notes.append([remark])

    def _add_debris(self, text: str) -> None:
        """Amendment debris continues the open note, or is a note of its own."""
        if self.note_open:
            self.notes[-1].append(text)
        else:
            self.notes.append([text])
            self.note_open = True

    def _is_pending_wording(self, block: Block, text: str) -> bool:
        if not self.note_open or block.indent < 2 or len(self.notes[-1]) != 1:
            return False
        if not self.notes[-1][0].rstrip().endswith(":"):
            return False
        return point_number(text) is not None or subpoint_number(text) is not None

    def _add_body(self, text: str) -> None:
        number = point_number(text)
        if number is not None:
            self.points.append(_PointDraft(number, [strip_marker(text)]))
            return
        if subpoint_number(text) is not None:
            if not self.points:
                self.points.append(_PointDraft("", list(self.lead)))
            self.points[-1].subpoints.append([text])
            return
        if not self.points:
            self.lead.append(text)
        elif self.points[-1].subpoints:
            self.points[-1].subpoints[-1].append(text)
        else:
            self.points[-1].parts.append(text)

    def build(self, original: str) -> Article:
        return Article(
            number=self.heading.number or "",
            section=self.section,
            title=self.heading.title,
            text=_clean(self.body),
            points=tuple(point.build() for point in self.points),
            notes=tuple(_clean(note) for note in self.notes),
            line=self.line,
            original=original,
        )


class _Builder:
    """Feeds blocks through the rules above, collecting the document parts."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.title: str | None = None
        self.preamble: list[str] = []
        self.doc_notes: list[str] = []
        self.sections: list[Section] = []
        self.articles: list[Article] = []
        self.section: str | None = None
        self.draft: _ArticleDraft | None = None
        self.awaiting_title = False

    def add(self, block: Block) -> None:
        heading = classify_heading(block.text) if not block.quote and not block.italic else None
        awaiting, self.awaiting_title = self.awaiting_title, False
        if heading is None:
            self._add_text(block)
        elif heading.kind == "other":
            self._add_other_heading(block, heading, awaiting)
        elif heading.kind == "article":
            self.finish_article(block.line)
            self.draft = _ArticleDraft(heading, self.section, block.line)
        else:
            self.finish_article(block.line)
            self.sections.append(Section(heading.number or "", heading.title, heading.kind))
            self.section = heading.number
            self.awaiting_title = heading.title is None

    def _add_other_heading(self, block: Block, heading: Heading, awaiting: bool) -> None:
        """A section's title on its own line, the document title, or plain text."""
        if awaiting and self.sections:
            last = self.sections[-1]
            self.sections[-1] = Section(last.number, heading.title, last.kind)
        elif heading.level == 1 and self.title is None and not self.articles and not self.draft:
            self.title = normalize_text(heading.title or "")
        else:
            text = heading.title or ""
            self._add_text(Block(block.line, block.end, text, 0, False, False, False))

    def _add_text(self, block: Block) -> None:
        if self.draft is not None:
            self.draft.add(block)
        elif is_note(block.text):
            self.doc_notes.append(normalize_text(block.text))
        elif self.doc_notes and is_amendment_debris(block.text):
            self.doc_notes[-1] = normalize_text(f"{self.doc_notes[-1]} {block.text}")
        else:
            self.preamble.append(block.text.replace("**", "") if block.heading_like else block.text)

    def finish_article(self, next_line: int) -> None:
        """Close the open article; its original text runs up to ``next_line``."""
        if self.draft is None:
            return
        draft, self.draft = self.draft, None
        original = "\n".join(self.lines[draft.line - 1 : next_line - 1]).strip()
        self.articles.append(draft.build(original))


def _clean(parts: list[str]) -> str:
    return normalize_text("\n".join(parts), keep_newlines=True)
