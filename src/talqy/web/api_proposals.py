"""JSON API for citizens' proposals: submit one, ask after it with the receipt code.

``POST /api/v1/consultations/{slug}/proposals`` is the public submission (open, limited per
client address); an ``Idempotency-Key`` header makes a retried request return the proposal it
already created (200) instead of a second one (201).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Header, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from talqy.consultations.lifecycle import localize_not_open
from talqy.errors import Conflict, InvalidInput
from talqy.intake import receipt_status, submit_proposal
from talqy.intake.messages import invalid, localize
from talqy.web.deps import DbDep, SettingsDep

router = APIRouter(prefix="/api/v1", tags=["proposals"])
DEFAULT_PER_MINUTE = 30
Channel = Literal["web", "api", "e-otinish", "egov", "legalacts", "email", "paper", "session"]


class RateLimiter:
    """At most ``per_minute`` requests per client in any 60 seconds (in this process)."""

    def __init__(
        self, per_minute: int = DEFAULT_PER_MINUTE, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        moment = self._clock()
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > moment - 60}
            stamps = self._seen.setdefault(client, deque())
            while stamps and stamps[0] <= moment - 60:
                stamps.popleft()
            if len(stamps) >= self.per_minute:
                return False
            stamps.append(moment)
            return True


def _limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter | None = getattr(request.app.state, "proposal_rate_limiter", None)
    if limiter is None:
        limiter = RateLimiter()
        request.app.state.proposal_rate_limiter = limiter
    return limiter


class ProposalIn(BaseModel):
    """A proposal as a citizen or a connected system sends it."""

    model_config = ConfigDict(extra="forbid")

    text: str
    article: str | None = None
    region: str | None = None
    language: Literal["kk", "ru", "en"] | None = None
    channel: Channel = "api"
    external_id: str | None = Field(None, max_length=128)
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


@router.post("/consultations/{slug}/proposals", status_code=201)
def create_proposal(
    slug: str,
    body: ProposalIn,
    request: Request,
    response: Response,
    db: DbDep,
    settings: SettingsDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> ProposalCreated:
    client = request.client.host if request.client else "unknown"
    if not _limiter(request).allow(client):
        raise HTTPException(429, "too many proposals from this address; try again in a minute")
    try:
        if not body.consent:
            raise invalid("no_consent", field="consent")
        result = submit_proposal(
            db,
            settings=settings,
            consultation=slug,
            idempotency_key=idempotency_key,
            **body.model_dump(exclude={"consent"}),
        )
    except InvalidInput as exc:
        raise localize(exc, request.state.lang) from None
    except Conflict as exc:
        raise localize_not_open(exc, request.state.lang) from None
    if not result.created:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/receipts/{result.receipt_code}"
    return ProposalCreated(
        id=result.id, receipt_code=result.receipt_code, created=result.created,
        flags=list(result.flags),
    )  # fmt: skip


@router.get("/receipts/{code}")
def get_receipt(code: str, request: Request, db: DbDep) -> dict[str, object]:
    return receipt_status(db, code=code).to_dict(request.state.lang)
