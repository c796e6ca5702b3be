"""Unpublished practices and private data never leave through the API; the rate limit is clear."""

import json

import pytest
from django.test import override_settings

from tests.open_data import PRIVATE_STRINGS, OpenCatalogue

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _everything(client, open_catalogue: OpenCatalogue) -> str:  # type: ignore[no-untyped-def]
    """Every API response a harvester could collect, as one text."""
    bodies = [client.get(f"{API}/practices", {"page_size": 100}).content]
    for practice in (open_catalogue.published, open_catalogue.other_published):
        bodies.append(client.get(f"{API}/practices/{practice.slug}").content)
    bodies.append(client.get(f"{API}/organizations", {"page_size": 100}).content)
    bodies.append(client.get(f"{API}/calls").content)
    for vocabulary in client.get(f"{API}/vocabularies").json():
        bodies.append(client.get(vocabulary["url"]).content)
    return "\n".join(json.dumps(json.loads(b), ensure_ascii=False) for b in bodies)


def test_no_unpublished_practice_and_no_private_field_in_any_response(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    text = _everything(client, open_catalogue)
    assert "Return desks in border towns" in text
    for title in open_catalogue.hidden_titles:
        assert title not in text
    for practice in [*open_catalogue.hidden, open_catalogue.archived]:
        assert f'"{practice.slug}"' not in text
    for secret in PRIVATE_STRINGS:
        assert secret not in text
    for key in ("focal_point", "submitter", "reviewer", "status"):
        assert f'"{key}' not in text
    assert "Call still being drafted" not in text


def test_the_openapi_document_names_no_private_field(client) -> None:  # type: ignore[no-untyped-def]
    document = client.get(f"{API}/openapi.json").json()
    practice = document["components"]["schemas"]["Practice"]["properties"]
    assert "title" in practice and "summary" in practice
    for name in ("focal_point_name", "focal_point_email", "submitter", "status"):
        assert name not in practice


@override_settings(PRACTICEHUB_API_RATE=(3, 60))
def test_too_many_requests_get_429_with_a_message_and_retry_after(client) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        assert client.get(f"{API}/vocabularies").status_code == 200
    response = client.get(f"{API}/practices")
    assert response.status_code == 429
    assert "at most 3 requests per 60 seconds" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"
    # Another address has its own allowance.
    assert client.get(f"{API}/practices", REMOTE_ADDR="203.0.113.9").status_code == 200
    # The documentation is not counted.
    assert client.get(f"{API}/openapi.json").status_code == 200


def test_interactive_docs_are_served_without_any_external_address(client) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.staticfiles import finders

    page = client.get(f"{API}/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle.js" in html and "/api/v1/openapi.json" in html
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert finders.find(asset), asset
