"""The reviewer tools on what the real pipeline makes: a systematization run (hashing embedder,
vectors stored), then placement of a proposal that arrived after it (SQLite and PostgreSQL)."""

from __future__ import annotations

from talqy.review.accounts import actor_for
from talqy.review.queue import review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.review.similar_groups import similar_groups
from talqy.review.unplaced import unplaced_proposals
from talqy.review.user_queries import insert_user
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.placement import place_proposals
from tests.review.seed import password_hash
from tests.systematization.test_placement import _setup, _submit


def test_placed_group_is_new_and_has_similar_positions(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    user = insert_user(db, username="lead", display_name="Lead", password_hash=password_hash(),
                       role="secretariat")  # fmt: skip
    actor = actor_for(db, user=user, consultation="c")
    fresh = _submit(db, settings, "Зейнетақы жасын төмендету қажет деп санаймын.")
    assert [r.proposal_id for r in unplaced_proposals(db, actor=actor).rows] == [fresh]
    place_proposals(db, "c", settings=settings)
    assert unplaced_proposals(db, actor=actor).total == 0
    new = review_queue(db, actor=actor, where=QueueFilter(new=True)).rows
    assert len(new) == 1 and new[0].group.origin == "placement"
    every = review_queue(db, actor=actor, where=QueueFilter()).rows
    assert len(every) > 1 and {r.group.origin for r in every} - {"placement"}  # run's groups
    found = review_queue(db, actor=actor, where=QueueFilter(new=True, query="зейнетақы")).rows
    assert [r.group.id for r in found] == [new[0].group.id]
    similar = similar_groups(db, actor=actor, group_id=new[0].group.id)
    assert similar and {s.basis for s in similar} == {"vectors"}
    assert [s.score for s in similar] == sorted((s.score for s in similar), reverse=True)
