"""schema.org JSON-LD on a practice's page."""

import json
import re

import pytest

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import practice_save
from tests.open_data import FOCAL_EMAIL, FOCAL_NAME, SUBMITTER_EMAIL, values

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld_of(client, practice: Practice) -> tuple[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    html = client.get(practice.get_absolute_url()).content.decode()
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    return scripts[0], json.loads(scripts[0])


def test_a_published_practice_is_described_as_a_creative_work(client, catalogue) -> None:
    practice = catalogue.published
    _, data = jsonld_of(client, practice)
    url = "http://testserver" + practice.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert data["url"] == url
    assert data["name"] == "Return desks in border towns"
    assert data["description"].startswith("Border towns open one-stop desks")
    assert data["inLanguage"] == "en"
    assert data["dateCreated"] == "2023-05-02"
    assert data["datePublished"].startswith(practice.published_at.date().isoformat())
    assert data["dateModified"].startswith(practice.updated_at.date().isoformat())
    assert data["keywords"][0].startswith("GCM objective 6:")
    assert "People-centred" in data["keywords"]
    assert {"@type": "Country", "name": "Georgia", "identifier": "GEO"} in data["spatialCoverage"]
    assert {"@type": "Place", "name": "Western Asia"} in data["spatialCoverage"]
    assert data["temporalCoverage"] == "2019/.."
    assert data["author"] == [
        {"@type": "Organization", "name": "Agency for Returning Workers", "alternateName": "ARW"}
    ]
    assert data["contributor"] == [{"@type": "Organization", "name": "Union of Border Towns"}]
    assert data["publisher"]["name"] == "Repository of Practices"


def test_private_data_is_not_in_the_jsonld(client, catalogue) -> None:
    script, _ = jsonld_of(client, catalogue.published)
    for secret in (FOCAL_NAME, FOCAL_EMAIL, SUBMITTER_EMAIL):
        assert secret not in script


def test_text_cannot_close_the_script_element(client, editor) -> None:
    title = "</script><script>alert('x')</script> & <!-- more"
    practice = practice_save(
        actor=editor,
        values=values(title, summary="Ends early </SCRIPT> here"),
        status=PracticeStatus.PUBLISHED,
    )
    script, data = jsonld_of(client, practice)
    assert "<" not in script and ">" not in script
    assert data["name"] == title
    assert data["description"] == "Ends early </SCRIPT> here"


def test_a_page_an_editor_previews_has_no_jsonld(client, editor) -> None:
    draft = practice_save(
        actor=editor, values=values("Draft practice in preview"), status=PracticeStatus.DRAFT
    )
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert not SCRIPT.findall(response.content.decode())
