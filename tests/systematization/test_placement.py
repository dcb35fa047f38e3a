from __future__ import annotations

import threading

from sqlalchemy import select

from talqy.errors import NotFound
from talqy.intake import submit_proposal
from talqy.intake.drafts import import_draft
from talqy.review.group_queries import add_member, insert_group
from talqy.review.tables import audit_log, group_members, groups
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.systematization.placement import Placer, place_proposals
from talqy.systematization.run_queries import latest_run
from talqy.systematization.runner import systematize_consultation
from talqy.systematization.tables import analyses
from tests.conftest import CONSTITUTION
from tests.systematization.test_runner import add_proposals

STORED = [
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "Предлагаю изменить статью 33: сократить срок полномочий депутатов.",
    "Мемлекеттік тіл туралы 7-бапты сақтау керек, бұл өте маңызды.",
    "Article 12 should protect privacy online for every citizen.",
    "Білім беру тегін болуы тиіс, мектептерге қаржы бөлу керек.",
]


def _setup(db: Database, settings: Settings, embedder: str = "hashing") -> int:
    parent = create_consultation(db, slug="c", title="C")
    import_draft(db, consultation="c", path=CONSTITUTION / "kk-2026.md", version="2026")
    add_proposals(db, parent.id, STORED)
    systematize_consultation(db, settings=settings, consultation="c", embedder=embedder)
    return parent.id


def _submit(db: Database, settings: Settings, text: str) -> int:
    return submit_proposal(db, settings=settings, consultation="c", text=text).id


def _membership(db: Database, pid: int) -> tuple[int, str] | None:
    with db.engine.connect() as conn:
        row = conn.execute(
            select(group_members.c.group_id, group_members.c.origin).where(
                group_members.c.proposal_id == pid
            )
        ).first()
    return None if row is None else (int(row.group_id), str(row.origin))


def _group_of_text(db: Database, text: str) -> int:
    from talqy.intake.tables import proposals

    with db.engine.connect() as conn:
        pid = conn.execute(
            select(proposals.c.id).where(proposals.c.text_display == text).order_by(proposals.c.id)
        ).scalar_one_or_none()
    found = _membership(db, int(pid))
    assert found is not None
    return found[0]


def test_copy_joins_its_source_and_a_new_idea_gets_a_new_group(
    db: Database, settings: Settings
) -> None:
    _setup(db, settings)
    run = latest_run(db, "c")
    copy = _submit(db, settings, STORED[2].upper() + "!!")
    fresh = _submit(db, settings, "Зейнетақы жасын төмендету қажет деп санаймын.")
    summary = place_proposals(db, "c", settings=settings)
    rules = {p.proposal_id: p.rule for p in summary.placed}
    assert rules == {copy: "exact", fresh: "new"}
    assert summary.counts() == {"joined": 1, "new_groups": 1, "noise": 0, "analysed_only": 0}
    assert _membership(db, copy) == (_group_of_text(db, STORED[2]), "placement")
    new_group, origin = _membership(db, fresh) or (0, "")
    assert origin == "placement"
    with db.engine.connect() as conn:
        made = conn.execute(select(groups).where(groups.c.id == new_group)).one()
        rows = {
            r.proposal_id: r
            for r in conn.execute(select(analyses).where(analyses.c.run_id == run.id))
        }
        entries = conn.execute(
            select(audit_log.c.actor_kind, audit_log.c.details).where(
                audit_log.c.action == "place_proposal"
            )
        ).all()
    assert (made.origin, made.state, made.representative_id) == ("placement", "new", fresh)
    assert rows[copy].language == "kk" and rows[copy].duplicate_of is not None
    assert rows[fresh].language == "kk" and rows[fresh].theme_key is not None
    assert {e.actor_kind for e in entries} == {"machine"}
    assert {e.details["rule"] for e in entries} == {"exact", "new"}
    assert all("similarity" in e.details for e in entries)
    again = place_proposals(db, "c", settings=settings)  # idempotent: nothing left to place
    assert again.placed == [] and again.run_id == run.id


def test_noise_never_joins_an_existing_group(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    ids = [_submit(db, settings, text) for text in ("!!!???", "👍👍", "...")]
    summary = place_proposals(db, "c", settings=settings)
    assert {p.rule for p in summary.placed} == {"noise"}
    found = [_membership(db, pid) for pid in ids]
    assert all(m is not None and m[1] == "placement" for m in found)
    assert len({m[0] for m in found if m}) == 3  # each its own group, as in a full run


def test_no_run_is_a_no_op_with_a_message(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    pid = _submit(db, settings, "Салық мөлшерлемесін азайту керек.")
    summary = place_proposals(db, "c", settings=settings)
    assert summary.run_id is None and summary.placed == []
    assert "no finished systematization run" in summary.message
    assert _membership(db, pid) is None
    try:
        place_proposals(db, "missing", settings=settings)
    except NotFound:
        pass
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("an unknown consultation is NotFound")


def test_placement_off_places_nothing(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    pid = _submit(db, settings, STORED[0])
    off = settings.model_copy(update={"placement": False})
    summary = place_proposals(db, "c", settings=off)
    assert summary.placed == [] and "off" in summary.message
    assert _membership(db, pid) is None


def test_concurrent_placements_place_a_proposal_once(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    pid = _submit(db, settings, "Жол салуға көбірек қаражат бөлу қажет.")
    results = []
    placers = [Placer(settings), Placer(settings)]

    def place(placer: Placer) -> None:
        results.append(placer.place(db, "c", [pid]))

    threads = [threading.Thread(target=place, args=(p,)) for p in placers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    with db.engine.connect() as conn:
        members = conn.execute(
            select(group_members).where(group_members.c.proposal_id == pid)
        ).all()
        made = conn.execute(select(groups).where(groups.c.key == f"n-{pid}")).all()
        placed = conn.execute(select(audit_log).where(audit_log.c.action == "place_proposal")).all()
    assert len(members) == 1 and len(made) == 1 and len(placed) == 1


def test_full_run_keeps_placed_proposals_where_they_are(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    pid = _submit(db, settings, "Жол салуға көбірек қаражат бөлу қажет.")
    place_proposals(db, "c", settings=settings)
    before = _membership(db, pid)
    systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    assert _membership(db, pid) == before
    late = _submit(db, settings, "Жол салуға көбірек қаражат бөлу қажет!")
    summary = place_proposals(db, "c", settings=settings)
    assert [(p.proposal_id, p.rule) for p in summary.placed] == [(late, "exact")]
    assert _membership(db, late) == (before[0] if before else -1, "placement")


def test_group_and_member_inserts_tell_a_conflict(db: Database) -> None:
    """Both databases report "already there" (PostgreSQL's rowcount does not)."""
    parent = create_consultation(db, slug="c", title="C")
    add_proposals(db, parent.id, ["a"])
    with db.engine.begin() as conn:
        first = insert_group(conn, consultation_id=parent.id, key="k", origin="placement")
        assert first is not None
        assert add_member(conn, proposal_id=1, group_id=first, origin="placement")
    with db.engine.begin() as conn:
        assert insert_group(conn, consultation_id=parent.id, key="k", origin="placement") is None
        assert not add_member(conn, proposal_id=1, group_id=first, origin="placement")


def test_a_run_made_with_another_model_version_places_nothing(
    db: Database, settings: Settings
) -> None:
    from sqlalchemy import update

    from talqy.systematization.tables import runs

    _setup(db, settings)
    with db.engine.begin() as conn:
        conn.execute(update(runs).values(model_version="an-older-model"))
    pid = _submit(db, settings, STORED[0])
    summary = place_proposals(db, "c", settings=settings)
    assert summary.run_id is None and summary.placed == []
    assert "systematize the consultation again" in summary.message
    assert _membership(db, pid) is None


def test_a_grouped_proposal_without_an_analysis_row_is_only_analysed(
    db: Database, settings: Settings
) -> None:
    from talqy.review.grouping import ensure_group_for_proposal

    _setup(db, settings)
    pid = _submit(db, settings, STORED[1])  # arrived while the run was computed
    group = ensure_group_for_proposal(db, proposal_id=pid)
    summary = place_proposals(db, "c", settings=settings)
    assert [(p.proposal_id, p.group_id) for p in summary.placed] == [(pid, None)]
    assert summary.counts()["analysed_only"] == 1
    assert _membership(db, pid) == (group, "system")
    with db.engine.connect() as conn:
        row = conn.execute(select(analyses).where(analyses.c.proposal_id == pid)).one()
    assert row.run_id == latest_run(db, "c").id and row.language == "ru"
