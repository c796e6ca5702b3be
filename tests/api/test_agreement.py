"""The API and the list page agree: for any query string, the same practices in the same order,
the same total and the same count on every facet value the page's sidebar shows."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.search.facets import FACETS, FacetKind
from practicehub.search.params import SORTS
from tests.search.facet_testdata import WORDS, build_catalogue

pytestmark = pytest.mark.django_db

_TEASER = re.compile(r'class="teaser__title"[^>]*><a href="/practices/([^/"]+)/">')
_CHECKBOX = re.compile(
    r'<input type="checkbox" id="[^"]+" name="([^"]+)" value="([^"]+)"(?: checked)?>\s*'
    r'<label for="[^"]+">.*?<span class="facet__count">\((\d+)\)</span></label>',
    flags=re.S,
)
_YEAR = re.compile(r'<option value="(\d{4})"(?: selected)?>\d{4} \((\d+)\)</option>')
_TOTAL = re.compile(r'id="result-count">\s*(\d+) practices?')


def page_view(client, query: str) -> tuple[int, list[str], dict[tuple[str, str], int]]:  # type: ignore[no-untyped-def]
    html = client.get(f"/practices/?{query}").content.decode()
    total = int(_TOTAL.search(html).group(1))  # type: ignore[union-attr]
    counts = {(param, unescape(key)): int(n) for param, key, n in _CHECKBOX.findall(html)}
    counts.update({("start_year", year): int(n) for year, n in _YEAR.findall(html)})
    return total, _TEASER.findall(html), counts


def api_view(client, query: str, page: int) -> tuple[int, list[str], dict[tuple[str, str], int]]:  # type: ignore[no-untyped-def]
    data = client.get(f"/api/v1/practices?{query}&page={page}").json()
    counts = {}
    for facet in data["facets"]:
        param = "start_year" if facet["kind"] == "year_range" else facet["param"]
        counts.update({(param, v["key"]): v["count"] for v in facet["values"]})
    return data["count"], [p["id"] for p in data["results"]], counts


@st.composite
def query_strings(draw: st.DrawFn, candidates: dict[str, list[str]]) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    if draw(st.booleans()):
        items.append(("q", draw(st.sampled_from([*WORDS, "alpha beta", "zzz-nothing"]))))
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE:
            for param in facet.range_params:
                if draw(st.integers(0, 4)) == 0:
                    items.append((param, str(draw(st.integers(2015, 2025)))))
            continue
        if candidates[facet.param] and draw(st.integers(0, 3)) == 0:
            picked = draw(
                st.lists(st.sampled_from(candidates[facet.param]), min_size=1, max_size=3, unique=True)
            )
            items.extend((facet.param, key) for key in picked)
    if draw(st.booleans()):
        items.append(("sort", draw(st.sampled_from(list(SORTS)))))
    # Bad input is ignored the same way on both sides.
    if draw(st.integers(0, 5)) == 0:
        items.append(draw(st.sampled_from([("objective", "999"), ("country", "xx"), ("page_junk", "1")])))
    return items


@pytest.fixture
def candidates(client) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    build_catalogue(seed=7, count=45)
    data = client.get("/api/v1/practices").json()
    return {f["param"]: [v["key"] for v in f["values"] if v["count"]] for f in data["facets"]}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_api_and_list_page_agree(client, candidates: dict[str, list[str]], data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()  # the rate limit: this test makes many requests from one address
    query = urlencode(data.draw(query_strings(candidates)))
    total, slugs, counts = page_view(client, query)
    api_total, api_slugs, api_counts = api_view(client, query, page=1)
    assert api_total == total
    assert api_slugs == slugs
    for key, count in counts.items():
        # A chosen year no practice started in stays in the page's year menu with (0).
        default = 0 if key[0] == "start_year" else None
        assert api_counts.get(key, default) == count, key
    if total > 20:  # the second page too
        _total, slugs, _counts = page_view(client, f"{query}&page=2")
        assert api_view(client, query, page=2)[1] == slugs
