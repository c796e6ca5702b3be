"""Atom and RSS feeds: the newest published practices, of everything or of any search or filter."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import Practice
from practicehub.opendata import feeds
from tests.open_data import FOCAL_EMAIL, FOCAL_NAME, SUBMITTER_EMAIL

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, query: str = "") -> ET.Element:  # type: ignore[no-untyped-def]
    response = client.get(reverse("opendata:feed_atom") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own answer


def rss(client, query: str = "") -> ET.Element:  # type: ignore[no-untyped-def]
    response = client.get(reverse("opendata:feed_rss") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own answer


def atom_paths(root: ET.Element) -> list[str]:
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    return [re.sub(r"^http://testserver", "", link) for link in links]


def rss_paths(root: ET.Element) -> list[str]:
    return [re.sub(r"^http://testserver", "", i.findtext("link")) for i in root.iter("item")]


def list_page_paths(client, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The practices the list page shows for a query string, in its order."""
    html = client.get(reverse("discovery:practice_list") + query).content.decode()
    found = re.findall(r'href="(/practices/(?!values/)[^/"?]+/)"', html)
    return list(dict.fromkeys(found))


def test_the_latest_feeds_list_published_practices_newest_first(client, catalogue) -> None:
    expected = [
        p.get_absolute_url()
        for p in Practice.objects.filter(status="published").order_by("-published_at", "-id")
    ]
    assert len(expected) == 2
    assert atom_paths(atom(client)) == expected
    assert rss_paths(rss(client)) == expected


def test_unpublished_and_private_data_are_absent_from_feeds(client, catalogue) -> None:
    for path in ("opendata:feed_atom", "opendata:feed_rss"):
        text = client.get(reverse(path)).content.decode()
        assert catalogue.published.title in text
        for secret in (
            FOCAL_NAME,
            FOCAL_EMAIL,
            SUBMITTER_EMAIL,
            catalogue.archived.title,
            *catalogue.hidden_titles,
        ):
            assert secret not in text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?objective=6",
        "?objective=15",
        "?objective=21",
        "?country=KEN",
        "?country=GEO&objective=6",
        "?q=schooling",
        "?q=desks&objective=6",
        "?q=nothing-matches-this",
        "?objective=2",
    ],
)
def test_the_feed_of_a_search_has_the_practices_its_list_page_shows(client, catalogue, query) -> None:
    separator = "&" if query else "?"
    shown = list_page_paths(client, f"{query}{separator}sort=newest")
    if query not in ("?q=nothing-matches-this", "?objective=2"):
        assert shown
    assert atom_paths(atom(client, query)) == shown
    assert rss_paths(rss(client, query)) == shown


def test_a_feed_is_always_newest_first_and_ignores_page_and_sort(client, catalogue) -> None:
    plain = atom_paths(atom(client, "?objective=6"))
    assert atom_paths(atom(client, "?objective=6&sort=title&page=7")) == plain
    root = atom(client, "?objective=6&sort=title&page=7")
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "http://testserver/feeds/practices.atom?objective=6"
    alternate = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    assert alternate.get("href") == "http://testserver/practices/?objective=6"


def test_the_feed_is_titled_like_the_list_page(client, catalogue) -> None:
    assert atom(client, "?objective=15").findtext(f"{ATOM}title").startswith("Practices on objective 15")
    assert rss(client, "?q=schooling").find("channel").findtext("title").startswith("Practices matching")
    assert rss(client).find("channel").findtext("title") == "Practices | Repository of Practices"


def test_entries_carry_summary_implementer_objectives_and_dates(client, catalogue) -> None:
    entries = {e.findtext(f"{ATOM}title"): e for e in atom(client).findall(f"{ATOM}entry")}
    entry = entries[catalogue.published.title]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Agency for Returning Workers (ARW)"
    terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert terms[0].startswith("GCM objective 6:") and terms[1].startswith("GCM objective 21:")
    assert "<strong>one-stop</strong>" in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}published")[:10] == catalogue.published.published_at.date().isoformat()
    assert entry.findtext(f"{ATOM}updated")


def test_a_feed_lists_at_most_feed_items_practices(client, catalogue, monkeypatch) -> None:
    monkeypatch.setattr(feeds, "FEED_ITEMS", 1)
    assert atom_paths(atom(client)) == [catalogue.other_published.get_absolute_url()]


def test_control_characters_in_a_practice_do_not_break_the_feeds(client, catalogue) -> None:
    Practice.objects.filter(pk=catalogue.published.pk).update(
        title="Desks\x0b for\x01 workers", summary="A\x08b"
    )
    assert "Desks  for  workers" in [e.findtext(f"{ATOM}title") for e in atom(client).findall(f"{ATOM}entry")]
    assert "Desks  for  workers" in [i.findtext("title") for i in rss(client).iter("item")]


def test_the_list_page_links_to_the_feeds_of_its_search(client, catalogue) -> None:
    html = client.get(
        reverse("discovery:practice_list") + "?objective=6&q=desks&sort=title&page=1"
    ).content.decode()
    links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', html)
    assert links == [
        ("application/atom+xml", "/feeds/practices.atom?q=desks&amp;objective=6"),
        ("application/rss+xml", "/feeds/practices.rss?q=desks&amp;objective=6"),
    ]
    plain = client.get(reverse("discovery:practice_list")).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in plain
    assert 'href="/feeds/practices.atom"' in plain


def test_a_browse_page_links_to_the_feed_of_its_value(client, catalogue) -> None:
    html = client.get(reverse("discovery:objective_browse", args=[15])).content.decode()
    assert 'href="/feeds/practices.atom?objective=15"' in html
    assert 'href="/feeds/practices.rss?objective=15"' in html


_params = st.sampled_from(["q", "objective", "country", "region", "sdg", "type", "sort", "page", "from", "x"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_params, st.text(max_size=20)), max_size=4))
def test_any_query_string_gives_a_well_formed_feed(client, catalogue, pairs) -> None:
    query = "?" + urlencode([(k, v.replace("\x00", "")) for k, v in pairs])
    atom(client, query)
    rss(client, query)


def test_list_page_offers_to_follow_the_current_search(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/practices/?q=diaspora&objective=19").content.decode()
    assert "Follow this search:" in html
    assert 'href="/feeds/practices.atom?' in html and "objective=19" in html
