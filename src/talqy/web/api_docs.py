"""``/api/docs``: Swagger UI served by the app itself, so it works under the app's own CSP.

The Swagger UI files come from the ``swagger-ui-bundle`` package and are mounted at
``/api/docs/assets``; the page loads them and a small same-origin start script
(``static/api-docs.js``) that reads the OpenAPI address from a ``data-`` attribute. Nothing is
loaded from another origin and the page carries no inline script.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/docs"
ASSETS_PATH = "/api/docs/assets"


def install(app: FastAPI) -> None:
    """Mount the bundled Swagger UI files and the docs page on ``app``."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount(ASSETS_PATH, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")

    @app.get(DOCS_PATH, include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> Response:
        templates = request.app.state.templates
        context = {"openapi_url": app.openapi_url, "assets": ASSETS_PATH}
        response: Response = templates.TemplateResponse(request, "api_docs.html", context)
        return response
