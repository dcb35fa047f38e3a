"""One decision for every position (group) of an article or a theme.

Each group gets its own decision row through :func:`talqy.review.decisions.decide` (its own
transaction, version check and audit entry), so every submitter is answered by their group's
decision as usual. Groups that cannot take the decision are left as they are and counted:
already decided or published (the state machine refuses), changed by someone else meanwhile
(version), not assigned to the actor, or lacking what the decision needs (an article).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from talqy.errors import Conflict, Forbidden, InvalidInput
from talqy.review.decisions import check_article, decide, make_verdict
from talqy.review.events import Notifier, audit, log_event
from talqy.review.group_queries import Group, GroupFilter, list_groups
from talqy.review.permissions import Action, Actor, authorize
from talqy.review.states import ReviewState
from talqy.storage.database import Database

SCOPES = ("article", "theme")
MAX_GROUPS = 5_000
SKIP_REASONS = ("already_decided", "changed_meanwhile", "not_allowed", "incomplete")
DECIDABLE = frozenset({ReviewState.NEW, ReviewState.IN_REVIEW, ReviewState.REOPENED})


@dataclass(frozen=True)
class ScopeOutcome:
    """What deciding a whole article or theme did: groups decided, groups skipped by reason."""

    scope: str
    value: str
    decided: list[int]
    skipped: dict[str, list[int]] = field(default_factory=dict)

    @property
    def skipped_count(self) -> int:
        return sum(len(ids) for ids in self.skipped.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "scope": self.scope,
            "value": self.value,
            "decided": self.decided,
            "skipped": {reason: self.skipped.get(reason, []) for reason in SKIP_REASONS},
        }


def scope_groups(db: Database, *, actor: Actor, scope: str, value: str) -> tuple[str, list[Group]]:
    """The article number or theme key checked, and its live groups in id order."""
    if scope not in SCOPES:
        raise InvalidInput("decide for an article or a theme", field="scope")
    value = check_article(value, field="value") if scope == "article" else value.strip()
    if not value or len(value) > 64:
        raise InvalidInput("name the article or theme", field="value")
    where = GroupFilter(article=value) if scope == "article" else GroupFilter(theme=value)
    rows, _ = list_groups(db, consultation_id=actor.consultation_id, where=where, limit=MAX_GROUPS)
    return value, sorted((row.group for row in rows), key=lambda group: group.id)


def _reason(actor: Actor, group: Group) -> str | None:
    """Why ``group`` cannot take a decision now (None: it can)."""
    if not actor.may(Action.DECIDE, group):
        return "not_allowed"
    if group.state not in DECIDABLE:  # decided or published: reopen it first
        return "already_decided"
    return None


def decide_scope(
    db: Database,
    *,
    actor: Actor,
    scope: str,
    value: str,
    kind: str,
    reasoning: Mapping[str, str | None],
    articles: Iterable[str] = (),
    notify: Notifier = log_event,
) -> ScopeOutcome:
    """Decide every group of an article or a theme that can take the decision."""
    authorize(actor, Action.DECIDE)
    value, found = scope_groups(db, actor=actor, scope=scope, value=value)
    if found and not any(actor.may(Action.DECIDE, group) for group in found):
        raise Forbidden(
            f"{actor.role.value} may decide no group of {scope} {value}", action="decide"
        )
    wanted = list(articles)
    if found:  # refuse a bad decision before deciding anything
        make_verdict(kind=kind, reasoning=reasoning, articles=wanted, group=found[0])
    decided: list[int] = []
    skipped: dict[str, list[int]] = {}
    for group in found:
        reason = _reason(actor, group)
        if reason is None:
            reason = _decide_one(db, actor, group, kind, reasoning, wanted, notify)
        if reason is None:
            decided.append(group.id)
        else:
            skipped.setdefault(reason, []).append(group.id)
    outcome = ScopeOutcome(scope, value, decided, skipped)
    _audit_summary(db, actor, outcome, kind, notify)
    return outcome


def _decide_one(
    db: Database,
    actor: Actor,
    group: Group,
    kind: str,
    reasoning: Mapping[str, str | None],
    articles: list[str],
    notify: Notifier,
) -> str | None:
    try:
        decide(
            db,
            actor=actor,
            group_id=group.id,
            version=group.version,
            kind=kind,
            reasoning=reasoning,
            articles=articles,
            notify=notify,
        )
    except Conflict:
        return "changed_meanwhile"
    except Forbidden:
        return "not_allowed"
    except InvalidInput:
        return "incomplete"
    return None


def _audit_summary(
    db: Database, actor: Actor, outcome: ScopeOutcome, kind: str, notify: Notifier
) -> None:
    details = {
        "scope": outcome.scope,
        "value": outcome.value,
        "kind": kind,
        "decided": len(outcome.decided),
        "skipped": outcome.skipped_count,
    }
    with db.engine.begin() as conn:
        event = audit(
            conn,
            actor,
            action="decide_scope",
            object_kind=outcome.scope,
            object_id=outcome.value,
            details=details,
        )
    notify(event)
