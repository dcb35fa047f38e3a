"""Who may do what: one table of role × action → reach.

``ALL`` reaches every group of a consultation; ``ASSIGNED`` only the groups whose article,
theme or id is assigned to the user (``assignments`` table). An action missing from a role's
row is refused. Consultation-level actions (listing the queue) with ``ASSIGNED`` reach are
allowed and the listing is narrowed to the assigned groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from talqy.errors import Forbidden
from talqy.review.group_queries import Group


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    REVIEWER = "reviewer"
    COMMISSION = "commission"
    PUBLIC = "public"


class Action(StrEnum):
    VIEW_QUEUE = "view_queue"
    VIEW_GROUP = "view_group"
    VIEW_PERSONAL_DATA = "view_personal_data"
    VIEW_AUDIT = "view_audit"
    ASSIGN = "assign"
    LINK_ARTICLE = "link_article"
    MOVE_PROPOSAL = "move_proposal"
    MERGE_GROUPS = "merge_groups"
    SPLIT_GROUP = "split_group"
    DECIDE = "decide"
    PUBLISH = "publish"
    REOPEN = "reopen"
    MANAGE_USERS = "manage_users"
    MODERATE = "moderate"
    SYSTEMATIZE = "systematize"


class Reach(StrEnum):
    ALL = "all"
    ASSIGNED = "assigned"


# The changes a reviewer makes to a group; with REOPEN, every change a group page offers.
REVIEW_CHANGES = (
    Action.LINK_ARTICLE,
    Action.MOVE_PROPOSAL,
    Action.MERGE_GROUPS,
    Action.SPLIT_GROUP,
    Action.DECIDE,
    Action.PUBLISH,
)
_REVIEW_WORK = (Action.VIEW_QUEUE, Action.VIEW_GROUP, *REVIEW_CHANGES)

PERMISSIONS: dict[Role, dict[Action, Reach]] = {
    Role.ADMIN: {action: Reach.ALL for action in Action},
    Role.SECRETARIAT: {action: Reach.ALL for action in Action if action != Action.MANAGE_USERS},
    Role.REVIEWER: {action: Reach.ASSIGNED for action in _REVIEW_WORK},
    Role.COMMISSION: {
        Action.VIEW_QUEUE: Reach.ALL,
        Action.VIEW_GROUP: Reach.ALL,
        Action.VIEW_AUDIT: Reach.ALL,
        Action.PUBLISH: Reach.ALL,
        Action.REOPEN: Reach.ALL,
    },
    Role.PUBLIC: {},
}

STAFF_ROLES = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.REVIEWER, Role.COMMISSION})


@dataclass(frozen=True)
class Actor:
    """A signed-in person acting in one consultation, with what is assigned to them there."""

    user_id: int
    username: str
    role: Role
    consultation_id: int
    scopes: frozenset[tuple[str, str]] = frozenset()

    def reach(self, action: Action) -> Reach | None:
        return PERMISSIONS[self.role].get(action)

    def may(self, action: Action, group: Group | None = None) -> bool:
        """Whether the actor may do ``action`` (on ``group`` when given)."""
        reach = self.reach(action)
        if reach is None:
            return False
        if reach is Reach.ALL or group is None:
            return True
        return self.covers(group)

    def covers(self, group: Group) -> bool:
        """Whether ``group`` is assigned to the actor by article, theme or id."""
        owned = {
            ("article", group.article_number),
            ("theme", group.theme_key),
            ("group", str(group.id)),
        }
        return bool(owned & self.scopes)

    def listing_scopes(self) -> tuple[tuple[str, str], ...] | None:
        """Scopes that narrow the queue (None: the whole consultation)."""
        if self.reach(Action.VIEW_QUEUE) is Reach.ALL:
            return None
        return tuple(sorted(self.scopes))


def role_may(role: str, action: Action) -> bool:
    """Whether a staff ``role`` may do a consultation-wide ``action`` at all."""
    try:
        return action in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def authorize(actor: Actor, action: Action, group: Group | None = None) -> None:
    """Raise ``Forbidden`` unless ``actor`` may do ``action`` (on ``group``)."""
    if not actor.may(action, group):
        target = f" on group {group.id}" if group is not None else ""
        raise Forbidden(f"{actor.role.value} may not {action.value}{target}", action=action.value)
