"""Browse pages, index counts and the sitemap agree with the list page: one facet definition."""

import re
from html import unescape

import pytest

from practicehub.catalogue.models import SDG, GuidingPrinciple, PracticeStatus, Region
from practicehub.discovery import selectors
from practicehub.search.facets import FACETS_BY_PARAM
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'class="teaser__title"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode())


def sidebar_count(response, param: str, key: str) -> int:  # type: ignore[no-untyped-def]
    match = re.search(
        rf'name="{param}" value="{re.escape(key)}"[^>]*>\s*<label[^>]*>.*?'
        r'<span class="facet__count">\((\d+)\)',
        response.content.decode(),
        flags=re.S,
    )
    assert match, (param, key)
    return int(match.group(1))


def index_counts(client, url: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    html = client.get(url).content.decode()
    found = re.findall(r'<a href="([^"]+)">[^<]+</a>\s*<span class="count">(\d+) practices?</span>', html)
    return {unescape(href): int(n) for href, n in found}


@pytest.fixture
def catalogue(db: None) -> None:
    asia = PracticeFactory(title="Remittances in Azerbaijan", objectives=[20], country_codes=["AZE"])
    asia.sdgs.add(SDG.objects.get(number=10))
    named = PracticeFactory(title="Named sub-region only", objectives=[20, 6])
    named.regions.add(Region.objects.get(key="western-asia"))
    named.guiding_principles.add(GuidingPrinciple.objects.get(key="people-centred"))
    kenya = PracticeFactory(title="Skills in Kenya", objectives=[18], country_codes=["KEN"])
    kenya.secondary_objectives.add(20)
    PracticeFactory(
        title="Draft in Azerbaijan", objectives=[20], country_codes=["AZE"], status=PracticeStatus.DRAFT
    )


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/objectives/20/", "objective=20"),
        ("/objectives/6/", "objective=6"),
        ("/sdgs/10/", "sdg=10"),
        ("/principles/people-centred/", "principle=people-centred"),
        ("/regions/asia/", "region=asia"),
        ("/regions/western-asia/", "subregion=western-asia"),
        ("/countries/AZE/", "country=AZE"),
        ("/countries/PER/", "country=PER"),
    ],
)
def test_a_browse_page_lists_what_the_list_page_lists_for_its_value(client, catalogue, url, query) -> None:  # type: ignore[no-untyped-def]
    browse = client.get(url)
    assert browse.status_code == 200
    listed = client.get(f"/practices/?{query}")
    assert titles(browse) == titles(listed)
    assert "Draft in Azerbaijan" not in browse.content.decode()
    # "Search and filter these practices" and the downloads carry the list's canonical query.
    assert f'<a href="/practices/?{query}">Search and filter these practices</a>' in browse.content.decode()
    assert f'href="/exports/practices.csv?{query}"' in browse.content.decode()


def test_index_counts_are_the_list_sidebar_counts(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    listed = client.get("/practices/")
    objectives = index_counts(client, "/objectives/")
    assert objectives["/objectives/20/"] == sidebar_count(listed, "objective", "20") == 3
    assert index_counts(client, "/")["/objectives/20/"] == 3
    regions = index_counts(client, "/regions/")
    assert regions["/regions/asia/"] == sidebar_count(listed, "region", "asia") == 2
    assert regions["/regions/western-asia/"] == sidebar_count(listed, "subregion", "western-asia") == 2
    countries = index_counts(client, "/countries/")
    assert countries == {"/countries/AZE/": 1, "/countries/KEN/": 1}
    assert index_counts(client, "/sdgs/")["/sdgs/10/"] == sidebar_count(listed, "sdg", "10") == 1


def test_browse_pages_exist_for_registry_facets_only(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    for pages in selectors.BROWSE_PAGES:
        assert pages.param in FACETS_BY_PARAM
    regions = [f.name for f in selectors.BROWSE_BY_PARAM["region"].facets]
    assert regions == ["region", "subregion"]
    sitemap = client.get("/sitemap-browse.xml").content.decode()
    for path in (
        "/objectives/20/",
        "/objectives/18/",
        "/regions/western-asia/",
        "/countries/KEN/",
        "/sdgs/10/",
    ):
        assert f"{path}</loc>" in sitemap
    for path in ("/objectives/2/", "/countries/PER/", "/regions/oceania/"):
        assert f"{path}</loc>" not in sitemap
