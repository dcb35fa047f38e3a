"""Shaping the groups: assign reviewers, confirm or change article links, move, merge, split.

Membership and links made by the machine carry the run id; a person's change replaces the
origin with ``person`` and the audit entry keeps what the machine had proposed.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence

from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.review.audit_queries import write_audit
from talqy.review.decisions import check_article
from talqy.review.events import (
    Notifier,
    ReviewEvent,
    audit,
    expect_version,
    load_authorized_group,
    load_group,
    log_event,
    origin_of,
)
from talqy.review.group_queries import (
    Group,
    add_member,
    bump_group,
    bump_group_losing,
    get_group,
    group_of_proposal,
    insert_group,
    member_ids,
    membership,
    move_members,
    proposal_brief,
    ungrouped_proposals,
)
from talqy.review.permissions import Action, Actor, authorize
from talqy.review.states import ReviewState
from talqy.review.user_queries import SCOPES, Assignment, find_user, insert_assignment
from talqy.storage.database import Database


def assign(
    db: Database,
    *,
    actor: Actor,
    username: str,
    scope: str,
    value: str,
    notify: Notifier = log_event,
) -> Assignment:
    """Assign a reviewer to an article, a theme or a group of the actor's consultation."""
    authorize(actor, Action.ASSIGN)
    if scope not in SCOPES:
        raise InvalidInput("scope must be article, theme or group", field="scope")
    value = value.strip()
    if scope == "article":
        value = check_article(value, field="value")
    elif scope == "group":
        value = str(load_group(db, actor, int(value) if value.isdigit() else -1).id)
    elif not value or len(value) > 64:
        raise InvalidInput("a theme key has 1-64 characters", field="value")
    user = find_user(db, username)
    with db.engine.begin() as conn:
        made = insert_assignment(
            conn, consultation_id=actor.consultation_id, user_id=user.id, scope=scope, value=value
        )
        event = audit(
            conn,
            actor,
            action="assign",
            object_kind="user",
            object_id=user.id,
            details={"scope": scope, "value": value, "username": user.username},
        )
    notify(event)
    return made


def link_article(
    db: Database,
    *,
    actor: Actor,
    group_id: int,
    article: str,
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Confirm the suggested article of a group, or link it to another article."""
    group = load_authorized_group(db, actor, group_id, Action.LINK_ARTICLE)
    number = check_article(article)
    expected = expect_version(group, version)
    action = "confirm_article" if number == group.article_number else "change_article"
    with db.engine.begin() as conn:
        new_version = bump_group(
            conn,
            group_id=group.id,
            version=expected,
            article_number=number,
            article_source="person",
        )
        details = {"article": number, "previous": origin_of(group), "version": new_version}
        run_id = group.run_id if group.article_source == "machine" else None
        event = audit(
            conn, actor, action=action, object_id=group.id, details=details, run_id=run_id
        )
    notify(event)
    return get_group(db, group.id)


def _refuse_published(group: Group) -> None:
    if group.state == ReviewState.PUBLISHED:
        raise Conflict(
            f"group {group.id} is published; reopen it before changing its members",
            field="group",
        )


def move_proposal(
    db: Database,
    *,
    actor: Actor,
    proposal_id: int,
    to_group: int,
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Move a proposal into another group; it is then answered by that group's decision."""
    target = load_authorized_group(db, actor, to_group, Action.MOVE_PROPOSAL)
    brief = proposal_brief(db, proposal_id)
    if brief.consultation_id != actor.consultation_id:
        raise NotFound(f"no proposal {proposal_id}", field="proposal")
    member = membership(db, proposal_id)
    source = load_authorized_group(db, actor, member[0], Action.MOVE_PROPOSAL) if member else None
    if source is not None:
        if source.id == target.id:
            raise InvalidInput("the proposal is already in this group", field="group")
        _refuse_published(source)
    expected = expect_version(target, version)
    with db.engine.begin() as conn:
        new_version = bump_group(conn, group_id=target.id, version=expected)
        if source is None:
            add_member(conn, proposal_id=proposal_id, group_id=target.id, origin="person")
        else:
            bump_group_losing(conn, source, [proposal_id])
            move_members(conn, proposal_ids=[proposal_id], group_id=target.id)
        details = {
            "proposal": proposal_id,
            "from_group": source.id if source else None,
            "to_group": target.id,
            "previous_origin": member[1] if member else None,
            "version": new_version,
        }
        run_id = member[2] if member else None
        event = audit(
            conn, actor, action="move_proposal", object_id=target.id, details=details, run_id=run_id
        )
    notify(event)
    return get_group(db, target.id)


def merge_groups(
    db: Database,
    *,
    actor: Actor,
    target: int,
    sources: Sequence[int],
    version: int | None = None,
    source_versions: Mapping[int, int] | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Merge ``sources`` into ``target``: their members join it, the sources are retired.

    ``source_versions`` (optional) are the versions of the sources the actor was shown. The
    groups are changed in id order, so two people merging the same groups either way round
    wait for each other instead of deadlocking: the first wins, the second gets ``Conflict``.
    """
    into = load_authorized_group(db, actor, target, Action.MERGE_GROUPS)
    wanted = list(dict.fromkeys(sources))
    if not wanted or into.id in wanted:
        raise InvalidInput("name other groups to merge into this one", field="sources")
    merged = [load_group(db, actor, gid) for gid in wanted]
    for group in merged:
        authorize(actor, Action.MERGE_GROUPS, group)
        _refuse_published(group)
        if group.merged_into is not None:
            raise Conflict(f"group {group.id} was already merged", field="sources")
    expected = expect_version(into, version)
    shown = {g.id: expect_version(g, (source_versions or {}).get(g.id)) for g in merged}
    events: list[ReviewEvent] = []
    new_version = expected + 1
    with db.engine.begin() as conn:
        for group_id in sorted([into.id, *shown]):
            if group_id == into.id:
                bump_group(conn, group_id=into.id, version=expected)
            else:
                retired = {"merged_into": into.id, "representative_id": None}
                bump_group(conn, group_id=group_id, version=shown[group_id], **retired)
        for group in merged:
            moving = member_ids(conn, group.id)
            move_members(conn, proposal_ids=moving, group_id=into.id)
            details = {
                "merged": group.id,
                "members": len(moving),
                "version": new_version,
                "merged_origin": group.origin,
            }
            event = audit(
                conn,
                actor,
                action="merge_groups",
                object_id=into.id,
                details=details,
                run_id=group.run_id,
            )
            events.append(event)
    for event in events:
        notify(event)
    return get_group(db, into.id)


def split_group(
    db: Database,
    *,
    actor: Actor,
    group_id: int,
    proposal_ids: Sequence[int],
    version: int | None = None,
    notify: Notifier = log_event,
) -> Group:
    """Move some members of a group into a new group of their own; returns the new group."""
    group = load_authorized_group(db, actor, group_id, Action.SPLIT_GROUP)
    _refuse_published(group)
    leaving = sorted(set(proposal_ids))
    expect_version(group, version)
    with db.engine.begin() as conn:
        members = set(member_ids(conn, group.id))
        if not leaving or not set(leaving) <= members or len(leaving) == len(members):
            raise InvalidInput("choose some, but not all, members of the group", field="members")
        new_id = insert_group(
            conn,
            consultation_id=group.consultation_id,
            key=f"s{group.id}-{secrets.token_hex(4)}",
            representative_id=leaving[0],
            article_number=group.article_number,
            article_source=group.article_source,
            theme_key=group.theme_key,
            campaign_key=group.campaign_key,
            state="new",
            origin="person",
        )
        assert new_id is not None
        bump_group_losing(conn, group, leaving)
        move_members(conn, proposal_ids=leaving, group_id=new_id)
        details = {"new_group": new_id, "members": len(leaving), "from_origin": group.origin}
        event = audit(
            conn,
            actor,
            action="split_group",
            object_id=group.id,
            details=details,
            run_id=group.run_id,
        )
    notify(event)
    return get_group(db, new_id)


class _AlreadyGrouped(Exception):
    """Another writer grouped the proposal first (rolls back this attempt)."""


def ensure_group_for_proposal(db: Database, *, proposal_id: int) -> int:
    """The group of a proposal; a proposal arriving between runs gets a group of its own.

    Safe to call concurrently: constraints decide, never "check then insert".
    """
    found = group_of_proposal(db, proposal_id)
    if found is not None:
        return found
    brief = proposal_brief(db, proposal_id)
    try:
        with db.engine.begin() as conn:
            new_id = insert_group(
                conn,
                consultation_id=brief.consultation_id,
                key=f"p-{proposal_id}",
                representative_id=proposal_id,
                article_number=brief.article_number,
                article_source="citizen" if brief.article_number else None,
                origin="system",
            )
            if new_id is None:
                raise _AlreadyGrouped
            if not add_member(conn, proposal_id=proposal_id, group_id=new_id, origin="system"):
                raise _AlreadyGrouped  # grouped meanwhile: roll the new group back
            write_audit(
                conn,
                action="group_new_proposal",
                object_kind="group",
                object_id=new_id,
                details={"proposal": proposal_id},
                consultation_id=brief.consultation_id,
            )
    except _AlreadyGrouped:
        pass
    found = group_of_proposal(db, proposal_id)
    assert found is not None
    return found


def group_new_proposals(db: Database, *, actor: Actor) -> int:
    """Give each proposal without a group one of its own; returns how many were grouped.

    For proposals that arrive between systematization runs; the next run leaves them where
    they are and lets their duplicates join them.
    """
    authorize(actor, Action.ASSIGN)
    waiting = ungrouped_proposals(db, consultation_id=actor.consultation_id)
    for proposal_id in waiting:
        ensure_group_for_proposal(db, proposal_id=proposal_id)
    return len(waiting)
