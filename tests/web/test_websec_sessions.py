"""Staff sessions over HTTP: sign-out and password change end them; framing and caching refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from talqy.review.accounts import change_password
from talqy.settings import Settings
from talqy.web.app import CONTENT_SECURITY_POLICY, create_app
from tests.review.seed import World, build_world
from tests.review.web_support import sign_in

DOCS = Path(__file__).resolve().parents[2] / "docs" / "web.md"


@pytest.fixture
def world(db: object) -> World:
    return build_world(db)  # type: ignore[arg-type]


@pytest.fixture
def client(settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _signed_in(client: TestClient) -> bool:
    return client.get("/staff", follow_redirects=False).status_code == 200


def test_sign_out_revokes_the_stolen_cookie(client: TestClient) -> None:
    token = sign_in(client, "admin")
    stolen = client.cookies.get("talqy_session")
    assert stolen
    with TestClient(client.app, cookies={"talqy_session": stolen}) as thief:
        assert _signed_in(thief)  # a copied cookie works while the session lives
        out = client.post("/staff/logout", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303 and not _signed_in(client)
        assert not _signed_in(thief)  # the validly signed cookie is dead after sign-out


def test_password_change_ends_every_session(settings: Settings, world: World) -> None:
    app = create_app(settings)
    with TestClient(app) as laptop, TestClient(app) as phone:
        sign_in(laptop, "secretariat")
        sign_in(phone, "secretariat")
        assert _signed_in(laptop) and _signed_in(phone)
        change_password(world.db, username="secretariat", password="a brand new password")
        assert not _signed_in(laptop) and not _signed_in(phone)


def test_staff_pages_cannot_be_framed_or_cached(client: TestClient) -> None:
    sign_in(client, "admin")
    for path in ("/staff", "/staff/login", "/staff/c/c1/queue", "/receipt?code=2345-6789-ABCD"):
        headers = client.get(path).headers
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["cache-control"] == "no-store", path
    public = client.get("/c/c1/articles").headers
    assert public["x-frame-options"] == "DENY" and "cache-control" not in public


def test_docs_state_the_policy_exactly_as_sent(client: TestClient) -> None:
    documented = re.search(r"\*\*CSP\*\*[^`]*`([^`]+)`", DOCS.read_text(encoding="utf-8"))
    assert documented, "docs/web.md has no CSP line"
    sent = client.get("/staff/login").headers["content-security-policy"]
    assert documented.group(1) == sent == CONTENT_SECURITY_POLICY


def test_host_header_never_reaches_the_stylesheet_link(client: TestClient) -> None:
    page = client.get("/", headers={"Host": "evil.example"})
    assert page.status_code == 200
    assert 'href="/static/talqy.css"' in page.text and "evil.example" not in page.text
