"""``/api/docs``: Swagger UI served by the app itself, so it works under the app's own CSP.

The Swagger UI 5 files (OpenAPI 3.1, as FastAPI writes it) come from the ``fastapi-offline``
package, which bundles them; only its static files are used, mounted at
``/api/docs/assets``. The page loads them and a small same-origin start script
(``static/api-docs.js``) that reads the OpenAPI address from a ``data-`` attribute. Nothing is
loaded from another origin and the page carries no inline script.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/docs"
ASSETS_PATH = "/api/docs/assets"


def install(app: FastAPI) -> None:
    """Mount the bundled Swagger UI files and the docs page on ``app``."""
    import fastapi_offline

    bundled = Path(fastapi_offline.__file__).parent / "static"
    app.mount(ASSETS_PATH, StaticFiles(directory=str(bundled)), name="swagger-ui")

    @app.get(DOCS_PATH, include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> Response:
        templates = request.app.state.templates
        context = {"openapi_url": app.openapi_url, "assets": ASSETS_PATH}
        response: Response = templates.TemplateResponse(request, "api_docs.html", context)
        return response
