"""Bytes and files to text: encoding detection, format detection, DOCX to Markdown-like lines.

Encodings tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, the Cyrillic
single-byte code pages (cp1251, or KZ-1048 when the Kazakh letters of that page occur), then
charset-normalizer's best guess. Text that still looks binary is refused with ``ParseError``.
A PDF (``%PDF-`` or ``.pdf``) is read through its text layer (:mod:`talqy.documents.pdf_text`)
instead of being decoded.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from talqy.documents.pdf_text import PDF_MAGIC, pdf_to_text
from talqy.errors import ParseError

FORMATS = ("markdown", "text", "docx", "pdf")
_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".pdf": "pdf",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Letters at the byte values where KZ-1048 puts Kazakh letters and cp1251 puts Serbian,
# Ukrainian and Macedonian ones.
_KZ1048_TELLS = set("ЌЋќћЎўЈҐЄЇґєјЅѕї")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class SourceText:
    """Decoded text ready for the parser, with where it came from."""

    text: str
    fmt: str
    name: str
    encoding: str


def read_source(source: str | Path | bytes, *, fmt: str | None, name: str) -> SourceText:
    """Turn a path, raw bytes or a text string into decoded text and a format name."""
    if fmt is not None and fmt not in FORMATS:
        raise ParseError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", path=name)
    if isinstance(source, Path):
        name = str(source) if name == "<text>" else name
        fmt = fmt or _SUFFIXES.get(source.suffix.lower())
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise ParseError(f"cannot read {name}: {exc.strerror or exc}", path=name) from exc
    if isinstance(source, str):
        if fmt in ("docx", "pdf"):
            kind = fmt.upper()
            raise ParseError(f"a {kind} document must be given as a path or bytes", path=name)
        return SourceText(source, fmt or "markdown", name, "str")
    if fmt == "docx" or (fmt is None and source.startswith(_ZIP_MAGIC)):
        return SourceText(docx_to_text(source, name), "docx", name, "docx")
    if fmt == "pdf" or (fmt is None and source.lstrip()[:5] == PDF_MAGIC):
        return SourceText(pdf_to_text(source, name), "text", name, "pdf")
    text, encoding = decode_bytes(source, name)
    return SourceText(text, fmt or "markdown", name, encoding)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; ``ParseError`` for binary input."""
    if not data.strip():
        raise ParseError(f"{name} is empty", path=name)
    text, encoding = _decode(data, name)
    if not _looks_like_text(text):
        raise ParseError(f"{name} does not look like a text document (binary data?)", path=name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}",
                    path=name,
                    position=exc.start,
                ) from exc
    if b"\x00" in data[:4096]:
        return _decode_with_guess(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    if _looks_cyrillic(text):
        tells = sum(ch in _KZ1048_TELLS for ch in text)
        if tells and tells >= 0.002 * len(text):
            return data.decode("kz1048", errors="replace"), "kz1048"
        return text, "cp1251"
    return _decode_with_guess(data, name)


def _decode_with_guess(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ParseError(f"cannot detect the text encoding of {name}; save it as UTF-8", path=name)
    return str(best), best.encoding


def _looks_cyrillic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    odd = sum(
        ch == "\ufffd" or unicodedata.category(ch) == "Cc" for ch in text if ch not in "\t\n\r\f"
    )
    return cyrillic >= 0.5 * len(letters) and odd <= 0.001 * len(text)


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    odd = 0
    for ch in text:
        if ch in "\t\n\r\f":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn") or ch == "\ufffd":
            odd += 1
    letters = sum(ch.isalpha() for ch in text)
    return odd <= 0.01 * len(text) and letters >= 0.3 * len(text.replace(" ", "") or "x")


def docx_to_text(data: bytes, name: str = "<docx>") -> str:
    """A DOCX file as Markdown-like text: heading styles become ``#``, bold lines ``**…**``."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, KeyError, lxml errors: translated at the boundary
        raise ParseError(f"{name} is not a readable DOCX file ({exc})", path=name) from exc
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text:
            paragraphs.append(_docx_line(paragraph, text))
    return "\n\n".join(paragraphs) + "\n"


def _docx_line(paragraph: object, text: str) -> str:
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    if style.lower().startswith("heading"):
        level = "".join(ch for ch in style if ch.isdigit()) or "2"
        return "#" * min(int(level), 6) + " " + text
    if style.lower() == "title":
        return "# " + text
    runs = [run for run in getattr(paragraph, "runs", []) if run.text.strip()]
    if runs and all(run.bold for run in runs):
        return f"**{text}**"
    if runs and all(run.italic for run in runs):
        return f"*{text}*"
    indent = getattr(getattr(paragraph, "paragraph_format", None), "left_indent", None)
    return ("   " + text) if indent else text
