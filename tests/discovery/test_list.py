import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practicehub.catalogue.models import (
    SDG,
    GuidingPrinciple,
    Organization,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)
from tests.factories import OrganizationFactory, PracticeFactory

from .test_detail import page_text

pytestmark = pytest.mark.django_db

LIST = "/practices/"


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'class="teaser__title"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_items_show_title_summary_objectives_type_scope_countries_and_dates(client) -> None:
    PracticeFactory(
        title="Consular outreach vans",
        summary="Mobile consular teams visit remote work sites. " * 20,
        objectives=[23, 14],
        country_codes=["AZE"],
        start_year=2020,
        is_ongoing=True,
    )
    text = page_text(client.get(LIST))
    assert "Consular outreach vans" in text
    assert "Mobile consular teams visit remote work sites." in text
    assert "…" in text, "long summaries are cut to their first lines"
    assert "14 - Consular protection" in text
    assert "23 - International cooperation" in text
    assert "Partnership/Multistakeholder initiative" in text
    assert "National: Azerbaijan" in text
    assert "2020 - Present" in text


def test_only_published_practices_are_listed_newest_first(client) -> None:
    now = timezone.now()
    PracticeFactory(title="Older one", published_at=now - timedelta(days=10))
    PracticeFactory(title="Newest one", published_at=now)
    PracticeFactory(title="Middle one", published_at=now - timedelta(days=5))
    for status in (
        PracticeStatus.DRAFT,
        PracticeStatus.IN_REVIEW,
        PracticeStatus.APPROVED,
        PracticeStatus.ARCHIVED,
    ):
        PracticeFactory(title=f"Not public {status}", status=status)
    response = client.get(LIST)
    assert titles(response) == ["Newest one", "Middle one", "Older one"]
    assert "Not public" not in response.content.decode()
    assert "3 practices" in page_text(response)


def test_pagination_keeps_the_filters(client, settings) -> None:
    settings.PRACTICES_PER_PAGE = 2
    now = timezone.now()
    for n in range(5):
        PracticeFactory(title=f"On objective five {n}", objectives=[5], published_at=now - timedelta(hours=n))
    PracticeFactory(title="On another objective", objectives=[7])
    first = client.get(LIST, {"objective": "5"})
    html = first.content.decode()
    assert titles(first) == ["On objective five 0", "On objective five 1"]
    assert 'href="?objective=5&amp;page=2"' in html
    assert 'rel="next"' in html
    third = client.get(LIST, {"objective": "5", "page": "3"})
    assert titles(third) == ["On objective five 4"]
    assert "page 3 of 3" in page_text(third)
    assert 'href="?objective=5&amp;page=2" rel="prev"' in third.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "2.5", "", "\u0661"])
def test_a_bad_page_number_shows_a_page_anyway(client, page) -> None:
    PracticeFactory()
    assert client.get(LIST, {"page": page}).status_code == 200


def test_objective_matches_primary_or_secondary(client, editor) -> None:
    primary = PracticeFactory(title="Primary on 9", objectives=[9])
    secondary = PracticeFactory(title="Secondary on 9", objectives=[1])
    secondary.secondary_objectives.set([9])
    both = PracticeFactory(title="Both on 9", objectives=[9])
    both.secondary_objectives.set([9])
    PracticeFactory(title="Not on 9", objectives=[2])
    response = client.get(LIST, {"objective": "9"})
    assert sorted(titles(response)) == sorted([primary.title, secondary.title, both.title])
    assert "<h1>Practices on objective 9 - Counter smuggling</h1>" in response.content.decode()
    assert 'href="/practices/">Clear filters' in response.content.decode()


def test_principle_sdg_type_scope_organization_and_language_filters(client) -> None:
    target = PracticeFactory(title="Target practice")
    other = PracticeFactory(title="Other practice")
    principle = GuidingPrinciple.objects.get(key="gender-responsive")
    target.guiding_principles.add(principle)
    target.sdgs.add(SDG.objects.get(number=5))
    target.practice_type = PracticeType.objects.get(key="tool-guidance")
    target.scope_level = ScopeLevel.objects.get(key="global")
    target.original_language = "fr"
    target.save()
    org = OrganizationFactory(name="Shared Org")
    PracticeOrganization.objects.create(practice=target, organization=org, role="partner")
    other.guiding_principles.add(GuidingPrinciple.objects.get(key="people-centred"))

    for params, heading in (
        (
            {"principle": "gender-responsive"},
            f"Practices exemplifying the guiding principle {principle.name}",
        ),
        ({"sdg": "5"}, "Practices contributing to SDG 5 - Gender equality"),
        ({"type": "tool-guidance"}, "Practices of type Tool/Guidance"),
        ({"scope": "global"}, "Practices with geographic scope Global"),
        ({"organization": str(org.pk)}, "Practices involving Shared Org"),
        ({"language": "fr"}, "Practices written in French"),
    ):
        response = client.get(LIST, params)
        assert titles(response) == ["Target practice"], params
        assert f"<h1>{heading}</h1>" in response.content.decode()


def test_region_matches_the_region_its_subregions_and_its_countries(client) -> None:
    asia = Region.objects.get(key="asia")
    western_asia = Region.objects.get(key="western-asia")
    by_country = PracticeFactory(title="In Azerbaijan", country_codes=["AZE"])
    by_subregion = PracticeFactory(title="In Western Asia")
    by_subregion.regions.add(western_asia)
    by_region = PracticeFactory(title="Across Asia")
    by_region.regions.add(asia)
    PracticeFactory(title="In Peru", country_codes=["PER"])

    assert sorted(titles(client.get(LIST, {"region": "asia"}))) == [
        "Across Asia",
        "In Azerbaijan",
        "In Western Asia",
    ]
    assert sorted(titles(client.get(LIST, {"region": "western-asia"}))) == [
        "In Azerbaijan",
        "In Western Asia",
    ]
    assert titles(client.get(LIST, {"country": "aze"})) == ["In Azerbaijan"]
    assert titles(client.get(LIST, {"region": "south-america"})) == ["In Peru"]
    assert by_country.pk and by_region.pk


def test_values_of_one_filter_are_alternatives_and_filters_combine(client) -> None:
    PracticeFactory(title="Obj 3 in AZE", objectives=[3], country_codes=["AZE"])
    PracticeFactory(title="Obj 4 in AZE", objectives=[4], country_codes=["AZE"])
    PracticeFactory(title="Obj 3 in PER", objectives=[3], country_codes=["PER"])
    PracticeFactory(title="Obj 5 in AZE", objectives=[5], country_codes=["AZE"])
    assert sorted(titles(client.get(f"{LIST}?objective=3&objective=4"))) == [
        "Obj 3 in AZE",
        "Obj 3 in PER",
        "Obj 4 in AZE",
    ]
    both = client.get(f"{LIST}?objective=3&country=AZE")
    assert titles(both) == ["Obj 3 in AZE"]
    html = both.content.decode()
    assert "Practices matching 2 filters" in html
    assert 'href="?country=AZE">Remove' in html
    assert 'href="?objective=3">Remove' in html


def test_unknown_filter_values_are_ignored_not_errors(client) -> None:
    PracticeFactory(title="Any practice")
    for params in (
        {"objective": "99"},
        {"objective": "abc"},
        {"country": "XXX"},
        {"country": "\x00AZ"},
        {"region": "atlantis"},
        {"organization": "999999"},
        {"language": "klingon"},
        {"sdg": "-1"},
        {"type": "../../etc"},
    ):
        response = client.get(LIST, params)
        assert response.status_code == 200, params
        assert titles(response) == ["Any practice"]
        assert "<h1>Practices</h1>" in response.content.decode()


def test_no_match_says_so(client) -> None:
    PracticeFactory(objectives=[1])
    text = page_text(client.get(LIST, {"objective": "2"}))
    assert "0 practices" in text
    assert "No published practice matches yet." in text


def test_the_list_does_not_make_a_query_per_practice(client, django_assert_max_num_queries) -> None:
    for n in range(25):
        practice = PracticeFactory(objectives=[1 + n % 23, 23], country_codes=["AZE", "GEO"])
        practice.secondary_objectives.set([2])
        practice.regions.set(Region.objects.filter(key="western-asia"))
    # The first request after a change builds the facet index: a fixed number of queries, one per
    # facet, whatever the number of practices. Then a page costs the same few queries.
    client.get(LIST)
    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"country": "AZE", "objective": "23"})
    assert len(titles(response)) == 20


def test_list_has_a_title_and_meta_description(client) -> None:
    PracticeFactory()
    html = client.get(reverse("discovery:practice_list")).content.decode()
    assert "<title>Practices | " in html
    assert re.search(r'<meta name="description" content="1 published practice [^"]+">', html)


def test_organization_filter_uses_the_id(client) -> None:
    practice = PracticeFactory(title="With org")
    org = Organization.objects.get(practice_links__practice=practice)
    assert titles(client.get(LIST, {"organization": str(org.pk)})) == ["With org"]


def test_removing_one_filter_keeps_the_others_and_other_parameters(client) -> None:
    PracticeFactory(objectives=[3], country_codes=["AZE"])
    html = client.get(f"{LIST}?objective=003&objective=bogus&country=aze&q=water&page=2").content.decode()
    assert 'href="?q=water&amp;country=AZE">Remove' in html
    assert 'href="?q=water&amp;objective=3">Remove' in html
