"""A reviewer filters and searches the queue, merges a suggested similar group from the keyboard
and splits a group; the tool pages fit 360 px and pass axe. Real app, headless chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from talqy.review.group_queries import get_group, group_of_proposal
from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from tests.browser.live import serving, shot, sign_in
from tests.browser.test_accessibility import _axe_source, _violations
from tests.review.seed import World, build_world, seed_group, seed_proposal


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, World, int]]:
    url = f"sqlite:///{tmp_path / 'tools.db'}"
    db = open_database(url)
    world = build_world(db)
    c = world.consultation
    near = seed_group(db, c, [seed_proposal(db, c, "Мемлекеттік тілді нығайту қажет",
                                            article="1")[0]], article="1")  # fmt: skip
    seed_proposal(db, c, "Мемлекеттік тіл туралы жаңа ұсыныс", article="1")  # in no group
    settings = Settings(database_url=url, environment="test", secret_key="browser-secret")
    try:
        with serving(settings) as base:
            yield base, world, near
    finally:
        db.engine.dispose()


@pytest.mark.browser
def test_reviewer_filters_searches_merges_and_splits(
    served: tuple[str, World, int], browser: Browser
) -> None:
    base, world, near = served
    db: Database = world.db
    own = world.groups["own"]
    context = browser.new_context(locale="ru-RU", extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    sign_in(page, base)
    page.goto(f"{base}/staff/c/c1/queue")
    page.fill("#queue-query", "нығайту")
    page.select_option("#queue-filters select[name=article]", "1")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**/queue?*query=*")
    assert "article=1" in page.url
    links = page.locator("#bulk tbody a").all_inner_texts()
    assert sorted(links) == sorted([f"#{own}", f"#{near}"])
    shot(page, "11-reviewer-filters-ru.png")

    page.click(f"#bulk a[href='/staff/c/c1/groups/{own}']")
    merge = page.locator(f"#similar-{near} button")
    assert merge.get_attribute("aria-label") == f"Объединить группу {near} с этой"
    merge.focus()
    page.keyboard.press("Enter")  # one keystroke, no mouse
    page.wait_for_url(f"**/groups/{own}?done=merge")
    assert get_group(db, near).merged_into == own
    assert page.locator("#similar-" + str(near)).count() == 0
    shot(page, "12-reviewer-merged-ru.png")

    moving = world.proposals["own_b"][0]
    page.check(f"#split-form input[aria-label='Выбрать предложение {moving}']")
    page.click("#split-form button[type=submit]")
    page.wait_for_url("**/groups/*?done=split")
    assert group_of_proposal(db, moving) not in (None, own)
    shot(page, "13-reviewer-split-ru.png")
    context.close()


@pytest.mark.browser
def test_tool_pages_fit_360px_and_pass_axe(
    served: tuple[str, World, int], browser: Browser
) -> None:
    base, world, _near = served
    axe = _axe_source()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, base)
    own = world.groups["own"]
    paths = [
        "/staff/c/c1/queue?article=1&query=тіл&size=25&scope_decided=1&skipped_not_allowed=1",
        "/staff/c/c1/unplaced",
        f"/staff/c/c1/groups/{own}?find=тіл",
    ]
    problems: dict[str, list[dict[str, Any]]] = {}
    widths: dict[str, int] = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        widths[path] = page.evaluate("document.scrollingElement.scrollWidth")
        found = _violations(page, axe)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
    assert {path: width for path, width in widths.items() if width > 360} == {}
