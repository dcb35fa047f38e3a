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
from talqy.intake.iin import hash_iin, normalize_iin
from talqy.intake.messages import invalid
from talqy.intake.redaction import redact, strip_iins

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

    secret_key: str
    max_chars: int


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


def build_record(
    fields: Mapping[str, Any], *, limits: Limits, default_channel: str | None = None
) -> dict[str, Any]:
    """The ``proposals`` values (without ids, receipt and timestamps) for one proposal."""
    clean = {name: _clean(fields, name) for name in FIELDS}
    text = check_text(clean["text"], limits.max_chars)
    channel = parse_channel(clean["channel"], default_channel)
    external_id = clean["id"]
    if external_id is not None and len(external_id) > MAX_EXTERNAL_ID:
        raise invalid("id_too_long", field="id", limit=MAX_EXTERNAL_ID)
    iin_hash = None
    if clean["iin"] is not None:
        iin = normalize_iin(clean["iin"])
        if iin is None:
            raise invalid("bad_iin", field="iin")
        iin_hash = hash_iin(iin, limits.secret_key)
    submitted = parse_submitted_at(clean["submitted_at"])
    language = parse_language(clean["language"])
    values: dict[str, Any] = {
        "channel": channel,
        "external_id": external_id,
        "text_original": strip_iins(text, language),
        "text_display": redact(text, language),
        "article_raw": clean["article"],
        "article_number": parse_article_field(clean["article"]),
        "region": clean["region"],
        "submitted_at": submitted,
        "language": language,
        "author_name": clean["name"],
        "author_iin_hash": iin_hash,
        "author_phone": clean["phone"],
        "author_email": clean["email"],
    }
    values["dedup_key"] = "id:" + external_id if external_id else _content_key(values)
    return values
