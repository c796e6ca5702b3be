"""Whatever query string reaches the API, the answer is JSON and never a server error: more than Django
reads (1,000 parameters) is a 400 saying so, and any bytes in names and values (NUL, the UTF-8 of a
lone surrogate, broken UTF-8, control characters) give an answer or a 4xx."""

import json
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.search.facets import FACETS_BY_PARAM

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/practices",
    "/api/v1/practices/{slug}",
    "/api/v1/organizations",
    "/api/v1/organizations/{organization}",
    "/api/v1/calls",
    "/api/v1/vocabularies",
    "/api/v1/vocabularies/objectives",
]
TOO_MANY = "&".join(f"p{n}=1" for n in range(1_001))


def _url(path: str, open_catalogue: Any) -> str:
    published = open_catalogue.published
    return path.format(slug=published.slug, organization=published.organizations.first().pk)


# The lists read their query string; the other resources take none and never look at it.
READS_QUERY = {"/api/v1/practices", "/api/v1/organizations", "/api/v1/calls"}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_more_than_a_thousand_parameters_is_a_clear_400(open_catalogue: Any, path: str) -> None:
    response = Client(raise_request_exception=False).get(f"{_url(path, open_catalogue)}?{TOO_MANY}")
    assert response["Content-Type"].startswith("application/json")
    if path in READS_QUERY:
        assert response.status_code == 400
        assert response.json() == {"detail": "Too many query parameters: at most 1000."}
    else:
        assert response.status_code == 200


def test_a_thousand_parameters_are_still_read(client: Client, open_catalogue: Any) -> None:
    query = "&".join(f"p{n}=1" for n in range(1_000))
    assert client.get(f"/api/v1/practices?{query}").status_code == 200


names = st.sampled_from([*FACETS_BY_PARAM, "q", "page", "page_size", "sort", "from", "to", "x"]).map(
    str.encode
) | st.binary(max_size=8)
values = st.binary(max_size=24) | st.sampled_from(
    [b"\x00", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff\xfe", b"\xef\xbf\xbe", b"a\x00b", b"1" * 30, b"-1"]
)


@override_settings(PRACTICEHUB_API_RATE_LIMIT=1_000_000)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(ENDPOINTS), pairs=st.lists(st.tuples(names, values), max_size=8))
def test_any_query_string_gets_json_and_never_a_server_error(
    open_catalogue: Any, path: str, pairs: list[tuple[bytes, bytes]]
) -> None:
    cache.clear()
    query = "&".join(f"{quote_from_bytes(name)}={quote_from_bytes(value)}" for name, value in pairs)
    response = Client(raise_request_exception=False).get(f"{_url(path, open_catalogue)}?{query}")
    assert response.status_code < 500, (query, response.content[:300])
    if response.status_code != 304:
        json.loads(response.content)
