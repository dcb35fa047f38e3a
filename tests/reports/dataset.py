"""A small consultation seeded with Core inserts: every row the report reads, with known counts.

The expected figures in the tests are computed from the Python lists below, not from SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from talqy.intake.tables import proposals
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.database import Database
from talqy.storage.tables import articles, consultations, documents
from talqy.systematization.tables import analyses, runs, themes

SLUG = "reform"
T0 = datetime(2026, 2, 12, 9, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)

# Personal data that must never reach an output.
NAME = "Айгүл Сапарова"
PHONE = "+7 701 234 56 78"
EMAIL = "aigul.saparova@example.kz"
IIN = "900101300123"
IIN_HASH = "f" * 63 + "e"
RECEIPT_PREFIX = "RCPT-SECRET-"
SECRET_WORD = "ҚҰПИЯСӨЗ"  # only in text_original, never in text_display


@dataclass(frozen=True)
class P:
    channel: str
    language: str | None
    region: str | None
    day: int | None  # February day of submitted_at, None: no submitted_at
    article: str | None  # the article the citizen named
    group: str | None  # review group key
    dup: str  # duplicate group of the latest run
    campaign: str | None
    theme: str | None
    detected: str  # language found by the run
    text: str


PROPOSALS = [
    P("web", "kk", "Алматы", 10, "2", "G-A", "g1", "c1", "t1", "kk", "2-бапқа өзгеріс керек."),
    P("web", "kk", "Алматы", 10, "2", "G-A", "g1", "c1", "t1", "kk", "2-бапқа өзгеріс керек."),
    P("web", "kk", "Астана", 10, None, "G-A", "g1", "c1", "t1", "kk", '=HYPERLINK("x")'),
    P("e-otinish", "kk", "Астана", 11, "2", "G-A", "g1", None, "t1", "kk", "Екінші бап."),
    P("e-otinish", "ru", "Алматы", 11, "4", "G-B", "g2", None, "t2", "ru", "-Статья 4: сроки."),
    P("e-otinish", "ru", None, 11, "4", "G-B", "g2", None, "t2", "ru", "Статья 4, сроки."),
    P("web", None, "Алматы", 11, "4", "G-B", "g2", None, "t2", "ru", "@Статья 4 сроки"),
    P("paper", "kk", None, 11, "1", "G-C", "g3", None, "t1", "kk", "Бірінші бап туралы."),
    P("paper", "kk", "Астана", None, "1", "G-C", "g4", None, "t1", "kk", "Бірінші бап, тіл."),
    P("web", "ru", "Астана", None, "99", "G-D", "g5", None, "t2", "ru", "Статья 99 новая."),
    P("e-otinish", "kk", None, None, "3", None, "g6", None, None, "kk", "Үшінші бап."),
    P("web", "ru", "Алматы", None, None, None, "g7", None, None, "ru", "Общее замечание."),
]

# group key -> (article, theme, campaign, merged_into)
GROUPS = {
    "G-A": ("2", "t1", "c1", None),
    "G-B": ("4", "t2", None, None),
    "G-C": ("1", "t1", None, None),
    "G-D": ("99", "t2", None, None),
    "G-E": ("2", "t1", None, "G-A"),
}
# (group, kind, articles, published, current)
DECISIONS = [
    ("G-A", "rejected", ["2"], True, False),  # superseded
    ("G-A", "accepted", ["2"], True, True),
    ("G-B", "partially_accepted", ["4", "6"], True, True),
    ("G-C", "rejected", ["1"], False, True),  # decided, not published
    ("G-E", "rejected", ["2"], True, True),  # group merged away
]
THEMES = {
    "t1": ("Тіл және бап", "Язык и статьи", "Language and articles"),
    "t2": ("Мерзім", "Сроки", "Terms"),
}

V1 = {
    "I": [
        ("1", "Республика", "Республика демократиялық зайырлы құқықтық және әлеуметтік мемлекет."),
        ("2", "Халық", "Халық мемлекеттік биліктің бірден бір бастауы болып табылады."),
        ("3", "Тілдер", "Мемлекеттік тіл қазақ тілі. Орыс тілі ресми түрде қолданылады."),
    ],
    "II": [
        ("4", "Сайлау", "Президент жеті жыл мерзімге сайланады және қайта сайлана алмайды."),
        ("5", "Парламент", "Парламент заң шығарушы билікті жүзеге асырады және заң қабылдайды."),
    ],
}
V2 = {
    "I": [
        V1["I"][0],
        ("2", "Халық", "Халық мемлекеттік биліктің бірден бір бастауы және референдум өткізеді."),
        V1["I"][2],
    ],
    "II": [
        ("4", "Сайлау", "Президент бес жыл мерзімге сайланады және қайта сайлана алмайды."),
        V1["II"][1],
        ("6", "Құрылтай", "Құрылтай азаматтардың бастамаларын жинап талқылайтын жаңа кеңес."),
    ],
}


def _store_version(
    conn: object, cid: int, version: str, language: str, body: dict, at: datetime
) -> None:
    doc = conn.execute(  # type: ignore[attr-defined]
        insert(documents).values(
            consultation_id=cid,
            version=version,
            language=language,
            source_name=f"{version}.md",
            created_at=at,
        )
    ).inserted_primary_key[0]
    rows, position = [], 0
    for section, items in body.items():
        for number, title, text in items:
            rows.append(
                dict(
                    document_id=doc,
                    position=position,
                    number=number,
                    section=section,
                    title=title,
                    text=text,
                    original=text,
                    points=[],
                    notes=[],
                    article_key=number,
                )
            )
            position += 1
    conn.execute(insert(articles), rows)  # type: ignore[attr-defined]


def seed(db: Database, *, with_versions: bool = True) -> dict[str, int]:
    """Insert the consultation; returns ids of proposals (by index) and groups (by key)."""
    ids: dict[str, int] = {}
    with db.engine.begin() as conn:
        cid = conn.execute(
            insert(consultations).values(slug=SLUG, title="Негізгі заң жобасы", created_at=T0)
        ).inserted_primary_key[0]
        _store_version(conn, cid, "v1", "kk", V1, T0 - timedelta(days=30))
        if with_versions:
            _store_version(conn, cid, "v2", "kk", V2, T0 + timedelta(days=20))
            _store_version(conn, cid, "v2", "ru", V2, T0 + timedelta(days=20, minutes=1))
        for i, p in enumerate(PROPOSALS):
            submitted = datetime(2026, 2, p.day, 8, i, tzinfo=UTC) if p.day else None
            ids[f"p{i}"] = conn.execute(
                insert(proposals).values(
                    consultation_id=cid,
                    channel=p.channel,
                    dedup_key=f"k{i}",
                    text_original=f"{p.text} {NAME}, ЖСН {IIN}, {PHONE}, {EMAIL} {SECRET_WORD}",
                    text_display=p.text,
                    article_raw=p.article,
                    article_number=p.article,
                    region=p.region,
                    submitted_at=submitted,
                    language=p.language,
                    author_name=NAME,
                    author_iin_hash=IIN_HASH,
                    author_phone=PHONE,
                    author_email=EMAIL,
                    receipt_code=f"{RECEIPT_PREFIX}{i:04d}",
                    created_at=T0 + timedelta(minutes=i),
                )
            ).inserted_primary_key[0]
        _seed_runs(conn, cid, ids)
        _seed_groups(conn, cid, ids)
    return ids


def _run(conn: object, cid: int, status: str, finished: datetime | None, at: datetime) -> int:
    return int(
        conn.execute(  # type: ignore[attr-defined]
            insert(runs).values(
                consultation_id=cid,
                params={},
                embedder="hashing",
                model_version="hash-v1",
                seed=7,
                status=status,
                proposals=len(PROPOSALS),
                created_at=at,
                finished_at=finished,
            )
        ).inserted_primary_key[0]
    )


def _seed_runs(conn: object, cid: int, ids: dict[str, int]) -> None:
    old = _run(conn, cid, "finished", T0 + timedelta(days=1), T0 + timedelta(hours=20))
    latest = _run(conn, cid, "finished", T0 + timedelta(days=2), T0 + timedelta(hours=40))
    _run(conn, cid, "running", None, T0 + timedelta(days=3))
    ids["run_old"], ids["run"] = old, latest
    conn.execute(
        insert(themes),
        [  # type: ignore[attr-defined]
            dict(
                run_id=old,
                key="t9",
                size=12,
                label_kk="Ескі",
                label_ru="Старое",
                label_en="Old",
                keywords=["old"],
            ),
            *[
                dict(
                    run_id=latest,
                    key=key,
                    size=sum(p.theme == key for p in PROPOSALS),
                    label_kk=kk,
                    label_ru=ru,
                    label_en=en,
                    keywords=[en.split()[0].lower()],
                )
                for key, (kk, ru, en) in THEMES.items()
            ],
        ],
    )
    first_of: dict[str, int] = {}
    rows = []
    for i, p in enumerate(PROPOSALS):
        pid = ids[f"p{i}"]
        original = first_of.setdefault(p.dup, pid)
        rows.append(
            dict(
                run_id=latest,
                proposal_id=pid,
                language=p.detected,
                script="Cyrl",
                duplicate_group=p.dup,
                duplicate_of=None if original == pid else original,
                campaign_key=p.campaign,
                theme_key=p.theme,
                stance="amend",
                articles=[],
            )
        )
        rows.append(
            dict(
                run_id=old,
                proposal_id=pid,
                language="en",
                script="Cyrl",
                duplicate_group="old",
                duplicate_of=None,
                campaign_key="c-old",
                theme_key="t9",
                stance="amend",
                articles=[],
            )
        )
    conn.execute(insert(analyses), rows)  # type: ignore[attr-defined]


def _seed_groups(conn: object, cid: int, ids: dict[str, int]) -> None:
    for key, (article, theme, campaign, _merged) in GROUPS.items():
        members = [i for i, p in enumerate(PROPOSALS) if p.group == key]
        ids[key] = conn.execute(  # type: ignore[attr-defined]
            insert(groups).values(
                consultation_id=cid,
                key=key,
                run_id=ids["run"],
                representative_id=ids[f"p{members[0]}"] if members else None,
                article_number=article,
                theme_key=theme,
                campaign_key=campaign,
                state="published",
                created_at=T0 + timedelta(days=2),
            )
        ).inserted_primary_key[0]
    for key, (*_rest, merged) in GROUPS.items():
        if merged:
            conn.execute(  # type: ignore[attr-defined]
                groups.update().where(groups.c.id == ids[key]).values(merged_into=ids[merged])
            )
    conn.execute(
        insert(group_members),
        [  # type: ignore[attr-defined]
            dict(proposal_id=ids[f"p{i}"], group_id=ids[p.group], run_id=ids["run"])
            for i, p in enumerate(PROPOSALS)
            if p.group
        ],
    )
    for n, (key, kind, arts, published, current) in enumerate(DECISIONS):
        conn.execute(
            insert(decisions).values(  # type: ignore[attr-defined]
                group_id=ids[key],
                kind=kind,
                articles=arts,
                current=current,
                reasoning_kk=f"Қазақша негіздеме {key}",
                reasoning_ru=f"Обоснование {key}",
                reasoning_en=None,
                decided_at=PUBLISHED - timedelta(days=1, minutes=n),
                published_at=(PUBLISHED - timedelta(minutes=10 - n)) if published else None,
            )
        )
