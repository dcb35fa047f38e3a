"""Split decoded text into paragraph blocks with their line, indentation and markup.

Markdown (and DOCX converted to Markdown-like text) is split on blank lines and, inside a
paragraph, before every heading, bold line and point or sub-point marker. Plain text has one
paragraph per line. Blockquote markers (``>``), whole-paragraph italics (``*…*``), bold markers
and Markdown backslash escapes are removed from ``text`` but recorded in the flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from talqy.documents.headings import point_number, subpoint_number

_ANCHOR = re.compile(r"^\s*<a\s+(?:id|name)\s*=\s*[\"'][^\"']*[\"']\s*>\s*</a>\s*", re.I)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_QUOTE = re.compile(r"^\s*>\s?")
_FRONT_MATTER_LANGUAGE = re.compile(r"^language:\s*['\"]?([\w-]+)", re.I)


@dataclass(frozen=True)
class Block:
    """One paragraph: first line number (1-based), cleaned text and markup flags."""

    line: int
    end: int
    text: str
    indent: int
    quote: bool
    italic: bool
    heading_like: bool


def strip_front_matter(text: str) -> tuple[str, str | None]:
    """Blank out a YAML front matter block (keeping line numbers); return its language tag."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text, None
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() == "---":
            language = None
            for line in lines[1:end]:
                match = _FRONT_MATTER_LANGUAGE.match(line)
                language = match.group(1) if match else language
            return "\n" * (end + 1) + "\n".join(lines[end + 1 :]), language
    return text, None


def split_blocks(text: str, fmt: str) -> Iterator[Block]:
    """The paragraphs of ``text`` in order."""
    group: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _ANCHOR.sub("", raw.rstrip())
        if not line.strip():
            if group:
                yield _block(group, fmt)
            group = []
            continue
        if group and (fmt == "text" or _starts_block(line, group[-1][1])):
            yield _block(group, fmt)
            group = []
        group.append((number, line))
    if group:
        yield _block(group, fmt)


def _starts_block(line: str, previous: str) -> bool:
    body = _QUOTE.sub("", line).strip()
    if _QUOTE.match(line) is None and _QUOTE.match(previous) is not None:
        return True
    if _QUOTE.match(line) is not None and _QUOTE.match(previous) is None:
        return True
    if body.startswith(("#", "**")) or _QUOTE.sub("", previous).strip().startswith("#"):
        return True
    bare = body.strip("*")
    return point_number(bare) is not None or subpoint_number(bare) is not None


def _block(group: list[tuple[int, str]], fmt: str) -> Block:
    first = group[0][1]
    quote = _QUOTE.match(first) is not None
    lines = [_QUOTE.sub("", line).strip() if quote else line.strip() for _, line in group]
    italic = all(_is_italic(line) for line in lines)
    if italic:
        lines = [line[1:-1].strip() for line in lines]
    heading_like = len(lines) == 1 and lines[0].startswith(("#", "**"))
    text = " ".join(lines)
    if not heading_like:
        text = text.replace("**", "")
    if fmt == "markdown" and not heading_like:
        text = _ESCAPE.sub(r"\1", text)
    indent = len(first) - len(first.lstrip(" \t"))
    return Block(group[0][0], group[-1][0], text, indent, quote, italic, heading_like)


def _is_italic(line: str) -> bool:
    if len(line) < 3 or not line.startswith("*") or not line.endswith("*"):
        return False
    return not line.startswith("**") or line.startswith("***")
