import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue import selectors
from practicehub.search import listing
from practicehub.search.facets import FACETS_BY_PARAM
from practicehub.search.params import parse as parse_selection
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

# Text a browser can put in a URL (no lone surrogates).
url_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
param_names = st.sampled_from([*FACETS_BY_PARAM, "page", "q", "unknown"])


def test_an_unknown_address_gives_the_friendly_404_page(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    response = client.get("/practices/this-practice-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found | " in html
    assert "<h1>Page not found</h1>" in html
    assert 'href="/practices/"' in html
    assert '<meta name="description" content="This page does not exist' in html
    assert '<label for="site-search-q">Search practices</label>' in html


def test_a_server_error_gives_the_friendly_500_page(monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    def broken() -> int:
        raise RuntimeError("database went away")

    monkeypatch.setattr(selectors, "practice_count", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert "database went away" not in html
    assert '<meta name="description"' in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.lists(st.tuples(param_names, url_text), max_size=6))
def test_any_query_string_gives_a_list_page(client, params) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory()
    query: dict[str, list[str]] = {}
    for name, value in params:
        query.setdefault(name, []).append(value)
    assert client.get("/practices/", query).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(["objectives", "principles", "sdgs", "regions", "countries", "practices"]),
    value=url_text,
)
def test_any_browse_address_is_found_or_not_found_never_an_error(client, prefix, value) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/{prefix}/{value}/")
    assert response.status_code in {200, 301, 404}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.one_of(url_text, st.integers(-2, 30).map(str)), max_size=40))
def test_filter_parsing_keeps_known_values_once_in_order_and_at_most_25(values) -> None:  # type: ignore[no-untyped-def]
    parsed = listing.practice_search(parse_selection({"objective": values})).selection.values("objective")
    parts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    typed = {str(int(part)) for part in parts if re.fullmatch(r"[0-9]{1,9}", part)}
    assert len(parsed) == len(set(parsed)) <= 25
    assert list(parsed) == sorted(parsed, key=int)
    assert set(parsed) <= typed & {str(n) for n in range(1, 24)}
    if len(typed) <= 25 and len(parts) < 100:  # the parser reads at most 100 values of a parameter
        assert set(parsed) == typed & {str(n) for n in range(1, 24)}
