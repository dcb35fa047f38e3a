"""Receipts never leak, limits hold per client, and proxies are believed only when configured."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from talqy.intake.tables import proposals
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import World, build_world
from tests.review.web_support import csrf_of

URL = "/api/v1/consultations/c/proposals"


def _client(app: object, address: str) -> TestClient:
    return TestClient(app, client=(address, 40_000))  # type: ignore[arg-type]


@pytest.fixture
def consultation(db: Database) -> Database:
    create_consultation(db, slug="c", title="C")
    return db


def test_another_clients_external_id_reveals_no_receipt(
    consultation: Database, settings: Settings
) -> None:
    app = create_app(settings)
    with _client(app, "198.51.100.7") as citizen, _client(app, "203.0.113.9") as attacker:
        first = citizen.post(
            URL, json={"consent": True, "text": "Менің ұсынысым", "external_id": "1001"}
        )
        again = citizen.post(
            URL, json={"consent": True, "text": "Менің ұсынысым", "external_id": "1001"}
        )
        stolen = attacker.post(URL, json={"consent": True, "text": "x", "external_id": "1001"})
        forged = attacker.post(
            URL, json={"consent": True, "text": "x", "channel": "e-otinish", "external_id": "1"}
        )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["receipt_code"] == first.json()["receipt_code"]
    assert stolen.status_code == 201
    assert stolen.json()["receipt_code"] != first.json()["receipt_code"]
    assert forged.status_code == 400  # only channel "api" on the open API
    with consultation.engine.connect() as conn:
        rows = conn.execute(select(proposals.c.channel, proposals.c.external_id)).all()
    assert sorted(rows) == [("api", None), ("api", None)]


def test_idempotency_keys_are_scoped_to_the_client(
    consultation: Database, settings: Settings
) -> None:
    app = create_app(settings)
    key = {"Idempotency-Key": "order-42"}
    with _client(app, "198.51.100.7") as citizen, _client(app, "203.0.113.9") as other:
        first = citizen.post(URL, json={"consent": True, "text": "Бір"}, headers=key)
        retry = citizen.post(URL, json={"consent": True, "text": "Бір"}, headers=key)
        replay = other.post(URL, json={"consent": True, "text": "Бір"}, headers=key)
    assert (first.status_code, retry.status_code, replay.status_code) == (201, 200, 201)
    assert retry.json()["receipt_code"] == first.json()["receipt_code"]
    assert replay.json()["receipt_code"] != first.json()["receipt_code"]
    with consultation.engine.connect() as conn:
        stored = conn.execute(select(proposals.c.idempotency_key)).scalars().all()
    assert len(stored) == 2 and not [k for k in stored if "order-42" in k]


def test_receipt_lookups_are_throttled(consultation: Database, settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"receipt_lookups_per_minute": 3}))
    with _client(app, "198.51.100.7") as guesser, _client(app, "203.0.113.9") as citizen:
        code = citizen.post(URL, json={"consent": True, "text": "Бір"}).json()["receipt_code"]
        codes = [guesser.get(f"/api/v1/receipts/{code}").status_code for _ in range(2)]
        codes.append(guesser.get(f"/receipt?code={code}").status_code)
        codes.append(guesser.get("/receipt?code=2345-6789-ABCD").status_code)
        codes.append(guesser.get(f"/api/v1/receipts/{code}/answer").status_code)
        assert guesser.get("/receipt").status_code == 200  # the empty lookup form is free
        assert citizen.get(f"/api/v1/receipts/{code}").status_code == 200
    assert codes == [200, 200, 200, 429, 429]


def test_forwarded_for_is_ignored_from_an_untrusted_peer(
    consultation: Database, settings: Settings
) -> None:
    app = create_app(settings.model_copy(update={"proposals_per_minute": 2}))
    with _client(app, "127.0.0.1") as client:
        codes = [
            client.post(
                URL,
                json={"consent": True, "text": f"t{i}"},
                headers={"X-Forwarded-For": f"10.9.0.{i}"},
            )
            for i in range(4)
        ]
    assert [r.status_code for r in codes] == [201, 201, 429, 429]


def test_forwarded_for_from_a_trusted_proxy_names_the_client(
    consultation: Database, settings: Settings
) -> None:
    proxied = settings.model_copy(
        update={"proposals_per_minute": 2, "trusted_proxies": "127.0.0.1, 10.0.0.0/8"}
    )
    app = create_app(proxied)
    with _client(app, "127.0.0.1") as proxy:

        def send(forwarded: str) -> int:
            headers = {"X-Forwarded-For": forwarded}
            return proxy.post(URL, json={"consent": True, "text": "t"}, headers=headers).status_code

        # each client has its own budget; a forged left-most hop changes nothing
        assert [send("198.51.100.1") for _ in range(3)] == [201, 201, 429]
        assert [send("198.51.100.2, 10.1.2.3") for _ in range(2)] == [201, 201]
        assert send("6.6.6.6, 198.51.100.1") == 429
        assert send("7.7.7.7, 198.51.100.1, 10.0.0.2") == 429


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def test_sign_in_limits_per_address_and_for_everyone(settings: Settings, world: World) -> None:
    app = create_app(settings.model_copy(update={"login_attempts_global_per_minute": 8}))

    def attempt(client: TestClient, username: str, password: str = "wrong password!!") -> int:
        token = csrf_of(client.get("/staff/login").text)
        data = {"username": username, "password": password, "csrf_token": token}
        return client.post("/staff/login", data=data, follow_redirects=False).status_code

    with _client(app, "198.51.100.7") as one:
        # new usernames each time: still one address, one budget
        assert [attempt(one, f"user{i}") for i in range(7)] == [401] * 5 + [429] * 2
    with _client(app, "198.51.100.8") as two:
        assert attempt(two, "admin", "correct horse battery") == 303  # success costs nothing
        assert [attempt(two, f"x{i}") for i in range(4)] == [401, 401, 401, 429]
    with _client(app, "198.51.100.9") as three:
        assert attempt(three, "admin") == 429  # the global budget is spent
