"""Unpublished practices and private data appear nowhere public, and every public count is right.

Every public address (each case of the URL table that anonymous visitors may GET, plus searches,
filters on every facet, facet value pages, browse pages, the API, the downloads, the feeds, the
sitemap and OAI-PMH) is read as an anonymous visitor, as another contributor and as a reviewer who is
not assigned. In none may the marker of unpublished practices, the focal points or the submitter
appear (Excel files are unzipped to read them), and every count shown must equal the brute-force
count over the published practices (published_truth.py).

The world gains a twin of the published practice that is in review: it shares every value and most
words, so "similar practices", a search for the published one's words or its organization's page
would pick the twin up if they looked past the published practices.
"""

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.search.facets import FACETS, FacetKind

from .conftest import (
    FOCAL_EMAIL,
    FOCAL_NAME,
    MARKER,
    SUBMITTER_EMAIL,
    World,
    _submitted,
    public_values,
)
from .expectations import OK
from .helpers import get_fully
from .public_reading import body_text, shown_counts, xml_root
from .published_truth import KEYS, Truth
from .url_table import url_table

pytestmark = pytest.mark.django_db

SWEEP_ROLES = ("anonymous", "other_contributor", "unassigned_reviewer")
# Searched for in capitals: the site echoes a search as typed, so an echo is "QUOKKAFLUX" while an
# unpublished practice's text says "Quokkaflux" and its address "quokkaflux-...".
SEARCH = MARKER.upper()
PUBLIC_WORD = "harbour"  # in the published practice's title, and its twin's
TWIN_FOCAL_NAME, TWIN_FOCAL_EMAIL = "Twin Focalpoint", "twin.focal@example.org"
NEVER_SHOWN = (
    MARKER,
    MARKER.lower(),
    FOCAL_NAME,
    FOCAL_EMAIL,
    SUBMITTER_EMAIL,
    "Amira Contributor",  # the submitter's name
    "Hidden Focal",
    "hidden.focal@example.org",
    TWIN_FOCAL_NAME,
    TWIN_FOCAL_EMAIL,
)


@pytest.fixture
def sweep_world(world: World, django_capture_on_commit_callbacks: Any) -> World:
    twin = replace(
        public_values(f"{MARKER} harbour language cafes twin"),
        summary=f"The {MARKER} twin: volunteers run weekly language cafes in the harbour district.",
        focal_point_name=TWIN_FOCAL_NAME,
        focal_point_email=TWIN_FOCAL_EMAIL,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _submitted(world.users["contributor"], twin)
    return world


def _hidden_practices() -> list[Practice]:
    return list(Practice.objects.exclude(status=PracticeStatus.PUBLISHED))


def _with(base: str, params: list[tuple[str, str]] | dict[str, str]) -> str:
    return f"{base}?{urlencode(params)}" if params else base


def public_addresses(w: World) -> list[str]:
    """Every public address of the sweep, in a stable order, without repeats."""
    r = reverse
    published = Practice.objects.get(pk=w.published.pk)
    hidden = _hidden_practices()
    table = url_table(w)
    found = [case.path for cases in table.values() for case in cases if case.expected["anonymous"] == OK]

    lists = [r("discovery:practice_list"), r("api:practice_list")]
    downloads = [r(f"opendata:practices_{kind}") for kind in ("csv", "xlsx", "json")]
    feeds = [r("opendata:feed_atom"), r("opendata:feed_rss")]
    searches: list[list[tuple[str, str]]] = [
        [("q", SEARCH)],
        [("q", PUBLIC_WORD)],
        [("q", f"cafes {SEARCH}")],
    ]
    all_hidden: list[tuple[str, str]] = []
    all_published: list[tuple[str, str]] = []
    for facet in FACETS:
        param = facet.param
        assert param in KEYS, f"Facet {param!r} has no brute-force reading in published_truth.KEYS"
        mine = KEYS[param](published)
        theirs = set().union(*(KEYS[param](p) for p in hidden)) - mine
        if facet.kind == FacetKind.YEAR_RANGE:
            for year in sorted(mine | theirs):
                searches.append([(f"{param}_from", year), (f"{param}_to", year)])
            all_hidden += [(f"{param}_from", y) for y in sorted(theirs)[:1]]
            continue
        found.append(r("discovery:practice_facet_values", args=[param]))
        found.append(_with(r("discovery:practice_facet_values", args=[param]), {"q": SEARCH}))
        for key in sorted(theirs):
            found.append(_with(r("discovery:practice_facet_values", args=[param]), {param: key}))
        searches += [[(param, key)] for key in sorted(mine | theirs)]
        all_hidden += [(param, key) for key in sorted(theirs)[:1]]
        all_published += [(param, key) for key in sorted(mine)]
    searches += [all_hidden, all_published, [("q", PUBLIC_WORD), *all_published]]
    for params in searches:
        found += [_with(base, params) for base in lists + feeds]
    for params in [[], *searches[:3], [("country", "ISL")]]:
        found += [_with(base, params) for base in downloads]

    # Browse pages of the values only unpublished practices have.
    browse = {"objective": "objective_browse", "principle": "principle_browse", "sdg": "sdg_browse"}
    browse |= {"region": "region_browse", "subregion": "region_browse", "country": "country_browse"}
    for param, name in browse.items():
        keys = set().union(*(KEYS[param](p) for p in hidden)) - KEYS[param](published)
        found += [r(f"discovery:{name}", args=[key]) for key in sorted(keys)]

    # The API's vocabularies and organizations, every one.
    for vocabulary in ("objectives", "guiding-principles", "sdgs", "practice-types", "scope-levels"):
        found.append(r("api:vocabulary_detail", args=[vocabulary]))
    for vocabulary in ("regions", "countries", "organization-types", "languages"):
        found.append(r("api:vocabulary_detail", args=[vocabulary]))
    found.append(_with(r("api:organization_list"), {"q": "harbour"}))

    # Harvesting: whole lists, a set only unpublished practices are in, and every hidden identifier.
    oai = r("opendata:oai")
    for verb in ("ListRecords", "ListIdentifiers"):
        found.append(_with(oai, {"verb": verb, "metadataPrefix": "oai_dc"}))
        found.append(_with(oai, {"verb": verb, "metadataPrefix": "oai_dc", "set": "objective:23"}))
    found.append(_with(oai, {"verb": "ListSets"}))
    for practice in [*hidden, published]:
        identifier = f"oai:testserver:practice/{practice.pk}"
        found.append(_with(oai, {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"}))
        found.append(_with(oai, {"verb": "ListMetadataFormats", "identifier": identifier}))
    return list(dict.fromkeys(found))


def _sitemap_sections(response: Any) -> list[str]:
    locs = xml_root(response.body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [urlsplit(loc.text or "").path for loc in locs]


def test_the_sweep_covers_the_public_site(sweep_world: World) -> None:
    addresses = public_addresses(sweep_world)
    # The published practice's page (and any "similar practices" it shows) is read.
    assert reverse("discovery:practice_detail", args=[sweep_world.published.slug]) in addresses
    for name in ("discovery:home", "discovery:call_list", "opendata:sitemap", "opendata:practices_xlsx"):
        assert reverse(name) in addresses
    assert any(a.startswith(reverse("opendata:feed_rss") + "?q=") for a in addresses)
    assert len(addresses) > 150


@pytest.mark.parametrize("role", SWEEP_ROLES)
def test_unpublished_and_private_data_appear_nowhere_public(sweep_world: World, role: str) -> None:
    truth = Truth()
    assert [p.pk for p in truth.practices] == [sweep_world.published.pk]
    client = sweep_world.client(role)
    queue = public_addresses(sweep_world)
    leaks: list[str] = []
    wrong: list[str] = []
    kinds: set[str] = set()
    checked = 0
    for path in queue:
        response = get_fully(client, path)
        assert response.status_code < 500, f"GET {path} as {role}: {response.status_code}"
        if path == reverse("opendata:sitemap"):
            queue += [p for p in _sitemap_sections(response) if p not in queue]
        text = body_text(response) + response.get("Location", "")
        leaks += [f"{path}: {word!r}" for word in NEVER_SHOWN if word in text]
        for where, shown, expected in shown_counts(path, response, truth):
            checked += 1
            kinds.add(where.split(" of ")[0].split("=")[0])
            if shown != expected:
                wrong.append(f"{path}: {where} is {shown}, expected {expected}")
    assert not leaks, f"As {role}, unpublished or private data shown:\n" + "\n".join(leaks)
    assert not wrong, f"As {role}, counts that are not the published practices':\n" + "\n".join(wrong)
    # The counts were really read: each kind of page contributed some.
    for kind in (
        "home page total",
        "result count",
        "facet value objective",
        "start year 2020",
        "count",
        "values",
        "meta description",
        "API count",
        "API facet objective",
        "API practice_count",
        "API organizations",
        "CSV rows",
        "Excel rows",
        "JSON records",
        "feed entries",
        "practice pages in the sitemap",
        "OAI ListRecords records",
        "OAI ListIdentifiers records",
    ):
        assert kind in kinds, f"No count of the kind {kind!r} was checked ({sorted(kinds)})"
    assert checked > 1000
