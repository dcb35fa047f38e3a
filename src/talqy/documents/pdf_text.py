"""PDF with a text layer to paragraphs, one per line (the parser's ``text`` format).

pypdf gives each line of text with its height on the page and its font size; a gap above a
line larger than 1.4 times the page's usual line step and 1.5 times the line's font size ends a
paragraph (so a wrapped heading in a large font stays one paragraph). Inside a run of lines a
new paragraph also starts at a heading, a point or sub-point marker or a note keyword, for PDFs
set without paragraph spacing.
Lines are joined with a space; a line that ends in a hyphen after a letter is joined without
one (``историко-`` + ``культурного``). Lines holding only a page number are dropped. A
paragraph cut by a page break is joined again when the next page starts in lower case or the
page ended without a closing punctuation mark.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from typing import Any

from talqy.documents.headings import classify_heading, is_note, point_number, subpoint_number
from talqy.errors import ParseError

PDF_MAGIC = b"%PDF-"
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,4}(?:\s*-)?$|^(?:page|стр\.?|бет)\s*\d+", re.I)
_ENDINGS = (".", ";", ":", "!", "?", "»", '"', ")")
_SPACES = re.compile(r"[ \t\u00a0]+")


def pdf_to_text(data: bytes, name: str = "<pdf>") -> str:
    """The paragraphs of a text-layer PDF, one per line; ``ParseError`` when there is no text."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - the formats extra is part of the install
        raise ParseError(
            f"{name} is a PDF; reading PDF needs pypdf (pip install 'talqy[formats]')", path=name
        ) from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_page_lines(page) for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ParseError(f"{name} is not a readable PDF file ({exc})", path=name) from exc
    paragraphs: list[str] = []
    for lines in pages:
        following = page_paragraphs(lines)
        if paragraphs and following and _runs_on(paragraphs[-1], following[0]):
            paragraphs[-1] = _join([paragraphs[-1], following.pop(0)])
        paragraphs += following
    if sum(len(para) for para in paragraphs) < 20:
        raise ParseError(
            f"{name} is a PDF without a text layer (a scanned image?); "
            "run OCR on it or give the text as DOCX, Markdown or plain text",
            path=name,
        )
    return "\n".join(paragraphs) + "\n"


_Line = tuple[float, float, str]


def _page_lines(page: Any) -> list[_Line]:
    """``(height, font size, text)`` of each line of ``page``, in content-stream order."""
    lines: list[_Line] = []
    pending: list[str] = []
    where: list[float] = []

    def flush() -> None:
        lines.append((where[0], where[1], "".join(pending)))
        pending.clear()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text:
            return
        y = tm[5] * cm[3] + cm[5]
        if pending and abs(y - where[0]) > 1.0:
            flush()
        if not pending:
            where[:] = [y, abs(size * tm[3] * cm[3])]
        pending.append(text)
        if text.endswith("\n"):
            flush()

    page.extract_text(visitor_text=visit)
    if pending:
        flush()
    return lines


def page_paragraphs(lines: list[_Line]) -> list[str]:
    """Paragraphs of one page: a wide vertical gap or a marker at a line start opens one."""
    steps = sorted(round(a[0] - b[0], 1) for a, b in itertools.pairwise(lines) if a[0] - b[0] > 0.5)
    usual = steps[len(steps) // 4] if steps else 0.0
    paragraphs: list[str] = []
    current: list[str] = []
    previous: float | None = None
    for y, size, raw in lines:
        for number, part in enumerate(raw.split("\n")):
            line = _SPACES.sub(" ", part).strip()
            if not line or _PAGE_NUMBER.match(line):
                continue
            limit = max(1.4 * usual, 1.5 * size)
            gap = number == 0 and previous is not None and previous - y > limit
            if current and (gap or _starts_paragraph(line)):
                paragraphs.append(_join(current))
                current = []
            current.append(line)
        previous = y
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _runs_on(last: str, first: str) -> bool:
    """Whether the first paragraph of a page continues the last one of the page before."""
    if _starts_paragraph(first):
        return False
    return first[0].islower() or not last.rstrip().endswith(_ENDINGS)


def _starts_paragraph(line: str) -> bool:
    if point_number(line) is not None or subpoint_number(line) is not None or is_note(line):
        return True
    heading = classify_heading(line)
    return heading is not None and heading.kind in ("article", "section", "chapter")


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if len(text) > 1 and text.endswith("-") and text[-2].isalpha():
            text += line
        else:
            text += " " + line
    return text
