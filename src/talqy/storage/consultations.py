"""Consultations: create, list, fetch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.i18n import LANGUAGES
from talqy.plain import record_dict
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, row_where
from talqy.storage.inserts import insert_new
from talqy.storage.tables import consultations


@dataclass(frozen=True)
class Consultation:
    id: int
    slug: str
    title: str
    languages: tuple[str, ...]
    status: str
    created_at: datetime
    proposals: int = 0

    def to_dict(self) -> dict[str, object]:
        return record_dict(self, skip=("id",))


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def _validate(slug: str, title: str, languages: tuple[str, ...]) -> None:
    if not SLUG.match(slug):
        raise InvalidInput(
            "slug must be 1-63 lowercase letters, digits or hyphens", field="slug", value=slug
        )
    if not title.strip():
        raise InvalidInput("title must not be empty", field="title")
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise InvalidInput("languages must be some of kk, ru, en", field="languages")


def create_consultation(
    db: Database, *, slug: str, title: str, languages: tuple[str, ...] = LANGUAGES
) -> Consultation:
    """Create a consultation; a taken slug is a ``Conflict``."""
    _validate(slug, title, languages)
    created = now()
    values = {
        "slug": slug,
        "title": title.strip(),
        "languages": ",".join(languages),
        "created_at": created,
    }
    taken = Conflict(f"consultation {slug!r} already exists", field="slug")
    with db.engine.begin() as conn:
        new_id = insert_new(conn, consultations, values, taken)
    return Consultation(new_id, slug, title.strip(), languages, "open", created)


def consultation_from_row(row: object) -> Consultation:
    return Consultation(
        id=row.id,  # type: ignore[attr-defined]
        slug=row.slug,  # type: ignore[attr-defined]
        title=row.title,  # type: ignore[attr-defined]
        languages=tuple(row.languages.split(",")),  # type: ignore[attr-defined]
        status=row.status,  # type: ignore[attr-defined]
        created_at=as_utc(row.created_at),  # type: ignore[attr-defined,arg-type]
        proposals=getattr(row, "n_proposals", 0) or 0,
    )


def get_consultation(db: Database, slug: str) -> Consultation:
    missing = NotFound(f"no consultation {slug!r}", field="slug")
    return consultation_from_row(row_where(db, consultations.c.slug, slug, missing))
