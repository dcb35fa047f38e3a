"""One proposal as it will be stored: every field checked, personal data protected.

:func:`build_record` is shared by the web/API submission and the bulk importer, so both accept
and refuse exactly the same things. It takes the fields as written (strings, ``None`` for
empty) and returns the values of a ``proposals`` row, or raises ``InvalidInput`` with a
``reason`` (see :mod:`talqy.intake.messages`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from talqy.analysis.references import parse_article_field
from talqy.intake.contacts import ContactSealer
from talqy.intake.iin import IinHasher, normalize_iin
from talqy.intake.messages import invalid
from talqy.intake.redaction import PLACEHOLDERS, find_personal_data, redact, strip_iins
from talqy.intake.vocabulary import normalize_region

CHANNELS = ("web", "api", "e-otinish", "egov", "legalacts", "email", "paper", "session")
FIELDS = (
    "id",
    "text",
    "article",
    "channel",
    "region",
    "submitted_at",
    "name",
    "iin",
    "phone",
    "email",
    "language",
)
MAX_EXTERNAL_ID = 128
KAZAKHSTAN = timezone(timedelta(hours=5))
_CHANNEL_ALIASES = {"eotinish": "e-otinish", "e_otinish": "e-otinish", "e-gov": "egov"}
_LANGUAGE_ALIASES = {
    "kk": "kk",
    "kz": "kk",
    "kaz": "kk",
    "kazakh": "kk",
    "қаз": "kk",
    "қазақша": "kk",
    "каз": "kk",
    "казахский": "kk",
    "ru": "ru",
    "rus": "ru",
    "russian": "ru",
    "рус": "ru",
    "русский": "ru",
    "орысша": "ru",
    "en": "en",
    "eng": "en",
    "english": "en",
    "англ": "en",
}
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d/%m/%Y", "%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class Limits:
    """What a record is checked against (taken from settings)."""

    hasher: IinHasher
    max_chars: int
    sealer: ContactSealer | None = None  # keeps contact addresses (sealed) for the answer


def _clean(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise invalid("not_text", field=name, column=name)
    text = value if isinstance(value, str) else str(value)
    if _UNSTORABLE.search(text):
        raise invalid("bad_characters", field=name, column=name)
    return text if name == "text" else (text.strip() or None)


def parse_channel(value: str | None, default: str | None) -> str:
    """One of :data:`CHANNELS`; the row's own value wins over ``default``."""
    raw = value if value else default
    if not raw:
        raise invalid("no_channel", field="channel")
    channel = raw.strip().lower().replace(" ", "")
    channel = _CHANNEL_ALIASES.get(channel, channel)
    if channel not in CHANNELS:
        raise invalid("unknown_channel", field="channel", value=raw, allowed=", ".join(CHANNELS))
    return channel


def parse_language(value: str | None, *, strict: bool = False) -> str | None:
    """kk, ru or en from the usual spellings; unknown is ``None`` (or refused when strict)."""
    if not value:
        return None
    language = _LANGUAGE_ALIASES.get(value.strip().lower())
    if language is None and strict:
        raise invalid("bad_language", field="language", value=value)
    return language


def parse_submitted_at(value: str | None) -> datetime | None:
    """ISO 8601 or DD.MM.YYYY (with a time or not); no zone means Kazakhstan time (UTC+5)."""
    if not value:
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for pattern in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if parsed is None or not 1990 <= parsed.year <= 2200:
        raise invalid("bad_date", field="submitted_at", value=value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=KAZAKHSTAN)
    return parsed.astimezone(UTC)


def check_text(text: str | None, max_chars: int) -> str:
    if text is None or not text.strip():
        raise invalid("text_empty", field="text")
    if len(text) > max_chars:
        raise invalid("text_too_long", field="text", limit=max_chars)
    return text


def pseudonymize_iins(value: str | None, hasher: IinHasher) -> str | None:
    """An identifier with every IIN in it replaced by a keyed hash of it (stays unique)."""
    if value is None:
        return None
    spans = [span for span in find_personal_data(value) if span.kind == "iin"]
    for span in reversed(spans):
        digits = _digits(value[span.start : span.end])
        token = hasher.hash(digits).split("$", 1)[1][:16]
        value = f"{value[: span.start]}iin~{token}{value[span.end :]}"
    return value


def _digits(text: str) -> str:
    return "".join(str(int(char)) for char in text if char.isdecimal())


def _content_key(values: Mapping[str, Any]) -> str:
    """Without an external id, a row is identified by everything it says."""
    parts = [
        "" if values[key] is None else str(values[key])
        for key in (
            "text_original",
            "article_raw",
            "region",
            "submitted_at",
            "language",
            "author_name",
            "author_iin_hash",
            "author_phone",
            "author_email",
        )
    ]
    return "h:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _masked(value: str | None, language: str | None) -> str | None:
    return None if value is None else redact(value, language)


def _iins_masked(value: str | None, language: str | None) -> str | None:
    return None if value is None else strip_iins(value, language)


def _contact(
    value: str | None, kind: str, language: str | None, sealer: ContactSealer | None
) -> str | None:
    """A phone or e-mail is never stored in clear: sealed for the answer, or only a mask."""
    if value is None:
        return None
    if sealer is not None:
        return sealer.seal(value)
    return PLACEHOLDERS.get(language or "kk", PLACEHOLDERS["kk"])[kind]


def _digits_or_text(value: str) -> str:
    """The IIN field with Unicode digits folded and any separators dropped."""
    digits = _digits(value)
    return digits if len(digits) == 12 else value


def build_record(
    fields: Mapping[str, Any], *, limits: Limits, default_channel: str | None = None
) -> dict[str, Any]:
    """The ``proposals`` values (without ids, receipt and timestamps) for one proposal."""
    clean = {name: _clean(fields, name) for name in FIELDS}
    text = check_text(clean["text"], limits.max_chars)
    channel = parse_channel(clean["channel"], default_channel)
    if clean["id"] is not None and len(clean["id"]) > MAX_EXTERNAL_ID:
        raise invalid("id_too_long", field="id", limit=MAX_EXTERNAL_ID)
    external_id = pseudonymize_iins(clean["id"], limits.hasher)
    external_id = external_id[:MAX_EXTERNAL_ID] if external_id else None
    iin_hash = None
    if clean["iin"] is not None:
        iin = normalize_iin(_digits_or_text(clean["iin"]))
        if iin is None:
            raise invalid("bad_iin", field="iin")
        iin_hash = limits.hasher.hash(iin)
    submitted = parse_submitted_at(clean["submitted_at"])
    language = parse_language(clean["language"])
    masked = redact(text, language)
    article = _masked(clean["article"], language)
    values: dict[str, Any] = {
        "channel": channel,
        "external_id": external_id,
        "text_original": masked,
        "text_display": masked,
        "article_raw": article,
        "article_number": parse_article_field(article),
        "region": normalize_region(_masked(clean["region"], language)),
        "submitted_at": submitted,
        "language": language,
        "author_name": _iins_masked(clean["name"], language),
        "author_iin_hash": iin_hash,
        "author_phone": _contact(clean["phone"], "phone", language, limits.sealer),
        "author_email": _contact(clean["email"], "email", language, limits.sealer),
    }
    if external_id:
        values["dedup_key"] = "id:" + external_id
    else:
        stable = dict(values)
        if limits.sealer is not None:  # sealing is randomised; identify by a keyed fingerprint
            for kind in ("phone", "email"):
                given = clean[kind]
                if given is not None:
                    stable[f"author_{kind}"] = limits.sealer.fingerprint(given)
        values["dedup_key"] = _content_key(stable)
    return values
