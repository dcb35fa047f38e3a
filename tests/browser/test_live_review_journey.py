"""Live review, end to end through the pages: a citizen submits a rewording of a stored
proposal, it is placed on arrival; a reviewer finds it in the queue by its words, merges the
suggested similar group with one click, decides and publishes; the citizen's receipt shows the
answer. A real systematization run (model-free hashing embedder), the real app under uvicorn
on loopback, headless Debian chromium."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from talqy.review.grouping import assign
from talqy.settings import Settings
from talqy.storage.database import open_database
from talqy.systematization.runner import systematize_consultation
from tests.browser.live import decide_and_publish, serving, shot, sign_in
from tests.review.seed import World, build_world, seed_proposal

REWORDING = "Мемлекеттік тілді нығайту керек деп ойлаймын."  # the seeded ask, reworded
SIMILAR = "Қазақ тілін мемлекеттік тіл ретінде қорғау керек."
REASONING = {
    "kk": "Мемлекеттік тілді нығайту туралы ұсыныс 1-бапта ескерілді.",
    "ru": "Предложение об укреплении государственного языка учтено в статье 1.",
}


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, World]]:
    """The seeded world, one more stored proposal, a finished run; the reviewer also on
    article 2, where the run puts the similar position."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    db = open_database(url)
    world = build_world(db)
    seed_proposal(db, world.consultation, SIMILAR, article="1")
    assign(db, actor=world.actor("admin"), username="reviewer", scope="article", value="2")
    cache = os.environ.get("TALQY_CACHE_DIR")
    settings = Settings(
        database_url=url, environment="test", secret_key="browser-secret", cache_dir=cache
    )
    systematize_consultation(db, settings=settings, consultation="c1", embedder="hashing")
    try:
        with serving(settings) as base:
            yield base, world
    finally:
        db.engine.dispose()


def _submit(page: Page, base: str) -> str:
    """The citizen proposes through the public form; returns the receipt code shown."""
    page.goto(f"{base}/c/c1/propose")
    page.fill("#text", REWORDING)
    page.select_option("#article", "1")
    page.check("input[name=consent]")
    page.click("button[type=submit]")
    page.wait_for_url("**/receipt?code=*")
    assert "Рақмет! Сіздің ұсынысыңыз қабылданды." in page.content()
    assert page.inner_text("#status").strip() != "Жауап жарияланды"
    return page.inner_text("#receipt-code").strip()


def _search_queue(page: Page, base: str, words: str) -> list[str]:
    """Search the queue by ``words`` until a group holds them (placement runs just after the
    citizen's answer has gone out); the group links found."""
    deadline = time.monotonic() + 15
    while True:
        page.goto(f"{base}/staff/c/c1/queue")
        page.fill("#queue-query", words)
        page.click("#queue-filters button[type=submit]")
        page.wait_for_url("**/queue?*query=*")
        links = page.locator("#bulk tbody a").all_inner_texts()
        if links or time.monotonic() > deadline:
            return links
        time.sleep(0.2)


@pytest.mark.browser
def test_citizen_submits_reviewer_merges_and_decides_citizen_reads(
    live: tuple[str, World], browser: Browser
) -> None:
    base, world = live
    own = world.groups["own"]
    citizen = browser.new_context(locale="kk-KZ", extra_http_headers={"Accept-Language": "kk"})
    receipt = citizen.new_page()
    code = _submit(receipt, base)
    shot(receipt, "21-live-citizen-receipt-kk.png")

    reviewer = browser.new_context(locale="ru-RU", extra_http_headers={"Accept-Language": "ru"})
    page = reviewer.new_page()
    sign_in(page, base)
    assert _search_queue(page, base, "ойлаймын") == [f"#{own}"]
    assert page.inner_text("#queue-total").strip() == "Группы: 1"
    row = page.locator("#bulk tbody tr")
    assert row.locator("td").nth(3).inner_text().strip() == "3"  # two seeded and the new one
    shot(page, "22-live-queue-search-ru.png")

    page.click(f"#bulk a[href='/staff/c/c1/groups/{own}']")
    assert page.inner_text("#member-count").strip() == "3"
    placed = page.locator("#split-form tbody tr", has_text=REWORDING)
    assert "Размещено при поступлении" in placed.inner_text()
    suggestion = page.locator("#similar tbody tr", has_text=SIMILAR)
    assert suggestion.count() == 1
    similar = int((suggestion.get_attribute("id") or "").removeprefix("similar-"))
    assert similar != own
    shot(page, "23-live-group-similar-ru.png")
    suggestion.locator("button").click()  # one click
    page.wait_for_url(f"**/groups/{own}?done=merge")
    assert page.inner_text("#member-count").strip() == "4"
    assert page.locator(f"#similar-{similar}").count() == 0
    assert page.locator("#split-form tbody tr", has_text=SIMILAR).count() == 1
    assert page.inner_text(".notice[role=status]").strip() == "Сохранено."

    decide_and_publish(page, REASONING, decided="Решение принято", published="Опубликовано")
    shot(page, "24-live-published-ru.png")

    receipt.goto(f"{base}/receipt?code={code}")
    assert receipt.inner_text("#status").strip() == "Жауап жарияланды"
    assert "Қабылданды" in receipt.inner_text(".answer")
    assert REASONING["kk"] in receipt.inner_text("blockquote.reasoning")
    shot(receipt, "25-live-citizen-answer-kk.png")
    reviewer.close()
    citizen.close()
