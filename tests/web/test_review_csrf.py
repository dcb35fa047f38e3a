"""Every state change needs the session's CSRF token (or, for the API, a bearer token); no GET
request changes the database. Both checks walk the application's routes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.storage.tables import metadata
from talqy.web.app import create_app
from tests.review.seed import World, build_world, group_state
from tests.review.web_support import sign_in

OPEN_API = {"/api/v1/consultations/{slug}/proposals"}  # public submission: takes no cookies
PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def routes(app: Any) -> Iterator[tuple[str, str]]:
    stack = list(app.routes)
    while stack:
        route = stack.pop(0)
        if hasattr(route, "original_router"):
            stack[:0] = list(route.original_router.routes)
        elif getattr(route, "methods", None):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, route.path


def fill(path: str, world: World) -> str:
    values = {
        "slug": "c1",
        "number": "1",
        "group_id": str(world.groups["own"]),
        "code": world.proposals["own_a"][1],
        "proposal_id": str(world.proposals["own_a"][0]),
    }
    return PARAM.sub(lambda m: values.get(m.group(1), "1"), path)


def snapshot(db: Database) -> dict[str, str]:
    state = {}
    with db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name == "rate_limit_hits":  # counting a lookup is not a change of state
                continue
            if table.name in {"groups", "group_members", "decisions", "assignments", "users"}:
                rows = sorted(repr(tuple(r)) for r in conn.execute(select(table)))
                state[table.name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            else:
                state[table.name] = str(
                    conn.execute(select(func.count()).select_from(table)).scalar()
                )
    return state


FORMS = {
    "decide": {"version": "1", "kind": "accepted", "reasoning_kk": "Иә.", "articles": "1"},
    "publish": {"version": "1"},
    "reopen": {"version": "1"},
    "article": {"version": "1", "article": "3"},
    "split": {"version": "1", "members": "1"},
    "merge": {"version": "1", "sources": "2"},
    "move": {"proposal": "3", "to_group": "1"},
    "bulk": {"groups": "1:1", "kind": "accepted", "reasoning_kk": "Иә."},
    "assign": {"username": "secretariat", "scope": "article", "value": "3"},
    "propose": {"text": "Ұсыныс", "consent": "yes"},
    "login": {"username": "admin", "password": "x"},
}


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def test_state_changes_without_a_valid_token_are_refused(settings: Settings, world: World) -> None:
    with TestClient(create_app(settings)) as client:
        token = sign_in(client, "admin")
        writes = [(m, p) for m, p in routes(client.app) if m != "GET" and p not in OPEN_API]
        assert len(writes) >= 20
        before = snapshot(world.db)
        for method, template in writes:
            path = fill(template, world)
            if path.startswith("/api/"):  # cookies never authenticate the API
                response = client.request(method, path, json={"version": 1})
                assert response.status_code == 401, (path, response.text[:200])
                continue
            form = FORMS.get(path.rsplit("/", 1)[-1], {})
            for sent in ({}, {"csrf_token": "forged"}, {"csrf_token": token[:-2] + "zz"}):
                response = client.post(path, data={**form, **sent}, follow_redirects=False)
                assert response.status_code == 403, (path, sent, response.status_code)
            header = client.post(path, data=form, headers={"X-CSRF-Token": "forged"})
            assert header.status_code == 403
        assert snapshot(world.db) == before
        print(f"CSRF: {len(writes)} state-changing routes refused without a valid token")
        # the control: the very same form with the session's token goes through
        gid = world.groups["own"]
        ok = client.post(
            f"/staff/c/c1/groups/{gid}/decide",
            data={**FORMS["decide"], "csrf_token": token},
            follow_redirects=False,
        )
        assert ok.status_code == 303 and group_state(world.db, gid) == ("decided", 2)
        also = client.post(
            f"/staff/c/c1/groups/{gid}/publish",
            data={"version": "2"},
            headers={"X-CSRF-Token": token},
            follow_redirects=False,
        )
        assert also.status_code == 303 and group_state(world.db, gid)[0] == "published"


def test_a_token_from_another_session_is_refused(settings: Settings, world: World) -> None:
    app = create_app(settings)
    with TestClient(app) as mallory, TestClient(app) as admin:
        stolen = sign_in(mallory, "secretariat")
        sign_in(admin, "admin")
        gid = world.groups["own"]
        response = admin.post(
            f"/staff/c/c1/groups/{gid}/decide", data={**FORMS["decide"], "csrf_token": stolen}
        )
        assert response.status_code == 403
    assert group_state(world.db, gid) == ("new", 1)


def test_no_get_request_changes_state(settings: Settings, world: World) -> None:
    with TestClient(create_app(settings)) as client:
        sign_in(client, "admin")
        reads = [p for m, p in routes(client.app) if m == "GET"]
        assert len(reads) >= 20
        for template in reads:
            before = snapshot(world.db)
            path = fill(template, world)
            response = client.get(path, follow_redirects=False)
            assert response.status_code < 500, (path, response.text[:300])
            assert snapshot(world.db) == before, path
    print(f"GET: {len(reads)} routes leave the database unchanged")
