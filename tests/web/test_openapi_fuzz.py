"""Property-based requests generated from the OpenAPI document (schemathesis): no 5xx ever.

Every operation gets a bounded number of generated requests, valid ones and invalid ones
(out-of-range integers, wrong types, odd strings), with a staff bearer token so the review API
is exercised past authentication, on SQLite and PostgreSQL. Each answer must be below 500 and
carry a status code the document lists for that operation. A deterministic sweep then puts
int64 edges and beyond (2**31, 2**63, 2**64, -2**63-1, 10**30) into every integer path and
query parameter the document lists, which a few random examples would rarely reach.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error, status_code_conformance

from talqy.review.accounts import issue_token
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import build_world

EXAMPLES = 3  # per operation and mode: 45 operations x 2 modes x 3 = 270 requests a database
CHECKS = [not_a_server_error, status_code_conformance]
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@pytest.fixture
def bearer(db: Database) -> dict[str, str]:
    build_world(db)
    return {"Authorization": f"Bearer {issue_token(db, username='admin')}"}


def test_no_operation_answers_5xx(settings: Settings, bearer: dict[str, str]) -> None:
    roomy = settings.model_copy(
        update={"receipt_lookups_per_minute": 10**6, "proposals_per_minute": 10**6}
    )
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(roomy))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40

    for operation, mode in itertools.product(operations, MODES):

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers=bearer)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:  # nothing to make invalid in an operation without inputs
            assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label


EXTREMES = (0, -1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**30)


def _integer(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [schema])
    return any(option.get("type") == "integer" for option in options)


def test_extreme_integers_in_every_parameter(settings: Settings, bearer: dict[str, str]) -> None:
    """Each integer path or query parameter of each operation, at the edges of int64 and beyond."""
    app = create_app(settings.model_copy(update={"receipt_lookups_per_minute": 10**6}))
    with TestClient(app, raise_server_exceptions=False, headers=bearer) as client:
        spec = client.get("/api/v1/openapi.json").json()
        tried = sum(_try_extremes(client, path, ops) for path, ops in spec["paths"].items())
    assert tried >= 100


def _try_extremes(client: TestClient, path: str, operations: dict[str, Any]) -> int:
    tried = 0
    for method, operation in operations.items():
        parameters = [p for p in operation.get("parameters", []) if p["in"] in ("path", "query")]
        plain = {p["name"]: "1" if _integer(p["schema"]) else "c1" for p in parameters}
        for parameter in (p for p in parameters if _integer(p["schema"])):
            for value in EXTREMES:
                values = {**plain, parameter["name"]: str(value)}
                query = {p["name"]: values[p["name"]] for p in parameters if p["in"] == "query"}
                url = path.format(**values)
                body = {} if method == "post" else None
                answer = client.request(method, url, params=query, json=body)
                tried += 1
                assert answer.status_code < 500, (method, url, query, answer.text[:200])
                assert str(answer.status_code) in operation["responses"], (method, url, query)
    return tried
