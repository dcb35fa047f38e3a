"""Refuse request bodies over ``TALQY_MAX_BODY_BYTES`` with 413, without buffering them.

Pure ASGI: the body is counted as the application reads it, chunk by chunk. A declared
``Content-Length`` over the limit is refused on the first read, before a byte is taken in; a
body streamed without one is refused as soon as the running count passes the limit. The error
is an ``HTTPException`` (413), so the one error renderer answers it (JSON or HTML).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talqy.i18n import gettext
from talqy.web.asgi import HttpMiddleware


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, language: str = "en") -> None:
        super().__init__(
            413, gettext(language, "request body larger than %(limit)s bytes", limit=limit)
        )


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware(HttpMiddleware):
    """Count the request body as it is read; 413 once it passes ``max_bytes``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = _declared_length(scope)
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            language = scope.get("state", {}).get("lang", "en")
            if declared is not None and declared > self.max_bytes:
                raise BodyTooLarge(self.max_bytes, language)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes, language)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _plain_413(send, self.max_bytes)


async def _plain_413(send: Send, limit: int) -> None:
    body = f'{{"error":"too_large","message":"request body larger than {limit} bytes"}}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body.encode("ascii")})
