"""The practices API as a client sees it: list, one practice, pages, caching headers, errors."""

import pytest

from practicehub.catalogue.fields import PUBLIC_FIELDS
from practicehub.catalogue.models import Objective, Practice, PracticeStatus
from practicehub.opendata.records import ATTRIBUTES
from tests.factories import PracticeFactory
from tests.open_data import OpenCatalogue

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_one_practice_has_every_public_field_as_text_and_keys(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/practices/{open_catalogue.published.slug}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["id"] == open_catalogue.published.slug
    assert data["url"] == f"http://testserver/practices/{open_catalogue.published.slug}/"
    assert data["title"] == "Return desks in border towns"
    six = Objective.objects.get(number=6)
    assert data["primary_objectives"] == [{"key": "6", "label": f"6 - {six.short_label}"}]
    assert data["guiding_principles"][0]["key"] == "people-centred"
    assert data["countries"] == [{"key": "GEO", "label": "Georgia"}]
    assert data["is_ongoing"] is True and data["start_year"] == 2019 and data["end_year"] is None
    assert data["submitted_on"] == "2023-05-02"
    assert data["original_language"] == {"key": "en", "label": "English"}
    assert [(o["name"], o["role"], o["acronym"]) for o in data["organizations"]] == [
        ("Agency for Returning Workers", "main", "ARW"),
        ("Union of Border Towns", "partner", ""),
    ]
    assert data["organizations"][1]["type"]["key"] == "civil-society-ngo"
    assert data["links"] == [{"title": "Desk handbook", "url": "https://example.org/handbook"}]
    assert "**one-stop**" in data["summary"]
    # Exactly the attributes derived from the field definition, every public field represented.
    assert list(data) == [a.name for a in ATTRIBUTES]
    for field in PUBLIC_FIELDS:
        assert any(a.field == field for a in ATTRIBUTES), field.name


def test_an_unknown_or_unpublished_practice_is_a_json_404(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    for slug in ["no-such-practice", *(p.slug for p in open_catalogue.hidden), open_catalogue.archived.slug]:
        response = client.get(f"{API}/practices/{slug}")
        assert response.status_code == 404, slug
        assert "No published practice" in response.json()["detail"]


def test_odd_identifiers_and_searches_are_answered_not_crashed(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/practices/a%00b", "/practices/%C3%A9t%C3%A9", "/calls/x%00", "/vocabularies/%00"):
        response = client.get(f"{API}{path}")
        assert response.status_code == 404, path
        assert response.json()["detail"]
    assert client.get(f"{API}/organizations", {"q": "a\x00b\x01"}).status_code == 200
    assert client.get(f"{API}/practices", {"q": "\x00", "country": "\x00"}).status_code == 200


def test_detail_has_etag_and_last_modified_and_answers_conditional_requests(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    url = f"{API}/practices/{open_catalogue.published.slug}"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    # A change to the practice changes its ETag.
    practice = open_catalogue.published
    practice.summary = "Rewritten summary."
    practice.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    # So does renaming an organization it names (the record shows the name).
    etag = changed["ETag"]
    org = practice.organizations.first()
    org.name = "Agency for Returning Workers and Families"
    org.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_list_pages_have_next_and_previous_links_keeping_the_query(client) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        PracticeFactory(title=f"Practice {n}", objectives=[3])
    PracticeFactory(title="Other objective", objectives=[4])
    first = client.get(f"{API}/practices", {"objective": "3", "page_size": 2}).json()
    assert first["count"] == 5 and first["num_pages"] == 3 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/practices?objective=3&page=2&page_size=2"
    seen = [p["id"] for p in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [p["id"] for p in page["results"]]
    assert len(seen) == len(set(seen)) == 5
    assert page["previous"] == "http://testserver/api/v1/practices?objective=3&page=2&page_size=2"
    assert page["page"] == 3 and page["next"] is None
    # Past the last page: no practices, still the count.
    beyond = client.get(f"{API}/practices", {"objective": "3", "page": 9}).json()
    assert beyond["results"] == [] and beyond["count"] == 5


def test_list_reports_the_selection_and_facets(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="Kenyan desks", objectives=[3], country_codes=["KEN"])
    PracticeFactory(title="Mexican desks", objectives=[5], country_codes=["MEX"])
    data = client.get(f"{API}/practices?country=KEN,MEX&objective=3&sort=title&nonsense=1").json()
    assert data["selection"] == {
        "q": "",
        "sort": "title",
        "filters": {"objective": ["3"], "country": ["KEN", "MEX"]},
        "query": "objective=3&country=KEN&country=MEX&sort=title",
    }
    assert data["list_url"] == "http://testserver/practices/?objective=3&country=KEN&country=MEX&sort=title"
    facets = {f["name"]: f for f in data["facets"]}
    countries = {v["key"]: (v["count"], v["selected"]) for v in facets["country"]["values"]}
    # Disjunctive counts: the country facet counts within the other selections (objective 3).
    assert countries == {"KEN": (1, True), "MEX": (0, True)}
    assert facets["start_year"]["range_params"] == ["start_from", "start_to"]
    assert [p["title"] for p in data["results"]] == ["Kenyan desks"]


def test_bad_parameters_are_a_json_422_with_a_message(client) -> None:  # type: ignore[no-untyped-def]
    for query in ("page=abc", "page=0", "page_size=1000", "page_size=-3"):
        response = client.get(f"{API}/practices?{query}")
        assert response.status_code == 422, query
        body = response.json()
        assert body["detail"].startswith("Invalid parameters: "), body
        assert body["errors"][0]["loc"][-1] in {"page", "page_size"}


def test_unknown_filter_values_are_ignored_like_on_the_list_page(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="Anything")
    data = client.get(f"{API}/practices?objective=999&country=nowhere&sort=upside-down&start_from=abc").json()
    assert data["count"] == 1 and data["selection"]["filters"] == {}


def test_unknown_addresses_are_json_and_a_trailing_slash_redirects(client) -> None:  # type: ignore[no-untyped-def]
    missing = client.get(f"{API}/no/such/thing")
    assert missing.status_code == 404 and missing.json() == {"detail": "No API resource at this address."}
    redirect = client.get(f"{API}/practices/?objective=3")
    assert redirect.status_code == 301 and redirect["Location"] == f"{API}/practices?objective=3"
    index = client.get(f"{API}/").json()
    assert index["practices"] == "http://testserver/api/v1/practices"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"


def test_cors_is_open_for_get_only(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/practices", HTTP_ORIGIN="https://data.example.net")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert client.get(f"{API}/nothing")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/practices/{open_catalogue.published.slug}",
        HTTP_ORIGIN="https://data.example.net",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    head = client.head(f"{API}/practices/{open_catalogue.published.slug}")
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"
    post = client.post(f"{API}/practices", {}, HTTP_ORIGIN="https://data.example.net")
    assert post.status_code == 405 and "Access-Control-Allow-Origin" not in post
    # The rest of the site does not open itself to other origins.
    assert "Access-Control-Allow-Origin" not in client.get("/practices/")


def test_a_practice_unpublished_after_listing_is_gone_from_the_api(client) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory(title="Soon withdrawn")
    assert client.get(f"{API}/practices").json()["count"] == 1
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.ARCHIVED)
    assert client.get(f"{API}/practices").json()["results"] == []
    assert client.get(f"{API}/practices/{practice.slug}").status_code == 404
