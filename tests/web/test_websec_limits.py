"""Input limits over HTTP: huge ids never 500, big bodies 413, OpenAPI lists the real codes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from talqy.review.accounts import issue_token
from talqy.settings import Settings
from talqy.web.app import create_app
from tests.review.seed import World, build_world
from tests.review.web_support import csrf_of, sign_in

HUGE = [2**31, 2**63, 2**64 + 7, 10**30]
API = "/api/v1/review/c1"


@pytest.fixture
def world(db: object) -> World:
    return build_world(db)  # type: ignore[arg-type]


@pytest.fixture
def client(settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_huge_ids_in_paths_are_404(client: TestClient, world: World) -> None:
    bearer = {"Authorization": f"Bearer {issue_token(world.db, username='admin')}"}
    sign_in(client, "admin")
    for big in HUGE:
        for path in (f"/c/c1/groups/{big}", f"/api/v1/consultations/c1/groups/{big}",
                     f"/api/v1/sessions/{big}", f"/sessions/{big}", f"/staff/c/c1/groups/{big}",
                     f"/api/v1/consultations/c1/groups/{big}/sessions"):  # fmt: skip
            assert client.get(path).status_code == 404, path
        assert client.get(f"{API}/groups/{big}", headers=bearer).status_code == 404
        moved = client.post(f"{API}/proposals/{big}/move", json={"to_group": 1}, headers=bearer)
        assert moved.status_code == 404
    assert client.get("/c/c1/groups/-1").status_code == 404
    assert client.get("/c/c1/groups/abc").status_code == 400  # malformed, not missing


def test_huge_numbers_in_queries_forms_and_bodies_are_400(client: TestClient, world: World) -> None:
    bearer = {"Authorization": f"Bearer {issue_token(world.db, username='admin')}"}
    own = world.groups["own"]
    token = sign_in(client, "admin")
    for big in HUGE:
        for path in (f"{API}/groups?offset={big}", f"{API}/audit?before={big}"):
            assert client.get(path, headers=bearer).status_code == 400, path
        assert client.get(f"/staff/c/c1/audit?before={big}").status_code == 400
        for action, body in (("merge", {"sources": [big]}), ("split", {"proposals": [big]}),
                             ("publish", {"version": big})):  # fmt: skip
            answer = client.post(f"{API}/groups/{own}/{action}", json=body, headers=bearer)
            assert answer.status_code == 400, (action, answer.text)
        bulk = {"groups": [{"id": big}], "kind": "accepted", "reasoning": {"kk": "Иә."}}
        assert client.post(f"{API}/bulk-decisions", json=bulk, headers=bearer).status_code == 400
        for action, form in (("move", {"proposal": str(big), "to_group": "1"}),
                             ("merge", {"version": "1", "sources": str(big)}),
                             ("split", {"version": "1", "members": str(big)}),
                             ("decide", {"version": str(big), "kind": "accepted"})):  # fmt: skip
            answer = client.post(f"/staff/c/c1/groups/{own}/{action}",
                                 data={**form, "csrf_token": token})  # fmt: skip
            assert answer.status_code == 400, (action, answer.status_code)
        bulk_form = {"groups": f"{big}:1", "kind": "accepted", "csrf_token": token}
        assert client.post("/staff/c/c1/bulk", data=bulk_form).status_code == 400
        assert client.get(f"/c/c1/sessions?year={big}").status_code in (200, 400)


def test_a_30_mb_body_is_refused_with_413(client: TestClient) -> None:
    big = b'{"consent": true, "text": "' + b"x" * (30 * 1024 * 1024) + b'"}'
    declared = client.post(
        "/api/v1/consultations/c1/proposals",
        content=big,
        headers={"Content-Type": "application/json"},
    )
    assert declared.status_code == 413 and declared.json()["error"]
    russian = client.post("/api/v1/consultations/c1/proposals?lang=ru", content=big)
    assert russian.status_code == 413 and "Запрос слишком большой" in russian.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while streaming
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * (1024 * 1024)
        yield b'"}'

    streamed = client.post(
        "/api/v1/consultations/c1/proposals",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    form = client.get("/c/c1/propose")
    upload = client.post(
        "/c/c1/propose",
        data={"text": "z" * (11 * 1024 * 1024), "consent": "yes", "csrf_token": csrf_of(form.text)},
    )
    assert upload.status_code == 413
    small = client.post(
        "/api/v1/consultations/c1/proposals", json={"consent": True, "text": "Қысқа ұсыныс"}
    )
    assert small.status_code == 201


def test_body_limit_is_a_setting(settings: Settings, world: World) -> None:
    tight = settings.model_copy(update={"max_body_bytes": 2048})
    with TestClient(create_app(tight)) as client:
        url = "/api/v1/consultations/c1/proposals"
        assert client.post(url, json={"consent": True, "text": "a" * 1500}).status_code == 201
        assert client.post(url, json={"consent": True, "text": "a" * 2500}).status_code == 413


def test_openapi_lists_the_real_status_codes(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    submit = paths["/api/v1/consultations/{slug}/proposals"]["post"]["responses"]
    assert {"200", "201", "400", "404", "413", "429"} <= set(submit)
    decide = paths["/api/v1/review/{slug}/groups/{group_id}/decision"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "413"} <= set(decide)
    receipt = paths["/api/v1/receipts/{code}"]["get"]["responses"]
    assert {"404", "429"} <= set(receipt)
    assert not [p for p, ops in paths.items() for op in ops.values() if "422" in op["responses"]]
