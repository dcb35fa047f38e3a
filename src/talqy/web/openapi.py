"""The OpenAPI document lists the status codes routes really return.

Validation errors are rendered as 400 by the one error renderer (not FastAPI's 422), so 422 is
replaced by 400; every operation with a body may get 413 (``TALQY_MAX_BODY_BYTES``); a path
parameter may name nothing (404); bearer-token routes answer 401 and 403; throttled routes
429; review commands 409 when someone changed the group first. Routes add their own with
:func:`responses`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from talqy.web.auth import require_token_user
from talqy.web.csrf import require_csrf
from talqy.web.throttles import check_receipt_limit

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    "required": ["error", "message"],
}
DESCRIPTIONS = {
    200: "Already received: the proposal this client created with the same key",
    400: "Invalid input (the field is named)",
    401: "Unauthenticated: a valid bearer token is required",
    403: "Forbidden for this role or assignment",
    404: "Not found",
    409: "Conflict: someone else changed it, or the transition is not allowed",
    413: "Request body too large",
    429: "Too many requests from this client; try again in a minute",
}
CONFLICT_PREFIX = "/api/v1/review/"


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error codes a route returns (rendered by ``web/errors.py``)."""
    return {code: _error_entry(code) for code in codes}


def _error_entry(code: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": ERROR_SCHEMA}},
    }


def _calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def inferred_codes(route: APIRoute) -> set[int]:
    """The error codes ``route`` can answer with, from its parameters and dependencies."""
    dependant, calls = route.dependant, set(_calls(route.dependant))
    methods = route.methods or set()
    codes: set[int] = set()
    if dependant.path_params or dependant.query_params or dependant.header_params:
        codes.add(400)
    if dependant.path_params or dependant.query_params:
        codes.add(404)  # a path id, slug or a query naming something that does not exist
    if route.body_field is not None or methods & {"POST", "PUT", "PATCH"}:
        codes |= {400, 413}
    if require_token_user in calls:
        codes |= {401, 403}
    if require_csrf in calls:
        codes.add(403)
    if check_receipt_limit in calls:
        codes.add(429)
    if route.path.startswith(CONFLICT_PREFIX) and "POST" in methods:
        codes.add(409)
    return codes


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every API route, also those of included routers (walked through ``original_router``)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(list(route.original_router.routes))


def install_openapi(app: FastAPI) -> None:
    """Replace ``app.openapi`` by one that lists the real status codes of every route."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, routes=app.routes, description=app.description
        )
        by_operation = {route.unique_id: route for route in _api_routes(list(app.routes))}
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                route = by_operation.get(operation.get("operationId", ""))
                if route is not None:
                    _complete(operation, route)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]


def _complete(operation: dict[str, Any], route: APIRoute) -> None:
    listed = operation.setdefault("responses", {})
    listed.pop("422", None)
    for code in sorted(inferred_codes(route)):
        listed.setdefault(str(code), _error_entry(code))
