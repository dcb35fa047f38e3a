"""Finding and masking personal data: IINs, phones, e-mail addresses, card numbers, names.

The text is first folded (:mod:`talqy.intake.spelling`): full-width and Arabic-Indic digits
become ASCII digits, zero-width characters disappear, ``＠`` and ``%40`` become ``@``.
Detection is ``airlock_pii`` (Kazakhstan IINs, +7/8 phones, e-mails, Luhn card numbers) plus
rules of our own for what it leaves out on purpose or misses:

- an IIN written in groups or with separators between any digits (spaces, thin spaces, dots,
  slashes, underscores, dashes, line breaks: ``900101 300125``, ``9001.0130.0125``) with a
  valid check digit, and any twelve digits right after ``ИИН``/``ЖСН``/``IIN`` whatever the
  check digit;
- obfuscated e-mail addresses: ``name [at] domain [dot] kz``, ``name(at)domain``, ``name @ x.kz``;
- phones: ``+7``/``8``/``7`` and ten digits starting with 7 (every Kazakhstan number) in any
  grouping (``7771234567``, ``+7.701.555.44.33``, ``+7 (727) 2 50-50-50``); cards as a
  second net;
- names (:mod:`talqy.intake.names`), in :func:`redact` only when ``names`` is true.

Every claim of either source is masked (overlapping claims become one mask, named after the most
sensitive kind). Masks are in the proposal's language (Kazakh when none is known).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import airlock_pii
from airlock_pii import EntityType

from talqy.intake.iin import iin_checksum_ok
from talqy.intake.names import find_names
from talqy.intake.spelling import Folded, fold

KINDS = ("iin", "card", "phone", "email", "name")
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "kk": {
        "iin": "[ЖСН]",
        "card": "[карта]",
        "phone": "[телефон]",
        "email": "[email]",
        "name": "[аты-жөні]",
    },
    "ru": {
        "iin": "[ИИН]",
        "card": "[карта]",
        "phone": "[телефон]",
        "email": "[email]",
        "name": "[ФИО]",
    },
    "en": {
        "iin": "[IIN]",
        "card": "[card]",
        "phone": "[phone]",
        "email": "[email]",
        "name": "[name]",
    },
}
_AIRLOCK_KINDS = {
    EntityType.IIN: "iin",
    EntityType.BIN: "iin",
    EntityType.CARD: "card",
    EntityType.PHONE: "phone",
    EntityType.EMAIL: "email",
}
_SEP = r"[\s.\-/_\\\u00a0\u2007-\u200a\u202f\u2010-\u2015\u2212\u2219\u00b7]"
_GAP = rf"{_SEP}{{0,3}}"
_DIGITS_12 = rf"[0-9](?:{_GAP}[0-9]){{11}}"
_DIGIT_RUN = re.compile(rf"[0-9](?:{_GAP}[0-9]){{11,}}")
_DIGIT = re.compile(r"[0-9]")
_NAMED_IIN = re.compile(
    rf"(?<![^\W\d_])(?:ИИН|ЖСН|IIN|ИНН)[^\w\n]{{0,5}}({_DIGITS_12})(?![0-9])", re.IGNORECASE
)
_PHONE_SEP = r"[\s.()\-/\u00a0\u2007-\u200a\u202f\u2010-\u2015]{0,3}"
_PHONE = re.compile(
    rf"(?<![0-9+])(?<![0-9]{_SEP})(?:(?:\+{_PHONE_SEP}7|8|7){_PHONE_SEP})?"
    rf"\(?7(?:{_PHONE_SEP}[0-9]){{9}}(?!{_PHONE_SEP}[0-9])"
)
_AT = r"(?:\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>)\s*|\s+@\s*|@\s+)"
_DOT = r"(?:\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\))\s*|\.)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+\-])[\w.+\-]+{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*", re.IGNORECASE
)
_CARD = re.compile(rf"(?<![0-9])(?<![0-9]{_SEP})[2-6](?:{_SEP}?[0-9]){{12,18}}(?!{_SEP}?[0-9])")
_WORTH_LOOKING = re.compile(r"@|[0-9](?:[^0-9]{0,4}[0-9]){9}|[\[({<]\s*at\s*[\])}>]", re.IGNORECASE)
_NOT_DIGIT = re.compile(r"[^0-9]")


@dataclass(frozen=True)
class Span:
    """Personal data at ``text[start:end]`` (the text itself is never kept)."""

    kind: str
    start: int
    end: int


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _airlock_spans(text: str) -> Iterable[Span]:
    for entity in airlock_pii.candidates(text, types=list(_AIRLOCK_KINDS)):
        yield Span(_AIRLOCK_KINDS[entity.type], entity.start, entity.end)


def _rule_spans(text: str) -> Iterable[Span]:
    for match in _DIGIT_RUN.finditer(text):
        yield from _iin_windows(match)
    for match in _NAMED_IIN.finditer(text):
        yield Span("iin", match.start(1), match.end(1))
    for match in _CARD.finditer(text):
        if _luhn_ok(_NOT_DIGIT.sub("", match.group())):
            yield Span("card", match.start(), match.end())
    for match in _PHONE.finditer(text):
        yield Span("phone", match.start(), match.end())
    for match in _OBFUSCATED_EMAIL.finditer(text):
        yield Span("email", match.start(), match.end())


def _iin_windows(run: re.Match[str]) -> Iterable[Span]:
    """Twelve digits in a row (separators allowed) with a valid IIN check digit.

    Inside a longer run of digits a window must start and end where the writing does (at the
    run's ends or next to a separator), so a phone number followed by a line starting with a
    digit is not read as an IIN.
    """
    text = run.group()
    positions = [digit.start() for digit in _DIGIT.finditer(text)]
    digits = _NOT_DIGIT.sub("", text)
    last = len(digits) - 12
    for first in range(last + 1):
        start, end = positions[first], positions[first + 11] + 1
        bounded = (first == 0 or start > positions[first - 1] + 1) and (
            first == last or positions[first + 12] > end
        )
        if bounded and iin_checksum_ok(digits[first : first + 12]):
            yield Span("iin", run.start() + start, run.start() + end)


def _merge(claims: Iterable[Span]) -> list[Span]:
    """Overlapping claims become one span named after the most sensitive kind among them."""
    merged: list[Span] = []
    for claim in sorted(claims, key=lambda span: (span.start, -span.end)):
        if merged and claim.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, claim.kind, key=KINDS.index)
            merged[-1] = Span(kind, last.start, max(last.end, claim.end))
        else:
            merged.append(claim)
    return merged


def _contact_spans(text: str) -> list[Span]:
    if not _WORTH_LOOKING.search(text):
        return []
    return [*_airlock_spans(text), *_rule_spans(text)]


def find_personal_data(text: str, *, names: bool = False) -> list[Span]:
    """Every span of ``text`` that holds personal data, sorted, not overlapping.

    Spans refer to ``text`` itself even when detection ran on its folded spelling.
    """
    folded = fold(text)
    claims = _contact_spans(folded.text)
    if names:
        claims += [Span("name", start, end) for start, end in find_names(folded.text)]
    return _merge(_unfold(claim, folded) for claim in claims)


def _unfold(span: Span, folded: Folded) -> Span:
    start, end = folded.original_span(span.start, span.end)
    return Span(span.kind, start, end)


def _replace(text: str, spans: Iterable[Span], language: str | None) -> str:
    masks = PLACEHOLDERS.get(language or "kk", PLACEHOLDERS["kk"])
    pieces: list[str] = []
    position = 0
    for span in spans:
        pieces += [text[position : span.start], masks[span.kind]]
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def redact(text: str, language: str | None = None, *, names: bool = True) -> str:
    """``text`` with every IIN, phone, e-mail, card number and (``names``) name masked."""
    spans = find_personal_data(text, names=names)
    return _replace(text, spans, language) if spans else text


def strip_iins(text: str, language: str | None = None) -> str:
    """``text`` with only the IINs masked (author contact fields keep the rest)."""
    spans = [span for span in find_personal_data(text) if span.kind == "iin"]
    return _replace(text, spans, language) if spans else text
