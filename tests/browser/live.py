"""The real app under uvicorn on loopback, and the helpers every browser journey shares."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import Page

from talqy.settings import Settings
from talqy.web.app import create_app
from tests.review.seed import PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """Serve ``create_app(settings)`` on a free loopback port; yields its base URL."""
    port = free_port()
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def sign_in(page: Page, base: str, username: str = "reviewer") -> None:
    """Sign in through the staff login form; lands on the staff home page."""
    page.goto(f"{base}/staff/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/staff")


def decide_and_publish(
    page: Page, reasoning: Mapping[str, str], *, decided: str, published: str
) -> None:
    """On an open group page: decide "accepted" with ``reasoning`` (by language), then publish;
    ``decided`` and ``published`` are the state labels the page must show after each step."""
    page.select_option("#decide-form select[name=kind]", "accepted")
    for language, text in reasoning.items():
        page.fill(f"#decide-form #reasoning_{language}", text)
    page.click("#decide-form button[type=submit]")
    assert page.inner_text("#group-state").strip() == decided
    page.click("#publish-form button[type=submit]")
    assert page.inner_text("#group-state").strip() == published
