"""One pass over the outbox: enqueue new answers, claim due rows, send, record each outcome.

Called by ``talqy outbox send`` and by the web server's background task. A message is claimed
by exactly one process and marked ``sent`` right after the server accepted it, so running the
pass twice — or in two processes at once — never sends a message twice. A server that is down
leaves messages ``pending`` with a doubled delay; a permanent refusal is recorded as
``bounced`` and never retried; after ``TALQY_OUTBOX_MAX_ATTEMPTS`` a message is ``failed``.
Logs carry counts only, never an address.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate

import httpx

from talqy.consultations.lifecycle import consultation_info
from talqy.intake.iin_keys import contact_sealer
from talqy.outbox.compose import compose
from talqy.outbox.queue import (
    Message,
    claim_due,
    enqueue_answers,
    mark_bounced,
    mark_retry,
    mark_sent,
)
from talqy.outbox.transports import Bounce, Retry, SmtpConnection, send_sms
from talqy.settings import Settings
from talqy.storage.database import Database

log = logging.getLogger("talqy.outbox")
BATCH = 200


@dataclass
class SendSummary:
    enqueued: int = 0
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    bounced: int = 0
    failed: int = 0
    channels: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        return {
            k: getattr(self, k)
            for k in ("enqueued", "claimed", "sent", "retried", "bounced", "failed")
        }


def _email(message: Message, settings: Settings, subject: str, body: str) -> EmailMessage:
    if "@" not in message.address or any(c in message.address for c in "\r\n<>,;"):
        raise Bounce("bad address")
    mail = EmailMessage()
    domain = settings.mail_from.rpartition("@")[2] or "localhost"
    mail["From"] = settings.mail_from
    mail["To"] = message.address
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = f"<talqy-outbox-{message.id}@{domain}>"
    mail["Content-Language"] = message.language
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(body)
    return mail


class _Pass:
    """The state of one pass: an SMTP connection opened on first need, titles by language."""

    def __init__(self, db: Database, settings: Settings, stack: ExitStack) -> None:
        self.db, self.settings, self.stack = db, settings, stack
        self.smtp: SmtpConnection | None = None
        self.http: httpx.Client | None = None
        self.titles: dict[tuple[str, str], str] = {}
        self.summary = SendSummary()
        self.sealer = contact_sealer(db, settings)

    def title(self, message: Message) -> str:
        key = (message.consultation_slug, message.language)
        if key not in self.titles:
            info = consultation_info(self.db, message.consultation_slug)
            self.titles[key] = info.title(message.language)
        return self.titles[key]

    def deliver(self, message: Message) -> None:
        composed = compose(message, title=self.title(message), public_url=self.settings.public_url)
        if message.channel == "sms":
            if self.http is None:
                self.http = self.stack.enter_context(httpx.Client())
            assert self.settings.sms_url is not None
            send_sms(
                self.settings.sms_url,
                to=message.address,
                text=composed.body,
                reference=f"talqy-outbox-{message.id}",
                client=self.http,
            )
            return
        mail = _email(message, self.settings, composed.subject, composed.body)
        if self.smtp is None or not self.smtp.alive:
            assert self.settings.smtp_url is not None
            self.smtp = self.stack.enter_context(SmtpConnection(self.settings.smtp_url))
        self.smtp.send(mail)

    def handle(self, message: Message) -> None:
        settings, summary = self.settings, self.summary
        erase = settings.outbox_erase_addresses
        try:
            address = self.sealer.open(message.address)
            if not address:
                raise Bounce("no address")
            message = replace(message, address=address)
            self.deliver(message)
        except Bounce as exc:
            mark_bounced(self.db, message, error=str(exc), erase=erase)
            summary.bounced += 1
        except Retry as exc:
            status = mark_retry(
                self.db,
                message,
                error=str(exc),
                max_attempts=settings.outbox_max_attempts,
                first_delay=settings.outbox_retry_seconds,
            )
            summary.failed += status == "failed"
            summary.retried += status == "pending"
        else:
            mark_sent(self.db, message, erase=erase)
            summary.sent += 1


def send_pending(
    db: Database, *, settings: Settings, limit: int = BATCH, moment: datetime | None = None
) -> SendSummary:
    """Enqueue answers to newly published decisions and send up to ``limit`` due messages."""
    channels = tuple(
        name for name, url in (("email", settings.smtp_url), ("sms", settings.sms_url)) if url
    )
    enqueued = enqueue_answers(
        db, sms=bool(settings.sms_url), default_language=settings.default_language
    )
    with ExitStack() as stack:
        run = _Pass(db, settings, stack)
        claimed = claim_due(db, limit=limit, moment=moment, channels=channels) if channels else []
        for message in claimed:
            run.handle(message)
    summary = run.summary
    summary.enqueued, summary.claimed, summary.channels = enqueued, len(claimed), channels
    if claimed or enqueued:
        log.info("outbox: %s", summary.to_dict())
    return summary
