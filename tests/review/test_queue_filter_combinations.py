"""Any combination of queue filters gives exactly the groups a plain Python model of the seeded
data expects, and paging through it shows each of them once (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from talqy.intake.tables import proposals
from talqy.review.queue import review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.review.tables import groups
from talqy.storage.database import Database
from tests.review.seed import World, build_world, seed_group, seed_proposal


@dataclass(frozen=True)
class Seeded:
    text: str
    language: str
    channel: str
    region: str | None


GROUPS: list[tuple[str, str, list[Seeded]]] = [  # article, origin, members
    ("1", "machine", [Seeded("тіл мектепте оқытылсын", "kk", "web", "abai"),
                      Seeded("тіл балабақшада", "kk", "paper", None)]),
    ("1", "placement", [Seeded("язык в школе", "ru", "email", "akmola")]),
    ("2", "machine", [Seeded("жер халыққа тиесілі", "kk", "web", "akmola"),
                      Seeded("земля народу", "ru", "web", "abai")]),
    ("2", "placement", [Seeded("жер сатылмасын", "kk", "paper", "abai")]),
    ("3", "person", [Seeded("land belongs to people", "en", "email", None)]),
]  # fmt: skip
WORDS = ["тіл", "жер", "язык", "земля", "people", "мектепте", "abai"]


def _seed(world: World) -> dict[int, tuple[str, str, list[Seeded]]]:
    db, c = world.db, world.consultation
    model = {}
    for article, origin, members in GROUPS:
        ids = []
        for item in members:
            pid = seed_proposal(db, c, item.text, article=article, language=item.language)[0]
            with db.engine.begin() as conn:
                conn.execute(
                    update(proposals)
                    .where(proposals.c.id == pid)
                    .values(channel=item.channel, region=item.region)
                )
            ids.append(pid)
        gid = seed_group(db, c, ids, article=article)
        with db.engine.begin() as conn:
            conn.execute(update(groups).where(groups.c.id == gid).values(origin=origin))
        model[gid] = (article, origin, members)
    return model


def _expected(model: dict[int, tuple[str, str, list[Seeded]]], where: QueueFilter) -> set[int]:
    """Each member filter must be met by *some* member (not necessarily the same one)."""
    singles = [
        QueueFilter(**{name: getattr(where, name)})
        for name in ("language", "channel", "region", "query")
        if getattr(where, name)
    ]
    return {
        gid
        for gid, (article, origin, members) in model.items()
        if (not where.article or article == where.article)
        and (not where.new or origin == "placement")
        and all(any(_member_ok(one, m) for m in members) for one in singles)
    }


def _member_ok(where: QueueFilter, m: Seeded) -> bool:
    words = set(re.findall(r"\w+", m.text.casefold()))
    return (
        (not where.language or m.language == where.language)
        and (not where.channel or m.channel == where.channel)
        and (not where.region or m.region == where.region)
        and (not where.query or set(where.query.casefold().split()) <= words)
    )


filters = st.builds(
    QueueFilter,
    article=st.sampled_from([None, "1", "2", "3"]),
    language=st.sampled_from([None, "kk", "ru", "en"]),
    channel=st.sampled_from([None, "web", "paper", "email"]),
    region=st.sampled_from([None, "abai", "akmola"]),
    new=st.booleans(),
    query=st.one_of(st.none(), st.sampled_from(WORDS), st.sampled_from(["тіл мектепте"])),
)


def test_filter_combinations_match_the_model(db: Database) -> None:
    world = build_world(db, slug="combo")
    model = _seed(world)
    admin = world.actor("admin")
    seeded = set(model)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(where=filters, size=st.integers(1, 3))
    def check(where: QueueFilter, size: int) -> None:
        full = review_queue(db, actor=admin, where=where, limit=1000)
        got = {row.group.id for row in full.rows} & seeded
        assert got == _expected(model, where)
        paged: list[int] = []
        for page in range(0, full.total + size, size):
            part = review_queue(db, actor=admin, where=where, limit=size, offset=page)
            assert part.total == full.total
            paged += [row.group.id for row in part.rows]
        assert paged == [row.group.id for row in full.rows]

    check()
