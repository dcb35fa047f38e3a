"""Text that may become a label: stop words, sentences, and what must never be shown.

A label is read by civil servants and published, so it must never carry a person's name, a
signature, an e-mail address, a phone number or an IIN, even when the text it comes from was not
redacted upstream. This module is that last, defensive filter:

- :func:`strip_signature` cuts a closing formula (``С уважением``, ``Құрметпен``, ``Regards`` …)
  and everything after it, and a trailing ``— Name Surname`` / ``, Name Surname``;
- :func:`label_sentences` splits the rest into sentences and keeps only those that read as a
  statement: enough content words, no contact data, no name-like run of capitalised words;
- :func:`content_words` gives the keywords of a text: stop words (kk / ru / en, including
  contraction pieces such as ``don``) and words that look like names are left out.
"""

from __future__ import annotations

import re

from talqy.analysis.normalization import normalize_text
from talqy.analysis.stopwords import STOPWORDS

MAX_LABEL_CHARS = 120
_WORD = re.compile(r"[^\W\d_]{3,}")
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’.-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\s*\n+\s*")
_SIGNATURE = re.compile(
    r"(?:^|[\s.,;!?-])(?:с\s+уважением|с\s+наилучшими|құрметпен|ізгі\s+тілекпен|hurmetpen|"
    r"qurmetpen|(?:best|kind|warm)\s+regards|regards|best\s+wishes|sincerely|"
    r"yours\s+(?:truly|faithfully)|"
    r"подпись|қолы|signed|отправлено\s+с|sent\s+from)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_UPPER = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_NAME_TAIL = re.compile(
    rf"(?:\s+[-—–]+\s*|\s*,\s*|\n\s*|(?<=[.!?])\s+)((?:{_UPPER}[\w'’-]*\.?[\s,]*){{1,4}})[.!]?\s*$"
)
_CONTACT = re.compile(
    r"@|https?://|www\.|\b[\w-]+\.(?:kz|ru|com|org|net|gov)\b|"
    r"(?<!\d)(?:\+\s?7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)|"
    r"\d(?:[\s-]?\d){9,}|\b(?:ИИН|ЖСН|IIN|тел\.?|tel\.?|phone|телефон)\b",
    re.IGNORECASE,
)
_NAME_SUFFIX = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|вич|вна|ұлы|улы|қызы|кызы|"
    r"ov|ova|ev|eva|in|ina|sky|skaya|vich|vna|uly|kyzy|qyzy)$",
    re.IGNORECASE,
)


def strip_signature(text: str) -> str:
    """``text`` without a closing formula and what follows it, or a trailing signed name."""
    text = _SIGNATURE.sub("", text).rstrip()
    for _ in range(2):
        match = _NAME_TAIL.search(text)
        if not match or match.start() == 0 or not _looks_like_name(match.group(1)):
            break
        text = text[: match.start()].rstrip(" ,—–-")
    return text


def _looks_like_name(words: str) -> bool:
    """A run of 1–4 capitalised words with a surname or patronymic ending, or 2–4 capitalised
    words with no stop word among them (``Иванов Пётр``, ``Balzhan Gabdullina, Kostanay``)."""
    tokens = _TOKEN.findall(words)
    if not tokens or len(tokens) > 4 or not all(t[0].isupper() for t in tokens):
        return False
    if any(_NAME_SUFFIX.search(t) for t in tokens):
        return True
    stop = STOPWORDS["kk"] | STOPWORDS["ru"] | STOPWORDS["en"]
    return len(tokens) >= 2 and not any(t.casefold() in stop for t in tokens)


def has_name(sentence: str) -> bool:
    """True when two or more capitalised words in a row, away from the sentence start, look
    like a person's name (surname or patronymic endings), or when half the words are
    capitalised (a list of names, a signature block)."""
    tokens = _TOKEN.findall(sentence)
    if not tokens:
        return False
    capital = [t[0].isupper() for t in tokens]
    if len(tokens) >= 3 and sum(capital[1:]) >= max(2, (len(tokens) - 1) / 2):
        return True
    for i in range(1, len(tokens) - 1):
        pair = tokens[i : i + 2]
        if capital[i] and capital[i + 1] and any(_NAME_SUFFIX.search(t) for t in pair):
            return True
    return False


def content_words(text: str, language: str) -> list[str]:
    """Case-folded words of ``text`` without stop words of ``language`` (or of any language
    for unknown ones) and without words written with a capital inside a sentence."""
    stop = STOPWORDS.get(language) or (STOPWORDS["kk"] | STOPWORDS["ru"] | STOPWORDS["en"])
    out = []
    body = strip_signature(normalize_text(text, keep_newlines=True))
    for sentence in _SENTENCE_END.split(body):
        if has_name(sentence) or _looks_like_name(sentence.replace(",", " ")):
            continue
        for n, match in enumerate(_WORD.finditer(sentence)):
            word = match.group(0)
            folded = word.casefold()
            if folded in stop or (n > 0 and word[0].isupper()):
                continue
            out.append(folded)
    return out


def shorten(sentence: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``sentence`` cut to ``limit`` characters at a clause or word boundary (with "…")."""
    sentence = sentence.strip().rstrip(" ,;:—–-")
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    for mark in (";", ":", ",", " — ", " - "):
        cut = head.rfind(mark)
        if cut >= limit // 2:
            return head[:cut].rstrip() + "…"
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else head).rstrip(" ,;:—–-") + "…"


def label_sentences(text: str, language: str, *, strict: bool = True) -> list[str]:
    """Sentences of ``text`` that may be shown as a label (see the module docstring), shortened
    to :data:`MAX_LABEL_CHARS`. ``strict=False`` also takes short sentences with fewer than two
    content words (``Nothing to add.``), never names or contact data."""
    body = strip_signature(normalize_text(text, keep_newlines=True))
    out = []
    for sentence in _SENTENCE_END.split(body):
        sentence = sentence.strip(" \"'«»()[]-—–")
        if _CONTACT.search(sentence) or has_name(sentence) or not _WORD.search(sentence):
            continue
        if strict and (len(sentence) < 12 or len(set(content_words(sentence, language))) < 2):
            continue
        out.append(shorten(sentence))
    return out
