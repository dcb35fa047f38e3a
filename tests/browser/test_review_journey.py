"""A citizen proposes in Kazakh, a reviewer decides and publishes, the citizen reads the answer.

Runs the real app under uvicorn on loopback and drives headless Debian chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from talqy.review.group_queries import receipt_row
from talqy.review.grouping import ensure_group_for_proposal
from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from tests.browser.live import serving, shot, sign_in
from tests.review.seed import build_world

REASONING = "Ұсыныс 1-баптың жаңа редакциясында ескерілді."


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    db = open_database(url)
    build_world(db)
    settings = Settings(database_url=url, environment="test", secret_key="browser-secret")
    try:
        with serving(settings) as base:
            yield base, db
    finally:
        db.engine.dispose()


@pytest.mark.browser
def test_citizen_reviewer_citizen_in_kazakh(served: tuple[str, Database], browser: Browser) -> None:
    base, db = served
    citizen = browser.new_context(locale="kk-KZ", extra_http_headers={"Accept-Language": "kk"})
    page = citizen.new_page()
    page.goto(f"{base}/c/c1/propose")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.fill("#text", "Мемлекеттік тіл туралы бапқа «ана тілі» ұғымын қосу керек.")
    page.select_option("#article", "1")
    page.fill("#name", "Айгүл Серікқызы")
    page.check("input[name=consent]")
    shot(page, "01-citizen-proposal-kk.png")
    page.click("button[type=submit]")
    page.wait_for_url("**/receipt?code=*")
    code = page.inner_text("#receipt-code").strip()
    assert "Рақмет! Сіздің ұсынысыңыз қабылданды." in page.content()
    shot(page, "02-citizen-receipt-kk.png")

    group = ensure_group_for_proposal(db, proposal_id=receipt_row(db, code).proposal_id)

    reviewer = browser.new_context(locale="kk-KZ", extra_http_headers={"Accept-Language": "kk"})
    staff = reviewer.new_page()
    sign_in(staff, base)
    staff.goto(f"{base}/staff/c/c1/queue")
    staff.click(f"a[href='/staff/c/c1/groups/{group}']")
    staff.select_option("#decide-form select[name=kind]", "accepted")
    staff.fill("#decide-form #reasoning_kk", REASONING)
    shot(staff, "03-reviewer-decides-kk.png")
    staff.click("#decide-form button[type=submit]")
    assert staff.inner_text("#group-state").strip() == "Шешім қабылданды"
    staff.click("#publish-form button[type=submit]")
    assert staff.inner_text("#group-state").strip() == "Жарияланды"
    shot(staff, "04-reviewer-published-kk.png")

    page.goto(f"{base}/receipt?code={code}")
    assert page.inner_text("#status").strip() == "Жауап жарияланды"
    assert REASONING in page.inner_text("blockquote.reasoning")
    assert "Қабылданды" in page.inner_text(".answer")
    shot(page, "05-citizen-answer-kk.png")
