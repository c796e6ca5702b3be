"""The "call" facet: practices by the call for practices they answered.

Values are the published calls that published practices answered, labelled with the call's title;
the parameter is ?call=<slug>. Counts are checked against a brute-force count in Python, where a
practice that is not published, or answers an unpublished call, is never counted.
"""

import json
import random
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import CallForPractices, Practice, PracticeStatus
from practicehub.search.counts import facet_search
from practicehub.search.facets import FACETS_BY_NAME, FACETS_BY_PARAM
from practicehub.search.params import Selection
from practicehub.search.params import parse as parse_selection
from tests.factories import PracticeFactory

from .facet_testdata import build_catalogue
from .test_facets_counts import BruteForce, selections

pytestmark = pytest.mark.django_db

LIST = "/practices/"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits (API, downloads) and the facet index start empty."""
    cache.clear()


def make_call(title: str, *, published: bool = True, slug: str = "") -> CallForPractices:
    return CallForPractices.objects.create(
        title=title,
        slug=slug or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        opens_on=date(2024, 1, 1),
        closes_on=date(2024, 6, 30),
        is_published=published,
    )


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'class="teaser__title"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode())


def sidebar_calls(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The call facet's checkboxes: slug -> "label (count)", with [x] when ticked."""
    found = re.findall(
        r'<input type="checkbox" id="[^"]+" name="call" value="([^"]+)"( checked)?>\s*'
        r'<label for="[^"]+">(.*?)</label>',
        response.content.decode(),
        flags=re.S,
    )
    return {
        unescape(key): ("[x] " if checked else "")
        + re.sub(r"\s+\)", ")", " ".join(unescape(re.sub(r"<[^>]+>", " ", label)).split()))
        for key, checked, label in found
    }


# --- counts against brute force ---------------------------------------------------------------


def catalogue_with_calls(seed: int) -> tuple[BruteForce, CallForPractices]:
    """A random catalogue whose practices answer three published calls or an unpublished one."""
    catalogue = build_catalogue(seed=seed)
    calls = [
        make_call("Decent work for migrant workers"),
        make_call("Data on migration", slug="Data_2024"),  # a stored slug may have capitals and "_"
        make_call("Climate and mobility"),
    ]
    hidden = make_call("Unpublished call", published=False)
    rng = random.Random(seed)
    for practice in catalogue.practices:
        practice.call = rng.choice([None, None, *calls, hidden])
        practice.save()
    brute = BruteForce(catalogue)
    # A visitor may type the unpublished call's address: it is never a value.
    brute.candidates["call"] = sorted({*brute.candidates["call"], hidden.slug})
    return brute, hidden


@pytest.fixture(params=[11, 12])
def call_brute(request: pytest.FixtureRequest) -> tuple[BruteForce, CallForPractices]:
    return catalogue_with_calls(request.param)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_call_counts_and_results_match_brute_force(
    call_brute: tuple[BruteForce, CallForPractices], data: st.DataObject
) -> None:
    brute, hidden = call_brute
    requested = data.draw(selections(brute))
    if data.draw(st.booleans()):  # the call facet picked more often than the others
        picked = data.draw(st.lists(st.sampled_from(brute.candidates["call"]), min_size=1, max_size=2))
        requested = requested.with_filters({**requested.filters, "call": picked})
    result = facet_search(requested, text_search=brute.search)
    selection = brute.effective(requested)
    assert result.selection.filters == selection.filters
    assert hidden.slug not in result.selection.values("call")

    expected_ids = brute.matching(selection)
    assert sorted(result.ids) == sorted(expected_ids)
    calls = result.facets_by_name["call"]
    expected = brute.counts(selection, "call")
    assert {k: n for k, n in calls.counts.items() if n} == expected
    assert {v.key: v.count for v in calls.values} == {key: expected.get(key, 0) for key in calls.labels}
    # Every other facet still counts within the call selection.
    for counts in result.facets:
        assert {k: n for k, n in counts.counts.items() if n} == brute.counts(selection, counts.name)


def test_practices_not_published_or_in_an_unpublished_call_are_never_counted() -> None:
    call = make_call("Labour mobility")
    hidden = make_call("Draft call", published=False)
    PracticeFactory.create_batch(2, call=call)
    for status in (PracticeStatus.DRAFT, PracticeStatus.IN_REVIEW, PracticeStatus.ARCHIVED):
        PracticeFactory(call=call, status=status)
    PracticeFactory(call=hidden)
    PracticeFactory()  # answers no call

    result = facet_search(Selection())
    calls = result.facets_by_name["call"]
    assert [(v.key, str(v.label), v.count) for v in calls.values] == [
        ("labour-mobility", "Labour mobility", 2)
    ]
    assert result.total == 4

    chosen = facet_search(parse_selection({"call": ["labour-mobility"]}))
    assert chosen.total == 2
    assert set(chosen.ids) == set(Practice.objects.published().filter(call=call).values_list("pk", flat=True))


# --- the list page ------------------------------------------------------------------------------


@pytest.fixture
def answered(db: None) -> dict[str, object]:
    work = make_call("Decent work for migrant workers")
    data = make_call("Data on migration")
    make_call("A call nobody answered")
    return {
        "work": work,
        "data": data,
        "kenya": PracticeFactory(title="Skills in Kenya", call=work, objectives=[18], country_codes=["KEN"]),
        "peru": PracticeFactory(title="Jobs in Peru", call=work, objectives=[6], country_codes=["PER"]),
        "census": PracticeFactory(
            title="Census of migrants", call=data, objectives=[1], country_codes=["KEN"]
        ),
        "draft": PracticeFactory(title="Draft for work", call=work, status=PracticeStatus.DRAFT),
        "none": PracticeFactory(title="Answers no call", objectives=[18]),
    }


def test_the_sidebar_lists_answered_calls_by_title_with_counts(client, answered) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST)
    html = response.content.decode()
    assert "<summary>Call for practices" in html
    assert sidebar_calls(response) == {
        "decent-work-for-migrant-workers": "Decent work for migrant workers (2)",
        "data-on-migration": "Data on migration (1)",
    }
    assert "A call nobody answered" not in html


def test_a_call_filters_the_list_with_its_title_in_the_heading(client, answered) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LIST, {"call": "decent-work-for-migrant-workers"})
    assert sorted(titles(response)) == ["Jobs in Peru", "Skills in Kenya"]
    html = unescape(response.content.decode())
    assert "<h1>Practices answering the call “Decent work for migrant workers”</h1>" in html
    assert re.search(r"Call for practices: <strong>Decent work for migrant workers</strong>", html)
    calls = sidebar_calls(response)
    assert calls["decent-work-for-migrant-workers"] == "[x] Decent work for migrant workers (2)"
    # Its own facet ignores its selection: the other call would add one practice.
    assert calls["data-on-migration"] == "Data on migration (1)"


def test_the_call_facet_combines_with_other_facets(client, answered) -> None:  # type: ignore[no-untyped-def]
    both = client.get(LIST, {"call": "decent-work-for-migrant-workers", "country": "KEN"})
    assert titles(both) == ["Skills in Kenya"]
    assert sidebar_calls(both) == {
        "decent-work-for-migrant-workers": "[x] Decent work for migrant workers (1)",
        "data-on-migration": "Data on migration (1)",
    }
    either = client.get(f"{LIST}?call=decent-work-for-migrant-workers&call=data-on-migration&objective=18")
    assert titles(either) == ["Skills in Kenya"]
    by_objective = client.get(LIST, {"objective": "18"})
    assert sorted(titles(by_objective)) == ["Answers no call", "Skills in Kenya"]
    assert sidebar_calls(by_objective)["data-on-migration"] == "Data on migration (0)"


@pytest.mark.parametrize(
    "value",
    ["no-such-call", "a-call-nobody-answered", "DECENT-WORK-FOR-MIGRANT-WORKERS", "<b>", "x" * 300, ""],
)
def test_an_unknown_or_malformed_call_is_ignored(client, answered, value) -> None:  # type: ignore[no-untyped-def]
    everything = sorted(titles(client.get(LIST)))
    response = client.get(LIST, {"call": value})
    assert response.status_code == 200
    assert sorted(titles(response)) == everything
    assert "Practices answering the call" not in unescape(response.content.decode())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.text(max_size=30), max_size=5))
def test_any_call_parameter_gives_a_page(client, answered, values) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    response = client.get(LIST, {"call": values})
    assert response.status_code == 200
    chosen = parse_selection({"call": values}).values("call")
    assert all(FACETS_BY_NAME["call"].normalize(key) == key for key in chosen)


def test_the_call_facet_is_left_out_while_no_call_has_published_practices(client) -> None:  # type: ignore[no-untyped-def]
    make_call("Fresh call")
    PracticeFactory(title="Answers no call")
    response = client.get(LIST)
    assert titles(response) == ["Answers no call"]
    assert 'id="facet-call"' not in response.content.decode()
    assert FACETS_BY_PARAM["call"].name == "call"


# --- the facet index follows changes ----------------------------------------------------------------


def test_the_index_follows_a_practice_changing_its_call(client, answered) -> None:  # type: ignore[no-untyped-def]
    practice = answered["peru"]
    assert isinstance(practice, Practice)
    practice.call = answered["data"]  # type: ignore[assignment]
    practice.save()
    calls = sidebar_calls(client.get(LIST))
    assert calls["decent-work-for-migrant-workers"] == "Decent work for migrant workers (1)"
    assert calls["data-on-migration"] == "Data on migration (2)"

    practice.call = None
    practice.save()
    assert sidebar_calls(client.get(LIST))["data-on-migration"] == "Data on migration (1)"


def test_the_index_follows_a_call_renamed_or_unpublished(
    client, answered, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    call = answered["work"]
    assert isinstance(call, CallForPractices)
    with django_capture_on_commit_callbacks(execute=True):
        call.title = "Fair recruitment"
        call.save()
    assert sidebar_calls(client.get(LIST))["decent-work-for-migrant-workers"] == "Fair recruitment (2)"
    with django_capture_on_commit_callbacks(execute=True):
        call.is_published = False
        call.save()
    response = client.get(LIST, {"call": "decent-work-for-migrant-workers"})
    assert "decent-work-for-migrant-workers" not in sidebar_calls(response)
    assert len(titles(response)) == 4  # the unknown value is ignored: every published practice


# --- the call's page, the API and the downloads -------------------------------------------------------


def test_the_call_page_links_to_its_practices_in_the_list(client, answered) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/review/calls/decent-work-for-migrant-workers/").content.decode()
    link = re.search(r'<a href="([^"]+)">See these practices in the list</a>', page)
    assert link and unescape(link.group(1)) == "/practices/?call=decent-work-for-migrant-workers"
    assert sorted(titles(client.get(unescape(link.group(1))))) == ["Jobs in Peru", "Skills in Kenya"]
    # A call without published practices has nothing to show in the list.
    empty = client.get("/review/calls/a-call-nobody-answered/").content.decode()
    assert "See these practices in the list" not in empty


@pytest.mark.parametrize(
    "query",
    [
        "call=decent-work-for-migrant-workers",
        "call=data-on-migration&call=decent-work-for-migrant-workers&sort=title",
        "call=decent-work-for-migrant-workers&country=KEN",
        "call=no-such-call",
        "call=data-on-migration&objective=18",
    ],
)
def test_the_api_and_the_list_agree_on_calls(client, answered, query) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"{LIST}?{query}")
    slugs = re.findall(r'class="teaser__title"[^>]*><a href="/practices/([^/"]+)/">', page.content.decode())
    data = client.get(f"/api/v1/practices?{query}").json()
    assert [p["id"] for p in data["results"]] == slugs
    assert data["count"] == len(slugs)
    api_calls = next(f for f in data["facets"] if f["param"] == "call")
    assert api_calls["label"] == "Call for practices"
    page_calls = sidebar_calls(page)
    assert {
        v["key"]: ("[x] " if v["selected"] else "") + f"{v['label']} ({v['count']})"
        for v in api_calls["values"]
    } == page_calls


def test_the_api_documents_the_call_parameter(client) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/practices"]["get"]["parameters"]
    call = next(p for p in parameters if p["name"] == "call")
    assert call["in"] == "query"
    assert "Call for practices" in call["description"]


def test_downloads_follow_the_call_filter(client, answered) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/exports/practices.json", {"call": "decent-work-for-migrant-workers"})
    assert response.status_code == 200
    records = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert sorted(r["title"] for r in records) == ["Jobs in Peru", "Skills in Kenya"]
    page = client.get(LIST, {"call": "decent-work-for-migrant-workers"}).content.decode()
    assert 'href="/exports/practices.csv?call=decent-work-for-migrant-workers"' in page


def test_calls_outside_the_sample_dates_keep_their_facet(client) -> None:  # type: ignore[no-untyped-def]
    """A closed call still groups the practices that answered it."""
    closed = CallForPractices.objects.create(
        title="Closed long ago",
        slug="closed-long-ago",
        opens_on=date.today() - timedelta(days=400),
        closes_on=date.today() - timedelta(days=300),
        is_published=True,
    )
    PracticeFactory(title="Old answer", call=closed)
    assert sidebar_calls(client.get(LIST)) == {"closed-long-ago": "Closed long ago (1)"}
