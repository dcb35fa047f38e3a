"""Every review route × every kind of visitor × own/foreign object: no unexpected allow.

"own" is a group on article 1 (assigned to ``reviewer``), "foreign" one on article 2 (assigned
to ``other-reviewer``). Write requests carry a stale version (or a self-merge/self-move) so an
allowed request fails *after* the permission check (409/400) and changes nothing; a refused one
answers 401/403/404 or sends the browser to the sign-in page.
"""

# ruff: noqa: E501  (one route per line reads best as a table)
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from talqy.review.accounts import issue_token
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import World, build_world, group_state
from tests.review.web_support import csrf_of, sign_in

VISITORS = ("anonymous", "citizen", "citizen-account", "other-reviewer", "reviewer",
            "commission", "secretariat", "admin")  # fmt: skip
STAFF = {"other-reviewer", "reviewer", "commission", "secretariat", "admin"}
LEADS = {"secretariat", "admin"}
OVERSIGHT = {"commission", "secretariat", "admin"}


def assigned(visitor: str, obj: str) -> bool:
    return (visitor, obj) in {("reviewer", "own"), ("other-reviewer", "foreign")}


Expect = Callable[[str, str], bool]
EXPECT: dict[str, Expect] = {
    "staff": lambda v, o: v in STAFF,
    "view_group": lambda v, o: v in OVERSIGHT or assigned(v, o),
    "audit": lambda v, o: v in OVERSIGHT,
    "work": lambda v, o: v in LEADS or assigned(v, o),
    "publish": lambda v, o: v in OVERSIGHT or assigned(v, o),
    "reopen": lambda v, o: v in OVERSIGHT,
    "assign": lambda v, o: v in LEADS,
    "nobody": lambda v, o: False,  # an unpublished group on the public site
    "code": lambda v, o: o == "own",  # the receipt code is the credential
    "anyone": lambda v, o: True,
}


@dataclass(frozen=True)
class Target:
    group: int
    proposal: int
    code: str


@dataclass
class Visitor:
    name: str
    client: TestClient
    csrf: str
    token: str | None

    def send(self, method: str, path: str, body: dict[str, object] | None) -> Response:
        if path.startswith("/api/"):
            headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
            return self.client.request(method, path, json=body, headers=headers)
        if method == "GET":
            return self.client.get(path, follow_redirects=False)
        data = {"csrf_token": self.csrf, **(body or {})}
        return self.client.post(path, data=data, follow_redirects=False)  # type: ignore[arg-type]


def _article(target: Target) -> str:
    """The article of the target's group: 1 for "own" (real receipt code), 2 for "foreign"."""
    return "2" if target.code == "XXXX-XXXX-XXXX" else "1"


Route = tuple[str, str, str, Callable[[Target], dict[str, object] | None]]
ROUTES: list[Route] = [
    ("GET", "/staff", "staff", lambda t: None),
    ("GET", "/staff/c/c1/queue", "staff", lambda t: None),
    ("GET", "/staff/c/c1/groups/{g}", "view_group", lambda t: None),
    ("GET", "/staff/c/c1/audit", "audit", lambda t: None),
    ("POST", "/staff/c/c1/groups/{g}/decide", "work",
     lambda t: {"version": 0, "kind": "accepted", "reasoning_kk": "x"}),
    ("POST", "/staff/c/c1/groups/{g}/publish", "publish", lambda t: {"version": 0}),
    ("POST", "/staff/c/c1/groups/{g}/reopen", "reopen", lambda t: {"version": 0}),
    ("POST", "/staff/c/c1/groups/{g}/article", "work", lambda t: {"version": 0, "article": "1"}),
    ("POST", "/staff/c/c1/groups/{g}/split", "work", lambda t: {"version": 0, "members": t.proposal}),
    ("POST", "/staff/c/c1/groups/{g}/merge", "work", lambda t: {"version": 0, "sources": str(t.group)}),
    ("POST", "/staff/c/c1/groups/{g}/move", "work", lambda t: {"proposal": t.proposal, "to_group": t.group}),
    ("POST", "/staff/c/c1/bulk", "work", lambda t: {"groups": f"{t.group}:0", "kind": "accepted", "reasoning_kk": "x"}),
    ("POST", "/staff/c/c1/assign", "assign", lambda t: {"username": "reviewer", "scope": "article", "value": "1"}),
    ("GET", "/api/v1/review/c1/groups", "staff", lambda t: None),
    ("GET", "/api/v1/review/c1/groups/{g}", "view_group", lambda t: None),
    ("GET", "/api/v1/review/c1/audit", "audit", lambda t: None),
    ("POST", "/api/v1/review/c1/groups/{g}/decision", "work",
     lambda t: {"version": 0, "kind": "accepted", "reasoning": {"kk": "x"}}),
    ("POST", "/api/v1/review/c1/groups/{g}/publish", "publish", lambda t: {"version": 0}),
    ("POST", "/api/v1/review/c1/groups/{g}/reopen", "reopen", lambda t: {"version": 0}),
    ("POST", "/api/v1/review/c1/groups/{g}/article", "work", lambda t: {"version": 0, "article": "1"}),
    ("POST", "/api/v1/review/c1/groups/{g}/split", "work", lambda t: {"version": 0, "proposals": [t.proposal]}),
    ("POST", "/api/v1/review/c1/groups/{g}/merge", "work", lambda t: {"version": 0, "sources": [t.group]}),
    ("POST", "/api/v1/review/c1/proposals/{p}/move", "work", lambda t: {"to_group": t.group}),
    ("POST", "/api/v1/review/c1/bulk-decisions", "work",
     lambda t: {"groups": [{"id": t.group, "version": 0}], "kind": "accepted", "reasoning": {"kk": "x"}}),
    ("POST", "/api/v1/review/c1/assignments", "assign",
     lambda t: {"username": "reviewer", "scope": "article", "value": "1"}),
    ("GET", "/staff/c/c1/unplaced", "staff", lambda t: None),
    ("POST", "/staff/c/c1/groups/{g}/merge-similar", "work", lambda t: {"version": 0, "source": t.group, "source_version": 0}),
    ("POST", "/staff/c/c1/groups/{g}/move-found", "work", lambda t: {"version": 0, "proposals": t.proposal}),
    ("POST", "/staff/c/c1/unplaced", "work", lambda t: {"proposals": t.proposal, "action": "new"}),
    ("POST", "/staff/c/c1/unplaced", "work", lambda t: {"proposals": t.proposal, "action": "add", "to_group": t.group}),
    ("POST", "/staff/c/c1/decide-scope", "work",
     lambda t: {"scope": "article", "value": _article(t), "kind": "accepted", "reasoning_kk": ""}),
    ("GET", "/api/v1/review/c1/groups/{g}/similar", "view_group", lambda t: None),
    ("GET", "/api/v1/review/c1/groups/{g}/candidates?query=тіл", "view_group", lambda t: None),
    ("POST", "/api/v1/review/c1/groups/{g}/members", "work", lambda t: {"version": 0, "proposals": [t.proposal]}),
    ("GET", "/api/v1/review/c1/unplaced", "staff", lambda t: None),
    ("POST", "/api/v1/review/c1/unplaced/group", "work", lambda t: {"proposals": [t.proposal]}),
    ("POST", "/api/v1/review/c1/scope-decisions", "work",
     lambda t: {"scope": "article", "value": _article(t), "kind": "accepted", "reasoning": {"kk": ""}}),
    ("GET", "/c/c1/groups/{g}", "nobody", lambda t: None),
    ("GET", "/api/v1/consultations/c1/groups/{g}", "nobody", lambda t: None),
    ("GET", "/receipt?code={code}", "code", lambda t: None),
    ("GET", "/api/v1/receipts/{code}/answer", "code", lambda t: None),
    ("GET", "/c/c1/table", "anyone", lambda t: None),
]  # fmt: skip


def refused(response: Response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 303 and "/staff/login" in response.headers["location"]


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def visitors(settings: Settings, world: World) -> Iterator[dict[str, Visitor]]:
    # every visitor shares the test client's address: the receipt throttle is not under test
    app = create_app(settings.model_copy(update={"receipt_lookups_per_minute": 100_000}))
    opened: dict[str, Visitor] = {}
    try:
        for name in VISITORS:
            client = TestClient(app)
            client.__enter__()
            if name in ("anonymous", "citizen"):
                csrf, token = csrf_of(client.get("/staff/login").text), None
            else:
                csrf, token = sign_in(client, name), issue_token(world.db, username=name)
            opened[name] = Visitor(name, client, csrf, token)
        yield opened
    finally:
        for visitor in opened.values():
            visitor.client.__exit__(None, None, None)


def test_authorization_matrix(world: World, visitors: dict[str, Visitor]) -> None:
    targets = {
        "own": Target(world.groups["own"], world.proposals["own_a"][0], world.proposals["own_a"][1]),
        "foreign": Target(world.groups["foreign"], world.proposals["foreign"][0], "XXXX-XXXX-XXXX"),
    }  # fmt: skip
    before = {g: group_state(world.db, t.group) for g, t in targets.items()}
    unexpected_allows, unexpected_denials, cells = [], [], 0
    for method, template, rule, body in ROUTES:
        for obj, target in targets.items():
            path = template.format(g=target.group, p=target.proposal, code=target.code)
            for name, visitor in visitors.items():
                response = visitor.send(method, path, body(target))
                assert response.status_code < 500, (method, path, name, response.text[:300])
                allowed, expected = not refused(response), EXPECT[rule](name, obj)
                cells += 1
                if allowed and not expected:
                    unexpected_allows.append((method, path, name, response.status_code))
                elif expected and not allowed:
                    unexpected_denials.append((method, path, name, response.status_code))
    print(f"authorization matrix: {len(ROUTES)} routes x {len(VISITORS)} visitors x 2 objects"
          f" = {cells} cells")  # fmt: skip
    assert unexpected_allows == []
    assert unexpected_denials == []
    after = {g: group_state(world.db, t.group) for g, t in targets.items()}
    assert after == before  # every allowed write failed after authorization: nothing changed
