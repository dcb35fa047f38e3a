"""How much of the draft changed between its first and latest versions, and why.

Each changed article is linked to the published decisions whose ``articles`` list names it
(by its number in either version).
"""

from __future__ import annotations

from collections.abc import Sequence

from talqy.documents.diff import ArticlePair, DocumentDiff, diff_documents
from talqy.i18n import LANGUAGES
from talqy.reports import labels
from talqy.reports import queries as q
from talqy.reports.model import ChangedArticle, Changes, DecisionRef
from talqy.review.decision_kinds import decision_kind_label
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.storage.documents import load_document


def pick_reasoning(reasoning: dict[str, str], language: str) -> str | None:
    """The reasoning in ``language``, else in the first of kk, ru, en that has it."""
    for code in (language, *LANGUAGES):
        if reasoning.get(code):
            return reasoning[code]
    return None


def _common_language(old: Sequence[str], new: Sequence[str], wanted: str) -> str | None:
    for code in (wanted, *LANGUAGES, *sorted(old)):
        if code in old and code in new:
            return code
    return None


def compare_versions(
    db: Database, *, consultation: str, language: str
) -> tuple[str, str, str, DocumentDiff] | None:
    """(old version, new version, language compared, diff) of the first and latest versions.

    The language is ``language`` when both versions have it, else the first they share; None
    with fewer than two versions or no shared language.
    """
    parent = get_consultation(db, consultation)
    versions = q.draft_versions(db, consultation_id=parent.id)
    if len(versions) < 2:
        return None
    (old_version, old_langs), (new_version, new_langs) = versions[0], versions[-1]
    common = _common_language(old_langs, new_langs, language)
    if common is None:
        return None
    old = load_document(db, consultation, version=old_version, language=common)
    new = load_document(db, consultation, version=new_version, language=common)
    return old_version, new_version, common, diff_documents(old, new)


def build_changes(
    db: Database, *, consultation: str, language: str, groups: Sequence[q.GroupRow]
) -> Changes | None:
    """Change statistics of first → latest version; None with fewer than two versions."""
    compared = compare_versions(db, consultation=consultation, language=language)
    if compared is None:
        return None
    old_version, new_version, common, diff = compared
    refs = _decision_refs(groups, language)
    changed = [pair for pair in diff.pairs if pair.status.value != "unchanged"]
    return Changes(
        old_version=old_version,
        new_version=new_version,
        language=common,
        old_articles=diff.old_articles,
        new_articles=diff.new_articles,
        counts={status: diff.count(status) for status in labels.CHANGE_STATUSES},
        articles_changed=len(changed),
        changed_share=round(diff.changed_share, 4),
        changed_words=diff.changed_words,
        new_words=diff.new_words,
        articles=tuple(_changed(pair, refs, language) for pair in changed),
    )


def _decision_refs(groups: Sequence[q.GroupRow], language: str) -> dict[str, list[DecisionRef]]:
    by_article: dict[str, list[DecisionRef]] = {}
    for row in groups:
        if row.decision is None:
            continue
        ref = DecisionRef(
            group=row.key,
            kind=row.decision,
            label=decision_kind_label(language, row.decision),
            reasoning=pick_reasoning(row.reasoning, language),
            published_at=row.published_at,
        )
        for number in dict.fromkeys(row.decision_articles):
            by_article.setdefault(number, []).append(ref)
    return by_article


def _changed(
    pair: ArticlePair, refs: dict[str, list[DecisionRef]], language: str
) -> ChangedArticle:
    numbers = [n for n in dict.fromkeys((pair.new_number, pair.old_number)) if n is not None]
    found: dict[str, DecisionRef] = {}
    for number in numbers:
        for ref in refs.get(number, []):
            found.setdefault(ref.group, ref)
    return ChangedArticle(
        old_number=pair.old_number,
        new_number=pair.new_number,
        status=pair.status.value,
        label=labels.status_label(language, pair.status.value),
        similarity=round(pair.similarity, 4),
        changed_words=pair.changed_words,
        decisions=tuple(sorted(found.values(), key=lambda ref: ref.group)),
    )
