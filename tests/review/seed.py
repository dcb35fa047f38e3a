"""Small insert helpers: a consultation with a draft, proposals, groups and staff users."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import insert, select

from talqy.intake.tables import proposals
from talqy.review.accounts import actor_for, hash_password
from talqy.review.permissions import Actor
from talqy.review.tables import group_members, groups
from talqy.review.user_queries import User, insert_user
from talqy.storage.clock import now
from talqy.storage.consultations import Consultation, create_consultation
from talqy.storage.database import Database
from talqy.storage.tables import articles, documents
from talqy.systematization.tables import runs

PASSWORD = "correct horse battery"
ARTICLES = {
    "kk": {
        "1": "Қазақстан Республикасы — демократиялық мемлекет.",
        "2": "Мемлекеттік тіл — қазақ тілі.",
        "3": "Жер және оның қойнауы халыққа тиесілі.",
    },
    "ru": {
        "1": "Республика Казахстан — демократическое государство.",
        "2": "Государственный язык — казахский.",
        "3": "Земля и её недра принадлежат народу.",
    },
}


def seed_draft(db: Database, consultation: Consultation, version: str = "v1") -> None:
    with db.engine.begin() as conn:
        for language, texts in ARTICLES.items():
            doc = conn.execute(
                insert(documents).values(
                    consultation_id=consultation.id, version=version, language=language,
                    source_name=f"{language}.md", created_at=now(),
                )
            ).inserted_primary_key  # fmt: skip
            assert doc is not None
            conn.execute(
                insert(articles),
                [
                    {"document_id": doc[0], "position": i, "number": number,
                     "section": None, "title": f"{language.upper()} {number}", "text": text,
                     "original": text, "points": [], "notes": [], "article_key": number}
                    for i, (number, text) in enumerate(texts.items())
                ],
            )  # fmt: skip


def seed_proposal(
    db: Database,
    consultation: Consultation,
    text: str,
    *,
    article: str | None = None,
    language: str | None = "kk",
    name: str | None = None,
) -> tuple[int, str]:
    code = "-".join(
        secrets.token_hex(2).upper().translate(str.maketrans("01", "XY")) for _ in range(3)
    )
    with db.engine.begin() as conn:
        key = conn.execute(
            insert(proposals).values(
                consultation_id=consultation.id, channel="web", dedup_key=secrets.token_hex(8),
                text_original=text, text_display=text, article_number=article, language=language,
                author_name=name, receipt_code=code, created_at=now(),
            )
        ).inserted_primary_key  # fmt: skip
    assert key is not None
    return int(key[0]), code


def seed_run(db: Database, consultation: Consultation) -> int:
    with db.engine.begin() as conn:
        key = conn.execute(
            insert(runs).values(
                consultation_id=consultation.id, params={}, embedder="hashing",
                model_version="test", seed=0, status="finished", created_at=now(),
            )
        ).inserted_primary_key  # fmt: skip
    assert key is not None
    return int(key[0])


def seed_group(
    db: Database,
    consultation: Consultation,
    members: list[int],
    *,
    article: str | None = None,
    run_id: int | None = None,
    key: str | None = None,
    campaign: str | None = None,
) -> int:
    with db.engine.begin() as conn:
        gid = conn.execute(
            insert(groups).values(
                consultation_id=consultation.id, key=key or f"k{secrets.token_hex(4)}",
                run_id=run_id, representative_id=members[0] if members else None,
                article_number=article, article_source="machine" if article else None,
                campaign_key=campaign, state="new", version=1, origin="machine",
                created_at=now(),
            )
        ).inserted_primary_key  # fmt: skip
        assert gid is not None
        for pid in members:
            conn.execute(
                insert(group_members).values(
                    proposal_id=pid, group_id=gid[0], origin="machine", run_id=run_id
                )
            )
    return int(gid[0])


def add_machine_member(db: Database, group_id: int, proposal_id: int, run_id: int | None) -> None:
    """What a later systematization run does for a newcomer duplicate."""
    with db.engine.begin() as conn:
        conn.execute(
            insert(group_members).values(
                proposal_id=proposal_id, group_id=group_id, origin="machine", run_id=run_id
            )
        )


def group_state(db: Database, group_id: int) -> tuple[str, int]:
    with db.engine.connect() as conn:
        row = conn.execute(
            select(groups.c.state, groups.c.version).where(groups.c.id == group_id)
        ).one()
    return row.state, row.version


@dataclass
class World:
    db: Database
    consultation: Consultation
    users: dict[str, User] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    proposals: dict[str, tuple[int, str]] = field(default_factory=dict)

    def actor(self, name: str) -> Actor:
        return actor_for(self.db, user=self.users[name], consultation=self.consultation.slug)


@cache
def password_hash() -> str:
    """One real argon2 hash of :data:`PASSWORD` for every seeded user (hashing is slow)."""
    return hash_password(PASSWORD)


DISPLAY = {
    "admin": "Әкімші Әсел",
    "secretariat": "Хатшы Серік",
    "reviewer": "Сарапшы Айгерім",
    "other_reviewer": "Сарапшы Бауыржан",
    "commission": "Комиссия мүшесі Дана",
    "citizen_account": "Азамат Ерлан",
}
ROLES = {
    "admin": "admin",
    "secretariat": "secretariat",
    "reviewer": "reviewer",
    "other_reviewer": "reviewer",
    "commission": "commission",
    "citizen_account": "public",
}


def build_world(db: Database, *, slug: str = "c1") -> World:
    """Consultation with a draft; users of every role; reviewer on article 1, other on 2."""
    from talqy.review.grouping import assign

    consultation = create_consultation(db, slug=slug, title="Конституция жобасы")
    seed_draft(db, consultation)
    world = World(db, consultation)
    for username, role in ROLES.items():
        world.users[username] = insert_user(
            db, username=username.replace("_", "-"), display_name=DISPLAY[username],
            password_hash=password_hash(), role=role,
        )  # fmt: skip
    admin = world.actor("admin")
    assign(db, actor=admin, username="reviewer", scope="article", value="1")
    assign(db, actor=admin, username="other-reviewer", scope="article", value="2")
    run_id = seed_run(db, consultation)
    a = seed_proposal(db, consultation, "Мемлекеттік тілді нығайту керек", article="1")
    b = seed_proposal(
        db, consultation, "Мемлекеттік тілді нығайту керек!", article="1", name="Асқар"
    )
    c = seed_proposal(
        db, consultation, "Сделать русский язык вторым государственным", article="2", language="ru"
    )
    world.proposals.update(own_a=a, own_b=b, foreign=c)
    world.groups["own"] = seed_group(db, consultation, [a[0], b[0]], article="1", run_id=run_id)
    world.groups["foreign"] = seed_group(db, consultation, [c[0]], article="2", run_id=run_id)
    world.groups["run"] = run_id
    return world
