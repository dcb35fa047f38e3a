"""The JSON API: submit (201 / idempotent 200), refuse with a field, rate limit, receipts."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from talqy.i18n import gettext
from talqy.intake.messages import CONSENT_MESSAGE
from talqy.intake.tables import proposals
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.web.app import create_app

HTML = "<script>alert('x')</script> 33-бап"
URL = "/api/v1/consultations/c/proposals"


def test_submit_then_ask_for_the_receipt(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    with TestClient(create_app(settings)) as client:
        created = client.post(
            URL, json={"text": HTML, "article": "33-бап", "iin": "900101300126", "consent": True}
        )
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["created"] is True and len(body["receipt_code"]) == 14
        assert created.headers["location"] == f"/api/v1/receipts/{body['receipt_code']}"
        status = client.get(
            f"/api/v1/receipts/{body['receipt_code']}", headers={"Accept-Language": "ru"}
        )
        assert status.status_code == 200
        assert status.json()["status"] == "received" and status.json()["status_label"] == "Получено"
        assert client.get("/api/v1/receipts/2345-6789-ABCD").status_code == 404
    with db.engine.connect() as conn:
        row = conn.execute(select(proposals)).one()
    assert row.text_original == HTML and row.channel == "api"
    assert "900101300126" not in str(tuple(row))


def test_idempotency_key(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    with TestClient(create_app(settings)) as client:
        first = client.post(
            URL, json={"text": "Бір", "consent": True}, headers={"Idempotency-Key": "abc"}
        )
        again = client.post(
            URL, json={"text": "Бір", "consent": True}, headers={"Idempotency-Key": "abc"}
        )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {**first.json(), "created": False}
    with db.engine.connect() as conn:
        assert len(conn.execute(select(proposals.c.id)).all()) == 1


def test_bad_input_is_a_400_with_field_in_the_readers_language(
    db: Database, settings: Settings
) -> None:
    create_consultation(db, slug="c", title="C")
    with TestClient(create_app(settings)) as client:
        empty = client.post(
            URL, json={"text": " ", "consent": True}, headers={"Accept-Language": "kk"}
        )
        iin = client.post(
            URL + "?lang=ru", json={"text": "x", "iin": "900101300125", "consent": True}
        )
        extra = client.post(URL, json={"text": "x", "password": "y", "consent": True})
        missing = client.post(
            "/api/v1/consultations/none/proposals", json={"text": "x", "consent": True}
        )
    assert empty.status_code == 400 and empty.json()["field"] == "text"
    assert empty.json()["message"] == "ұсыныс мәтіні бос"
    assert iin.status_code == 400 and iin.json()["field"] == "iin"
    assert iin.json()["message"] == "ИИН не состоит из 12 цифр с верной контрольной цифрой"
    assert "900101300125" not in iin.text
    assert extra.status_code == 400
    assert missing.status_code == 404


def test_rate_limit_per_client(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    app = create_app(settings.model_copy(update={"proposals_per_minute": 2}))
    with TestClient(app) as client:
        codes = [
            client.post(URL, json={"text": f"t{i}", "consent": True}).status_code for i in range(3)
        ]
    assert codes == [201, 201, 429]


def test_consent_is_required_as_on_the_form(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    with TestClient(create_app(settings)) as client:
        without = client.post(URL, json={"text": "Бір"}, headers={"Accept-Language": "kk"})
        refused = client.post(URL + "?lang=ru", json={"text": "Бір", "consent": False})
        given = client.post(URL, json={"text": "Бір", "consent": True, "email": "a@example.kz"})
    assert without.status_code == 400 and without.json()["field"] == "consent"
    assert without.json()["message"] == gettext("kk", CONSENT_MESSAGE) != CONSENT_MESSAGE
    assert refused.status_code == 400
    assert refused.json()["message"] == gettext("ru", CONSENT_MESSAGE) != CONSENT_MESSAGE
    assert given.status_code == 201
    with db.engine.connect() as conn:
        assert len(conn.execute(select(proposals.c.id)).all()) == 1
