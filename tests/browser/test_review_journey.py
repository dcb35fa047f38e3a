"""A citizen proposes in Kazakh, a reviewer decides and publishes, the citizen reads the answer.

Runs the real app under uvicorn on loopback and drives headless Debian chromium.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Page, sync_playwright

from talqy.review.group_queries import receipt_row
from talqy.review.grouping import ensure_group_for_proposal
from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from talqy.web.app import create_app
from tests.review.seed import PASSWORD, build_world

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
REASONING = "Ұсыныс 1-баптың жаңа редакциясында ескерілді."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    db = open_database(url)
    build_world(db)
    settings = Settings(database_url=url, environment="test", secret_key="browser-secret")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        server.should_exit = True
        thread.join(10)
        db.engine.dispose()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.mark.browser
def test_citizen_reviewer_citizen_in_kazakh(served: tuple[str, Database]) -> None:
    base, db = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            citizen = browser.new_context(
                locale="kk-KZ", extra_http_headers={"Accept-Language": "kk"}
            )
            page = citizen.new_page()
            page.goto(f"{base}/c/c1/propose")
            assert page.locator("html").get_attribute("lang") == "kk"
            page.fill("#text", "Мемлекеттік тіл туралы бапқа «ана тілі» ұғымын қосу керек.")
            page.select_option("#article", "1")
            page.fill("#name", "Айгүл Серікқызы")
            page.check("input[name=consent]")
            _shot(page, "01-citizen-proposal-kk.png")
            page.click("button[type=submit]")
            page.wait_for_url("**/receipt?code=*")
            code = page.inner_text("#receipt-code").strip()
            assert "Рақмет! Сіздің ұсынысыңыз қабылданды." in page.content()
            _shot(page, "02-citizen-receipt-kk.png")

            group = ensure_group_for_proposal(db, proposal_id=receipt_row(db, code).proposal_id)

            reviewer = browser.new_context(
                locale="kk-KZ", extra_http_headers={"Accept-Language": "kk"}
            )
            staff = reviewer.new_page()
            staff.goto(f"{base}/staff/login")
            staff.fill("#username", "reviewer")
            staff.fill("#password", PASSWORD)
            staff.click("form.stack button[type=submit]")
            staff.wait_for_url(f"{base}/staff")
            staff.goto(f"{base}/staff/c/c1/queue")
            staff.click(f"a[href='/staff/c/c1/groups/{group}']")
            staff.select_option("#decide-form select[name=kind]", "accepted")
            staff.fill("#decide-form #reasoning_kk", REASONING)
            _shot(staff, "03-reviewer-decides-kk.png")
            staff.click("#decide-form button[type=submit]")
            assert staff.inner_text("#group-state").strip() == "Шешім қабылданды"
            staff.click("#publish-form button[type=submit]")
            assert staff.inner_text("#group-state").strip() == "Жарияланды"
            _shot(staff, "04-reviewer-published-kk.png")

            page.goto(f"{base}/receipt?code={code}")
            assert page.inner_text("#status").strip() == "Жауап жарияланды"
            assert REASONING in page.inner_text("blockquote.reasoning")
            assert "Қабылданды" in page.inner_text(".answer")
            _shot(page, "05-citizen-answer-kk.png")
        finally:
            browser.close()
