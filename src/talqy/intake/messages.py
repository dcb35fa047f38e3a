"""Why input is refused: one message per reason, English ids translated in ``intake.po``.

Intake code raises :class:`talqy.errors.InvalidInput` with ``reason`` (a stable code for API
clients and reject files) and an English message; :func:`localize` gives the same error in the
reader's language.
"""

from __future__ import annotations

from typing import Any

from talqy.errors import InvalidInput
from talqy.i18n import gettext

CONSENT_MESSAGE = "Please agree to the processing of your proposal."
REASONS: dict[str, str] = {
    "text_empty": "the proposal text is empty",
    "text_too_long": "the proposal text is longer than %(limit)s characters",
    "bad_characters": "%(column)s contains characters that cannot be stored",
    "unknown_channel": "unknown channel %(value)s; allowed: %(allowed)s",
    "no_channel": "no channel: give --channel or fill the channel column",
    "bad_date": "cannot read the date %(value)s; use YYYY-MM-DD or DD.MM.YYYY",
    "bad_iin": "the IIN is not 12 digits with a valid check digit",
    "id_too_long": "the id is longer than %(limit)s characters",
    "not_an_object": "the record is not an object",
    "bad_json": "the line is not valid JSON",
    "not_text": "%(column)s must be text, not a list or an object",
    "bad_language": "unknown language %(value)s; use kk, ru or en",
    "cell_too_long": "a cell is longer than %(limit)s characters (TALQY_IMPORT_MAX_CELL_CHARS)",
    "too_many_columns": "the row has more than %(limit)s columns (TALQY_IMPORT_MAX_COLUMNS)",
    "no_consent": CONSENT_MESSAGE,
}


def invalid(reason: str, *, field: str | None = None, **values: Any) -> InvalidInput:
    """An ``InvalidInput`` for ``reason`` with its English message.

    Only channel, date and language values are ever quoted (shortened); an IIN or a text never.
    """
    if "value" in values:
        values["value"] = repr(str(values["value"])[:40])
    message = REASONS[reason] % values if values else REASONS[reason]
    return InvalidInput(message, field=field, reason=reason, **values)


def localize(error: InvalidInput, language: str, **values: Any) -> InvalidInput:
    """The same error with its message in ``language`` (when its reason is known)."""
    reason = error.context.get("reason")
    if reason not in REASONS:
        return error
    merged = {**{k: v for k, v in error.context.items() if k != "reason"}, **values}
    params = {k: v for k, v in merged.items() if f"%({k})s" in REASONS[reason]}
    message = gettext(language, REASONS[reason], **params)
    context = {k: v for k, v in error.context.items() if k not in {"field", "row", "line"}}
    return InvalidInput(message, field=error.field, row=error.row, line=error.line, **context)
