"""A stored run keeps its positions, and its review groups are positions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from talqy.review.group_queries import list_members
from talqy.review.tables import group_members, groups
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.systematization.runner import systematize_consultation
from talqy.systematization.tables import analyses, positions
from tests.systematization.test_runner import add_proposals

ASK = (
    "33-бапқа өзгеріс енгізу керек: Президенттің өкілеттік мерзімін бес жылға дейін қысқарту қажет."
)
WORDINGS = [
    ASK,
    f"Сәлеметсіз бе! {ASK} Рақмет!",
    f"Менің ойымша, {ASK[0].lower()}{ASK[1:]} Құрметпен.",
    f"{ASK} Мен зейнеткермін.",
]
OTHER = (
    "Мемлекеттік тіл туралы 7-бапты өзгеріссіз сақтау керек, орыс тілін ресми тіл ретінде қалдыру."
)
NAMES = ["Иванов Пётр", "Ахметов Данияр", "Ким Мария", "Сейітов Нұрлан", "Бекова Айгүл"]
CITIES = ["Алматы", "Астана", "Шымкент", "Караганда"]
CAMPAIGN = [
    f"Уважаемые члены рабочей группы! Я, {NAMES[i % 5]}, уже {5 + i} лет живу в городе "
    f"{CITIES[i % 4]}. Прошу изменить пункт 2 статьи 23 и ввести прямые выборы акимов "
    f"областей. С уважением, {NAMES[i % 5]}."
    for i in range(24)
]


def stored(db: Database) -> tuple[dict[int, str | None], dict[str, int], dict[int, int]]:
    with db.engine.connect() as conn:
        position_of = dict(
            conn.execute(select(analyses.c.proposal_id, analyses.c.position_key)).all()
        )
        sizes = dict(conn.execute(select(positions.c.key, positions.c.size)).all())
        group_of = dict(
            conn.execute(select(group_members.c.proposal_id, group_members.c.group_id)).all()
        )
    return position_of, sizes, group_of  # type: ignore[return-value]


def test_review_groups_are_positions_with_campaigns_inside(
    db: Database, settings: Settings
) -> None:
    parent = create_consultation(db, slug="c", title="C")
    # one morning: the campaign's letters arrive together (coordinated timing)
    morning = datetime(2026, 2, 1, 9, tzinfo=UTC)
    add_proposals(db, parent.id, [*WORDINGS, OTHER, *CAMPAIGN], submitted_at=morning)
    summary = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    position_of, sizes, group_of = stored(db)
    ids = sorted(position_of)
    wordings, other, campaign = ids[:4], ids[4], ids[5:]
    assert sum(sizes.values()) == len(ids) == summary.proposals
    assert summary.positions == len(sizes) < summary.duplicate_groups
    assert len({position_of[i] for i in wordings}) == 1
    assert len({position_of[i] for i in campaign}) == 1
    assert position_of[other] not in {position_of[wordings[0]], position_of[campaign[0]]}
    # one review group per position
    assert len({group_of[i] for i in wordings}) == 1 and len({group_of[i] for i in campaign}) == 1
    assert len(set(group_of.values())) == len(sizes)
    with db.engine.connect() as conn:
        marked = conn.execute(
            select(groups.c.campaign_key).where(groups.c.id == group_of[campaign[0]])
        ).scalar_one()
        stored_keys = conn.execute(
            select(positions.c.campaign_keys).where(positions.c.key == position_of[campaign[0]])
        ).scalar_one()
    assert marked is not None and stored_keys == [marked]
    inside = list_members(db, group_of[campaign[0]])
    assert {m.proposal_id for m in inside if m.campaign == marked} == set(campaign)


def test_a_rerun_places_a_new_wording_in_the_existing_group(
    db: Database, settings: Settings
) -> None:
    parent = create_consultation(db, slug="c", title="C")
    add_proposals(db, parent.id, [*WORDINGS, OTHER])
    systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    _, _, before = stored(db)
    add_proposals(db, parent.id, [f"Добрый день! {ASK} Жду ответа."], start=100)
    second = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    _, _, after = stored(db)
    newcomer = max(after)
    assert second.new_groups == 0
    assert after[newcomer] == before[min(before)]
    assert {k: after[k] for k in before} == before
