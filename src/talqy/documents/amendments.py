"""Official amendment notes that are not part of an article's text.

Texts copied from the legal information system carry, besides the ``Сноска.``/``Ескерту.``
notes, the pieces those notes break into when a note wraps over several lines or a PDF is
turned back into text: ``№ 8-НП``, ``; от 27.12.2024``, ``(вводится в действие …)``, and
parenthesised remarks such as ``(изменен Законом РК от 02.02.2011 № 403-IV)``. This module
recognises them so the parser can keep them with the notes.
"""

from __future__ import annotations

import re

_DATE = r"\d{1,4}[./]\d{1,2}[./]\d{1,4}(?:\s*(?:ж\.|г\.|года|жылғы))?"
_ACT_NUMBER = r"№\s*[\w\u0400-\u04ff]+(?:-[\w\u0400-\u04ff]+)*"
_IN_FORCE = re.compile(
    r"\((?:[^()]*(?:действие|силу|қолданысқа|күшіне|into force|effect)[^()]*)\)", re.I
)
_CONNECTOR = re.compile(
    r"\b(?:от|и|РК|ҚР|законами|законом|закона|законов|конституционным|конституционными|"
    r"постановлением|постановлениями|указом|заңымен|заңдарымен|заңы|конституциялық|және|"
    r"қаулысымен|жарлығымен|law|laws|of|and|dated|no\.?)\b",
    re.I,
)
_DATE_OR_NUMBER = re.compile(rf"{_DATE}|{_ACT_NUMBER}")
_PUNCTUATION = re.compile(r"[\s;,.:()\-–—]+")
_AMENDED = re.compile(
    r"(?:изменен|дополнен|исключен|внесен|в редакции|редакци|утратил|өзгер|толықтыр|"
    r"алып таста|алынып таста|күшін жой|amended|repealed|supplemented)",
    re.I,
)
_ACT = re.compile(r"(?:закон|заң|постановлени|қаулы|указ|жарлы|№|law|decree)", re.I)
_TRAILING_REMARK = re.compile(r"\s*(\((?:[^()]|\([^()]*\))*\))\s*\.?\s*$")


def is_amendment_debris(text: str) -> bool:
    """True for a paragraph made only of dates, act numbers and the words that join them."""
    if not _DATE_OR_NUMBER.search(text):
        return False
    rest = _IN_FORCE.sub(" ", text)
    rest = _DATE_OR_NUMBER.sub(" ", rest)
    rest = _CONNECTOR.sub(" ", rest)
    return not _PUNCTUATION.sub("", rest)


def is_amendment_remark(text: str) -> bool:
    """True for a whole paragraph such as ``(изменен Законом РК от 02.02.2011 № 403-IV)``."""
    text = text.strip()
    return (
        text.startswith("(")
        and text.rstrip(".").endswith(")")
        and bool(_AMENDED.search(text))
        and bool(_ACT.search(text))
    )


def split_amendment_remark(text: str) -> tuple[str, str | None]:
    """``(body, remark)`` when ``text`` ends with an amendment remark, else ``(text, None)``."""
    match = _TRAILING_REMARK.search(text)
    if match is None or match.start() == 0:
        return text, None
    remark = match.group(1)
    if not is_amendment_remark(remark):
        return text, None
    return text[: match.start()].rstrip(), remark
