"""Staff sign-in for the web app: signed session cookies, current user, login rate limit.

The session cookie holds ``{"u": user id or null, "c": CSRF token, "t": issued at}``, encoded
and signed with an HMAC-SHA256 of ``settings.secret_key``; it is ``HttpOnly``,
``SameSite=Lax`` and ``Secure`` in production. Signing in replaces the session (and its CSRF
token); staff sessions expire after :data:`STAFF_TTL` seconds. A visitor gets an anonymous
session only when a page needs a CSRF token (a form).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talqy.errors import Forbidden, TalqyError
from talqy.review.accounts import NotAuthenticated, actor_for, authenticate_token, session_user
from talqy.review.permissions import STAFF_ROLES, Actor
from talqy.review.user_queries import User
from talqy.settings import Settings
from talqy.web.api_proposals import RateLimiter
from talqy.web.errors import render_error, wants_json

COOKIE = "talqy_session"
STAFF_TTL = 12 * 3600
LOGIN_ATTEMPTS_PER_MINUTE = 5
_PENDING = "talqy_session_cookie"


@dataclass(frozen=True)
class WebSession:
    user_id: int | None
    csrf: str
    issued: int


def _signature(secret: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), b"talqy-session\0" + payload, hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")


def encode_session(secret: str, session: WebSession) -> str:
    data = {"u": session.user_id, "c": session.csrf, "t": session.issued}
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    body = base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")
    return f"{body}.{_signature(secret, payload)}"


def decode_session(secret: str, value: str | None) -> WebSession | None:
    """The session in a cookie value, or None when it is missing, malformed or forged."""
    if not value or value.count(".") != 1 or len(value) > 512:
        return None
    body, signature = value.split(".")
    try:
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        data = json.loads(payload)
        session = WebSession(data["u"], str(data["c"]), int(data["t"]))
    except (ValueError, KeyError, TypeError):
        return None
    if not hmac.compare_digest(signature, _signature(secret, payload)):
        return None
    if session.user_id is not None and not isinstance(session.user_id, int):
        return None
    if session.user_id is not None and time.time() - session.issued > STAFF_TTL:
        return None
    return session


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _store(request: Request, session: WebSession) -> WebSession:
    request.state.session = session
    request.scope.setdefault("state", {})[_PENDING] = encode_session(
        _settings(request).secret_key, session
    )
    return session


def get_session(request: Request) -> WebSession:
    """The visitor's session; a fresh anonymous one (cookie set on the response) if none."""
    cached: WebSession | None = getattr(request.state, "session", None)
    if cached is not None:
        return cached
    found = decode_session(_settings(request).secret_key, request.cookies.get(COOKIE))
    if found is not None:
        request.state.session = found
        return found
    return _store(request, WebSession(None, secrets.token_urlsafe(32), int(time.time())))


def has_session(request: Request) -> bool:
    return decode_session(_settings(request).secret_key, request.cookies.get(COOKIE)) is not None


def csrf_token(request: Request) -> str:
    return get_session(request).csrf


def start_session(request: Request, user: User) -> None:
    """Sign ``user`` in: a new session with a new CSRF token."""
    _store(request, WebSession(user.id, secrets.token_urlsafe(32), int(time.time())))


def end_session(request: Request) -> None:
    _store(request, WebSession(None, secrets.token_urlsafe(32), int(time.time())))


def signed_in_user(request: Request) -> User | None:
    """The active staff user of this session, or None."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    user = None
    if COOKIE in request.cookies:
        session = get_session(request)
        if session.user_id is not None:
            user = session_user(request.app.state.db, session.user_id)
    request.state.user = user
    return user


class LoginRequired(NotAuthenticated):
    """A page for signed-in staff was asked for without a session (redirects browsers)."""


def require_user(request: Request) -> User:
    """The signed-in staff user; browsers without a session are sent to the sign-in page."""
    user = signed_in_user(request)
    if user is None:
        raise LoginRequired("sign in first")
    if user.role not in STAFF_ROLES:
        raise Forbidden("staff only", role=user.role)
    return user


def require_token_user(request: Request) -> User:
    """The user of the ``Authorization: Bearer`` token (the JSON API never uses cookies)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return authenticate_token(
        request.app.state.db, token=token.strip() if scheme.lower() == "bearer" else None
    )


StaffUser = Annotated[User, Depends(require_user)]
TokenUser = Annotated[User, Depends(require_token_user)]


def staff_actor(request: Request, user: User, slug: str) -> Actor:
    return actor_for(request.app.state.db, user=user, consultation=slug)


def login_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter | None = getattr(request.app.state, "login_rate_limiter", None)
    if limiter is None:
        limiter = RateLimiter(per_minute=LOGIN_ATTEMPTS_PER_MINUTE)
        request.app.state.login_rate_limiter = limiter
    return limiter


class TooManyRequests(TalqyError):
    status_code = 429
    code = "rate_limited"


class SessionCookieMiddleware:
    """Set the session cookie a route created or replaced (pure ASGI, no body buffering)."""

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: MutableMapping[str, Any] = scope.setdefault("state", {})

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and state.get(_PENDING):
                cookie = f"{COOKIE}={state[_PENDING]}; Path=/; HttpOnly; SameSite=Lax"
                if self.secure:
                    cookie += "; Secure"
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def install(app: FastAPI) -> None:
    """Session cookies and the sign-in redirect for browsers asking for staff pages."""
    settings: Settings = app.state.settings
    app.add_middleware(SessionCookieMiddleware, secure=settings.environment == "production")

    async def on_login_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        if wants_json(request):
            return render_error(request, exc)
        target = request.url.path
        return RedirectResponse(f"/staff/login?next={target}", status_code=303)

    handler: Callable[[Request, Exception], Awaitable[Response]] = on_login_required
    app.add_exception_handler(LoginRequired, handler)
