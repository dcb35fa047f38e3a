"""The secretariat creates a consultation in the console, uploads proposals and assigns a
reviewer; the reviewer decides and publishes; the citizen's answer arrives by e-mail.

The real app under uvicorn on loopback (with its background outbox sender), headless Debian
chromium, and a real SMTP server (aiosmtpd) on loopback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from talqy.intake.tables import proposals
from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from tests.browser.live import decide_and_publish, serving, shot, sign_in
from tests.outbox.servers import Inbox, smtp_server
from tests.review.seed import build_world

CSV = (
    "text,article,email,language,channel\n"
    "Салық кодексінің 1-бабына шағын бизнес үшін жеңілдік қосу керек.,1,"
    "citizen@example.kz,kk,email\n"
)
REASONING = "Ұсыныс 1-баптың жаңа редакциясында ескерілді."


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Database, Inbox]]:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    db = open_database(url)
    build_world(db)
    with smtp_server() as (smtp_url, inbox):
        settings = Settings(
            database_url=url, environment="test", secret_key="browser-secret",
            smtp_url=smtp_url, mail_from="answers@talqy.example", outbox_interval=0.2,
            public_url="https://talqy.example",
        )  # fmt: skip
        try:
            with serving(settings) as base:
                yield base, db, inbox
        finally:
            db.engine.dispose()


def _secretariat(page: Page, base: str, upload: Path) -> None:
    sign_in(page, base, "secretariat")
    page.click("a[href='/staff/console']")
    page.fill("#slug", "tax-2026")
    page.fill("#title", "Салық кодексінің жобасы")
    page.fill("#title_ru", "Проект Налогового кодекса")
    page.fill("#body", "Қаржы министрлігі")
    page.fill("#closes_at", "2099-06-30T18:00")
    page.click("form[action='/staff/console'] button[type=submit]")
    page.wait_for_url(f"{base}/staff/console/c/tax-2026?done=created")
    assert page.inner_text("#phase").strip() == "Ұсыныстар қабылданады"
    page.set_input_files("#table-file", str(upload))
    page.click("form[action$='/imports'] button[type=submit]")
    page.wait_for_url("**/imports/*")
    assert "citizen@example.kz" not in page.content()  # the preview masks contact data
    shot(page, "11-console-preview-kk.png")
    page.click("form[action$='/start'] button[type=submit]")
    page.wait_for_selector("#summary", timeout=20_000)
    shot(page, "12-console-imported-kk.png")
    page.goto(f"{base}/staff/console/c/tax-2026")
    page.select_option("#assign-user", "reviewer")
    page.select_option("#assign-scope", "article")
    page.fill("#assign-value", "1")
    page.click("form[action$='/assign'] button[type=submit]")
    page.wait_for_url("**?done=assigned")
    assert "Сарапшы Айгерім" in page.inner_text("#reviewers + table")


def _reviewer(page: Page, base: str) -> None:
    sign_in(page, base, "reviewer")
    page.goto(f"{base}/staff/c/tax-2026/queue")
    page.click("a[href^='/staff/c/tax-2026/groups/']")
    decide_and_publish(page, {"kk": REASONING}, decided="Шешім қабылданды", published="Жарияланды")


@pytest.mark.browser
def test_console_to_citizen_mail(
    served: tuple[str, Database, Inbox], browser: Browser, tmp_path: Path
) -> None:
    base, db, inbox = served
    upload = tmp_path / "eotinish-export.csv"
    upload.write_text(CSV, encoding="utf-8")
    headers = {"Accept-Language": "kk"}
    secretariat = browser.new_context(locale="kk-KZ", extra_http_headers=headers)
    _secretariat(secretariat.new_page(), base, upload)
    reviewer = browser.new_context(locale="kk-KZ", extra_http_headers=headers)
    _reviewer(reviewer.new_page(), base)
    with db.engine.connect() as conn:
        code = conn.execute(select(proposals.c.receipt_code).where(
            proposals.c.text_original.like("Салық кодексінің%"))).scalar_one()  # fmt: skip
    deadline = time.monotonic() + 20
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert mail["To"] == "citizen@example.kz" and code in mail["Subject"]
    body = mail.get_content()
    assert REASONING in body and "Салық кодексінің жобасы" in body
    assert f"https://talqy.example/receipt?code={code}&lang=kk" in body
