"""Labels of report keys in the report language (catalogue ``locale/*/reports.po``)."""

from __future__ import annotations

from talqy.i18n import gettext

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
    return region if region else gettext(language, "Not stated")


def section_label(language: str, section: str | None) -> str:
    if not section:
        return gettext(language, "Articles outside sections")
    return gettext(language, "Section %(number)s", number=section)
