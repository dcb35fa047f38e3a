"""Demo commission sessions: members, attendance, agenda and minutes for a consultation.

``build_commission_demo`` adds commission sessions, members and attendance to a consultation,
with agenda items linked to the draft's articles and to proposal groups. Seeded and
idempotent: a second run adds nothing.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from talqy.demo.foresight import session_row, trilingual
from talqy.sessions.attendance import add_members, record_attendance
from talqy.sessions.exports import SESSION_COLUMNS
from talqy.sessions.imports import import_sessions
from talqy.sessions.meetings import import_minutes, record_session_decision
from talqy.sessions.session_queries import (
    draft_article_numbers,
    group_ids,
    list_agenda,
    list_sessions,
)
from talqy.sessions.spreadsheets import write_sheet
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database

FIRST = (
    "Айгүл",
    "Бауыржан",
    "Ержан",
    "Гүлнар",
    "Дархан",
    "Жанар",
    "Қайрат",
    "Мәдина",
    "Нұрлан",
    "Сәуле",
    "Талғат",
    "Әсел",
    "Серік",
    "Динара",
    "Арман",
    "Ләззат",
    "Марат",
    "Әйгерім",
    "Ерлан",
    "Жұлдыз",
)
FEMALE = {
    "Айгүл",
    "Гүлнар",
    "Жанар",
    "Мәдина",
    "Сәуле",
    "Әсел",
    "Динара",
    "Ләззат",
    "Әйгерім",
    "Жұлдыз",
}
LAST = (
    "Омаров",
    "Сейітов",
    "Жақсылықов",
    "Әбенов",
    "Тоқтаров",
    "Иманбаев",
    "Құлжанов",
    "Серікбаев",
    "Нұрпейісов",
    "Бекмұханов",
    "Ахметов",
    "Дәулетов",
)


def commission_member_names(count: int = 130, seed: int = 0) -> list[str]:
    rng = random.Random(seed + 2)
    pairs = [(f, s) for f in FIRST for s in LAST]
    rng.shuffle(pairs)
    return [f"{first} {last}{'а' if first in FEMALE else ''}" for first, last in pairs[:count]]


def build_commission_demo(db: Database, *, consultation_slug: str, seed: int = 0) -> int:
    """Add commission sessions to a consultation (idempotent); returns sessions created now."""
    found = get_consultation(db, consultation_slug)
    articles = draft_article_numbers(db, found.id) or [str(n) for n in range(1, 31)]
    groups = group_ids(db, found.id)
    rng = random.Random(seed + 3)
    rows = _commission_rows(rng, articles, groups)
    with tempfile.TemporaryDirectory(prefix="talqy-commission-") as folder:
        path = Path(folder) / "sessions.csv"
        write_sheet(path, SESSION_COLUMNS, rows)
        report = import_sessions(db, path=path, consultation=found.slug)
    if report.created:
        _commission_records(db, found.slug, found.id, rng)
    return sum(1 for row in rows if row["record"] == "session") if report.created else 0


def _commission_rows(rng: random.Random, articles: list[str], groups: list[int]) -> list[dict]:
    plan = [
        ("commission", 1),
        ("commission", 2),
        ("working_group", 1),
        ("commission", 3),
        ("public_hearing", 1),
        ("commission", 4),
    ]
    names = {
        "commission": ("Комиссия отырысы", "Заседание комиссии", "Commission meeting"),
        "working_group": ("Жұмыс тобы", "Рабочая группа", "Working group"),
        "public_hearing": ("Қоғамдық тыңдау", "Общественные слушания", "Public hearing"),
    }
    rows: list[dict] = []
    for n, (kind, index) in enumerate(plan):
        key = f"cs-{n + 1:02d}"
        kk, ru, en = names[kind]
        held = date(2025, 9, 2) + timedelta(days=7 * n)
        rows.append(
            session_row(
                key,
                kind,
                held,
                trilingual(f"{kk} №{index}", f"{ru} №{index}", f"{en} No. {index}"),
                place="Астана, Ақорда",
                region="astana",
                sector="",
            )
        )
        rows[-1]["broadcast_url"] = f"https://video.example.kz/commission/{key}"
        offset = 0
        for position in range(1, rng.randint(4, 6) + 1):
            offset += rng.randint(300, 1800)
            article = rng.choice(articles)
            group = rng.choice(groups) if groups and rng.random() < 0.5 else ""
            rows.append(
                {
                    "record": "agenda",
                    "session": key,
                    "position": position,
                    **trilingual(
                        f"{article}-бапты талқылау",
                        f"Обсуждение статьи {article}",
                        f"Discussion of Article {article}",
                    ),
                    "article": article,
                    "group": group,
                    "broadcast_time": offset,
                }
            )
    return rows


def _commission_records(db: Database, slug: str, consultation_id: int, rng: random.Random) -> None:
    names = commission_member_names(seed=rng.randrange(1000))
    roles = ["chair", "deputy_chair", "deputy_chair", "secretary"] + ["member"] * len(names)
    people = [(name, role, None) for name, role in zip(names, roles, strict=False)]
    ids = add_members(db, people=people, consultation=slug)
    for session in list_sessions(db, consultation_id=consultation_id):
        marks = {m: rng.choices(("present", "remote", "absent"), (85, 8, 7))[0] for m in ids}
        record_attendance(db, session_id=session.id, marks=marks)
        agenda = list_agenda(db, session.id)
        minutes = "\n".join(f"{item.position}. {item.title('kk')}" for item in agenda)
        import_minutes(db, session_id=session.id, text=f"{session.title('kk')}\n\n{minutes}\n")
        if agenda:
            record_session_decision(
                db,
                session_id=session.id,
                agenda_item_id=agenda[0].id,
                texts=trilingual(
                    "Ұсыныстар жұмыс тобына жіберілді.",
                    "Предложения направлены в рабочую группу.",
                    "Proposals referred to the working group.",
                    prefix="text",
                ),
            )
