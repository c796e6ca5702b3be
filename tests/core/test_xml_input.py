"""Text with characters XML 1.0 forbids is cleaned where people type or paste it (the submission form,
the admin, the page importer) and never reaches a practice; a file name carrying them is harmless."""

from pathlib import Path
from typing import Any

import pytest
from django.http import QueryDict
from django.urls import reverse

from practicehub.catalogue.models import Organization, Practice, PracticeDocument, PracticeType
from practicehub.core.forms import xml_clean_data
from practicehub.core.xmltext import has_forbidden
from practicehub.submissions.forms import OrganizationForm, PracticeForm
from practicehub.transfer.pages import parse_practice_page
from tests import hostile_files as hostile
from tests.submissions.conftest import make_user
from tests.submissions.files import PDF
from tests.submissions.helpers import PASSWORD, complete_data, edit_url, save_draft

pytestmark = pytest.mark.django_db

# What a browser can send (a lone surrogate cannot be encoded in UTF-8: Django reads such bytes as
# U+FFFD), and what a Python caller can pass.
PASTED = "\x00\x0b\x0c\x1f\ufffe\uffff"
EVERYTHING = PASTED + "\ud800\udfff"


@pytest.fixture
def contributor_client(client: Any) -> Any:
    user = make_user(username="pia", full_name="Pia Paste")
    client.login(username=user.username, password=PASSWORD)
    return client


def test_form_data_is_cleaned_one_character_for_one() -> None:
    query = QueryDict(mutable=True)
    query.setlist("title", [f"Migrant{EVERYTHING}centres"])
    cleaned = xml_clean_data(query)
    assert cleaned["title"] == "Migrant" + " " * len(EVERYTHING) + "centres"
    assert xml_clean_data({"a": ["x\ufffe"], "b": "y\x01"}) == {"a": ["x "], "b": "y "}
    clean = QueryDict("title=Fine")
    assert xml_clean_data(clean) is clean


def test_the_submission_forms_clean_before_they_validate() -> None:
    form = PracticeForm(data={"title": f"  Migrant{EVERYTHING}centres\x0b", "summary": "One\x0btwo"})
    form.is_valid()
    assert form.cleaned_data["title"] == "Migrant" + " " * len(EVERYTHING) + "centres"
    assert form.cleaned_data["summary"] == "One two"
    organization = OrganizationForm(data={"name": "Centro\x00de Apoyo", "role": "main"})
    organization.is_valid()
    assert organization.cleaned_data["name"] == "Centro de Apoyo"


def test_a_draft_saved_with_pasted_characters_holds_none_of_them(contributor_client: Any) -> None:
    practice = save_draft(
        contributor_client,
        title=f"Community{PASTED}sponsorship",
        summary=f"Groups{PASTED}of residents.",
        **{"organizations-0-name": f"Ministry{PASTED}of Immigration", "links-0-title": f"Site{PASTED}"},
    )
    assert practice.title == "Community" + " " * len(PASTED) + "sponsorship"
    for text in (practice.summary, practice.organizations.first().name, practice.links.first().title):
        assert not has_forbidden(text)


def test_a_draft_saved_with_errors_takes_a_clean_title_from_the_input(contributor_client: Any) -> None:
    data = complete_data(action="save", title=f"Community{PASTED}sponsorship", focal_point_email="not mail")
    response = contributor_client.post(reverse("submissions:new"), data)
    assert response.status_code == 400  # the form again, with its errors; the draft is kept
    assert Practice.objects.get().title == "Community" + " " * len(PASTED) + "sponsorship"


def test_the_admin_cleans_catalogue_text(client: Any, editor: Any) -> None:
    client.force_login(editor)
    response = client.post(
        reverse("admin:catalogue_organization_add"), {"name": f"Centro{PASTED}de Apoyo", "acronym": "C\x01A"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organization = Organization.objects.get(acronym="C A")
    assert organization.name == "Centro" + " " * len(PASTED) + "de Apoyo"
    kind = PracticeType.objects.order_by("position").first()
    assert kind is not None
    change = reverse("admin:catalogue_practicetype_change", args=[kind.pk])
    data = {"key": kind.key, "name": "Joint\ufffeprogramme", "position": kind.position, "is_active": "on"}
    assert client.post(change, data).status_code == 302
    assert PracticeType.objects.get(pk=kind.pk).name == "Joint programme"


def test_the_page_importer_cleans_the_page_text(seed_page: Path) -> None:
    text = seed_page.read_text(encoding="utf-8")
    lines = text.splitlines()
    title_line = next(i for i, line in enumerate(lines) if line.strip())
    lines[title_line] = lines[title_line].replace(" ", "\ufffe", 1)
    page = parse_practice_page("\n".join(lines).replace(". ", ".\uffff\x0b ", 3))
    assert page.title and not has_forbidden(page.title)
    for name in ("summary", "benefit_and_impact", "key_lessons", "recommendations", "innovation"):
        assert not has_forbidden(getattr(page, name, "") or "")


def _post_raw(client: Any, url: str, fields: dict[str, Any], files: dict[str, tuple[bytes, bytes]]) -> Any:
    body, content_type = hostile.multipart(
        {key: value for key, value in fields.items() if value is not None}, files
    )
    return client.generic("POST", url, body, content_type=content_type)


def test_a_document_whose_file_name_holds_nul_or_u_fffe_is_stored_cleanly(contributor_client: Any) -> None:
    """(Django keeps only the printable characters of a file name.)"""
    practice = save_draft(contributor_client)
    name = b"annual\x00report \xef\xbf\xbe2022.pdf"  # NUL and U+FFFE
    response = _post_raw(
        contributor_client, edit_url(practice), complete_data(action="upload"), {"document_file": (name, PDF)}
    )
    assert response.status_code == 302
    document = PracticeDocument.objects.get(practice=practice)
    assert document.title == "annualreport 2022"
    assert document.file.name.endswith("annualreport-2022.pdf")


def test_an_upload_whose_file_name_holds_a_surrogate_is_a_clear_4xx(
    contributor_client: Any, editor: Any
) -> None:
    """A name with the UTF-8 form of a lone surrogate is not read as a file at all: the form asks for one."""
    name = b"practice\xed\xa0\x80.docx"
    word = reverse("submissions:word_upload")
    response = _post_raw(contributor_client, word, {}, {"template_file": (name, PDF)})
    assert response.status_code == 400
    assert "Choose the filled Word template (.docx) to upload." in response.content.decode()
    contributor_client.force_login(editor)
    fields = {"action": "check", "status": "published"}
    response = _post_raw(contributor_client, "/exports/import/", fields, {"file": (name, b"title\nSkills\n")})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Practice.objects.exists()
