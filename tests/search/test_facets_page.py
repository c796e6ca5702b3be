"""The practice list with its facet sidebar, as a visitor sees it (no JavaScript needed)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from practicehub.catalogue.models import Organization, PracticeOrganization, PracticeStatus
from practicehub.search import counts as counts_module
from tests.factories import OrganizationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

LIST = "/practices/"


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'class="teaser__title"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode())


def text(response) -> str:  # type: ignore[no-untyped-def]
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+\)", ")", " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()))


def option(response, param: str, key: str) -> str:  # type: ignore[no-untyped-def]
    """The text of one checkbox row of the sidebar: its label and count."""
    html = response.content.decode()
    match = re.search(
        rf'<input type="checkbox" id="[^"]+" name="{param}" value="{re.escape(key)}"( checked)?>\s*'
        r'<label for="[^"]+">(.*?)</label>',
        html,
        flags=re.S,
    )
    assert match, f"no {param}={key} in the sidebar"
    label = " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split())
    return ("[x] " if match.group(1) else "[ ] ") + re.sub(r"\s+\)", ")", label)


@pytest.fixture
def catalogue():  # type: ignore[no-untyped-def]
    now = timezone.now()
    return {
        "aze": PracticeFactory(
            title="Diaspora bonds in Azerbaijan", objectives=[19], country_codes=["AZE"], published_at=now
        ),
        "kaz": PracticeFactory(
            title="Remittance hubs in Kazakhstan",
            objectives=[20],
            country_codes=["KAZ"],
            published_at=now - timedelta(days=1),
            start_year=2016,
            is_ongoing=False,
            end_year=2018,
        ),
        "ken": PracticeFactory(
            title="Skills passports in Kenya",
            objectives=[18, 19],
            country_codes=["KEN"],
            published_at=now - timedelta(days=2),
            start_year=2022,
        ),
        "draft": PracticeFactory(
            title="Draft in Azerbaijan", objectives=[19], country_codes=["AZE"], status=PracticeStatus.DRAFT
        ),
    }


def test_the_sidebar_shows_every_facet_with_labels_and_counts(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST)
    page = text(response)
    for legend in (
        "Primary GCM objective",
        "Any GCM objective (primary or secondary)",
        "GCM guiding principle",
        "Sustainable Development Goal",
        "Type of practice",
        "Geographic scope",
        "Region",
        "Sub-region",
        "Country",
        "Organization type",
        "Main implementing organization",
        "Start year",
        "Ongoing or completed",
        "Language of the original text",
    ):
        assert f"<summary>{legend}" in response.content.decode(), legend
    assert option(response, "objective", "19") == "[ ] 19 - Migrant and diaspora contributions (2)"
    assert option(response, "country", "AZE") == "[ ] Azerbaijan (1)"  # the draft is not counted
    assert option(response, "region", "asia") == "[ ] Asia (2)"
    assert option(response, "ongoing", "no") == "[ ] Completed (1)"
    assert "3 practices" in page
    assert "Draft in Azerbaijan" not in page


def test_ticking_a_second_value_adds_practices_and_counts_show_what_it_would_add(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    one = client.get(LIST, {"objective": "20"})
    assert titles(one) == ["Remittance hubs in Kazakhstan"]
    # Its own facet ignores its selection: objective 19 would add two practices.
    assert option(one, "objective", "19") == "[ ] 19 - Migrant and diaspora contributions (2)"
    assert option(one, "objective", "20") == "[x] 20 - Remittances (1)"
    # Other facets count within the selection.
    assert option(one, "country", "KAZ") == "[ ] Kazakhstan (1)"
    assert 'value="AZE"' not in one.content.decode()  # a long facet leaves out values without practices

    two = client.get(f"{LIST}?objective=20&objective=19")
    assert titles(two) == [
        "Diaspora bonds in Azerbaijan",
        "Remittance hubs in Kazakhstan",
        "Skills passports in Kenya",
    ]
    combined = client.get(f"{LIST}?objective=19&country=KEN")
    assert titles(combined) == ["Skills passports in Kenya"]
    assert option(combined, "country", "AZE") == "[ ] Azerbaijan (1)"


def test_selected_filters_are_listed_with_remove_links_and_clear_all(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{LIST}?country=ken&objective=19&start_from=2020&sort=title")
    html = response.content.decode()
    assert titles(response) == ["Skills passports in Kenya"]
    assert "Practices matching 3 filters" in html
    page = text(response)
    assert "Any GCM objective (primary or secondary): 19 - Migrant and diaspora contributions Remove" in page
    assert "Country: Kenya Remove" in page
    assert "Start year: 2020 or later Remove" in page
    assert 'href="?country=KEN&amp;start_from=2020&amp;sort=title">Remove' in html
    assert 'href="?objective=19&amp;country=KEN&amp;sort=title">Remove' in html
    assert 'href="/practices/?sort=title">Clear filters and show all practices' in html
    canonical = "/practices/?objective=19&amp;country=KEN&amp;start_from=2020&amp;sort=title"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_the_year_range_lists_years_with_counts_and_filters(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST, {"start_to": "2020"})
    assert sorted(titles(response)) == ["Diaspora bonds in Azerbaijan", "Remittance hubs in Kazakhstan"]
    html = response.content.decode()
    assert '<option value="2022">2022 (1)</option>' in html  # counts ignore the range itself
    assert '<option value="2020" selected>2020 (1)</option>' in html
    assert "Practices started 2020 or earlier" in html


def test_sorting(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    assert titles(client.get(LIST, {"sort": "oldest"}))[0] == "Skills passports in Kenya"
    assert titles(client.get(LIST, {"sort": "title"})) == sorted(titles(client.get(LIST)))
    assert titles(client.get(LIST, {"sort": "start_year"}))[0] == "Skills passports in Kenya"
    html = client.get(LIST).content.decode()
    assert '<option value="" selected>Newest published</option>' in html
    assert 'value="relevance"' not in html  # only offered with words to search for


def test_pagination_keeps_filters_and_sort_in_canonical_form(client, catalogue, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRACTICES_PER_PAGE = 1
    response = client.get(LIST, {"region": "asia", "sort": "title"})
    assert titles(response) == ["Diaspora bonds in Azerbaijan"]
    assert 'href="?region=asia&amp;sort=title&amp;page=2" rel="next"' in response.content.decode()
    second = client.get(LIST, {"region": "asia", "sort": "title", "page": "2"})
    assert titles(second) == ["Remittance hubs in Kazakhstan"]


def test_the_script_gets_just_the_part_it_replaces(client, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST, {"objective": "19"}, headers={"X-Requested-With": "fetch"})
    html = response.content.decode()
    assert "<html" not in html and 'id="facet-form"' in html
    assert "X-Requested-With" in response["Vary"]
    assert 'data-status="2 practices found"' in html
    full = client.get(LIST, {"objective": "19"}).content.decode()
    assert 'src="/static/js/facets.js"' in full
    assert 'role="status" aria-live="polite"' in full


def test_an_empty_result_offers_to_drop_the_words_or_a_filter(
    client, catalogue, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST, {"q": "zzzunmatchedzzz", "country": "KEN"})
    page = text(response)
    assert "0 practices" in page
    assert "No published practice matches yet." in page
    html = response.content.decode()
    assert 'href="/practices/?country=KEN">Search without the words' in html
    assert 'href="?q=zzzunmatchedzzz">Remove the filter Country: Kenya' in html


def test_words_and_facets_together_with_highlighted_snippets(
    client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        PracticeFactory(
            title="Diaspora investment fund",
            summary="Diaspora investors back small firms.",
            country_codes=["AZE"],
        )
        PracticeFactory(
            title="Diaspora mentoring", summary="Mentors from the diaspora.", country_codes=["KEN"]
        )
        PracticeFactory(title="Labour inspection", summary="Inspectors visit farms.", country_codes=["AZE"])
    response = client.get(LIST, {"q": "diaspora", "country": "AZE"})
    assert titles(response) == ["Diaspora investment fund"]
    assert option(response, "country", "KEN") == "[ ] Kenya (1)"
    html = response.content.decode()
    assert "<mark>" in html
    assert '<option value="" selected>Relevance</option>' in html
    assert "Practices matching “diaspora” and 1 filters" in unescape(html)


def test_a_long_facet_links_to_all_its_values_which_can_be_found_by_name(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(counts_module, "LONG_FACET_SHOWN", 1)
    PracticeFactory(main_implementer=OrganizationFactory(name="Red Crescent Society"), country_codes=["AZE"])
    PracticeFactory(main_implementer=OrganizationFactory(name="Université de Genève"), country_codes=["KEN"])
    PracticeFactory(
        main_implementer=OrganizationFactory(name="Migrant Rights Network"), country_codes=["KEN"]
    )
    response = client.get(LIST, {"country": "KEN"})
    html = response.content.decode()
    assert (
        'href="/practices/values/implementer/?country=KEN">All 2 values of “Main implementing organization”'
        in html
    )

    values = client.get("/practices/values/implementer/", {"country": "KEN"})
    page = text(values)
    assert "Université de Genève (1)" in page and "Migrant Rights Network (1)" in page
    assert "Red Crescent" not in page  # no practice in Kenya
    assert '<input type="hidden" name="country" value="KEN">' in values.content.decode()

    found = client.get("/practices/values/implementer/", {"country": "KEN", "term": "GENEVE"})
    assert "Université de Genève" in text(found) and "Migrant Rights" not in text(found)
    fragment = client.get(
        "/practices/values/implementer/", {"term": "red"}, headers={"X-Requested-With": "fetch"}
    ).content.decode()
    assert fragment.startswith('<ul class="facet__options"') and "Red Crescent Society" in fragment


def test_a_selected_value_hidden_by_the_name_filter_is_kept(client) -> None:  # type: ignore[no-untyped-def]
    org = OrganizationFactory(name="Alpha Org")
    PracticeFactory(main_implementer=org)
    PracticeFactory(main_implementer=OrganizationFactory(name="Beta Org"))
    html = client.get(
        "/practices/values/implementer/", {"implementer": str(org.pk), "term": "beta"}
    ).content.decode()
    assert f'<input type="hidden" name="implementer" value="{org.pk}">' in html


@pytest.mark.parametrize("url", ["/practices/values/nothing/", "/practices/values/start/"])
def test_unknown_value_pages_are_not_found(client, url) -> None:  # type: ignore[no-untyped-def]
    assert client.get(url).status_code == 404


def test_organizations_linked_from_a_practice_page_filter_in_any_role(client) -> None:  # type: ignore[no-untyped-def]
    partner = Organization.objects.create(name="Partner Foundation")
    practice = PracticeFactory(title="With a partner")
    PracticeOrganization.objects.create(practice=practice, organization=partner, role="partner")
    PracticeFactory(title="Without")
    assert titles(client.get(LIST, {"organization": str(partner.pk)})) == ["With a partner"]
    # As a partner it is no main implementer: that filter value is unknown, so ignored.
    assert sorted(titles(client.get(LIST, {"implementer": str(partner.pk)}))) == ["With a partner", "Without"]


def test_a_warm_list_page_costs_a_few_queries(client, catalogue, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client.get(LIST)
    with django_assert_max_num_queries(6):
        client.get(LIST, {"objective": "19", "region": "asia", "ongoing": "yes", "sort": "title"})


def test_the_filter_form_is_answered_with_the_short_address(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        LIST,
        {"filters": "1", "q": "", "country": ["aze", "KEN"], "start_from": "", "sort": "", "page": "3"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/practices/?country=AZE&country=KEN"
    assert client.get(LIST, {"filters": "1"})["Location"] == "/practices/"
    assert client.get(LIST, {"filters": "1"}, headers={"X-Requested-With": "fetch"}).status_code == 200
