"""Create and change a consultation with its texts and phases; refuse proposals outside ``open``.

The web console and ``talqy consultation create/update`` call these same functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from talqy.consultations.phases import (
    DATE_FIELDS,
    DATE_LABELS,
    KAZAKHSTAN,
    Phase,
    Schedule,
    parse_moment,
)
from talqy.consultations.tables import consultation_details
from talqy.errors import Conflict, InvalidInput
from talqy.i18n import LANGUAGES, gettext
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import Consultation, get_consultation
from talqy.storage.consultations import create_consultation as create_plain
from talqy.storage.database import Database
from talqy.storage.tables import consultations

MAX_TEXT = 20_000
NOT_OPEN = "consultation_not_open"
NOT_OPEN_MESSAGES = {
    Phase.PUBLISHED: "This consultation is not open for proposals yet; it opens on %(date)s.",
    Phase.CLOSED: "This consultation closed for proposals on %(date)s.",
    Phase.DECISIONS: "This consultation closed for proposals on %(date)s.",
    Phase.REPORT: "This consultation closed for proposals on %(date)s.",
}


@dataclass(frozen=True)
class Texts:
    """Titles and descriptions by language, and the responsible body."""

    titles: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    body: str | None = None


@dataclass(frozen=True)
class ConsultationInfo:
    """A consultation with its texts, schedule and phase now."""

    consultation: Consultation
    texts: Texts
    schedule: Schedule
    phase: Phase

    def title(self, language: str) -> str:
        return self.texts.titles.get(language) or self.consultation.title

    def description(self, language: str) -> str:
        found = self.texts.descriptions
        return found.get(language) or next((found[k] for k in LANGUAGES if found.get(k)), "")

    def to_dict(self) -> dict[str, Any]:
        dates = {
            k: (v.isoformat() if (v := getattr(self.schedule, k)) else None) for k in DATE_FIELDS
        }
        return {
            **self.consultation.to_dict(),
            "titles": dict(self.texts.titles),
            "descriptions": dict(self.texts.descriptions),
            "body": self.texts.body,
            "phase": self.phase.value,
            **dates,
        }


def _clean_texts(values: Mapping[str, str | None], kind: str) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for language, text in values.items():
        if language not in LANGUAGES:
            raise InvalidInput(f"{kind} language must be kk, ru or en", field=kind)
        if text is not None and text.strip():
            if len(text) > MAX_TEXT:
                raise InvalidInput(f"the {kind} is too long", field=f"{kind}_{language}")
            cleaned[language] = text.strip()
    return cleaned


def _texts(
    titles: Mapping[str, str | None], descriptions: Mapping[str, str | None], body: str | None
) -> Texts:
    cleaned = (body or "").strip() or None
    if cleaned is not None and len(cleaned) > MAX_TEXT:
        raise InvalidInput("the body name is too long", field="body")
    return Texts(_clean_texts(titles, "title"), _clean_texts(descriptions, "description"), cleaned)


def _schedule(values: Mapping[str, str | datetime | None]) -> Schedule:
    return Schedule(**{k: parse_moment(values.get(k), field=k) for k in DATE_FIELDS})


def _row(texts: Texts, schedule: Schedule) -> dict[str, Any]:
    row: dict[str, Any] = {f"title_{k}": texts.titles.get(k) for k in LANGUAGES}
    row |= {f"description_{k}": texts.descriptions.get(k) for k in LANGUAGES}
    row |= {k: getattr(schedule, k) for k in DATE_FIELDS}
    return row | {"body": texts.body, "updated_at": now()}


def create_consultation(
    db: Database,
    *,
    slug: str,
    title: str,
    languages: tuple[str, ...] = LANGUAGES,
    titles: Mapping[str, str | None] | None = None,
    descriptions: Mapping[str, str | None] | None = None,
    body: str | None = None,
    dates: Mapping[str, str | datetime | None] | None = None,
) -> ConsultationInfo:
    """Create a consultation with its texts and phases (checked before anything is written)."""
    texts = _texts(titles or {}, descriptions or {}, body)
    schedule = _schedule(dates or {})
    schedule.check_new(now())
    plain = create_plain(db, slug=slug, title=title, languages=languages)
    with db.engine.begin() as conn:
        conn.execute(
            insert(consultation_details).values(consultation_id=plain.id, **_row(texts, schedule))
        )
    return consultation_info(db, slug)


def update_consultation(
    db: Database,
    *,
    slug: str,
    title: str | None = None,
    titles: Mapping[str, str | None] | None = None,
    descriptions: Mapping[str, str | None] | None = None,
    body: str | None = None,
    dates: Mapping[str, str | datetime | None] | None = None,
) -> ConsultationInfo:
    """Change what is given; an empty string clears a text or a date. Closing now is allowed."""
    info = consultation_info(db, slug)
    texts = Texts(
        {**info.texts.titles, **(titles or {})},  # type: ignore[dict-item]
        {**info.texts.descriptions, **(descriptions or {})},  # type: ignore[dict-item]
        info.texts.body if body is None else body,
    )
    texts = _texts(texts.titles, texts.descriptions, texts.body)
    changed = {k: v for k, v in (dates or {}).items() if v is not None}
    schedule = replace(info.schedule, **{k: parse_moment(v, field=k) for k, v in changed.items()})
    schedule.check_order()
    if title is not None and not title.strip():
        raise InvalidInput("title must not be empty", field="title")
    with db.engine.begin() as conn:
        if title is not None:
            conn.execute(
                update(consultations)
                .where(consultations.c.id == info.consultation.id)
                .values(title=title.strip())
            )
        done = conn.execute(
            update(consultation_details)
            .where(consultation_details.c.consultation_id == info.consultation.id)
            .values(**_row(texts, schedule))
        )
        if done.rowcount == 0:
            conn.execute(
                insert(consultation_details).values(
                    consultation_id=info.consultation.id, **_row(texts, schedule)
                )
            )
    return consultation_info(db, slug)


def consultation_info(
    db: Database, slug: str, *, moment: datetime | None = None
) -> ConsultationInfo:
    """The consultation ``slug`` with its texts, schedule and current phase."""
    plain = get_consultation(db, slug)
    with db.engine.connect() as conn:
        row = conn.execute(
            select(consultation_details).where(consultation_details.c.consultation_id == plain.id)
        ).first()
    if row is None:
        texts, schedule = Texts(), Schedule()
    else:
        data = row._mapping
        texts = Texts(
            {k: data[f"title_{k}"] for k in LANGUAGES if data[f"title_{k}"]},
            {k: data[f"description_{k}"] for k in LANGUAGES if data[f"description_{k}"]},
            data["body"],
        )
        schedule = Schedule(**{k: as_utc(data[k]) for k in DATE_FIELDS})
    return ConsultationInfo(plain, texts, schedule, schedule.phase(moment or now()))


def ensure_open(db: Database, slug: str, *, moment: datetime | None = None) -> ConsultationInfo:
    """The consultation, or ``Conflict`` (reason ``consultation_not_open``) outside ``open``."""
    info = consultation_info(db, slug, moment=moment)
    if info.phase is Phase.OPEN:
        return info
    when = info.schedule.opens_at if info.phase is Phase.PUBLISHED else info.schedule.closes_at
    stamp = f"{when.astimezone(KAZAKHSTAN):%Y-%m-%d %H:%M} (UTC+5)" if when else ""
    raise Conflict(
        NOT_OPEN_MESSAGES[info.phase] % {"date": stamp},
        reason=NOT_OPEN,
        phase=info.phase.value,
        date=stamp,
    )


DATE_MESSAGES = {
    "dates_reversed": "“%(later)s” must come after “%(earlier)s”.",
    "closes_in_past": "The closing date is in the past. Give a future date, or an opening date "
    "in the past as well to record a consultation that already ran.",
    "bad_moment": "Cannot read the date %(value)s; write it as 2026-03-01 or 2026-03-01T18:00.",
}


def localize_dates(error: InvalidInput, language: str) -> InvalidInput:
    """A refused date in ``language`` (other errors unchanged)."""
    reason = error.context.get("reason")
    if reason not in DATE_MESSAGES:
        return error
    context = error.context
    names = {
        k: gettext(language, DATE_LABELS.get(str(context.get(f)), str(context.get(f))))
        for k, f in (("later", "field"), ("earlier", "earlier"))
    }
    message = gettext(
        language, DATE_MESSAGES[str(reason)], value=repr(context.get("value")), **names
    )
    rest = {k: v for k, v in context.items() if k != "field"}
    return InvalidInput(message, field=error.field, **rest)


def localize_not_open(error: Conflict, language: str) -> Conflict:
    """The same refusal with its message in ``language`` (other conflicts unchanged)."""
    if error.context.get("reason") != NOT_OPEN:
        return error
    phase = Phase(error.context["phase"])
    message = gettext(language, NOT_OPEN_MESSAGES[phase], date=error.context.get("date", ""))
    return Conflict(message, **error.context)
