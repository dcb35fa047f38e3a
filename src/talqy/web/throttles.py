"""Who the client is, and how often it may submit, look up receipts and try to sign in.

The client address is the TCP peer, unless the peer is one of ``TALQY_TRUSTED_PROXIES``: then
``X-Forwarded-For`` is read from the right, skipping trusted hops, and the first untrusted
address is the client (a client cannot spoof past a proxy that appends what it saw). No proxy is
trusted by default, so a forged header from anywhere changes nothing.

Limits are windowed counters in the database (``storage/rate_limits.py``), so every server
process shares them. Buckets hold a keyed hash of the address, never the address itself.
Sign-in is limited per address (whatever the usernames) and for everyone together, and at most
:data:`PASSWORD_CHECKS` argon2 verifications (64 MiB each) run at once in a process.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from talqy.errors import TalqyError
from talqy.i18n import gettext
from talqy.settings import Settings
from talqy.storage.rate_limits import WindowLimit

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
PASSWORD_CHECKS = threading.BoundedSemaphore(2)
SLOT_POLL_S = 0.02
T = TypeVar("T")
EVERYONE = "*"


class TooManyRequests(TalqyError):
    status_code = 429
    code = "rate_limited"


@dataclass(frozen=True)
class Throttles:
    """The limits of one application, built from its settings."""

    proposals: WindowLimit
    receipts: WindowLimit
    login_address: WindowLimit
    login_everyone: WindowLimit
    proxies: tuple[Network, ...]
    secret: bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> Throttles:
        return cls(
            proposals=WindowLimit("proposal", settings.proposals_per_minute),
            receipts=WindowLimit("receipt", settings.receipt_lookups_per_minute),
            login_address=WindowLimit("login", settings.login_attempts_per_minute),
            login_everyone=WindowLimit("login-all", settings.login_attempts_global_per_minute),
            proxies=settings.proxy_networks(),
            secret=settings.secret_key.encode("utf-8"),
        )

    def bucket(self, client: str) -> str:
        """A keyed hash of the client address: counters never hold an address."""
        digest = hmac.new(self.secret, b"rate-limit\0" + client.encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()[:32]


def throttles(request: Request) -> Throttles:
    found: Throttles = request.app.state.throttles
    return found


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request: Request) -> str:
    """The client's address, believing ``X-Forwarded-For`` only from trusted proxies."""
    peer = request.client.host if request.client else "unknown"
    proxies = throttles(request).proxies
    if not _trusted(peer, proxies):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:64]
    return hops[0][:64] if hops else peer


def _refuse(request: Request, message: str) -> TooManyRequests:
    return TooManyRequests(gettext(getattr(request.state, "lang", "en"), message))


def check_proposal_limit(request: Request) -> None:
    """One proposal from this client (form and API share the budget); 429 over it."""
    limits = throttles(request)
    if not limits.proposals.hit(request.app.state.db, limits.bucket(client_address(request))):
        raise _refuse(request, "too many proposals from this address; try again in a minute")


def check_receipt_limit(request: Request) -> None:
    """One receipt lookup from this client (an empty lookup form is free); 429 over the limit."""
    if not request.path_params.get("code") and not request.query_params.get("code"):
        return
    limits = throttles(request)
    if not limits.receipts.hit(request.app.state.db, limits.bucket(client_address(request))):
        raise _refuse(request, "too many receipt lookups; try again in a minute")


def check_login_limit(request: Request) -> None:
    """One sign-in attempt, counted for this address and for everyone; 429 over either.

    The attempt holds its place in both counters; :func:`forgive_login` gives it back when the
    password was right, so only failed guesses use up the budget.
    """
    limits, db = throttles(request), request.app.state.db
    mine = limits.login_address.hit(db, limits.bucket(client_address(request)))
    if not (mine and limits.login_everyone.hit(db, EVERYONE)):
        raise _refuse(request, "too many sign-in attempts; wait a minute")


def forgive_login(request: Request) -> None:
    """A successful sign-in does not count against the sign-in limits."""
    limits, db = throttles(request), request.app.state.db
    limits.login_address.release(db, limits.bucket(client_address(request)))
    limits.login_everyone.release(db, EVERYONE)


async def bounded_password_check(check: Callable[[], T]) -> T:
    """Run ``check`` (an argon2 verification) once a slot is free, waiting without a thread."""
    while not PASSWORD_CHECKS.acquire(blocking=False):
        await anyio.sleep(SLOT_POLL_S)
    try:
        return await run_in_threadpool(check)
    finally:
        PASSWORD_CHECKS.release()


ReceiptThrottled = Annotated[None, Depends(check_receipt_limit)]
