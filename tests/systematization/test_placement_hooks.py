"""Placement hooked in: web form and API submissions, file imports (CLI), ``proposals place``."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from talqy.cli.app import app as cli
from talqy.review.accounts import actor_for
from talqy.review.decisions import decide, publish
from talqy.review.tables import group_members
from talqy.review.user_queries import insert_user
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import password_hash
from tests.systematization.test_placement import STORED, _group_of_text, _membership, _setup

ANSWER = {"kk": "Бұл ұсыныс 7-бапта ескерілді.", "ru": "Учтено в статье 7.", "en": "Done."}


def _publish(db: Database, group_id: int) -> None:
    user = insert_user(
        db, username="admin", display_name="A", password_hash=password_hash(), role="admin"
    )
    actor = actor_for(db, user=user, consultation="c")
    decide(db, actor=actor, group_id=group_id, kind="out_of_scope", reasoning=ANSWER)
    publish(db, actor=actor, group_id=group_id)


def test_api_copy_of_a_published_position_shows_its_answer_at_once(
    db: Database, settings: Settings
) -> None:
    _setup(db, settings)
    source_group = _group_of_text(db, STORED[2])
    _publish(db, source_group)
    with TestClient(create_app(settings)) as client:
        sent = client.post(
            "/api/v1/consultations/c/proposals",
            json={"text": "  " + STORED[2].lower(), "consent": True},
        )
        assert sent.status_code == 201
        code = sent.json()["receipt_code"]
        status = client.get(f"/api/v1/receipts/{code}").json()
        page = client.get(f"/receipt?code={code}&lang=kk")
    assert _membership(db, sent.json()["id"]) == (source_group, "placement")
    assert status["status"] == "published"
    assert page.status_code == 200 and ANSWER["kk"] in page.text


def test_web_form_submission_is_placed(db: Database, settings: Settings) -> None:
    _setup(db, settings)
    with TestClient(create_app(settings)) as client:
        form = client.get("/c/c/propose")
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        sent = client.post(
            "/c/c/propose",
            data={"text": "Білім беру тегін болуы тиіс!", "consent": "on", "csrf_token": token},
            follow_redirects=False,
        )
    assert sent.status_code == 303
    with db.engine.connect() as conn:
        origins = conn.execute(select(group_members.c.origin)).scalars().all()
    assert origins.count("placement") == 1


def test_cli_import_places_and_place_command_reports(
    db: Database, settings: Settings, database_url: str, tmp_path: Path
) -> None:
    _setup(db, settings)
    rows = tmp_path / "rows.csv"
    rows.write_text(f'id,text\na1,"{STORED[4]}"\na2,Салық мөлшерлемесін азайту керек.\n', "utf-8")
    runner = CliRunner()
    env = {"TALQY_DATABASE_URL": database_url, "TALQY_SECRET_KEY": "test-secret"}
    done = runner.invoke(
        cli, ["proposals", "import", "c", str(rows), "--channel", "email", "--no-place"], env=env
    )
    assert done.exit_code == 0, done.output
    placed = runner.invoke(cli, ["proposals", "place", "c", "--json"], env=env)
    assert placed.exit_code == 0, placed.output
    report = json.loads(placed.stdout)
    assert report["joined"] == 1 and report["new_groups"] == 1 and len(report["placed"]) == 2
    again = runner.invoke(cli, ["proposals", "place", "c"], env=env)
    assert again.exit_code == 0 and again.stdout.startswith("placed 0 against run")
    rows.write_text(f'id,text\na3,"{STORED[0]}"\n', "utf-8")
    imported = runner.invoke(
        cli, ["proposals", "import", "c", str(rows), "--channel", "email"], env=env
    )
    assert imported.exit_code == 0 and imported.stdout.startswith("imported 1,")
    assert "placed 1 against run" in imported.stderr and "joined 1" in imported.stderr


def test_console_import_places_the_new_rows(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    from talqy.web.console_imports import ImportJob
    from talqy.web.uploads import read_state

    _setup(db, settings)
    user = insert_user(
        db, username="sec", display_name="S", password_hash=password_hash(), role="secretariat"
    )
    (tmp_path / "rows.csv").write_text(
        f'id,text\nb1,"{STORED[3]}"\nb2,Балалар алаңын көбейту керек.\n', "utf-8"
    )
    job = ImportJob(
        db, settings, actor_for(db, user=user, consultation="c"), tmp_path,
        {"slug": "c", "file": "rows.csv"},
    )  # fmt: skip
    job.run({"id": "id", "text": "text"}, "email")
    state = read_state(tmp_path)
    assert state is not None and state["state"] == "done", state
    assert (state["imported"], state["placed"], state["placed_new"], state["grouped"]) == (
        2,
        2,
        1,
        0,
    )
    with db.engine.connect() as conn:
        origins = conn.execute(select(group_members.c.origin)).scalars().all()
    assert origins.count("placement") == 2
