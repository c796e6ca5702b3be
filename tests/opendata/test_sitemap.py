"""sitemap.xml and robots.txt: every public address, nothing else."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.open_data import FOCAL_NAME

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    return [re.sub(r"^http://testserver", "", loc.text or "") for loc in root.iter(f"{SM}loc")]


def test_the_index_lists_every_section(client, catalogue) -> None:
    assert locations(client, "/sitemap.xml") == [
        "/sitemap-pages.xml",
        "/sitemap-browse.xml",
        "/sitemap-practices.xml",
    ]


def test_the_practices_section_lists_published_practices_only_with_their_last_change(
    client, catalogue
) -> None:
    found = locations(client, "/sitemap-practices.xml")
    assert sorted(found) == sorted(
        [catalogue.published.get_absolute_url(), catalogue.other_published.get_absolute_url()]
    )
    text = client.get("/sitemap-practices.xml").content.decode()
    assert f"<lastmod>{catalogue.published.updated_at.date().isoformat()}" in text
    for practice in (catalogue.archived, *catalogue.hidden):
        assert practice.slug is None or practice.slug not in text
        assert "/preview/" not in text
    assert FOCAL_NAME not in text


def test_browse_pages_with_published_practices_are_listed(client, catalogue) -> None:
    found = locations(client, "/sitemap-browse.xml")
    for url in (
        reverse("discovery:objective_browse", args=[6]),
        reverse("discovery:objective_browse", args=[21]),
        reverse("discovery:objective_browse", args=[15]),
        reverse("discovery:principle_browse", args=["people-centred"]),
        reverse("discovery:sdg_browse", args=[8]),
        reverse("discovery:region_browse", args=["western-asia"]),
        reverse("discovery:country_browse", args=["GEO"]),
        reverse("discovery:country_browse", args=["KEN"]),
    ):
        assert url in found
    assert reverse("discovery:objective_browse", args=[2]) not in found
    assert reverse("discovery:country_browse", args=["FRA"]) not in found


def test_the_pages_section_has_home_list_and_indexes(client) -> None:
    found = locations(client, "/sitemap-pages.xml")
    for name in ("discovery:home", "discovery:practice_list", "discovery:about", "discovery:country_index"):
        assert reverse(name) in found


@pytest.mark.parametrize(
    "url", ["/sitemap-practices.xml?p=abc", "/sitemap-practices.xml?p=99", "/sitemap-nothing.xml"]
)
def test_bad_sitemap_addresses_are_not_found(client, catalogue, url) -> None:
    assert client.get(url).status_code == 404


def test_robots_allows_the_public_site_and_points_to_the_sitemap(client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines
    for private in ("/admin/", "/account/", "/submit/", "/review/"):
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
