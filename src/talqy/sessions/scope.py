"""Whose a session or member is: one consultation (by slug) or one foresight programme (by key)."""

from __future__ import annotations

from dataclasses import dataclass

from talqy.errors import InvalidInput
from talqy.sessions.foresight_queries import get_programme
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database

DEFAULT_PROGRAMME = "foresight"


@dataclass(frozen=True)
class Scope:
    consultation_id: int | None = None
    programme_id: int | None = None
    slug: str | None = None

    def columns(self) -> dict[str, int | None]:
        return {"consultation_id": self.consultation_id, "programme_id": self.programme_id}

    def contains(self, consultation_id: int | None, programme_id: int | None) -> bool:
        return (consultation_id, programme_id) == (self.consultation_id, self.programme_id)


def resolve_scope(db: Database, *, consultation: str | None, programme: str | None) -> Scope:
    """The scope named by exactly one of a consultation slug and a programme key."""
    if (consultation is None) == (programme is None):
        raise InvalidInput("name either a consultation or a programme", field="consultation")
    if consultation is not None:
        found = get_consultation(db, consultation)
        return Scope(consultation_id=found.id, slug=found.slug)
    assert programme is not None
    return Scope(programme_id=get_programme(db, programme).id)
