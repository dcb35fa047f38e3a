"""Deciding on groups and publishing decisions: decide, bulk decide, publish, reopen.

Each command: validate (permission, input, transition) → one transaction (version-checked group
update, the change, its audit entry) → notify. A decision belongs to the group; every member,
including one added later, is answered by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from talqy.errors import InvalidInput
from talqy.i18n import LANGUAGES
from talqy.review.decision_kinds import DECISION_KINDS
from talqy.review.decision_queries import insert_decision, mark_published
from talqy.review.events import (
    Notifier,
    ReviewEvent,
    audit,
    expect_version,
    load_authorized_group,
    log_event,
)
from talqy.review.group_queries import Group, bump_group, get_group
from talqy.review.permissions import Action, Actor
from talqy.review.states import ReviewState, path_to
from talqy.storage.database import Database

ARTICLE = re.compile(r"^[0-9]{1,4}(?:-[0-9]{1,3})?$")
MAX_REASONING = 10_000
MOVES = {Action.PUBLISH: ReviewState.PUBLISHED, Action.REOPEN: ReviewState.REOPENED}


@dataclass(frozen=True)
class Verdict:
    """A validated decision: kind, reasoning per language, articles concerned."""

    kind: str
    reasoning: dict[str, str]
    articles: tuple[str, ...]


def check_article(value: str, *, field: str = "article") -> str:
    number = value.strip()
    if not ARTICLE.match(number):
        raise InvalidInput(f"not an article number: {number[:20]!r}", field=field)
    return number


def make_verdict(
    *, kind: str, reasoning: Mapping[str, str | None], articles: Iterable[str], group: Group
) -> Verdict:
    """Check a decision: a known kind, reasoning in kk or ru, the article(s) it concerns."""
    if kind not in DECISION_KINDS:
        raise InvalidInput(f"unknown decision {kind!r}", field="kind")
    unknown = set(reasoning) - set(LANGUAGES)
    if unknown:
        raise InvalidInput("reasoning languages are kk, ru and en", field="reasoning")
    texts = {code: (text or "").strip() for code, text in reasoning.items()}
    texts = {code: text for code, text in texts.items() if text}
    if not (texts.get("kk") or texts.get("ru")):
        raise InvalidInput("give the reasoning in Kazakh or Russian", field="reasoning")
    if any(len(text) > MAX_REASONING for text in texts.values()):
        raise InvalidInput(
            f"reasoning is longer than {MAX_REASONING} characters", field="reasoning"
        )
    numbers = [check_article(a, field="articles") for a in articles if a and a.strip()]
    if not numbers and group.article_number:
        numbers = [group.article_number]
    if not numbers and kind != "out_of_scope":
        raise InvalidInput("name the article(s) the decision concerns", field="articles")
    return Verdict(kind, texts, tuple(dict.fromkeys(numbers)))


def decide(
    db: Database,
    *,
    actor: Actor,
    group_id: int,
    kind: str,
    reasoning: Mapping[str, str | None],
    articles: Iterable[str] = (),
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Record the decision on a group (not yet visible to citizens: see :func:`publish`)."""
    return bulk_decide(
        db,
        actor=actor,
        items=[(group_id, version)],
        kind=kind,
        reasoning=reasoning,
        articles=articles,
        notify=notify,
    )[0]


def bulk_decide(
    db: Database,
    *,
    actor: Actor,
    items: Sequence[tuple[int, int | None]],
    kind: str,
    reasoning: Mapping[str, str | None],
    articles: Iterable[str] = (),
    notify: Notifier = log_event,
) -> list[Group]:
    """One decision for many groups at once: all are decided, or none (one transaction)."""
    if not items:
        raise InvalidInput("choose at least one group", field="groups")
    if len({gid for gid, _ in items}) != len(items):
        raise InvalidInput("a group is listed twice", field="groups")
    wanted = list(articles)
    planned = []
    for group_id, version in items:
        group = load_authorized_group(db, actor, group_id, Action.DECIDE)
        expected = expect_version(group, version)  # a stale page hears "changed", not "illegal"
        verdict = make_verdict(kind=kind, reasoning=reasoning, articles=wanted, group=group)
        steps = path_to(ReviewState(group.state), ReviewState.DECIDED)
        planned.append((group, expected, verdict, steps))
    events: list[ReviewEvent] = []
    with db.engine.begin() as conn:
        for group, expected, verdict, steps in planned:
            new_version = bump_group(conn, group_id=group.id, version=expected, state="decided")
            decision_id = insert_decision(
                conn,
                group_id=group.id,
                kind=verdict.kind,
                reasoning=verdict.reasoning,
                articles=verdict.articles,
                decided_by=actor.user_id,
            )
            details = {
                "decision": decision_id,
                "kind": verdict.kind,
                "articles": list(verdict.articles),
                "languages": sorted(verdict.reasoning),
                "from": group.state,
                "via": [s.value for s in steps[:-1]],
                "version": new_version,
                "bulk": len(items) > 1,
            }
            events.append(audit(conn, actor, action="decide", object_id=group.id, details=details))
    for event in events:
        notify(event)
    return [get_group(db, group.id) for group, *_ in planned]


def _move(
    db: Database,
    action: Action,
    *,
    actor: Actor,
    group_id: int,
    version: int | None,
    notify: Notifier,
    reason: str | None = None,
) -> Group:
    """Take a group to the state ``MOVES[action]``: the shared core of publish and reopen."""
    target = MOVES[action]
    group = load_authorized_group(db, actor, group_id, action)
    expected = expect_version(group, version)
    path_to(ReviewState(group.state), target)
    if reason is not None and len(reason) > MAX_REASONING:
        raise InvalidInput("the reason is too long", field="reason")
    with db.engine.begin() as conn:
        new_version = bump_group(conn, group_id=group.id, version=expected, state=target.value)
        details: dict[str, object] = {"from": group.state, "version": new_version}
        if target is ReviewState.PUBLISHED:
            details["decisions_published"] = mark_published(
                conn, group_id=group.id, user_id=actor.user_id
            )
        if reason:
            details["reason"] = reason.strip()
        event = audit(conn, actor, action=action.value, object_id=group.id, details=details)
    notify(event)
    return get_group(db, group.id)


def publish(
    db: Database,
    *,
    actor: Actor,
    group_id: int,
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Make a decided group's decision visible to citizens (a separate step from deciding)."""
    return _move(db, Action.PUBLISH, actor=actor, group_id=group_id, version=version, notify=notify)


def reopen(
    db: Database,
    *,
    actor: Actor,
    group_id: int,
    version: int | None = None,
    reason: str | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Take a decided or published group back into review."""
    return _move(
        db,
        Action.REOPEN,
        actor=actor,
        group_id=group_id,
        version=version,
        notify=notify,
        reason=reason,
    )
