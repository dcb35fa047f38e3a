from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from talqy.errors import InvalidInput, NotFound
from talqy.intake import receipt_status, submit_proposal
from talqy.intake.iin_keys import iin_hasher
from talqy.intake.tables import proposals
from talqy.review.tables import decisions, group_members, groups
from talqy.settings import Settings
from talqy.storage.database import Database
from tests.intake.samples import consultation, count

IIN = "900101300126"


def _row(db: Database, proposal_id: int) -> dict[str, object]:
    with db.engine.connect() as conn:
        row = conn.execute(select(proposals).where(proposals.c.id == proposal_id)).one()
    return dict(row._mapping)


def test_submit_keeps_the_original_and_protects_the_author(
    db: Database, settings: Settings
) -> None:
    slug = consultation(db)
    text = "<script>alert(1)</script> Тел: +7 701 234 56 78\r\n33-бап"
    result = submit_proposal(
        db, settings=settings, consultation=slug, text=text, article="ст. 33", iin="9001 0130 0126",
        phone="+77012345678", name="Айгүл", language="ru",
    )  # fmt: skip
    assert result.created and len(result.receipt_code) == 14
    row = _row(db, result.id)
    assert row["text_original"] == row["text_display"]
    assert row["text_display"] == "<script>alert(1)</script> Тел: [телефон]\r\n33-бап"
    assert row["article_raw"] == "ст. 33" and row["article_number"] == "33"
    assert row["author_iin_hash"] == iin_hasher(db, settings).hash(IIN)
    assert IIN not in str(row.values())
    assert row["channel"] == "web" and row["language"] == "ru"


def test_idempotency_key_returns_the_same_proposal(db: Database, settings: Settings) -> None:
    slug = consultation(db)
    first = submit_proposal(
        db, settings=settings, consultation=slug, text="Бір", idempotency_key="k-1"
    )
    again = submit_proposal(
        db, settings=settings, consultation=slug, text="Бір", idempotency_key="k-1"
    )
    other = submit_proposal(
        db, settings=settings, consultation=slug, text="Бір", idempotency_key="k-2"
    )
    assert (again.id, again.receipt_code, again.created) == (first.id, first.receipt_code, False)
    assert other.created and other.id != first.id
    assert count(db) == 2


def test_same_external_id_on_a_channel_is_one_proposal(db: Database, settings: Settings) -> None:
    slug = consultation(db)
    kwargs = {"settings": settings, "consultation": slug, "channel": "egov", "external_id": "E-1"}
    first = submit_proposal(db, text="A", **kwargs)  # type: ignore[arg-type]
    second = submit_proposal(db, text="A", **kwargs)  # type: ignore[arg-type]
    assert second.id == first.id and not second.created
    assert submit_proposal(db, settings=settings, consultation=slug, text="A").created


BAD_INPUT = [
    ({"text": "   "}, "text", "empty"),
    ({"text": "x" * 101}, "text", "longer than 100"),
    ({"channel": "fax"}, "channel", "unknown channel"),
    ({"iin": "900101300125"}, "iin", "check digit"),
    ({"iin": "12345"}, "iin", "check digit"),
    ({"language": "de"}, "language", "unknown language"),
    ({"external_id": "x" * 129}, "id", "longer than 128"),
    ({"text": "a\x00b"}, "text", "cannot be stored"),
    ({"idempotency_key": " "}, "idempotency_key", "Idempotency-Key"),
]


def test_bad_input_is_refused_with_its_field(db: Database, database_url: str) -> None:
    settings = Settings(
        database_url=database_url, environment="test", secret_key="s", max_proposal_chars=100
    )
    slug = consultation(db)
    for kwargs, field, words in BAD_INPUT:
        arguments: dict[str, str] = {"text": "Ұсыныс", **kwargs}
        with pytest.raises(InvalidInput) as caught:
            submit_proposal(db, settings=settings, consultation=slug, **arguments)  # type: ignore[arg-type]
        assert caught.value.field == field, kwargs
        assert words in caught.value.message, kwargs
        assert "900101300125" not in str(caught.value)
    assert count(db) == 0


def test_unknown_consultation(db: Database, settings: Settings) -> None:
    with pytest.raises(NotFound):
        submit_proposal(db, settings=settings, consultation="nope", text="x")


def _group(db: Database, proposal_id: int, state: str) -> int:
    with db.engine.begin() as conn:
        group_id = conn.execute(
            insert(groups).values(
                consultation_id=1, key="g1", state=state, created_at=datetime.now(UTC)
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(group_members).values(proposal_id=proposal_id, group_id=group_id))
    return int(group_id)


def test_receipt_status_follows_review(db: Database, settings: Settings) -> None:
    slug = consultation(db)
    sent = submit_proposal(db, settings=settings, consultation=slug, text="Ұсыныс")
    status = receipt_status(db, code=sent.receipt_code.lower())
    assert status.status == "received" and status.consultation == slug
    assert status.to_dict("kk")["status_label"] != "received"
    group_id = _group(db, sent.id, "in_review")
    assert receipt_status(db, code=sent.receipt_code).status == "under_review"
    with db.engine.begin() as conn:
        conn.execute(
            insert(decisions).values(
                group_id=group_id,
                kind="accepted",
                reasoning_kk="Қабылданды",
                reasoning_ru="Принято",
                reasoning_en="Accepted",
                articles=[],
                decided_at=datetime.now(UTC),
            )
        )
    assert receipt_status(db, code=sent.receipt_code).status == "under_review"  # not yet published
    with db.engine.begin() as conn:
        conn.execute(decisions.update().values(published_at=datetime.now(UTC)))
        conn.execute(groups.update().values(state="published"))
    decided = receipt_status(db, code=sent.receipt_code).to_dict("ru")
    assert decided["status"] == "published" and decided["decision"] == "accepted"
    assert decided["reasoning"] == "Принято" and decided["published_at"]


def test_unknown_or_malformed_receipt(db: Database) -> None:
    with pytest.raises(NotFound):
        receipt_status(db, code="2345-6789-ABCD")
    with pytest.raises(NotFound):
        receipt_status(db, code="nonsense")
