"""``create_app(settings)``: the FastAPI application (pages and JSON API)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from talqy import __version__
from talqy.i18n import LANGUAGE_NAMES, LANGUAGES, gettext, negotiate
from talqy.settings import Settings
from talqy.storage.database import open_database
from talqy.web import api_proposals, api_review, auth, pages, public, reports, staff
from talqy.web import sessions as sessions_pages
from talqy.web.errors import install_error_handlers

HERE = Path(__file__).parent


def _language_of(request: Request, default: str) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return negotiate(request.headers.get("accept-language"), default)


class LanguageMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        settings: Settings = request.app.state.settings
        request.state.lang = _language_of(request, settings.default_language)
        response = await call_next(request)
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie("lang", request.state.lang, samesite="lax", httponly=True)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; frame-src https:; object-src 'none'; base-uri 'none'",
        )
        return response


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
    yield
    app.state.db.engine.dispose()


def create_app(settings: Settings) -> FastAPI:
    """Build the application for ``settings`` (database opened and migrated here)."""
    settings.check()
    app = FastAPI(
        title="Talqy",
        version=__version__,
        docs_url="/api/docs",
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.db = open_database(settings.database_url)
    app.state.templates = Jinja2Templates(
        directory=str(HERE / "templates"), context_processors=[_template_context]
    )
    app.add_middleware(LanguageMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    install_error_handlers(app)
    app.include_router(pages.router)
    app.include_router(reports.router)
    app.include_router(api_proposals.router)
    app.include_router(sessions_pages.router)
    app.include_router(public.router)
    app.include_router(staff.router)
    app.include_router(api_review.router)
    auth.install(app)
    return app
