"""CSRF protection: a synchronizer token kept in the signed session.

Every state-changing form carries ``csrf_token`` as a hidden field (or an ``X-CSRF-Token``
header); it must equal the token in the visitor's session. A request without a session, or
with another token, is refused with 403 before the route runs. The JSON API authenticates with
a bearer token, never with cookies, so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from talqy.errors import Forbidden
from talqy.i18n import gettext
from talqy.web.auth import get_session, has_session

FIELD = "csrf_token"
HEADER = "x-csrf-token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def require_csrf(request: Request) -> None:
    """Refuse the request unless it carries the session's CSRF token."""
    sent = request.headers.get(HEADER)
    if not sent and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(FIELD)
        sent = value if isinstance(value, str) else None
    valid = (
        sent is not None
        and has_session(request)
        and hmac.compare_digest(sent.encode("utf-8"), get_session(request).csrf.encode("utf-8"))
    )
    if not valid:
        message = gettext(request.state.lang, "missing or invalid CSRF token; reload the page")
        raise Forbidden(message, field=FIELD)


CsrfChecked = Annotated[None, Depends(require_csrf)]
