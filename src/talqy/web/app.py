"""``create_app(settings)``: the FastAPI application (pages and JSON API)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talqy import __version__
from talqy.i18n import LANGUAGE_NAMES, LANGUAGES, gettext, negotiate
from talqy.settings import Settings, load_settings, with_installation_secret
from talqy.storage.database import open_database
from talqy.systematization.placement import Placer
from talqy.web import (
    api_docs,
    api_jobs,
    api_proposals,
    api_review,
    api_review_tools,
    auth,
    console,
    console_imports,
    jobs,
    pages,
    public,
    reports,
    staff,
    staff_tools,
)
from talqy.web import sessions as sessions_pages
from talqy.web.body_limit import BodyLimitMiddleware
from talqy.web.errors import install_error_handlers
from talqy.web.job_task import follow_ups, job_worker
from talqy.web.openapi import install_openapi
from talqy.web.outbox_task import outbox_worker
from talqy.web.throttles import Throttles
from talqy.web.titles import title_of
from talqy.web.uploads import discard_staging

HERE = Path(__file__).parent


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-src https:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
)
# Pages with a person's session or a citizen's own proposal are never stored by caches.
PRIVATE_PREFIXES = ("/staff", "/api/v1/review", "/receipt", "/api/v1/receipts")
NO_STORE = (b"cache-control", b"no-store")
# In this order: a route of an earlier router wins where two paths could match.
ROUTERS = (
    pages.router,
    reports.router,
    api_proposals.router,
    sessions_pages.router,
    public.router,
    staff.router,
    jobs.router,
    staff_tools.router,
    console.router,
    console_imports.router,
    api_review.router,
    api_review_tools.router,
    api_jobs.router,
)


def _language_of(request: Request, default: str) -> tuple[str, bool]:
    """The page language, and whether the visitor chose it by ``?lang=`` just now."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked, True
    remembered = request.cookies.get("lang")
    if remembered in LANGUAGES:
        return remembered, False
    return negotiate(request.headers.get("accept-language"), default), False


class LanguageMiddleware:
    """Pick kk/ru/en for each request, remember a ``?lang=`` choice, add security headers.

    Pure ASGI (no response buffering), so it costs next to nothing per request.
    """

    def __init__(self, app: ASGIApp, *, default: str) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang, chosen = _language_of(Request(scope), self.default)
        scope.setdefault("state", {})["lang"] = lang

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if scope["path"].startswith(PRIVATE_PREFIXES):
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append(NO_STORE)
                if chosen:
                    cookie = f"lang={lang}; Path=/; HttpOnly; SameSite=Lax"
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@pass_context
def _path_for(context: Context, name: str, /, **path_params: Any) -> str:
    """``url_for`` for templates as a path: the Host header never reaches a page."""
    request: Request = context["request"]
    path = request.app.url_path_for(name, **path_params)
    return str(request.scope.get("root_path", "")) + str(path)


def _template_context(request: Request) -> dict[str, Any]:
    lang = getattr(request.state, "lang", "kk")

    def translate(message: str, **values: object) -> str:
        return gettext(lang, message, **values)

    return {
        "_": translate,
        "lang": lang,
        "languages": LANGUAGE_NAMES,
        "version": __version__,
    }


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = app.state
    async with (
        outbox_worker(state.db, state.settings),
        job_worker(state),
    ):
        yield
    discard_staging(app.state)
    app.state.db.engine.dispose()


def create_app(settings: Settings) -> FastAPI:
    """Build the application for ``settings`` (database opened and migrated here)."""
    settings = with_installation_secret(settings.check())
    app = FastAPI(
        title="Talqy",
        version=__version__,
        docs_url=None,
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.db = open_database(settings.database_url)
    app.state.placer = Placer(settings)  # placement on arrival: warm state per process
    app.state.throttles = Throttles.from_settings(settings)
    app.state.job_follow_ups = follow_ups()
    app.state.templates = Jinja2Templates(
        directory=str(HERE / "templates"), context_processors=[_template_context]
    )
    app.state.templates.env.globals["url_for"] = _path_for
    app.state.templates.env.globals["title_of"] = title_of
    app.add_middleware(LanguageMiddleware, default=settings.default_language)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    auth.install(app)
    api_docs.install(app)
    install_openapi(app)
    return app


def create_app_from_environment() -> FastAPI:
    """The app for the ``TALQY_*`` environment (each ``talqy serve --workers`` process)."""
    return create_app(load_settings())
