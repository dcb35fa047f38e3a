"""Proposals that arrive while a full run computes (after it read the proposals) are placed
against it once it is written: each ends in exactly one group, by placement's evidence rules."""

from __future__ import annotations

from sqlalchemy import func, select

from talqy.intake import submit_proposal
from talqy.review.tables import audit_log, group_members
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.job_worker import run_next
from talqy.systematization.jobs import queue_job
from talqy.systematization.placement import place_proposals
from talqy.systematization.run_queries import latest_run
from talqy.systematization.runner import Progress, systematize_consultation
from talqy.systematization.tables import analyses
from tests.systematization.test_jobs import consultation  # noqa: F401 (fixture)
from tests.systematization.test_placement import _group_of_text
from tests.systematization.test_runner import TEXTS


def _arrive_at(stage: str, db: Database, settings: Settings, text: str, got: list[int]) -> Progress:
    """A progress hook that submits ``text`` once, when the run reaches ``stage``."""

    def hook(seen: str, done: int, total: int) -> None:
        if seen == stage and not got:
            got.append(submit_proposal(db, settings=settings, consultation="c", text=text).id)

    return hook


def _groups_of(db: Database, pid: int) -> list[int]:
    with db.engine.connect() as conn:
        query = select(group_members.c.group_id).where(group_members.c.proposal_id == pid)
        return [int(g) for g in conn.execute(query).scalars()]


def _analysed_in(db: Database, run_id: int, pid: int) -> int:
    with db.engine.connect() as conn:
        query = select(func.count()).where(
            analyses.c.run_id == run_id, analyses.c.proposal_id == pid
        )
        return int(conn.execute(query).scalar_one())


def test_a_proposal_arriving_mid_run_is_placed_against_it_once(
    db: Database,
    settings: Settings,
    consultation: object,  # noqa: F811
) -> None:
    got: list[int] = []
    copy = TEXTS[3].upper()  # an exact copy (folded) of a stored proposal
    queue_job(db, consultation="c", requested_by="cli", embedder="hashing")
    done = run_next(db, settings, hook=_arrive_at("themes", db, settings, copy, got))
    assert done is not None and done.status == "done" and done.result is not None
    assert done.result["placed_after"] == 1 and done.result["proposals"] == len(TEXTS)
    [pid] = got
    [group] = _groups_of(db, pid)
    assert _analysed_in(db, done.result["run_id"], pid) == 1
    with db.engine.connect() as conn:
        details = conn.execute(
            select(audit_log.c.details).where(audit_log.c.action == "place_proposal")
        ).scalar_one()
    assert details["proposal"] == pid and details["rule"] == "exact"
    assert group == _group_of_text(db, TEXTS[3])  # joined the group of the text it copies
    again = place_proposals(db, "c", settings=settings)
    assert again.placed == [] and _groups_of(db, pid) == [group]


def test_a_proposal_placed_on_arrival_during_a_rerun_is_not_placed_twice(
    db: Database,
    settings: Settings,
    consultation: object,  # noqa: F811
) -> None:
    systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    first = latest_run(db, "c")
    got: list[int] = []
    hook = _arrive_at("embed", db, settings, "Жаңа ұсыныс: 40-бапты алып тастау керек.", got)

    def arrive_and_place(stage: str, done: int, total: int) -> None:
        hook(stage, done, total)
        if stage == "themes":  # placed on arrival, against the previous run
            assert place_proposals(db, "c", got, settings=settings).run_id == first.id

    rerun = systematize_consultation(
        db, settings=settings, consultation="c", embedder="hashing", progress=arrive_and_place
    )
    [pid] = got
    assert rerun.placed_after == 0 and len(_groups_of(db, pid)) == 1
    assert _analysed_in(db, rerun.run_id, pid) == 1  # it still gets its row in the new run


def test_no_straggler_when_placement_is_off(
    db: Database,
    settings: Settings,
    consultation: object,  # noqa: F811
) -> None:
    got: list[int] = []
    off = settings.model_copy(update={"placement": False})
    hook = _arrive_at("themes", db, off, "Тағы бір ұсыныс.", got)
    summary = systematize_consultation(
        db, settings=off, consultation="c", embedder="hashing", progress=hook
    )
    assert summary.placed_after == 0 and _groups_of(db, got[0]) == []
