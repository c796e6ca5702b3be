"""Schemathesis against the API's own OpenAPI document, through the WSGI app (no server): no server
errors, and every response (status, content type, headers, body) matches the document.

The operations are driven from a plain test with hypothesis (schemathesis's pytest plugin cannot
resolve fixtures under this pytest version), a bounded number of examples each."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings

from tests.open_data import OpenCatalogue

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 30


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests through the WSGI app would close the database connection at their end (and with it
    the test's transaction); Django's own test client leaves it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@override_settings(PRACTICEHUB_API_RATE=(1_000_000, 60))
def test_the_api_matches_its_openapi_document(open_catalogue: OpenCatalogue) -> None:
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/practices", "/api/v1/practices/{id}", "/api/v1/calls"}

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate()

        check()
