"""Review states of a proposal group and the transitions between them.

::

    new ──► in_review ──► decided ──► published
                ▲            │  ▲         │
                │            ▼  │         │
                └──────── reopened ◄──────┘

Deciding and publishing are separate steps: a decision is visible to citizens only once its
group is ``published``. A ``new`` group may be decided directly; it passes through
``in_review`` on the way (both steps are in the table).
"""

from __future__ import annotations

from enum import StrEnum

from talqy.errors import Conflict


class ReviewState(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    PUBLISHED = "published"
    REOPENED = "reopened"


# English message ids of the states (catalogue ``review.po``), translated where shown.
REVIEW_STATE_LABELS: dict[str, str] = {
    ReviewState.NEW: "New",
    ReviewState.IN_REVIEW: "In review",
    ReviewState.DECIDED: "Decided",
    ReviewState.PUBLISHED: "Published",
    ReviewState.REOPENED: "Reopened",
}

TRANSITIONS: dict[ReviewState, frozenset[ReviewState]] = {
    ReviewState.NEW: frozenset({ReviewState.IN_REVIEW}),
    ReviewState.IN_REVIEW: frozenset({ReviewState.DECIDED}),
    ReviewState.DECIDED: frozenset({ReviewState.PUBLISHED, ReviewState.REOPENED}),
    ReviewState.PUBLISHED: frozenset({ReviewState.REOPENED}),
    ReviewState.REOPENED: frozenset({ReviewState.IN_REVIEW, ReviewState.DECIDED}),
}


class PublicStatus(StrEnum):
    """What a citizen is told: nothing about a decision before it is published."""

    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    PUBLISHED = "published"


# The one vocabulary for a proposal's public status: pages, the JSON API and exports.
PUBLIC_STATUS_LABELS: dict[str, str] = {
    PublicStatus.RECEIVED: "Received",
    PublicStatus.UNDER_REVIEW: "Under review",
    PublicStatus.PUBLISHED: "Answer published",
}


def path_to(current: ReviewState, target: ReviewState) -> list[ReviewState]:
    """The states a group passes through from ``current`` to ``target`` (at most two steps).

    Raises ``Conflict`` when the table allows no such path.
    """
    if target in TRANSITIONS[current]:
        return [target]
    for middle in sorted(TRANSITIONS[current]):
        if target in TRANSITIONS[middle] and middle is ReviewState.IN_REVIEW:
            return [middle, target]
    raise Conflict(
        f"a group that is {current.value} cannot become {target.value}",
        field="state",
        state=current.value,
    )


def public_status(state: str | None) -> PublicStatus:
    """The citizen-facing status of a proposal whose group is in ``state`` (None: no group)."""
    if state is None:
        return PublicStatus.RECEIVED
    if state == ReviewState.PUBLISHED:
        return PublicStatus.PUBLISHED
    return PublicStatus.UNDER_REVIEW
