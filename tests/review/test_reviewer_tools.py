"""Reviewer tools on SQLite and PostgreSQL: filters, similar groups, racing merges, moving found
and unplaced proposals, one decision for a whole article."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from sqlalchemy import insert, select, update

from talqy.errors import Conflict, Forbidden, InvalidInput
from talqy.review.audit_queries import list_audit
from talqy.review.decision_queries import decision_history
from talqy.review.decisions import decide, publish
from talqy.review.group_queries import (
    get_group,
    group_of_proposal,
    list_members,
    member_languages,
)
from talqy.review.grouping import merge_groups
from talqy.review.member_moves import group_proposals, move_proposals
from talqy.review.queue import review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.review.scope_decisions import decide_scope
from talqy.review.similar_groups import similar_groups
from talqy.review.tables import decisions, groups
from talqy.review.unplaced import find_proposals, unplaced_proposals
from talqy.storage.database import open_database
from talqy.systematization.run_queries import store_vectors
from talqy.systematization.tables import analyses
from tests.review.seed import World, group_state, seed_group, seed_proposal

REASONING = {"kk": "Ескерілді.", "ru": "Учтено."}


def _ids(world: World, where: QueueFilter, actor: str = "admin") -> set[int]:
    queue = review_queue(world.db, actor=world.actor(actor), where=where, limit=1000)
    return {row.group.id for row in queue.rows}


def _mark_placed(world: World, group_id: int) -> None:
    with world.db.engine.begin() as conn:
        conn.execute(update(groups).where(groups.c.id == group_id).values(origin="placement"))


def _stance(world: World, proposal_id: int, stance: str) -> None:
    with world.db.engine.begin() as conn:
        conn.execute(
            insert(analyses).values(
                run_id=world.groups["run"], proposal_id=proposal_id, language="kk",
                script="cyrl", duplicate_group="d", stance=stance, articles=[],
            )
        )  # fmt: skip


def test_filters_combine(world: World) -> None:
    own, foreign = world.groups["own"], world.groups["foreign"]
    every = {own, foreign}
    assert _ids(world, QueueFilter()) == every
    assert _ids(world, QueueFilter(language="ru")) == {foreign}
    assert _ids(world, QueueFilter(channel="web")) == every
    assert _ids(world, QueueFilter(channel="paper")) == set()
    assert _ids(world, QueueFilter(query="нығайту")) == {own}
    assert _ids(world, QueueFilter(query="нығайту", language="ru")) == set()
    assert _ids(world, QueueFilter(query="!!!")) == every  # no words: no filter
    _stance(world, world.proposals["own_b"][0], "support")
    assert _ids(world, QueueFilter(stance="support")) == {own}
    _mark_placed(world, foreign)
    assert _ids(world, QueueFilter(new=True)) == {foreign}
    assert _ids(world, QueueFilter(new=True, article="1")) == set()
    assert _ids(world, QueueFilter(query="нығайту"), actor="other_reviewer") == set()
    with pytest.raises(InvalidInput):
        _ids(world, QueueFilter(stance="maybe"))


def test_a_member_without_a_stated_language_counts_in_the_one_its_run_detected(
    world: World,
) -> None:
    db, c, run = world.db, world.consultation, world.groups["run"]
    pid, _ = seed_proposal(db, c, "Protect the state language", article="1", language=None)
    gid = seed_group(db, c, [pid], article="1", run_id=run)
    assert member_languages(db, gid) == {"?": 1}  # not analysed yet: unknown
    assert gid not in _ids(world, QueueFilter(language="en"))
    with db.engine.begin() as conn:
        conn.execute(
            insert(analyses).values(
                run_id=run, proposal_id=pid, language="en", script="latn",
                duplicate_group="d", stance="unclear", articles=["1"],
            )
        )  # fmt: skip
    assert member_languages(db, gid) == {"en": 1}
    assert [m.language for m in list_members(db, gid)] == ["en"]
    assert gid in _ids(world, QueueFilter(language="en"))
    assert gid not in _ids(world, QueueFilter(language="kk"))


def _vectors(world: World, rows: dict[int, list[float]]) -> None:
    ids = sorted(rows)
    store_vectors(world.db, ids, np.array([rows[i] for i in ids], dtype=np.float32), "e5-test")


def test_similar_groups_by_vectors_then_by_words(world: World) -> None:
    db, c = world.db, world.consultation
    near = seed_group(db, c, [seed_proposal(db, c, "Тілді қолдау", article="1")[0]], article="1")
    far = seed_group(db, c, [seed_proposal(db, c, "Салық туралы", article="1")[0]], article="1")
    admin, own = world.actor("admin"), world.groups["own"]
    by_words = similar_groups(db, actor=admin, group_id=own)
    assert [s.basis for s in by_words] == ["labels"]  # only one shares a word ("тілді")
    assert by_words[0].row.group.id == near
    a, b = world.proposals["own_a"][0], world.proposals["own_b"][0]
    members = {get_group(db, g).representative_id: g for g in (near, far)}
    vec = {a: [1, 0, 0], b: [0.9, 0.1, 0], world.proposals["foreign"][0]: [0, 0, 1]}
    vec |= {pid: ([0.8, 0.2, 0] if g == near else [0, 1, 0]) for pid, g in members.items()}
    _vectors(world, vec)  # type: ignore[arg-type]
    found = similar_groups(db, actor=admin, group_id=world.groups["own"])
    assert [s.row.group.id for s in found][:1] == [near] and found[0].basis == "vectors"
    assert found[0].score > 0.9 and found[-1].score == 0.0
    assert len(found) == 3 and world.groups["own"] not in {s.row.group.id for s in found}
    shown = similar_groups(db, actor=world.actor("reviewer"), group_id=world.groups["own"])
    assert world.groups["foreign"] not in {s.row.group.id for s in shown}  # not assigned
    merge_groups(db, actor=admin, target=far, sources=[near])  # far now holds near's member
    after = {s.row.group.id: s.score for s in similar_groups(db, actor=admin, group_id=own)}
    assert near not in after and after[far] > 0.5  # kept group vectors were recomputed


def _race_merges(database_url: str, world: World, opposite: bool) -> list[object]:
    """Two people merge the same two groups at once, from the versions their pages showed."""
    own, foreign = world.groups["own"], world.groups["foreign"]
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def run(index: int) -> None:
        db = open_database(database_url)
        target, source = (foreign, own) if opposite and index else (own, foreign)
        try:
            barrier.wait()
            results[index] = merge_groups(db, actor=world.actor(("admin", "secretariat")[index]),
                                          target=target, sources=[source], version=1,
                                          source_versions={source: 1})  # fmt: skip
        except Exception as exc:  # the loser's error is the point of the test
            results[index] = exc
        finally:
            db.engine.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.parametrize("opposite", [False, True], ids=["same-way", "opposite-ways"])
def test_two_merges_of_the_same_groups_one_conflict(
    database_url: str, world: World, opposite: bool
) -> None:
    results = _race_merges(database_url, world, opposite)
    conflicts = [r for r in results if isinstance(r, Conflict)]
    wins = [r for r in results if not isinstance(r, Exception)]
    assert len(conflicts) == 1 and len(wins) == 1, results
    merged = [get_group(world.db, g) for g in (world.groups["own"], world.groups["foreign"])]
    assert sorted(g.merged_into is None for g in merged) == [False, True]
    entries = list_audit(world.db, consultation_id=world.consultation.id, object_kind="group")
    assert [e.action for e in entries] == ["merge_groups"]


def test_merge_refuses_a_source_changed_since_shown(world: World) -> None:
    db, admin = world.db, world.actor("admin")
    own, foreign = world.groups["own"], world.groups["foreign"]
    decide(db, actor=admin, group_id=foreign, kind="accepted", reasoning=REASONING)
    with pytest.raises(Conflict):
        merge_groups(db, actor=admin, target=own, sources=[foreign], source_versions={foreign: 1})
    assert group_state(db, own) == ("new", 1)


def test_move_found_proposals_into_a_group(world: World) -> None:
    db, c = world.db, world.consultation
    loose = seed_proposal(db, c, "Мемлекеттік тіл барлық жерде", article="1")[0]
    other = seed_proposal(db, c, "Мемлекеттік тіл мектепте", article="1")[0]
    side = seed_group(db, c, [other], article="1")
    admin = world.actor("admin")
    found = find_proposals(db, actor=admin, query="мемлекеттік тіл", outside=world.groups["own"])
    assert {r.proposal_id for r in found.rows} == {loose, other}
    group = move_proposals(db, actor=admin, proposal_ids=[loose, other],
                           to_group=world.groups["own"], version=1)  # fmt: skip
    assert group.version == 2 and group_of_proposal(db, loose) == group.id
    assert group_of_proposal(db, other) == group.id
    assert get_group(db, side).version == 2 and get_group(db, side).representative_id is None
    entries = list_audit(db, consultation_id=c.id, object_kind="group")
    moved = {e.details["proposal"]: e.details["from_group"] for e in entries}
    assert moved == {loose: None, other: side}
    with pytest.raises(Conflict):  # the page showed version 1
        move_proposals(db, actor=admin, proposal_ids=[world.proposals["foreign"][0]],
                       to_group=world.groups["own"], version=1)  # fmt: skip
    with pytest.raises(Forbidden):  # the foreign group is not the reviewer's
        move_proposals(db, actor=world.actor("reviewer"),
                       proposal_ids=[world.proposals["foreign"][0]], to_group=group.id)  # fmt: skip


def test_unplaced_proposals_get_a_group(world: World) -> None:
    db, c = world.db, world.consultation
    one = seed_proposal(db, c, "Жер туралы бап", article="3")[0]
    two = seed_proposal(db, c, "Жер халыққа тиесілі", article="3")[0]
    three = seed_proposal(db, c, "Тіл туралы", article="1")[0]
    admin = world.actor("admin")
    listed = unplaced_proposals(db, actor=admin)
    assert [r.proposal_id for r in listed.rows] == [one, two, three] and listed.total == 3
    assert unplaced_proposals(db, actor=admin, query="жер").total == 2
    assert [r.proposal_id for r in unplaced_proposals(db, actor=world.actor("reviewer")).rows] == [
        three
    ]
    with pytest.raises(Forbidden):  # article 3 is not the reviewer's
        group_proposals(db, actor=world.actor("reviewer"), proposal_ids=[one, two])
    made = group_proposals(db, actor=admin, proposal_ids=[one, two])
    assert made.origin == "person" and made.article_number == "3"
    assert group_of_proposal(db, one) == made.id == group_of_proposal(db, two)
    with pytest.raises(Conflict):
        group_proposals(db, actor=admin, proposal_ids=[one])
    moved = move_proposals(db, actor=world.actor("reviewer"), proposal_ids=[three],
                           to_group=world.groups["own"])  # fmt: skip
    assert group_of_proposal(db, three) == moved.id
    assert unplaced_proposals(db, actor=admin).total == 0


def test_decide_a_whole_article(world: World) -> None:
    db, c = world.db, world.consultation
    admin, reviewer = world.actor("admin"), world.actor("reviewer")
    second = seed_group(db, c, [seed_proposal(db, c, "Тіл туралы", article="1")[0]], article="1")
    third = seed_group(db, c, [seed_proposal(db, c, "Тіл мен ділін", article="1")[0]], article="1")
    decide(db, actor=admin, group_id=third, kind="rejected", reasoning=REASONING)
    publish(db, actor=admin, group_id=third)
    outcome = decide_scope(db, actor=reviewer, scope="article", value="1", kind="accepted",
                           reasoning=REASONING)  # fmt: skip
    assert outcome.decided == [world.groups["own"], second]
    assert outcome.skipped == {"already_decided": [third]} and outcome.skipped_count == 1
    for gid in outcome.decided:
        history = decision_history(db, gid)
        assert [(d.kind, d.current) for d in history] == [("accepted", True)]
        assert group_state(db, gid) == ("decided", 2)
    assert group_state(db, third)[0] == "published"
    with db.engine.connect() as conn:
        rows = conn.execute(select(decisions.c.group_id).where(decisions.c.kind == "accepted"))
        assert sorted(r[0] for r in rows) == sorted(outcome.decided)
    summary = list_audit(db, consultation_id=c.id, object_kind="article")
    assert [(e.action, e.details["decided"], e.details["skipped"]) for e in summary] == [
        ("decide_scope", 2, 1)
    ]
    with pytest.raises(Forbidden):  # article 2 is not the reviewer's
        decide_scope(db, actor=reviewer, scope="article", value="2", kind="accepted",
                     reasoning=REASONING)  # fmt: skip
    with pytest.raises(InvalidInput):  # no reasoning in kk or ru: nothing decided
        decide_scope(db, actor=admin, scope="article", value="2", kind="accepted",
                     reasoning={"en": "Yes"})  # fmt: skip
    assert group_state(db, world.groups["foreign"]) == ("new", 1)
