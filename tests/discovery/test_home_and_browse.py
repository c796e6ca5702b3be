import re
from datetime import timedelta

import pytest
from django.utils import timezone

from practicehub.catalogue.models import SDG, GuidingPrinciple, PracticeStatus, Region
from tests.factories import PracticeFactory

from .test_detail import page_text
from .test_list import titles

pytestmark = pytest.mark.django_db


def objective_count(html: str, number: int) -> str:
    match = re.search(
        rf'<a href="/objectives/{number}/">[^<]+</a>\s*<span class="count">([^<]+)</span>', html
    )
    assert match, number
    return match.group(1)


def test_home_counts_only_published_practices(client) -> None:
    PracticeFactory.create_batch(3, objectives=[23])
    PracticeFactory(objectives=[4])
    PracticeFactory(status=PracticeStatus.DRAFT, objectives=[23])
    PracticeFactory(status=PracticeStatus.SUBMITTED, objectives=[4])
    response = client.get("/")
    html = response.content.decode()
    assert "<strong>4</strong> published practices" in html
    assert objective_count(html, 23) == "3 practices"
    assert objective_count(html, 4) == "1 practice"
    assert objective_count(html, 8) == "0 practices"
    assert len(re.findall(r'<a href="/objectives/\d+/">', html)) == 23


def test_home_counts_an_objective_once_per_practice_primary_or_secondary(client) -> None:
    practice = PracticeFactory(objectives=[10])
    practice.secondary_objectives.set([10, 11])
    assert objective_count(client.get("/").content.decode(), 10) == "1 practice"
    assert objective_count(client.get("/").content.decode(), 11) == "1 practice"


def test_home_shows_the_six_latest_practices(client) -> None:
    now = timezone.now()
    for n in range(8):
        PracticeFactory(title=f"Practice aged {n}", published_at=now - timedelta(days=n))
    shown = titles(client.get("/"))
    assert shown == [f"Practice aged {n}" for n in range(6)]


def test_home_says_what_the_repository_is_and_has_a_meta_description(client) -> None:
    PracticeFactory()
    html = client.get("/").content.decode()
    assert "reviewed by peers" in page_text(client.get("/"))
    assert re.search(r'<meta name="description" content="1 peer-reviewed practice [^"]+">', html)
    assert "<title>Repository of Practices: practices implementing the Global Compact" in html


def test_every_page_has_the_skip_link_search_form_nav_and_language(client) -> None:
    practice = PracticeFactory()
    for url in ("/", "/practices/", practice.get_absolute_url(), "/objectives/", "/objectives/1/", "/about/"):
        html = client.get(url).content.decode()
        assert '<html lang="en" dir="ltr">' in html
        assert '<a class="skip-link" href="#main">' in html
        assert '<label for="site-search-q">Search practices</label>' in html
        assert 'action="/practices/"' in html
        assert '<main id="main"' in html
        assert re.search(r"<title>[^<]+</title>", html)
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html)


def test_right_to_left_languages_set_dir_rtl(client) -> None:
    PracticeFactory()
    html = client.get("/practices/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_the_objective_index_lists_all_23_with_counts(client) -> None:
    PracticeFactory(objectives=[16])
    response = client.get("/objectives/")
    html = response.content.decode()
    assert len(re.findall(r'<a href="/objectives/\d+/">', html)) == 23
    assert objective_count(html, 16) == "1 practice"
    assert "Empower migrants and societies to realize full inclusion and social cohesion" in html


def test_objective_browse_page_lists_practices_on_it(client) -> None:
    PracticeFactory(title="On 16", objectives=[16])
    PracticeFactory(title="Not on 16", objectives=[15])
    PracticeFactory(title="Draft on 16", objectives=[16], status=PracticeStatus.DRAFT)
    response = client.get("/objectives/16/")
    assert titles(response) == ["On 16"]
    html = response.content.decode()
    assert "<h1>Objective 16 - Inclusion and social cohesion</h1>" in html
    assert "<title>Objective 16 - Inclusion and social cohesion | " in html
    assert 'href="/objectives/">All GCM objectives' in html


@pytest.mark.parametrize(
    ("url", "expected_heading"),
    [
        ("/principles/gender-responsive/", "Guiding principle: "),
        ("/sdgs/5/", "SDG 5 - Gender equality"),
        ("/regions/asia/", "Practices in Asia"),
        ("/regions/western-asia/", "Practices in Western Asia"),
        ("/countries/AZE/", "Practices in Azerbaijan"),
        ("/countries/aze/", "Practices in Azerbaijan"),
    ],
)
def test_browse_pages_filter_the_list(client, url, expected_heading) -> None:
    inside = PracticeFactory(title="Inside", country_codes=["AZE"])
    inside.guiding_principles.add(GuidingPrinciple.objects.get(key="gender-responsive"))
    inside.sdgs.add(SDG.objects.get(number=5))
    PracticeFactory(title="Outside", country_codes=["PER"])
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == ["Inside"]
    assert re.search(rf"<h1>{re.escape(expected_heading)}", response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        "/objectives/0/",
        "/objectives/24/",
        "/objectives/99999999999999999999/",
        "/principles/not-a-principle/",
        "/sdgs/18/",
        "/regions/atlantis/",
        "/countries/XXX/",
        "/countries/AZER/",
        "/practices/no-such-practice/",
    ],
)
def test_unknown_browse_values_are_not_found(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_index_pages_for_principles_sdgs_regions_and_countries(client) -> None:
    practice = PracticeFactory(country_codes=["AZE"])
    practice.regions.add(Region.objects.get(key="western-asia"))
    practice.guiding_principles.add(GuidingPrinciple.objects.get(key="people-centred"))
    PracticeFactory(status=PracticeStatus.DRAFT, country_codes=["PER"])

    principles = client.get("/principles/").content.decode()
    assert len(re.findall(r'<a href="/principles/[a-z-]+/">', principles)) == 10
    sdgs = client.get("/sdgs/").content.decode()
    assert len(re.findall(r'<a href="/sdgs/\d+/">', sdgs)) == 17
    regions = client.get("/regions/").content.decode()
    assert re.search(r'<a href="/regions/asia/">Asia</a>\s*<span class="count">1 practice</span>', regions)
    assert re.search(
        r'<a href="/regions/western-asia/">Western Asia</a>\s*<span class="count">1 practice</span>', regions
    )
    assert re.search(
        r'<a href="/regions/africa/">Africa</a>\s*<span class="count">0 practices</span>', regions
    )
    countries = client.get("/countries/").content.decode()
    assert re.search(
        r'<a href="/countries/AZE/">Azerbaijan</a>\s*<span class="count">1 practice</span>', countries
    )
    assert "Peru" not in countries, "countries with only unpublished practices are not listed"


def test_about_page(client) -> None:
    response = client.get("/about/")
    assert response.status_code == 200
    assert "<h1>About the repository</h1>" in response.content.decode()
