"""What the group page shows beyond the group itself: similar positions to merge with one
click, and proposals found by text to move into the group."""

from __future__ import annotations

from typing import Any

from talqy.review.permissions import Action, Actor
from talqy.review.queue import GroupDetail
from talqy.review.similar_groups import similar_groups
from talqy.review.states import ReviewState
from talqy.review.unplaced import find_proposals
from talqy.storage.database import Database

MAX_FIND = 200


def group_tools(db: Database, actor: Actor, detail: GroupDetail, find: str) -> dict[str, Any]:
    """Similar groups (with which of them the actor may merge here) and search results."""
    group = detail.group
    open_here = group.state != ReviewState.PUBLISHED and group.merged_into is None
    similar = similar_groups(db, actor=actor, group_id=group.id)
    mergeable = {
        item.row.group.id
        for item in similar
        if open_here
        and actor.may(Action.MERGE_GROUPS, group)
        and actor.may(Action.MERGE_GROUPS, item.row.group)
        and item.row.group.state != ReviewState.PUBLISHED
    }
    find = find.strip()[:MAX_FIND]
    may_move = open_here and actor.may(Action.MOVE_PROPOSAL, group)
    found = None
    if may_move and any(ch.isalnum() for ch in find):
        found = find_proposals(db, actor=actor, query=find, outside=group.id)
    return {
        "similar": similar,
        "mergeable": mergeable,
        "may_move": may_move,
        "find": find,
        "found": found,
    }
