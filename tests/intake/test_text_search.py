"""Full-text search over proposals and their review group, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, update

from talqy.errors import InvalidInput
from talqy.intake import import_proposals, list_proposals
from talqy.intake.tables import proposals
from talqy.review.group_queries import add_member, insert_group
from talqy.settings import Settings
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from tests.intake.samples import consultation, write_csv

TEXTS = (
    "Мемлекеттік тілдің мәртебесін күшейту керек.",
    "Предлагаю ИЗМЕНИТЬ статью о Конституционном суде.",
    "Privacy Online must be protected by law.",
    "Қазақ тілі мен орыс тілі: Privacy маңызды.",
    "Казак атты адам туралы 900101300126 жазылған.",
)


def _load(db: Database, settings: Settings, tmp_path: Path) -> list[int]:
    slug = consultation(db)
    rows = [
        {"id": f"S-{index}", "text": text, "name": "Айгүл Серікбаева", "channel": "egov"}
        for index, text in enumerate(TEXTS)
    ]
    import_proposals(
        db, settings=settings, consultation=slug, path=write_csv(tmp_path / "s.csv", rows)
    )
    return [p.id for p in list_proposals(db, consultation=slug)]


def _found(db: Database, query: str) -> list[int]:
    return [p.id for p in list_proposals(db, consultation="c", query=query)]


def test_search_finds_words_in_kk_ru_en_any_case(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    ids = _load(db, settings, tmp_path)
    assert _found(db, "мәртебесін") == [ids[0]]
    assert _found(db, "МӘРТЕБЕСІН КҮШЕЙТУ") == [ids[0]]
    assert _found(db, "изменить") == [ids[1]]
    assert _found(db, "конституционном") == [ids[1]]
    assert _found(db, "privacy") == [ids[2], ids[3]]
    assert _found(db, "PRIVACY, online!") == [ids[2]]
    assert _found(db, "privacy маңызды") == [ids[3]]
    assert list_proposals(db, consultation="c", query="privacy", limit=1).__next__().id == ids[2]


def test_kazakh_letters_stay_distinct(db: Database, settings: Settings, tmp_path: Path) -> None:
    ids = _load(db, settings, tmp_path)
    assert _found(db, "қазақ") == [ids[3]]
    assert _found(db, "Казак") == [ids[4]]
    assert _found(db, "тили") == []


def test_no_match_no_author_no_original_text(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    _load(db, settings, tmp_path)
    assert _found(db, "жоқсөзбіз") == []
    assert _found(db, "Айгүл") == []  # author name: never searched
    assert _found(db, "900101300126") == []  # masked in the display copy


@pytest.mark.parametrize("query", ["?!…", "  ", "-- ..."])
def test_query_without_words_is_invalid(
    db: Database, settings: Settings, tmp_path: Path, query: str
) -> None:
    _load(db, settings, tmp_path)
    with pytest.raises(InvalidInput, match="no words"):
        list_proposals(db, consultation="c", query=query)


def test_index_follows_changes_and_deletes(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    ids = _load(db, settings, tmp_path)
    with db.engine.begin() as conn:
        conn.execute(
            update(proposals)
            .where(proposals.c.id == ids[0])
            .values(text_display="Жаңа мәтін: бюджет ашық болсын.")
        )
        conn.execute(delete(proposals).where(proposals.c.id == ids[2]))
    assert _found(db, "мәртебесін") == []
    assert _found(db, "бюджет") == [ids[0]]
    assert _found(db, "privacy") == [ids[3]]


def test_rows_carry_their_group(db: Database, settings: Settings, tmp_path: Path) -> None:
    ids = _load(db, settings, tmp_path)
    target = get_consultation(db, "c")
    with db.engine.begin() as conn:
        group = insert_group(conn, consultation_id=target.id, key="g1", origin="person")
        assert group is not None
        add_member(conn, proposal_id=ids[1], group_id=group, origin="person")
    listed = {p.id: p.group for p in list_proposals(db, consultation="c")}
    assert listed == {ids[0]: None, ids[1]: group, ids[2]: None, ids[3]: None, ids[4]: None}
    found = list(list_proposals(db, consultation="c", query="изменить"))
    assert [(p.id, p.to_dict()["group"]) for p in found] == [(ids[1], group)]
