"""Demo staff accounts and a first round of decisions, so every page has something to show."""

from __future__ import annotations

from dataclasses import dataclass

from talqy.errors import Conflict, NotFound
from talqy.review.accounts import actor_for, create_user
from talqy.review.decision_kinds import DecisionKind
from talqy.review.decisions import decide, publish
from talqy.review.grouping import assign
from talqy.review.queue import review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.review.user_queries import find_user
from talqy.storage.database import Database

# Demo-only credentials, printed by `talqy demo`; a real deployment creates its own users.
DEMO_USERS = (
    ("admin", "admin", "Әкімші", "demo-admin-2026"),
    ("secretariat", "secretariat", "Хатшылық", "demo-secretariat-2026"),
    ("reviewer", "reviewer", "Жұмыс тобы", "demo-reviewer-2026"),
    ("commission", "commission", "Комиссия мүшесі", "demo-commission-2026"),
)
# The order the demo cycles through decision kinds.
KINDS = (
    DecisionKind.ACCEPTED,
    DecisionKind.PARTIALLY_ACCEPTED,
    DecisionKind.REJECTED,
    DecisionKind.ALREADY_COVERED,
    DecisionKind.OUT_OF_SCOPE,
)
REASONING = {
    "accepted": {
        "kk": "Ұсыныс қабылданды: баптың жаңа редакциясына енгізілді.",
        "ru": "Предложение принято: учтено в новой редакции статьи.",
        "en": "Accepted: reflected in the new wording of the article.",
    },
    "partially_accepted": {
        "kk": "Ұсыныс ішінара қабылданды: негізгі идеясы ескерілді.",
        "ru": "Предложение принято частично: учтена основная идея.",
        "en": "Partially accepted: the main idea is reflected.",
    },
    "rejected": {
        "kk": "Ұсыныс қабылданбады: Негізгі заңның басқа ережелеріне қайшы келеді.",
        "ru": "Предложение отклонено: противоречит другим нормам Основного закона.",
        "en": "Rejected: it conflicts with other provisions of the Basic Law.",
    },
    "already_covered": {
        "kk": "Бұл мәселе жобада бұрыннан қамтылған.",
        "ru": "Этот вопрос уже урегулирован в проекте.",
        "en": "This is already covered by the draft.",
    },
    "out_of_scope": {
        "kk": "Ұсыныс Негізгі заңның реттеу мәніне жатпайды.",
        "ru": "Предложение не относится к предмету регулирования Основного закона.",
        "en": "Out of the scope of the Basic Law.",
    },
}


@dataclass(frozen=True)
class StaffSummary:
    users_created: int
    decided: int
    published: int


def ensure_users(db: Database) -> int:
    created = 0
    for username, role, name, password in DEMO_USERS:
        try:
            find_user(db, username)
        except NotFound:
            create_user(db, username=username, role=role, password=password, display_name=name)
            created += 1
    return created


def decide_largest_groups(
    db: Database, *, consultation: str, decide_count: int = 15, publish_count: int = 10
) -> tuple[int, int]:
    """Decide the largest new groups (cycling through decision kinds) and publish some."""
    actor = actor_for(db, user=find_user(db, "secretariat"), consultation=consultation)
    queue = review_queue(db, actor=actor, where=QueueFilter(state="new"), limit=decide_count)
    decided = published = 0
    for i, row in enumerate(queue.rows):
        kind = KINDS[i % len(KINDS)]
        articles = [row.group.article_number] if row.group.article_number else ["1"]
        try:
            group = decide(
                db,
                actor=actor,
                group_id=row.group.id,
                kind=kind,
                reasoning=REASONING[kind],
                articles=articles,
            )
            decided += 1
            if i < publish_count:
                publish(db, actor=actor, group_id=group.id)
                published += 1
        except Conflict:
            continue
    return decided, published


def assign_reviewer(db: Database, *, consultation: str, articles: tuple[str, ...]) -> None:
    actor = actor_for(db, user=find_user(db, "admin"), consultation=consultation)
    for number in articles:
        try:
            assign(db, actor=actor, username="reviewer", scope="article", value=number)
        except Conflict:
            continue
