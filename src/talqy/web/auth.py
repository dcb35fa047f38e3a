"""Staff sign-in for the web app: signed session cookies backed by server-side records.

The session cookie holds ``{"u": user id or null, "c": CSRF token, "t": issued at, "s": staff
session token}``, encoded and signed with an HMAC-SHA256 of ``settings.secret_key``; it is
``HttpOnly``, ``SameSite=Lax`` and ``Secure`` in production. A signed-in cookie is honoured
only while its server-side record (``review/staff_sessions.py``) is live: signing out and a
password change revoke it, and it lapses after ``TALQY_STAFF_IDLE_MINUTES`` without use or
:data:`STAFF_TTL` seconds in all. Signing in replaces the session (and its CSRF token). A
visitor gets an anonymous session only when a page needs a CSRF token (a form).
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

from talqy.errors import Forbidden
from talqy.review.accounts import NotAuthenticated, actor_for, authenticate_token, session_user
from talqy.review.permissions import STAFF_ROLES, Actor
from talqy.review.staff_sessions import (
    SessionRules,
    active_session_user,
    open_staff_session,
    revoke_staff_session,
)
from talqy.review.user_queries import User
from talqy.settings import Settings
from talqy.web.asgi import HttpMiddleware
from talqy.web.errors import render_error, wants_json

COOKIE = "talqy_session"
STAFF_TTL = 12 * 3600
_PENDING = "talqy_session_cookie"


@dataclass(frozen=True)
class WebSession:
    user_id: int | None
    csrf: str
    issued: int
    token: str | None = None


def _signature(secret: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), b"talqy-session\0" + payload, hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")


def encode_session(secret: str, session: WebSession) -> str:
    data = {"u": session.user_id, "c": session.csrf, "t": session.issued, "s": session.token}
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
        if not hmac.compare_digest(signature, _signature(secret, payload)):
            return None
        session = WebSession(data["u"], str(data["c"]), int(data["t"]), data.get("s"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if session.user_id is not None and not isinstance(session.user_id, int):
        return None
    if session.token is not None and not isinstance(session.token, str):
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
    """Sign ``user`` in: a new server-side session record, a new CSRF token."""
    end_session(request)
    token = open_staff_session(request.app.state.db, user_id=user.id)
    _store(request, WebSession(user.id, secrets.token_urlsafe(32), int(time.time()), token))


def end_session(request: Request) -> None:
    """Sign out: revoke the server-side record, replace the cookie by an anonymous one."""
    current = decode_session(_settings(request).secret_key, request.cookies.get(COOKIE))
    if current is not None and current.token is not None:
        revoke_staff_session(request.app.state.db, token=current.token)
    _store(request, WebSession(None, secrets.token_urlsafe(32), int(time.time())))


def _session_rules(request: Request) -> SessionRules:
    return SessionRules(lifetime_s=STAFF_TTL, idle_s=_settings(request).staff_idle_minutes * 60)


def _live_user_id(request: Request, session: WebSession) -> int | None:
    if session.user_id is None or session.token is None:
        return None
    owner = active_session_user(
        request.app.state.db, token=session.token, rules=_session_rules(request)
    )
    return owner if owner == session.user_id else None


def signed_in_user(request: Request) -> User | None:
    """The active staff user of this session, or None."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    user = None
    if COOKIE in request.cookies:
        user_id = _live_user_id(request, get_session(request))
        if user_id is not None:
            user = session_user(request.app.state.db, user_id)
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


class SessionCookieMiddleware(HttpMiddleware):
    """Set the session cookie a route created or replaced (pure ASGI, no body buffering)."""

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        super().__init__(app)
        self.secure = secure

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
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
