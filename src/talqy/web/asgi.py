"""The shape the web app's pure-ASGI middlewares share (no response buffering, next to no cost
per request): HTTP requests go to :meth:`HttpMiddleware.handle`, lifespan and websocket events
pass through untouched."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpMiddleware:
    """Base of a middleware that acts on HTTP requests only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """One HTTP request: call ``self.app`` with whatever ``receive``/``send`` it wraps."""
        raise NotImplementedError
