"""One renderer for the error tree: JSON for API clients, an HTML page for browsers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from talqy.errors import InvalidInput, NotFound, TalqyError

log = logging.getLogger("talqy.web")


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def render_error(request: Request, error: TalqyError) -> Response:
    if wants_json(request):
        return JSONResponse(error.to_dict(), status_code=error.status_code)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"error": error, "status": error.status_code},
        status_code=error.status_code,
    )


OUT_OF_RANGE = {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}


def _names_nothing(error: Any) -> bool:
    """A path id outside the range of ids (``web/deps.Id``): no such thing, so 404."""
    loc = tuple(error.get("loc", ()))
    return bool(loc) and loc[0] == "path" and error.get("type") in OUT_OF_RANGE


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TalqyError)
    async def on_talqy_error(request: Request, exc: TalqyError) -> Response:
        return render_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        if _names_nothing(first):
            return render_error(request, NotFound("page not found", path=request.url.path))
        field = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        return render_error(request, InvalidInput(str(first.get("msg")), field=field or None))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return render_error(request, NotFound("page not found", path=request.url.path))
        error = TalqyError(str(exc.detail))
        error.status_code = exc.status_code
        return render_error(request, error)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"error": "internal", "message": "internal error"}, 500)
        return HTMLResponse("<h1>500</h1><p>Internal error</p>", status_code=500)
