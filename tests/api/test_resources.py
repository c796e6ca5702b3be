"""Vocabularies, organizations and calls for practices through the API."""

import pytest

from practicehub.catalogue.models import Objective
from tests.open_data import HIDDEN_ORGANIZATION, OpenCatalogue

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_every_vocabulary_is_listed_with_its_filter_parameter(client) -> None:  # type: ignore[no-untyped-def]
    listing = client.get(f"{API}/vocabularies").json()
    names = {v["name"]: v["param"] for v in listing}
    assert names == {
        "objectives": "objective",
        "guiding-principles": "principle",
        "sdgs": "sdg",
        "practice-types": "type",
        "scope-levels": "scope",
        "regions": "region",
        "countries": "country",
        "organization-types": "org_type",
        "languages": "language",
    }
    for vocabulary in listing:
        assert client.get(vocabulary["url"]).status_code == 200, vocabulary["name"]


def test_a_vocabulary_has_every_value_with_text_and_published_counts(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    objectives = client.get(f"{API}/vocabularies/objectives").json()
    assert len(objectives["values"]) == Objective.objects.count() == 23
    by_key = {v["key"]: v for v in objectives["values"]}
    assert by_key["6"]["description"] == Objective.objects.get(number=6).title
    # 6 and 21 are the first published practice's objectives, 15 the other's; hidden ones never count.
    assert by_key["6"]["practice_count"] == 1
    assert by_key["15"]["practice_count"] == 1
    assert by_key["21"]["practice_count"] == 1
    assert by_key["1"]["practice_count"] == 0
    assert by_key["6"]["practices_url"] == "http://testserver/api/v1/practices?objective=6"
    assert client.get(by_key["6"]["practices_url"]).json()["count"] == 1

    regions = {v["key"]: v for v in client.get(f"{API}/vocabularies/regions").json()["values"]}
    assert regions["western-asia"]["parent"] == "asia"
    assert regions["asia"]["parent"] is None
    assert regions["asia"]["practice_count"] == 1
    countries = {v["key"]: v for v in client.get(f"{API}/vocabularies/countries").json()["values"]}
    assert countries["KEN"]["label"] == "Kenya" and countries["KEN"]["practice_count"] == 1


def test_an_unknown_vocabulary_is_a_json_404_naming_the_known_ones(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/vocabularies/colours")
    assert response.status_code == 404
    assert "objectives" in response.json()["detail"]


def test_organizations_are_those_of_published_practices(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    data = client.get(f"{API}/organizations").json()
    names = [o["name"] for o in data["results"]]
    assert names == ["Agency for Returning Workers", "Schools Without Borders", "Union of Border Towns"]
    assert HIDDEN_ORGANIZATION not in str(data)
    agency = data["results"][0]
    assert agency["acronym"] == "ARW" and agency["country"] == {"key": "GEO", "label": "Georgia"}
    assert agency["practice_count"] == 1  # the archived practice does not count
    assert client.get(agency["practices_url"]).json()["results"][0]["title"] == "Return desks in border towns"
    assert client.get(f"{API}/organizations/{agency['id']}").json()["name"] == agency["name"]

    found = client.get(f"{API}/organizations", {"q": "schools"}).json()
    assert [o["name"] for o in found["results"]] == ["Schools Without Borders"]
    assert client.get(f"{API}/organizations", {"q": "arw"}).json()["count"] == 1


def test_an_organization_only_in_unpublished_practices_is_not_found(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    hidden = open_catalogue.hidden[0].organizations.get()
    assert hidden.name == HIDDEN_ORGANIZATION
    response = client.get(f"{API}/organizations/{hidden.pk}")
    assert response.status_code == 404 and "detail" in response.json()
    assert client.get(f"{API}/organizations/99999999999999999999999").status_code == 404
    assert client.get(f"{API}/organizations/-4").status_code == 404


def test_calls_are_the_published_ones_with_published_practice_counts(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    data = client.get(f"{API}/calls").json()
    assert [c["id"] for c in data["results"]] == ["call-decent-work"]
    call = data["results"][0]
    # Drafts and submissions answering the call stay private.
    assert call["practice_count"] == 1
    assert call["opens_on"] == "2024-01-01" and call["closes_on"] == "2024-06-30"
    assert call["is_open"] is False
    assert call["url"] == "http://testserver" + open_catalogue.call.get_absolute_url()
    assert client.get(f"{API}/calls/call-decent-work").json()["title"] == "Call on decent work"
    assert client.get(f"{API}/calls/call-draft").status_code == 404
