"""What the public sees: figures, the draft with proposal counts, receipts, the published table.

Nothing here reveals a decision before it is published, nor any personal data. A citizen's
status is computed from the group their proposal belongs to and that group's current decision,
never copied onto the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from talqy.errors import NotFound
from talqy.i18n import LANGUAGES
from talqy.intake.receipts import normalize_receipt_code
from talqy.plain import record_dict
from talqy.reports.queries import count_proposals, proposals_per_article
from talqy.review.decision_queries import Decision, current_decision, current_decisions
from talqy.review.group_queries import (
    GroupFilter,
    count_groups,
    get_group,
    list_groups,
    member_languages,
    receipt_row,
    theme_labels,
)
from talqy.review.states import PublicStatus, ReviewState, public_status
from talqy.storage.consultations import Consultation, get_consultation
from talqy.storage.database import Database
from talqy.storage.documents import StoredArticle, list_articles, list_documents


@dataclass(frozen=True)
class Figures:
    proposals: int
    groups: int
    decided: int
    published: int


@dataclass(frozen=True)
class Answer:
    """A published decision as read in one language."""

    kind: str
    reasoning: str | None
    language: str | None
    fallback: bool
    articles: tuple[str, ...]
    decided_by: str | None
    published_at: datetime | None

    def to_dict(self) -> dict[str, object]:
        return record_dict(self, rename={"language": "reasoning_language"})


def answer_in(decision: Decision, language: str) -> Answer:
    """The decision with its reasoning in ``language``, or another one (``fallback`` says so)."""
    found = decision.reasoning_in(language)
    used, text = found if found else (None, None)
    return Answer(
        decision.kind,
        text,
        used,
        used is not None and used != language,
        decision.articles,
        decision.decided_by,
        decision.published_at,
    )


def consultation_figures(db: Database, *, consultation: str) -> tuple[Consultation, Figures]:
    """Proposals received, groups formed, groups decided and groups published."""
    found = get_consultation(db, consultation)
    states = count_groups(db, consultation_id=found.id, by="state")
    published = states.get(ReviewState.PUBLISHED, 0)
    figures = Figures(
        proposals=count_proposals(db, consultation_id=found.id),
        groups=sum(states.values()),
        decided=states.get(ReviewState.DECIDED, 0) + published,
        published=published,
    )
    return found, figures


@dataclass(frozen=True)
class DraftPage:
    """Articles of the draft in the language asked for, or the first language that has them."""

    consultation: Consultation
    language: str | None
    fallback: bool
    articles: list[StoredArticle]
    proposals: dict[str | None, int]
    version: str | None = None  # the draft version these articles come from
    latest: str | None = None  # the newest version stored in any language, when newer
    latest_language: str | None = None  # a language that has it

    @property
    def lags(self) -> bool:
        """Whether a newer version exists in another language than the one shown."""
        return self.latest is not None


def _articles(db: Database, consultation: str, language: str) -> tuple[StoredArticle, ...]:
    """The stored articles, parsed once per stored version (the draft changes rarely)."""
    stamp = tuple((d.id, d.articles, d.created_at) for d in list_documents(db, consultation))
    return _stored_articles(db, consultation, language, stamp)


@lru_cache(maxsize=32)
def _stored_articles(
    db: Database, consultation: str, language: str, stamp: tuple[object, ...]
) -> tuple[StoredArticle, ...]:
    return tuple(list_articles(db, consultation, language=language))


def _newer_version(
    db: Database, consultation: str, shown: str | None
) -> tuple[str | None, str | None]:
    """The newest version (the one first stored last) and a language of it, if not ``shown``."""
    first_seen: dict[str, str] = {}
    for stored in list_documents(db, consultation):
        first_seen.setdefault(stored.version, stored.language)
    if not first_seen:
        return None, None
    newest = list(first_seen)[-1]
    return (newest, first_seen[newest]) if newest != shown else (None, None)


def draft_articles(db: Database, *, consultation: str, language: str) -> DraftPage:
    found = get_consultation(db, consultation)
    for code in (language, *(c for c in LANGUAGES if c != language)):
        rows = list(_articles(db, consultation, code))
        if rows:
            counts = proposals_per_article(db, consultation_id=found.id)
            version = rows[0].version
            return DraftPage(
                found,
                code,
                code != language,
                rows,
                counts,
                version,
                *_newer_version(db, consultation, version),
            )
    return DraftPage(found, None, False, [], {})


def draft_article(
    db: Database, *, consultation: str, number: str, language: str
) -> tuple[DraftPage, StoredArticle]:
    """One article (in the page's language when available) and the page it belongs to."""
    page = draft_articles(db, consultation=consultation, language=language)
    for article in page.articles:
        if article.number == number:
            return page, article
    raise NotFound(f"no article {number}", field="number")


@dataclass(frozen=True)
class ReceiptView:
    code: str
    consultation: str
    received_at: datetime
    status: PublicStatus
    article: str | None
    text: str
    group_id: int | None
    answer: Answer | None

    def to_dict(self) -> dict[str, object]:
        return {
            "receipt_code": self.code,
            "consultation": self.consultation,
            "received_at": self.received_at.isoformat(),
            "status": self.status.value,
            "article": self.article,
            "group": self.group_id,
            "answer": self.answer.to_dict() if self.answer else None,
        }


def receipt_view(db: Database, *, code: str, language: str) -> ReceiptView:
    """The status behind a receipt code, and the published answer in the reader's language."""
    normalized = normalize_receipt_code(code or "")
    if normalized is None:
        raise NotFound("no proposal with this receipt code", field="code")
    row = receipt_row(db, normalized)
    group = get_group(db, row.group_id) if row.group_id is not None else None
    status = public_status(group.state if group else None)
    answer = None
    if group is not None and status is PublicStatus.PUBLISHED:
        decision = current_decision(db, group.id)
        answer = answer_in(decision, language) if decision else None
    return ReceiptView(
        normalized,
        row.consultation_slug,
        row.received_at,
        status,
        group.article_number if group and group.article_number else row.article_number,
        row.text,
        group.id if status is PublicStatus.PUBLISHED and group else None,
        answer,
    )


@dataclass(frozen=True)
class TableRow:
    group_id: int
    text: str | None
    members: int
    article: str | None
    theme: str | None
    answer: Answer

    def to_dict(self) -> dict[str, object]:
        names = {"group_id": "group", "text": "representative_text", "answer": "decision"}
        return record_dict(self, rename=names)


@dataclass(frozen=True)
class PublishedTable:
    consultation: Consultation
    rows: list[TableRow]
    total: int
    themes: dict[str, str]


def published_table(
    db: Database,
    *,
    consultation: str,
    language: str,
    article: str | None = None,
    decision: str | None = None,
    theme: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> PublishedTable:
    """The systematization table: published groups → article → decision → reasoning → who."""
    found = get_consultation(db, consultation)
    where = GroupFilter(
        article=article or None,
        theme=theme or None,
        decision=decision or None,
        states=(ReviewState.PUBLISHED.value,),
    )
    listed, total = list_groups(
        db, consultation_id=found.id, where=where, limit=limit, offset=offset
    )
    decided = current_decisions(db, [row.group.id for row in listed])
    labels = theme_labels(db, consultation_id=found.id)
    themes = {key: label.get(language) or label.get("kk") or key for key, label in labels.items()}
    rows = [
        TableRow(
            row.group.id,
            row.representative_text,
            row.members,
            row.group.article_number,
            themes.get(row.group.theme_key or "", row.group.theme_key),
            answer_in(decided[row.group.id], language),
        )
        for row in listed
        if row.group.id in decided
    ]
    return PublishedTable(found, rows, total, themes)


@dataclass(frozen=True)
class PublicGroup:
    consultation: Consultation
    row: TableRow
    languages: dict[str, int]


def public_group(db: Database, *, consultation: str, group_id: int, language: str) -> PublicGroup:
    """A published group; any other group does not exist for the public."""
    found = get_consultation(db, consultation)
    group = get_group(db, group_id)
    decision = current_decision(db, group_id)
    if (
        group.consultation_id != found.id
        or group.state != ReviewState.PUBLISHED
        or decision is None
    ):
        raise NotFound(f"no published group {group_id}", field="group")
    labels = theme_labels(db, consultation_id=found.id).get(group.theme_key or "", {})
    only = GroupFilter(scopes=(("group", str(group_id)),))
    listed, _ = list_groups(db, consultation_id=found.id, where=only)
    row = TableRow(
        group.id,
        listed[0].representative_text if listed else None,
        listed[0].members if listed else 0,
        group.article_number,
        labels.get(language) or labels.get("kk") or group.theme_key,
        answer_in(decision, language),
    )
    return PublicGroup(found, row, member_languages(db, group.id))
