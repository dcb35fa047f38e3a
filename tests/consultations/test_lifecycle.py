"""Phases of a consultation: dates checked, proposals refused outside ``open`` in the reader's
language, unknown article numbers kept but flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.consultations.lifecycle import (
    consultation_info,
    create_consultation,
    ensure_open,
    update_consultation,
)
from talqy.consultations.phases import Phase, parse_moment
from talqy.errors import Conflict, InvalidInput
from talqy.intake import submit_proposal
from talqy.intake.flags import UNKNOWN_ARTICLE, open_flags
from talqy.intake.proposal_queries import list_consultations
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import seed_draft

URL = "/api/v1/consultations/{slug}/proposals"
NOW = datetime.now(UTC)


def _iso(delta_days: float) -> str:
    return (NOW + timedelta(days=delta_days)).isoformat()


def test_phases_follow_the_dates(db: Database) -> None:
    dates = {"opens_at": _iso(1), "closes_at": _iso(10), "decisions_at": _iso(20),
             "report_at": _iso(30)}  # fmt: skip
    info = create_consultation(
        db, slug="c", title="Ата заң", titles={"ru": "Основной закон", "en": "Basic law"},
        descriptions={"kk": "Сипаттама"}, body="Әділет министрлігі", dates=dates,
    )  # fmt: skip
    assert info.phase is Phase.PUBLISHED
    assert info.title("ru") == "Основной закон" and info.title("kk") == "Ата заң"
    assert info.description("en") == "Сипаттама"  # another language when one is missing
    expected = [(0, Phase.PUBLISHED), (2, Phase.OPEN), (11, Phase.CLOSED),
                (21, Phase.DECISIONS), (31, Phase.REPORT)]  # fmt: skip
    for days, phase in expected:
        moment = NOW + timedelta(days=days)
        assert consultation_info(db, "c", moment=moment).phase is phase
    assert info.to_dict()["body"] == "Әділет министрлігі"


def test_bad_dates_are_refused_before_anything_is_written(db: Database) -> None:
    with pytest.raises(InvalidInput, match=r"closes_at .* must come after opens_at"):
        create_consultation(db, slug="r", title="R",
                            dates={"opens_at": _iso(5), "closes_at": _iso(2)})  # fmt: skip
    with pytest.raises(InvalidInput, match="is in the past"):
        create_consultation(db, slug="p", title="P", dates={"closes_at": _iso(-1)})
    with pytest.raises(InvalidInput, match="cannot read closes_at"):
        create_consultation(db, slug="x", title="X", dates={"closes_at": "next tuesday"})
    assert list_consultations(db) == []
    past = create_consultation(db, slug="ran", title="Ran",
                               dates={"opens_at": _iso(-30), "closes_at": _iso(-1)})  # fmt: skip
    assert past.phase is Phase.CLOSED


def test_update_closes_now_and_keeps_the_order(db: Database) -> None:
    create_consultation(db, slug="c", title="C", dates={"closes_at": _iso(10)})
    assert ensure_open(db, "c").phase is Phase.OPEN
    with pytest.raises(InvalidInput, match="must come after"):
        update_consultation(db, slug="c", dates={"decisions_at": _iso(5)})
    closed = update_consultation(db, slug="c", title="C2", dates={"closes_at": _iso(-0.01)})
    assert closed.phase is Phase.CLOSED and closed.consultation.title == "C2"
    with pytest.raises(Conflict, match="closed for proposals"):
        ensure_open(db, "c")


def test_date_without_zone_is_kazakhstan_time() -> None:
    moment = parse_moment("2026-03-01", field="opens_at")
    assert moment == datetime(2026, 2, 28, 19, 0, tzinfo=UTC)
    assert parse_moment("2026-03-01T10:00Z", field="x") == datetime(2026, 3, 1, 10, tzinfo=UTC)


def test_api_and_form_refuse_outside_the_open_phase(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="soon", title="S", dates={"opens_at": _iso(3)})
    create_consultation(db, slug="ran", title="R",
                        dates={"opens_at": _iso(-9), "closes_at": _iso(-1)})  # fmt: skip
    with TestClient(create_app(settings)) as client:
        kk = client.post(URL.format(slug="ran"), json={"text": "Ұсыныс", "consent": True},
                         headers={"Accept-Language": "kk"})  # fmt: skip
        assert kk.status_code == 409
        assert "ұсыныстар қабылдау" in kk.json()["message"], kk.json()
        assert kk.json()["reason"] == "consultation_not_open"
        ru = client.post(URL.format(slug="soon"), json={"text": "x", "consent": True},
                         headers={"Accept-Language": "ru"})  # fmt: skip
        assert ru.status_code == 409 and "ещё не открыто" in ru.json()["message"]
        form = client.get("/c/ran/propose", headers={"Accept-Language": "kk"})
        assert form.status_code == 200 and 'name="text"' not in form.text
        assert "ұсыныстар қабылдау" in form.text


def test_unknown_article_is_kept_and_flagged(db: Database, settings: Settings) -> None:
    plain = create_consultation(db, slug="c", title="C").consultation
    seed_draft(db, plain)
    known = submit_proposal(db, settings=settings, consultation="c", text="a", article="2")
    unknown = submit_proposal(db, settings=settings, consultation="c", text="b", article="999")
    assert known.flags == () and unknown.flags == (UNKNOWN_ARTICLE,)
    flags = open_flags(db, consultation_id=plain.id)
    assert [(f.proposal_id, f.kind, f.article_raw) for f in flags] == [
        (unknown.id, UNKNOWN_ARTICLE, "999")
    ]
    with TestClient(create_app(settings)) as client:
        answer = client.post(
            URL.format(slug="c"), json={"text": "c", "article": "ст. 999", "consent": True}
        )
        assert answer.status_code == 201 and answer.json()["flags"] == [UNKNOWN_ARTICLE]


def test_cli_create_with_a_past_closing_date(database_url: str, settings: Settings) -> None:
    runner, env = CliRunner(), {"TALQY_DATABASE_URL": database_url}
    refused = runner.invoke(app, ["consultation", "create", "c", "--title", "C",
                                  "--closes", "2020-01-01"], env=env)  # fmt: skip
    assert refused.exit_code != 0 and "in the past" in str(refused.exception)
    args = ["consultation", "create", "c", "--title", "C", "--title-ru", "К",
            "--opens", "2019-12-01", "--closes", "2020-01-01"]  # fmt: skip
    made = runner.invoke(app, args, env=env)
    assert made.exit_code == 0, made.output
    assert "(closed)" in made.output
    shown = runner.invoke(app, ["consultation", "show", "c", "--json"], env=env)
    assert '"phase": "closed"' in shown.stdout and '"ru": "К"' in shown.stdout
    reopened = runner.invoke(app, ["consultation", "update", "c", "--closes", _iso(5)], env=env)
    assert reopened.exit_code == 0 and "(open)" in reopened.output
    listed = runner.invoke(app, ["consultation", "list", "--json"], env=env)
    assert '"phase": "open"' in listed.stdout


def test_public_page_and_api_show_texts_and_phase(db: Database, settings: Settings) -> None:
    create_consultation(
        db, slug="c", title="Ата заң", titles={"ru": "Основной закон"},
        descriptions={"ru": "Описание", "kk": "Сипаттама"}, body="Министерство",
        dates={"closes_at": "2099-01-01"},
    )  # fmt: skip
    with TestClient(create_app(settings)) as client:
        ru = client.get("/c/c?lang=ru").text
        assert "<h1>Основной закон</h1>" in ru and "Описание" in ru and "Министерство" in ru
        assert "Открыто для предложений" in ru and "2099-01-01 00:00 (UTC+5)" in ru
        kk = client.get("/c/c?lang=kk").text
        assert "<h1>Ата заң</h1>" in kk and "Сипаттама" in kk
        api = client.get("/api/v1/consultations/c").json()
    assert api["phase"] == "open" and api["titles"] == {"ru": "Основной закон"}
    assert api["closes_at"] == "2098-12-31T19:00:00+00:00"
