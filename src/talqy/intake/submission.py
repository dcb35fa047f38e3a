"""Submitting one proposal (web form, JSON API) and asking after it with the receipt code."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from talqy.consultations.lifecycle import ensure_open
from talqy.errors import Conflict, InvalidInput, NotFound
from talqy.i18n import gettext
from talqy.intake.flags import flag_unknown_articles, flags_of
from talqy.intake.iin_keys import iin_hasher
from talqy.intake.proposal_queries import find_receipt, insert_proposal
from talqy.intake.receipts import new_receipt_code, normalize_receipt_code
from talqy.intake.records import Limits, build_record, parse_language, pseudonymize_iins
from talqy.review.decision_kinds import decision_kind_phrase
from talqy.review.states import PUBLIC_STATUS_LABELS, PublicStatus
from talqy.settings import Settings
from talqy.storage.database import Database

log = logging.getLogger("talqy.intake")
MAX_IDEMPOTENCY_KEY = 128
RECEIPT_ATTEMPTS = 5


@dataclass(frozen=True)
class SubmittedProposal:
    id: int
    receipt_code: str
    created: bool
    flags: tuple[str, ...] = ()


def _check_key(idempotency_key: str | None) -> str | None:
    if idempotency_key is None:
        return None
    key = idempotency_key.strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY or not key.isprintable():
        raise InvalidInput(
            f"Idempotency-Key must be 1-{MAX_IDEMPOTENCY_KEY} printable characters",
            field="idempotency_key",
        )
    return key


def submit_proposal(
    db: Database,
    *,
    settings: Settings,
    consultation: str,
    text: str,
    channel: str = "web",
    article: str | None = None,
    region: str | None = None,
    language: str | None = None,
    name: str | None = None,
    iin: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    external_id: str | None = None,
    idempotency_key: str | None = None,
    submitted_at: datetime | None = None,
) -> SubmittedProposal:
    """Store one proposal and give its receipt; a retry with the same key gives the same one."""
    target = ensure_open(db, consultation).consultation
    hasher = iin_hasher(db, settings)
    key = pseudonymize_iins(_check_key(idempotency_key), hasher)
    key = key[:MAX_IDEMPOTENCY_KEY] if key else None
    fields = {
        "id": external_id,
        "text": text,
        "article": article,
        "channel": channel,
        "region": region,
        "name": name,
        "iin": iin,
        "phone": phone,
        "email": email,
        "language": parse_language(language, strict=True),
    }
    values: dict[str, Any] = build_record(
        fields, limits=Limits(hasher, settings.max_proposal_chars)
    )
    if values["external_id"] is None:
        values["dedup_key"] = "r:" + secrets.token_hex(16)
    stamp = submitted_at or datetime.now(UTC)
    values.update(
        consultation_id=target.id,
        idempotency_key=key,
        submitted_at=stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC),
    )
    for _ in range(RECEIPT_ATTEMPTS):
        values["receipt_code"] = new_receipt_code()
        try:
            result = insert_proposal(db, values)
        except Conflict as exc:
            if exc.context.get("field") == "receipt_code":
                continue
            raise
        log.info("proposal %s (%s)", "received" if result.created else "repeated", target.slug)
        if result.created and values.get("article_number"):
            flag_unknown_articles(db, consultation_id=target.id, proposal_ids=[result.id])
        flags = tuple(flags_of(db, result.id)) if values.get("article_number") else ()
        return SubmittedProposal(result.id, result.receipt_code, result.created, flags)
    raise Conflict("could not draw a free receipt code", field="receipt_code")


@dataclass(frozen=True)
class ReceiptStatus:
    """What a citizen sees for a receipt code."""

    code: str
    consultation: str
    status: str
    received_at: datetime
    decision: str | None
    reasoning: dict[str, str | None]
    published_at: datetime | None

    def to_dict(self, language: str = "kk") -> dict[str, Any]:
        return {
            "receipt_code": self.code,
            "consultation": self.consultation,
            "status": self.status,
            "status_label": gettext(language, PUBLIC_STATUS_LABELS[self.status]),
            "received_at": self.received_at.isoformat(),
            "decision": self.decision,
            "decision_label": (
                decision_kind_phrase(language, self.decision) if self.decision else None
            ),
            "reasoning": self.reasoning.get(language) if self.decision else None,
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }


def receipt_status(db: Database, *, code: str) -> ReceiptStatus:
    """The status behind ``code`` (typed in any case, with or without dashes)."""
    normalized = normalize_receipt_code(code)
    if normalized is None:
        raise NotFound("no proposal with this receipt code", field="receipt_code")
    receipt = find_receipt(db, normalized)
    decision = receipt.decision
    if decision is not None:  # only a published decision reaches a receipt
        status = PublicStatus.PUBLISHED.value
    elif receipt.group_state in {"in_review", "decided", "published", "reopened"}:
        status = PublicStatus.UNDER_REVIEW.value
    else:
        status = PublicStatus.RECEIVED.value
    return ReceiptStatus(
        code=receipt.code,
        consultation=receipt.consultation,
        status=status,
        received_at=receipt.created_at,
        decision=decision.kind if decision else None,
        reasoning=decision.reasoning if decision else {},
        published_at=decision.published_at if decision else None,
    )
