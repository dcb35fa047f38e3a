"""Decision kinds: the one definition of what a working group may answer a proposal group.

Every room uses this vocabulary: the review commands validate against it, the schema checks
it, the web pages, the report, the receipt status and the demo label it. Labels are English
message ids translated through the kk / ru / en catalogues: :data:`DECISION_KIND_LABELS` stand
on their own (a table cell, a select option), :data:`DECISION_KIND_PHRASES` are read inside a
sentence (a receipt's status).
"""

from __future__ import annotations

from enum import StrEnum

from talqy.i18n import gettext


class DecisionKind(StrEnum):
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    REJECTED = "rejected"
    OUT_OF_SCOPE = "out_of_scope"
    ALREADY_COVERED = "already_covered"


DECISION_KINDS: tuple[str, ...] = tuple(kind.value for kind in DecisionKind)

DECISION_KIND_LABELS: dict[str, str] = {
    DecisionKind.ACCEPTED: "Accepted",
    DecisionKind.PARTIALLY_ACCEPTED: "Partially accepted",
    DecisionKind.REJECTED: "Rejected",
    DecisionKind.OUT_OF_SCOPE: "Out of scope",
    DecisionKind.ALREADY_COVERED: "Already covered",
}
DECISION_KIND_PHRASES: dict[str, str] = {
    DecisionKind.ACCEPTED: "accepted",
    DecisionKind.PARTIALLY_ACCEPTED: "partially accepted",
    DecisionKind.REJECTED: "rejected",
    DecisionKind.OUT_OF_SCOPE: "out of scope",
    DecisionKind.ALREADY_COVERED: "already covered",
}


def decision_kind_label(language: str, kind: str) -> str:
    """The label of ``kind`` in ``language``; an unknown kind is returned as it is."""
    return gettext(language, DECISION_KIND_LABELS[kind]) if kind in DECISION_KIND_LABELS else kind


def decision_kind_phrase(language: str, kind: str) -> str:
    """``kind`` as read inside a sentence in ``language``; an unknown kind as it is."""
    return gettext(language, DECISION_KIND_PHRASES[kind]) if kind in DECISION_KIND_PHRASES else kind
