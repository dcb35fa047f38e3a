"""Moving several proposals at once: into a group (found by search, or not yet placed), or into
a new group of their own.

Like :func:`talqy.review.grouping.move_proposal`, each command is one transaction with a
version-checked change of every group involved and one ``move_proposal`` audit entry per
proposal (``from_group`` is none for a proposal that was in no group).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from talqy.errors import Conflict, Forbidden, InvalidInput, NotFound
from talqy.intake.tables import proposals
from talqy.review.events import (
    Notifier,
    ReviewEvent,
    audit,
    expect_version,
    load_authorized_group,
    load_group,
    log_event,
)
from talqy.review.group_queries import (
    Group,
    add_member,
    bump_group,
    bump_group_losing,
    get_group,
    insert_group,
    move_members,
)
from talqy.review.permissions import Action, Actor, Reach, authorize
from talqy.review.states import ReviewState
from talqy.review.tables import group_members
from talqy.storage.database import Database

MAX_MOVED = 500
PLACED_MEANWHILE = "a chosen proposal was placed in a group meanwhile"


@dataclass(frozen=True)
class Placement:
    """Where a proposal is now: its group (None: in no group), origin and run of membership."""

    proposal_id: int
    article_number: str | None
    group_id: int | None
    origin: str | None
    run_id: int | None


def placements(db: Database, actor: Actor, proposal_ids: Sequence[int]) -> list[Placement]:
    """Where each proposal of the actor's consultation is; ``NotFound`` for any other."""
    wanted = sorted(set(proposal_ids))
    if not wanted:
        raise InvalidInput("choose at least one proposal", field="proposals")
    if len(wanted) > MAX_MOVED:
        raise InvalidInput(f"choose at most {MAX_MOVED} proposals", field="proposals")
    query = (
        select(
            proposals.c.id,
            proposals.c.article_number,
            group_members.c.group_id,
            group_members.c.origin,
            group_members.c.run_id,
        )
        .outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)
        .where(proposals.c.id.in_(wanted), proposals.c.consultation_id == actor.consultation_id)
        .order_by(proposals.c.id)
    )
    with db.engine.connect() as conn:
        found = [Placement(*row) for row in conn.execute(query)]
    if len(found) != len(wanted):
        missing = sorted(set(wanted) - {p.proposal_id for p in found})
        raise NotFound(f"no proposal {missing[0]}", field="proposals")
    return found


def _sources(db: Database, actor: Actor, found: list[Placement], target: int) -> list[Group]:
    """The groups the proposals leave, each checked: the actor's, not published, not target."""
    ids = sorted({p.group_id for p in found if p.group_id is not None})
    if target in ids:
        raise InvalidInput("a chosen proposal is already in this group", field="proposals")
    groups = [load_group(db, actor, gid) for gid in ids]
    for group in groups:
        authorize(actor, Action.MOVE_PROPOSAL, group)
        if group.state == ReviewState.PUBLISHED:
            raise Conflict(
                f"group {group.id} is published; reopen it before changing its members",
                field="proposals",
            )
    return groups


def _place(
    conn: Connection, actor: Actor, found: list[Placement], target: int, version: int
) -> list[ReviewEvent]:
    events = []
    for item in found:
        if item.group_id is None:
            add_member(conn, proposal_id=item.proposal_id, group_id=target, origin="person")
        else:
            move_members(conn, proposal_ids=[item.proposal_id], group_id=target)
        details = {
            "proposal": item.proposal_id,
            "from_group": item.group_id,
            "to_group": target,
            "previous_origin": item.origin,
            "version": version,
        }
        events.append(
            audit(
                conn,
                actor,
                action="move_proposal",
                object_id=target,
                details=details,
                run_id=item.run_id,
            )
        )
    return events


def move_proposals(
    db: Database,
    *,
    actor: Actor,
    proposal_ids: Sequence[int],
    to_group: int,
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Move several proposals (in a group or in none) into ``to_group`` in one transaction."""
    target = load_authorized_group(db, actor, to_group, Action.MOVE_PROPOSAL)
    if target.state == ReviewState.PUBLISHED or target.merged_into is not None:
        raise Conflict(f"group {target.id} cannot take new members now", field="group")
    found = placements(db, actor, proposal_ids)
    sources = _sources(db, actor, found, target.id)
    expected = expect_version(target, version)
    with db.engine.begin() as conn:
        for group_id in sorted([target.id, *(g.id for g in sources)]):  # id order: no deadlock
            if group_id == target.id:
                bump_group(conn, group_id=target.id, version=expected)
            else:
                source = next(g for g in sources if g.id == group_id)
                bump_group_losing(
                    conn, source, {p.proposal_id for p in found if p.group_id == group_id}
                )
        events = _place(conn, actor, found, target.id, expected + 1)
    for event in events:
        notify(event)
    return get_group(db, target.id)


def _authorize_new_group(actor: Actor, article: str | None) -> None:
    """Everyone who may move proposals; a reviewer only for an article assigned to them."""
    reach = actor.reach(Action.MOVE_PROPOSAL)
    if reach is Reach.ALL:
        return
    if reach is None or ("article", article or "") not in actor.scopes:
        raise Forbidden(
            f"{actor.role.value} may not group proposals of article {article or '-'}",
            action=Action.MOVE_PROPOSAL.value,
        )


def group_proposals(
    db: Database, *, actor: Actor, proposal_ids: Sequence[int], notify: Notifier = log_event
) -> Group:
    """A new group (origin ``person``) for proposals that are in no group yet.

    The new group takes the article the first proposal names; the actor must be allowed to
    move proposals into a group of that article.
    """
    found = placements(db, actor, proposal_ids)
    article = next((p.article_number for p in found if p.article_number), None)
    _authorize_new_group(actor, article)
    if any(p.group_id is not None for p in found):
        raise Conflict(PLACED_MEANWHILE, field="proposals")
    with db.engine.begin() as conn:
        new_id = insert_group(
            conn,
            consultation_id=actor.consultation_id,
            key=f"u-{secrets.token_hex(6)}",
            representative_id=found[0].proposal_id,
            article_number=article,
            article_source="citizen" if article else None,
            state="new",
            origin="person",
        )
        assert new_id is not None
        for item in found:
            if not add_member(conn, proposal_id=item.proposal_id, group_id=new_id, origin="person"):
                raise Conflict(PLACED_MEANWHILE, field="proposals")
        details = {"members": len(found), "proposals": [p.proposal_id for p in found]}
        event = audit(conn, actor, action="create_group", object_id=new_id, details=details)
    notify(event)
    return get_group(db, new_id)
