"""One renderer for the error tree: JSON for API clients, an HTML page for browsers.

The HTML page speaks the visitor's language: a heading and an explanation per status code from
the catalogues; the error's own message is added only when it is already in that language (a
translated message, or any message on an English page), never field names or values.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from talqy.errors import InvalidInput, NotFound, TalqyError
from talqy.i18n import gettext

log = logging.getLogger("talqy.web")


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


ERROR_TEXTS: dict[int, tuple[str, str]] = {
    400: ("The request could not be used", "Something sent with it is missing or not valid."),
    401: ("Please sign in", "This page is for signed-in staff."),
    403: ("Not allowed", "You are not allowed to do this."),
    404: ("Page not found", "This page does not exist or has not been published."),
    409: ("Someone else changed this", "Reload the page and try again."),
    413: ("Too large", "What was sent is too large."),
    422: ("The document could not be read", "Check the file and try again."),
    429: ("Too many requests", "Please wait a minute and try again."),
    500: ("Something went wrong", "The error has been recorded; please try again later."),
}


def error_page_context(language: str, status: int, message: str | None) -> dict[str, object]:
    """Heading, explanation and (when it is in ``language``) the detail of an error page."""
    default = 500 if status >= 500 else 400
    heading, explanation = ERROR_TEXTS.get(status, ERROR_TEXTS[default])
    detail = gettext(language, message) if message and status < 500 else None
    if detail == message and language != "en":
        detail = None
    return {
        "status": status,
        "heading": gettext(language, heading),
        "explanation": gettext(language, explanation),
        "detail": detail if status != 404 else None,
    }


def render_error(request: Request, error: TalqyError) -> Response:
    if wants_json(request):
        return JSONResponse(error.to_dict(), status_code=error.status_code)
    templates = request.app.state.templates
    language = getattr(request.state, "lang", "kk")
    context = error_page_context(language, error.status_code, error.message)
    return templates.TemplateResponse(request, "error.html", context, status_code=error.status_code)


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
        language = getattr(request.state, "lang", "kk")
        context = error_page_context(language, 500, None)
        try:
            templates = request.app.state.templates
            page: Response = templates.TemplateResponse(
                request, "error.html", context, status_code=500
            )
        except Exception:  # the page itself failed: a plain, still localized answer
            body = f"<h1>500</h1><p>{context['heading']}</p>"
            return HTMLResponse(body, status_code=500)
        return page
