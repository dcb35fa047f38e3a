"""Parsing and checking single values of sessions and foresight records (forms and files)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from talqy.errors import InvalidInput
from talqy.i18n import LANGUAGES as LANGS

_NUMBER = re.compile(r"^\d{1,3}(?:-\d{1,2})?$")
_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def parse_date(value: object, *, field: str, row: int | None = None) -> date:
    """A date from ``YYYY-MM-DD``, ``DD.MM.YYYY``, an ISO datetime or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise InvalidInput(f"not a date: {text!r} (use YYYY-MM-DD)", field=field, row=row) from None


def parse_time(value: object, *, field: str, row: int | None = None) -> time | None:
    """A start time ``HH:MM`` (or ``HH:MM:SS``); empty is ``None``."""
    if isinstance(value, time):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"not a time: {text!r} (use HH:MM)", field=field, row=row) from None


def parse_seconds(value: object, *, field: str, row: int | None = None) -> int | None:
    """Broadcast offset from seconds (``3725``) or a clock (``1:02:05``, ``62:05``)."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    match = _CLOCK.match(text)
    if not match:
        raise InvalidInput(
            f"not a broadcast time: {text!r} (use seconds or h:mm:ss)", field=field, row=row
        )
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_int(
    value: object, *, field: str, row: int | None = None, low: int = 0, high: int | None = None
) -> int:
    """A whole number in ``[low, high]``; ``1 000 000`` and ``1000000.0`` are accepted."""
    text = str(value if value is not None else "").strip().replace(" ", "").replace("\u00a0", "")
    if text.endswith(".0"):
        text = text[:-2]
    if not re.fullmatch(r"-?\d+", text):
        raise InvalidInput(f"not a whole number: {text!r}", field=field, row=row)
    number = int(text)
    if number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise InvalidInput(f"{field} must be {bound}, got {number}", field=field, row=row)
    return number


def parse_article_number(value: object, *, row: int | None = None) -> str | None:
    """An article number such as ``12`` or ``83-1``; empty is ``None``."""
    text = str(value if value is not None else "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return None
    if not _NUMBER.match(text):
        raise InvalidInput(f"not an article number: {text!r}", field="article", row=row)
    return text


def parse_flag(value: object) -> bool:
    return str(value if value is not None else "").strip().lower() in {"1", "true", "yes", "y"}


def require_text(value: object, *, field: str, row: int | None = None, limit: int = 2000) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise InvalidInput(f"{field} must not be empty", field=field, row=row)
    if len(text) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters", field=field, row=row)
    return text


def optional_text(value: object, *, limit: int = 20_000) -> str:
    text = str(value if value is not None else "").strip()
    return text[:limit]


def texts_of(values: Mapping[str, Any], prefix: str, *, row: int | None = None) -> dict[str, str]:
    """``{prefix}_kk/ru/en`` from ``values``; at least one must be non-empty."""
    texts = {
        f"{prefix}_{lang}": str(values.get(f"{prefix}_{lang}") or "").strip() for lang in LANGS
    }
    if not any(texts.values()):
        raise InvalidInput(f"{prefix} is needed in at least one language", field=prefix, row=row)
    return texts
