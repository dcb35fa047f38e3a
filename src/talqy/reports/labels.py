"""Labels of report keys in the report language (catalogue ``locale/*/reports.po``)."""

from __future__ import annotations

from collections.abc import Sequence

from talqy.i18n import gettext
from talqy.intake.vocabulary import channel_label, normalize_region, region_name

CHANGE_STATUSES = ("modified", "added", "removed", "renumbered", "unchanged")

_STATUS_MESSAGES = {
    "modified": "Modified",
    "added": "Added",
    "removed": "Removed",
    "renumbered": "Renumbered",
    "unchanged": "Unchanged",
}
_LANGUAGE_MESSAGES = {
    "kk": "Kazakh",
    "ru": "Russian",
    "en": "English",
    "und": "Undetermined",
}


def translate(language: str, message: str, **values: object) -> str:
    return gettext(language, message, **values)


def status_label(language: str, status: str) -> str:
    return gettext(language, _STATUS_MESSAGES[status]) if status in _STATUS_MESSAGES else status


def language_label(language: str, code: str | None) -> str:
    key = code or "und"
    return gettext(language, _LANGUAGE_MESSAGES[key]) if key in _LANGUAGE_MESSAGES else key


def region_label(language: str, region: str | None) -> str:
    return region_name(language, region) or gettext(language, "Not stated")


def channel_name(language: str, channel: str | None) -> str:
    return channel_label(language, channel)


def section_label(language: str, section: str | None) -> str:
    if not section:
        return gettext(language, "Articles outside sections")
    return gettext(language, "Section %(number)s", number=section)


def merge_regions(rows: Sequence[tuple[str | None, int]]) -> list[tuple[str | None, int]]:
    """Counts per region key: rows stored before regions were normalized are merged in."""
    merged: dict[str | None, int] = {}
    for region, count in rows:
        key = normalize_region(region)
        merged[key] = merged.get(key, 0) + count
    return list(merged.items())
