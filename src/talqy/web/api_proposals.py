"""JSON API for citizens' proposals: submit one, ask after it with the receipt code.

``POST /api/v1/consultations/{slug}/proposals`` is the public submission (open, limited per
client address). Its channel is always ``api``. A retry carrying the same ``Idempotency-Key``
(or, without one, the same ``external_id``) from the same client gets the proposal it already
created (200); the key is scoped to the client that sent it (a keyed hash of client address and
key is stored, never the key itself), so another client replaying it gets a new proposal of its
own and never someone else's receipt code.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Header, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from talqy.consultations.lifecycle import localize_not_open
from talqy.errors import Conflict, InvalidInput
from talqy.intake import receipt_status, submit_proposal
from talqy.intake.messages import invalid, localize
from talqy.web.deps import DbDep, SettingsDep
from talqy.web.openapi import responses
from talqy.web.placement_tasks import schedule_placement
from talqy.web.throttles import ReceiptThrottled, check_proposal_limit, client_address

router = APIRouter(prefix="/api/v1", tags=["proposals"])
MAX_KEY = 128


class ProposalIn(BaseModel):
    """A proposal as a citizen or a connected system sends it."""

    model_config = ConfigDict(extra="forbid")

    text: str
    article: str | None = None
    region: str | None = None
    language: Literal["kk", "ru", "en"] | None = None
    channel: Literal["api"] = "api"
    external_id: str | None = Field(None, max_length=MAX_KEY)
    name: str | None = None
    iin: str | None = None
    phone: str | None = None
    email: str | None = None
    consent: bool = Field(
        False, description="The sender agrees to the processing of the proposal (required)."
    )


class ProposalCreated(BaseModel):
    id: int
    receipt_code: str
    created: bool
    flags: list[str] = []


def scoped_key(secret: str, client: str, key: str | None, external_id: str | None) -> str | None:
    """The stored idempotency key: a keyed hash of the client and what it sent, or None."""
    sent = ("k\0" + key.strip()) if key and key.strip() else None
    if sent is None and external_id:
        sent = "x\0" + external_id
    if sent is None:
        return None
    if len(sent) > MAX_KEY + 2 or not sent[2:].isprintable():
        raise InvalidInput(
            f"Idempotency-Key must be 1-{MAX_KEY} printable characters", field="idempotency_key"
        )
    message = f"{client}\0{sent}".encode()
    digest = hmac.new(secret.encode("utf-8"), b"idempotency\0" + message, hashlib.sha256)
    return "c1:" + digest.hexdigest()


@router.post(
    "/consultations/{slug}/proposals",
    status_code=201,
    responses=responses(200, 400, 404, 413, 429),
)
def create_proposal(
    slug: str,
    body: ProposalIn,
    request: Request,
    response: Response,
    background: BackgroundTasks,
    db: DbDep,
    settings: SettingsDep,
    idempotency_key: Annotated[str | None, Header(max_length=MAX_KEY)] = None,
) -> ProposalCreated:
    """Submit a proposal; the answer carries its receipt code (201, or 200 for a retry)."""
    check_proposal_limit(request)
    try:
        if not body.consent:
            raise invalid("no_consent", field="consent")
        values = body.model_dump(exclude={"consent"})
        key = scoped_key(
            settings.secret_key, client_address(request), idempotency_key, values["external_id"]
        )
        values.update(channel="api", external_id=None)
        result = submit_proposal(
            db, settings=settings, consultation=slug, idempotency_key=key, **values
        )
    except InvalidInput as exc:
        raise localize(exc, request.state.lang) from None
    except Conflict as exc:
        raise localize_not_open(exc, request.state.lang) from None
    if result.created:
        schedule_placement(background, request, slug, result.id)
    else:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/receipts/{result.receipt_code}"
    return ProposalCreated(
        id=result.id,
        receipt_code=result.receipt_code,
        created=result.created,
        flags=list(result.flags),
    )


@router.get("/receipts/{code}", responses=responses(404, 429))
def get_receipt(
    code: str, request: Request, db: DbDep, _throttled: ReceiptThrottled
) -> dict[str, object]:
    return receipt_status(db, code=code).to_dict(request.state.lang)
