"""Answers reach citizens: exactly once, in their language, through real loopback servers."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from talqy.intake.contacts import ContactSealer
from talqy.intake.iin_keys import installation_key
from talqy.intake.tables import proposals
from talqy.outbox.queue import outbox_counts
from talqy.outbox.sender import send_pending
from talqy.outbox.tables import outbox
from talqy.review.decisions import decide, publish, reopen
from talqy.settings import Settings
from talqy.storage.clock import now
from tests.outbox.servers import free_port, sms_gateway, smtp_server
from tests.review.seed import World, seed_group, seed_proposal

REASONING = {"kk": "Ұсыныс ескерілді.", "ru": "Предложение учтено."}


def _contact(world: World, key: str, *, email: str | None = None, phone: str | None = None,
             language: str | None = None) -> None:  # fmt: skip
    sealer = ContactSealer(installation_key(world.db))  # as intake stores an address
    values: dict[str, object] = {
        "author_email": email and sealer.seal(email),
        "author_phone": phone and sealer.seal(phone),
    }
    if language:
        values["language"] = language
    with world.db.engine.begin() as conn:
        conn.execute(update(proposals).where(proposals.c.id == world.proposals[key][0])
                     .values(**values))  # fmt: skip


def _publish(world: World, group: str = "own") -> None:
    admin = world.actor("admin")
    decide(world.db, actor=admin, group_id=world.groups[group], kind="accepted",
           reasoning=REASONING)  # fmt: skip
    publish(world.db, actor=admin, group_id=world.groups[group])


def _settings(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update={"outbox_retry_seconds": 0.0, **changes})


def test_one_message_per_submitter_in_their_language(world: World, settings: Settings) -> None:
    _contact(world, "own_a", email="aigerim@example.kz")
    _contact(world, "own_b", email="oleg@example.kz", language="ru")
    with smtp_server() as (url, inbox):
        live = _settings(settings, smtp_url=url, mail_from="answers@talqy.example")
        assert send_pending(world.db, settings=live).enqueued == 0  # nothing published yet
        _publish(world)
        first = send_pending(world.db, settings=live)
        again = send_pending(world.db, settings=live)
    assert (first.enqueued, first.sent, again.enqueued, again.sent) == (2, 2, 0, 0)
    by_address = {m["To"]: m for m in inbox.messages}
    assert sorted(by_address) == ["aigerim@example.kz", "oleg@example.kz"]
    kk, ru = by_address["aigerim@example.kz"], by_address["oleg@example.kz"]
    assert world.proposals["own_a"][1] in kk["Subject"] and "жауап" in kk["Subject"]
    assert "Ответ" in ru["Subject"] and REASONING["ru"] in ru.get_content()
    assert REASONING["kk"] in kk.get_content() and "Шешім:" in kk.get_content()
    assert kk["From"] == "answers@talqy.example" and kk["Message-ID"].startswith("<talqy-outbox-")
    with world.db.engine.connect() as conn:  # the address was needed only for sending
        emails = conn.execute(select(proposals.c.author_email)).scalars().all()
    assert set(emails) == {None}
    assert outbox_counts(world.db)["sent"] == 2


def test_server_down_keeps_messages_pending_until_it_is_back(
    world: World, settings: Settings
) -> None:
    _contact(world, "own_a", email="aigerim@example.kz")
    _publish(world)
    port = free_port()
    live = _settings(settings, smtp_url=f"smtp://127.0.0.1:{port}", outbox_retry_seconds=60.0)
    down = send_pending(world.db, settings=live)
    assert (down.sent, down.retried) == (0, 1)
    with world.db.engine.connect() as conn:
        row = conn.execute(select(outbox)).one()
    assert row.status == "pending" and row.attempts == 1 and row.last_error.startswith("smtp")
    with smtp_server(port) as (_, inbox):
        assert send_pending(world.db, settings=live).sent == 0  # not due yet (backoff)
        later = send_pending(world.db, settings=live, moment=now() + timedelta(minutes=2))
    assert later.sent == 1 and len(inbox.messages) == 1


def test_bounce_is_recorded_and_not_retried(world: World, settings: Settings) -> None:
    _contact(world, "own_a", email="bounce@example.kz")
    _contact(world, "own_b", email="fine@example.kz")
    _publish(world)
    with smtp_server() as (url, inbox):
        live = _settings(settings, smtp_url=url)
        first = send_pending(world.db, settings=live)
        second = send_pending(world.db, settings=live, moment=now() + timedelta(days=1))
    assert (first.sent, first.bounced, second.claimed) == (1, 1, 0)
    assert [m["To"] for m in inbox.messages] == ["fine@example.kz"]
    with world.db.engine.connect() as conn:
        bounced = conn.execute(select(outbox).where(outbox.c.status == "bounced")).one()
    assert bounced.last_error == "smtp recipient 550"  # a code, never the address


def test_gives_up_after_the_last_attempt(world: World, settings: Settings) -> None:
    _contact(world, "own_a", email="aigerim@example.kz")
    _publish(world)
    live = _settings(settings, smtp_url=f"smtp://127.0.0.1:{free_port()}", outbox_max_attempts=2)
    results = [send_pending(world.db, settings=live) for _ in range(3)]
    assert [(r.retried, r.failed, r.claimed) for r in results] == [(1, 0, 1), (0, 1, 1), (0, 0, 0)]
    assert outbox_counts(world.db)["failed"] == 1


def test_a_new_decision_after_reopening_is_a_new_message(world: World, settings: Settings) -> None:
    _contact(world, "own_a", email="aigerim@example.kz")
    live_settings = _settings(settings, outbox_erase_addresses=False)
    with smtp_server() as (url, inbox):
        live = live_settings.model_copy(update={"smtp_url": url})
        _publish(world)
        send_pending(world.db, settings=live)
        reopen(world.db, actor=world.actor("admin"), group_id=world.groups["own"])
        assert send_pending(world.db, settings=live).enqueued == 0  # reopened: nothing new
        _publish(world)
        send_pending(world.db, settings=live)
        send_pending(world.db, settings=live)
    assert len(inbox.messages) == 2


def test_two_senders_at_once_send_each_message_once(world: World, settings: Settings) -> None:
    members = [seed_proposal(world.db, world.consultation, f"ұсыныс {i}", article="3")[0]
               for i in range(30)]  # fmt: skip
    world.groups["many"] = seed_group(world.db, world.consultation, members, article="3")
    sealer = ContactSealer(installation_key(world.db))
    with world.db.engine.begin() as conn:
        codes = conn.execute(
            select(proposals.c.id, proposals.c.receipt_code).where(proposals.c.id.in_(members))
        ).all()
        for proposal_id, code in codes:
            conn.execute(
                update(proposals)
                .where(proposals.c.id == proposal_id)
                .values(author_email=sealer.seal(f"{code}@example.kz"))
            )
    _publish(world, "many")
    with smtp_server() as (url, inbox):
        live = _settings(settings, smtp_url=url)
        job = {"settings": live, "limit": 7}
        threads = [threading.Thread(target=send_pending, args=(world.db,), kwargs=job)
                   for _ in range(2)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        while send_pending(world.db, settings=live).claimed:
            pass
    addresses = [m["To"] for m in inbox.messages]
    assert len(addresses) == 30 and len(set(addresses)) == 30


def test_sms_through_the_http_gateway(world: World, settings: Settings) -> None:
    _contact(world, "own_a", phone="+7 701 000 00 01")
    _contact(world, "own_b", phone="+7 701 000 00 02", email="both@example.kz")
    _publish(world)
    with sms_gateway() as (sms_url, received), smtp_server() as (smtp_url, inbox):
        live = _settings(settings, sms_url=sms_url, smtp_url=smtp_url)
        summary = send_pending(world.db, settings=live)
    assert summary.sent == 2
    assert [r["to"] for r in received] == ["+7 701 000 00 01"]  # e-mail preferred when both
    assert world.proposals["own_a"][1] in received[0]["text"]
    assert received[0]["reference"].startswith("talqy-outbox-")
    assert [m["To"] for m in inbox.messages] == ["both@example.kz"]


def test_sms_gateway_refusal_is_a_bounce(world: World, settings: Settings) -> None:
    _contact(world, "own_a", phone="+7 701 000 00 01")
    _publish(world)
    with sms_gateway(status=422) as (sms_url, received):
        summary = send_pending(world.db, settings=_settings(settings, sms_url=sms_url))
    assert (summary.bounced, len(received)) == (1, 1)


def test_logs_and_errors_never_carry_the_address(
    world: World, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    _contact(world, "own_a", email="bounce@example.kz")
    _contact(world, "own_b", email="secret-person@example.kz")
    _publish(world)
    talqy_log = logging.getLogger("talqy")  # may not propagate once the CLI set up logging
    level = talqy_log.level
    talqy_log.addHandler(caplog.handler)
    talqy_log.setLevel(logging.DEBUG)
    try:
        with smtp_server() as (url, _):
            send_pending(world.db, settings=_settings(settings, smtp_url=url))
        down = _settings(settings, smtp_url=f"smtp://127.0.0.1:{free_port()}")
        send_pending(world.db, settings=down)
    finally:
        talqy_log.removeHandler(caplog.handler)
        talqy_log.setLevel(level)
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("talqy"))
    assert "outbox" in ours and "@example.kz" not in ours  # (the test SMTP server logs its own)
    with world.db.engine.connect() as conn:
        errors = conn.execute(select(outbox.c.last_error)).scalars().all()
    assert not any("@" in (e or "") for e in errors)
