"""Every public page fits a 360 px phone; axe-core finds no serious or critical violation.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``), injected
through the DevTools protocol, so nothing is loaded from another origin and the app's CSP stays
as it is. ``/api/docs`` is checked to load only same-origin assets and to render.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from talqy.review.decisions import decide, publish
from talqy.settings import Settings
from talqy.storage.database import open_database
from tests.browser.live import serving
from tests.review.seed import PASSWORD, World, build_world

PUBLIC_PAGES = [
    "/", "/c/c1", "/c/c1/articles", "/c/c1/articles/1", "/c/c1/propose", "/receipt?code={code}",
    "/c/c1/table", "/c/c1/groups/{group}", "/c/c1/changes", "/c/c1/sessions", "/c/c1/report",
    "/foresight", "/receipt", "/nope",
]  # fmt: skip
STAFF_PAGES = [
    "/staff", "/staff/c/c1/queue", "/staff/c/c1/groups/{group}", "/staff/c/c1/audit",
]  # fmt: skip


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def _published(world: World) -> tuple[int, str]:
    """Publish the decision on the seeded group of article 1; its group id and a receipt code."""
    group = world.groups["own"]
    actor = world.actor("reviewer")
    reasoning = {"kk": "Ұсыныс ескерілді.", "ru": "Учтено.", "en": "Taken into account."}
    decide(world.db, actor=actor, group_id=group, kind="accepted", reasoning=reasoning)
    publish(world.db, actor=actor, group_id=group)
    return group, world.proposals["own_a"][1]


def _violations(page: Page, axe: str) -> list[dict[str, Any]]:
    page.evaluate(axe + "\n;undefined")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": item["id"], "impact": item["impact"], "nodes": len(item["nodes"])}
        for item in result
        if item["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, int, str]]:
    """The app on loopback with the seeded world and one published group."""
    url = f"sqlite:///{tmp_path / 'a11y.db'}"
    db = open_database(url)
    group, code = _published(build_world(db))
    settings = Settings(database_url=url, environment="test", secret_key="browser-secret")
    try:
        with serving(settings) as base:
            yield base, group, code
    finally:
        db.engine.dispose()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_public_pages_fit_360px_and_pass_axe(
    site: tuple[str, int, str], browser: Browser, language: str
) -> None:
    base, group, code = site
    axe = _axe_source()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    widths: dict[str, int] = {}
    problems: dict[str, list[dict[str, Any]]] = {}
    for path in PUBLIC_PAGES:
        url = base + path.format(code=code, group=group)
        response = page.goto(url)
        assert response is not None and response.status in (200, 404), (path, response)
        assert page.locator("html").get_attribute("lang") == language
        widths[path] = page.evaluate("document.scrollingElement.scrollWidth")
        found = _violations(page, axe)
        if found:
            problems[path] = found
    context.close()
    assert {path: width for path, width in widths.items() if width > 360} == {}
    assert problems == {}


@pytest.mark.browser
def test_staff_pages_pass_axe_and_fit(site: tuple[str, int, str], browser: Browser) -> None:
    base, group, _code = site
    axe = _axe_source()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/staff/login")
    assert _violations(page, axe) == []
    page.fill("#username", "reviewer")
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    problems: dict[str, list[dict[str, Any]]] = {}
    widths: dict[str, int] = {}
    for path in STAFF_PAGES:
        page.goto(base + path.format(group=group))
        widths[path] = page.evaluate("document.scrollingElement.scrollWidth")
        found = _violations(page, axe)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
    assert {path: width for path, width in widths.items() if width > 360} == {}


@pytest.mark.browser
def test_skip_link_and_visible_focus(site: tuple[str, int, str], browser: Browser) -> None:
    base = site[0]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{base}/c/c1/propose?lang=kk")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {href: e.getAttribute('href'), text: e.textContent.trim(),"
        " outline: s.outlineStyle, width: parseFloat(s.outlineWidth),"
        " visible: e.getBoundingClientRect().height > 0}; }"
    )
    assert focused["href"] == "#main" and focused["text"] == "Негізгі мазмұнға өту"
    assert focused["visible"] and focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.browser
def test_api_docs_load_only_same_origin_assets(
    site: tuple[str, int, str], browser: Browser
) -> None:
    base = site[0]
    page = browser.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: errors.append(f"{message.type}: {message.text}"))
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Talqy" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock", timeout=15_000)
    origin = urlsplit(base).netloc
    foreign = [url for url in requested if urlsplit(url).netloc not in (origin, "")]
    assert foreign == [] and any("swagger-ui-bundle.js" in url for url in requested)
    assert not [text for text in errors if text.startswith("error")]
