"""Render a ``Document`` back to Markdown that ``parse_document`` reads as the same tree.

The layout follows the published constitution files: YAML front matter with the language,
``# title``, document notes as blockquotes, the preamble, ``## <section>`` headings,
``### <chapter>`` headings and for every article an anchor, a bold heading, one paragraph per
line of ``Article.text`` and its notes as italic blockquotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from talqy.documents.headings import point_number, subpoint_number
from talqy.documents.model import Article, Document, Section

_SECTION = {"kk": "## {num} бөлім", "ru": "## Раздел {num}", "en": "## Section {num}"}
_CHAPTER = {"kk": "### {num}-тарау", "ru": "### Глава {num}", "en": "### Chapter {num}"}
_ARTICLE = {"kk": "{num}-бап", "ru": "Статья {num}", "en": "Article {num}"}
_SPECIAL = re.compile(r"([\\*])")
_LEADING = re.compile(r"^([#>+<\-|])")


def render_markdown(doc: Document) -> str:
    """The document as Markdown (UTF-8 text, ``\\n`` line ends, one trailing newline)."""
    return "\n\n".join(_blocks(doc)) + "\n"


def _blocks(doc: Document) -> Iterator[str]:
    yield f"---\nlanguage: {doc.language}\n---"
    if doc.title:
        yield f"# {_escape(doc.title)}"
    for note in doc.notes:
        yield from _note_blocks(note)
    yield from (_escape(line) for line in doc.preamble.split("\n") if line)
    pending = list(doc.sections)
    current: str | None = None
    for article in doc.articles:
        if article.section is not None and article.section != current:
            while pending:
                section = pending.pop(0)
                yield _section_heading(section, doc.language)
                if section.number == article.section:
                    break
            current = article.section
        yield from _article_blocks(article, doc.language)
    yield from (_section_heading(section, doc.language) for section in pending)


def _section_heading(section: Section, language: str) -> str:
    templates = _CHAPTER if section.kind == "chapter" else _SECTION
    head = templates.get(language, templates["en"]).format(num=section.number)
    return f"{head}. {_escape(section.title)}" if section.title else head


def _article_blocks(article: Article, language: str) -> Iterator[str]:
    yield f'<a id="st{article.number}"></a>'
    head = _ARTICLE.get(language, _ARTICLE["en"]).format(num=article.number)
    yield f"**{head}. {_escape(article.title)}**" if article.title else f"**{head}**"
    in_point = False
    for line in article.text.split("\n"):
        if not line:
            continue
        marker = point_number(line) is not None or subpoint_number(line) is not None
        in_point = in_point or marker
        indent = "" if marker or not in_point else "   "
        yield indent + _escape(line)
    for note in article.notes:
        yield from _note_blocks(note)


def _note_blocks(note: str) -> Iterator[str]:
    lines = [line for line in note.split("\n") if line]
    for index, line in enumerate(lines):
        yield f"> *{_escape(line)}*" if index == 0 else f"*{_escape(line)}*"


def _escape(text: str) -> str:
    return _LEADING.sub(r"\\\1", _SPECIAL.sub(r"\\\1", text))
