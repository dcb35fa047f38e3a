from __future__ import annotations

import threading

import pytest

from talqy.errors import Conflict, Forbidden, InvalidInput, NotFound
from talqy.review.audit_queries import list_audit
from talqy.review.decision_queries import current_decision, decision_history
from talqy.review.decisions import bulk_decide, decide, publish, reopen
from talqy.review.events import ReviewEvent
from talqy.review.group_queries import get_group, group_of_proposal
from talqy.review.grouping import (
    ensure_group_for_proposal,
    link_article,
    merge_groups,
    move_proposal,
    split_group,
)
from talqy.review.outcomes import receipt_view
from talqy.review.states import PublicStatus
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database, open_database
from tests.review.seed import (
    World,
    add_machine_member,
    group_state,
    seed_group,
    seed_proposal,
)

REASONING = {"kk": "Тіл туралы ереже 7-бапта бар.", "ru": "Норма о языке есть в статье 7."}


def test_decide_then_publish_reaches_every_member_even_later_ones(world: World) -> None:
    db, gid = world.db, world.groups["own"]
    events: list[ReviewEvent] = []
    group = decide(
        db, actor=world.actor("reviewer"), group_id=gid, version=1, kind="accepted",
        reasoning=REASONING, notify=events.append,
    )  # fmt: skip
    assert (group.state, group.version) == ("decided", 2)
    code_a = world.proposals["own_a"][1]
    assert receipt_view(db, code=code_a, language="kk").status is PublicStatus.UNDER_REVIEW
    assert receipt_view(db, code=code_a, language="kk").answer is None  # not yet published
    publish(db, actor=world.actor("reviewer"), group_id=gid, version=2, notify=events.append)
    late_id, late_code = seed_proposal(db, world.consultation, "Тіл туралы", article="1")
    add_machine_member(db, gid, late_id, world.groups["run"])  # a later run adds a duplicate
    for code in (code_a, world.proposals["own_b"][1], late_code):
        view = receipt_view(db, code=code, language="kk")
        assert view.status is PublicStatus.PUBLISHED
        assert view.answer is not None and view.answer.kind == "accepted"
        assert view.answer.reasoning == REASONING["kk"] and not view.answer.fallback
    assert [e.action for e in events] == ["decide", "publish"]
    decision = current_decision(db, gid)
    assert decision is not None and decision.articles == ("1",)
    assert decision.published_at is not None


def test_english_reader_falls_back_to_another_language(world: World) -> None:
    gid = world.groups["own"]
    decide(world.db, actor=world.actor("admin"), group_id=gid, kind="rejected",
           reasoning={"ru": "Не относится к тексту."})  # fmt: skip
    publish(world.db, actor=world.actor("admin"), group_id=gid)
    answer = receipt_view(world.db, code=world.proposals["own_a"][1], language="en").answer
    assert answer is not None and answer.fallback and answer.language == "ru"


def test_reviewer_only_on_assigned_articles(world: World) -> None:
    with pytest.raises(Forbidden):
        decide(world.db, actor=world.actor("other_reviewer"), group_id=world.groups["own"],
               kind="accepted", reasoning=REASONING)  # fmt: skip
    with pytest.raises(Forbidden):
        publish(world.db, actor=world.actor("reviewer"), group_id=world.groups["foreign"])
    with pytest.raises(Forbidden):
        decide(world.db, actor=world.actor("commission"), group_id=world.groups["own"],
               kind="accepted", reasoning=REASONING)  # fmt: skip
    assert group_state(world.db, world.groups["own"]) == ("new", 1)
    assert list_audit(world.db, consultation_id=world.consultation.id, object_kind="group") == []


@pytest.mark.parametrize(
    ("kind", "reasoning", "articles", "field"),
    [
        ("maybe", REASONING, [], "kind"),
        ("accepted", {"en": "only English"}, [], "reasoning"),
        ("accepted", {"kk": "  "}, [], "reasoning"),
        ("accepted", REASONING, ["one"], "articles"),
    ],
)
def test_invalid_decisions_change_nothing(
    world: World, kind: str, reasoning: dict[str, str], articles: list[str], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        decide(world.db, actor=world.actor("admin"), group_id=world.groups["own"], kind=kind,
               reasoning=reasoning, articles=articles)  # fmt: skip
    assert caught.value.field == field
    assert group_state(world.db, world.groups["own"]) == ("new", 1)


def test_transitions_are_enforced(world: World) -> None:
    db, gid, admin = world.db, world.groups["own"], world.actor("admin")
    with pytest.raises(Conflict, match="cannot become published"):
        publish(db, actor=admin, group_id=gid)
    with pytest.raises(Conflict, match="cannot become reopened"):
        reopen(db, actor=admin, group_id=gid)
    decide(db, actor=admin, group_id=gid, kind="accepted", reasoning=REASONING)
    with pytest.raises(Conflict, match="cannot become decided"):
        decide(db, actor=admin, group_id=gid, kind="rejected", reasoning=REASONING)
    publish(db, actor=admin, group_id=gid)
    reopen(db, actor=admin, group_id=gid, reason="new facts")
    code = world.proposals["own_a"][1]
    assert receipt_view(db, code=code, language="kk").status is PublicStatus.UNDER_REVIEW
    group = decide(db, actor=admin, group_id=gid, kind="partially_accepted", reasoning=REASONING)
    assert group.state == "decided"
    history = decision_history(db, gid)
    assert [d.kind for d in history] == ["partially_accepted", "accepted"]
    assert [d.current for d in history] == [True, False]
    actions = [e.action for e in list_audit(db, consultation_id=world.consultation.id,
                                            object_kind="group", object_id=str(gid))]  # fmt: skip
    assert actions == ["decide", "reopen", "publish", "decide"]


def test_stale_version_is_a_conflict(world: World) -> None:
    db, gid = world.db, world.groups["own"]
    decide(db, actor=world.actor("admin"), group_id=gid, version=1, kind="accepted",
           reasoning=REASONING)  # fmt: skip
    with pytest.raises(Conflict, match="changed by someone else"):
        publish(db, actor=world.actor("admin"), group_id=gid, version=1)


def _race(database_url: str, world: World, kinds: tuple[str, str]) -> list[object]:
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def run(index: int) -> None:
        db = open_database(database_url)
        try:
            actor = world.actor("admin" if index == 0 else "reviewer")
            barrier.wait()
            results[index] = decide(db, actor=actor, group_id=world.groups["own"], version=1,
                                    kind=kinds[index], reasoning=REASONING)  # fmt: skip
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


def test_two_reviewers_deciding_at_once_one_wins(database_url: str, world: World) -> None:
    results = _race(database_url, world, ("accepted", "rejected"))
    conflicts = [r for r in results if isinstance(r, Conflict)]
    wins = [r for r in results if not isinstance(r, Exception)]
    assert len(conflicts) == 1 and len(wins) == 1, results
    assert "changed by someone else" in str(conflicts[0])
    history = decision_history(world.db, world.groups["own"])
    assert len(history) == 1 and history[0].current
    assert group_state(world.db, world.groups["own"]) == ("decided", 2)
    entries = list_audit(world.db, consultation_id=world.consultation.id, object_kind="group")
    assert [e.action for e in entries] == ["decide"]


def test_bulk_decide_is_all_or_nothing(world: World) -> None:
    db, admin = world.db, world.actor("admin")
    own, foreign = world.groups["own"], world.groups["foreign"]
    with pytest.raises(Conflict):
        bulk_decide(db, actor=admin, items=[(own, 1), (foreign, 7)], kind="out_of_scope",
                    reasoning=REASONING)  # fmt: skip
    assert group_state(db, own) == ("new", 1) and current_decision(db, own) is None
    with pytest.raises(Forbidden):  # the reviewer of article 1 may not decide article 2
        bulk_decide(db, actor=world.actor("reviewer"), items=[(own, 1), (foreign, 1)],
                    kind="out_of_scope", reasoning=REASONING)  # fmt: skip
    decided = bulk_decide(db, actor=admin, items=[(own, 1), (foreign, 1)], kind="out_of_scope",
                          reasoning=REASONING)  # fmt: skip
    assert [g.state for g in decided] == ["decided", "decided"]


def test_link_article_records_the_machine_suggestion(world: World) -> None:
    db, gid = world.db, world.groups["own"]
    group = link_article(db, actor=world.actor("reviewer"), group_id=gid, article="3")
    assert (group.article_number, group.article_source) == ("3", "person")
    entry = list_audit(db, consultation_id=world.consultation.id, object_kind="group")[0]
    assert entry.action == "change_article" and entry.actor == "reviewer"
    assert entry.details["previous"] == {"article": "1", "source": "machine",
                                         "run_id": world.groups["run"]}  # fmt: skip
    assert entry.run_id == world.groups["run"]
    # the reviewer of article 1 handed the group to article 3: no longer theirs
    with pytest.raises(Forbidden):
        link_article(db, actor=world.actor("reviewer"), group_id=gid, article="1")


def test_move_merge_split(world: World) -> None:
    db, admin = world.db, world.actor("admin")
    own, foreign = world.groups["own"], world.groups["foreign"]
    a, b, c = (world.proposals[k][0] for k in ("own_a", "own_b", "foreign"))
    decide(db, actor=admin, group_id=own, kind="accepted", reasoning=REASONING)
    publish(db, actor=admin, group_id=own)
    with pytest.raises(Conflict, match="published"):
        move_proposal(db, actor=admin, proposal_id=a, to_group=foreign)
    move_proposal(db, actor=admin, proposal_id=c, to_group=own)  # joins the published answer
    view = receipt_view(db, code=world.proposals["foreign"][1], language="ru")
    assert view.status is PublicStatus.PUBLISHED and view.answer is not None
    reopen(db, actor=admin, group_id=own)
    new = split_group(db, actor=admin, group_id=own, proposal_ids=[b, c])
    assert group_of_proposal(db, b) == new.id == group_of_proposal(db, c)
    assert new.origin == "person" and new.state == "new"
    with pytest.raises(InvalidInput):
        split_group(db, actor=admin, group_id=own, proposal_ids=[a])  # all members
    merged = merge_groups(db, actor=admin, target=own, sources=[new.id, foreign])
    assert {group_of_proposal(db, p) for p in (a, b, c)} == {merged.id}
    assert get_group(db, new.id).merged_into == own
    with pytest.raises(Conflict, match="already merged"):
        merge_groups(db, actor=admin, target=own, sources=[new.id])
    actions = {e.action for e in list_audit(db, consultation_id=world.consultation.id)}
    assert {"move_proposal", "split_group", "merge_groups"} <= actions


def test_ensure_group_for_proposal_is_idempotent(world: World) -> None:
    pid, code = seed_proposal(world.db, world.consultation, "Жаңа ұсыныс", article="2")
    first = ensure_group_for_proposal(world.db, proposal_id=pid)
    assert ensure_group_for_proposal(world.db, proposal_id=pid) == first
    group = get_group(world.db, first)
    assert (group.article_number, group.article_source, group.origin) == ("2", "citizen", "system")
    assert receipt_view(world.db, code=code, language="kk").status is PublicStatus.UNDER_REVIEW
    with pytest.raises(NotFound):
        ensure_group_for_proposal(world.db, proposal_id=10**6)


def test_groups_of_another_consultation_do_not_exist(db: Database, world: World) -> None:
    other = create_consultation(db, slug="c2", title="Other")
    pid, _ = seed_proposal(db, other, "text", article="1")
    gid = seed_group(db, other, [pid], article="1")
    with pytest.raises(NotFound):
        decide(db, actor=world.actor("admin"), group_id=gid, kind="accepted", reasoning=REASONING)
