"""The Word template: generated from the field definition, filled in, uploaded back into the form."""

import io
import re
import zipfile
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.fields import PRACTICE_FIELDS
from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.submissions.docx import TemplateError, template_build, template_read, template_version

from .files import docx_bytes, upload
from .helpers import edit_url, errors_beside, html_tree, new_url

pytestmark = pytest.mark.django_db
KEY = re.compile(r"\{ph:([a-z_]+)\}")


def _tables(document: Any) -> dict[str, Any]:
    found = {}
    for table in document.tables:
        match = KEY.search(table.rows[0].cells[0].text)
        if match:
            found[match.group(1)] = table
    return found


def _mark(table: Any, *keys: str) -> None:
    for row in table.rows[1:]:
        if any(f"{{v:{key}}}" in row.cells[1].text for key in keys):
            row.cells[0].text = "X"


def _fill(template: bytes) -> bytes:
    """What a person does in Word: type in the boxes, put X beside choices, fill table rows."""
    document = Document(io.BytesIO(template))
    tables = _tables(document)
    tables["title"].rows[1].cells[0].text = "Migrant resource centres in Mexico"
    _mark(tables["primary_objectives"], "3", "15")
    _mark(tables["guiding_principles"], "people-centred", "gender-responsive")
    _mark(tables["sdgs"], "10")
    for row in tables["dates"].rows[1:]:
        if "{v:start_year}" in row.cells[0].text:
            row.cells[1].text = "2020"
        if "{v:is_ongoing}" in row.cells[0].text:
            row.cells[1].text = "x"
    _mark(tables["practice_type"], "service-delivery")
    _mark(tables["scope_level"], "national")
    tables["countries"].rows[1].cells[0].text = "Mexico, GTM"
    summary = tables["summary"].rows[1].cells[0]
    summary.text = "Centres give migrants information."
    summary.add_paragraph("They offer:")
    summary.add_paragraph("legal advice", style="List Bullet")
    summary.add_paragraph("health referrals", style="List Bullet")
    tables["key_lessons"].rows[1].cells[0].text = "Work with local authorities."
    orgs = tables["organizations"]
    first, second = orgs.rows[2].cells, orgs.rows[3].cells
    first[0].text, first[1].text, first[2].text, first[4].text = (
        "Centro de Apoyo",
        "CDA",
        "Main implementing organization",
        "Mexico",
    )
    second[0].text, second[2].text = "Fondo Solidario", "partner"
    tables["implementer_details"].rows[1].cells[0].text = "The legal aid unit."
    links = tables["links"]
    links.rows[2].cells[0].text, links.rows[2].cells[1].text = "Annual report", "https://example.org/report"
    _mark(tables["original_language"], "es")
    tables["focal_point_name"].rows[1].cells[0].text = "Lucía Punto"
    tables["focal_point_email"].rows[1].cells[0].text = "lucia@example.org"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_template_follows_the_field_definition(client: Any) -> None:
    response = client.get(reverse("submissions:word_template"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="practice-template.docx"'
    document = Document(io.BytesIO(response.content))
    assert template_version(document) == 1
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for field in PRACTICE_FIELDS:
        assert str(field.label) in text, field.name
    keys = set(_tables(document))
    assert {
        f.name for f in PRACTICE_FIELDS if f.kind in ("title", "long_text", "objectives", "vocabulary")
    } <= keys
    for field in PRACTICE_FIELDS:
        if field.required_for_submission and field.name in keys:
            assert "(required for submission)" in _tables(document)[field.name].rows[0].cells[0].text
    assert "ideally implemented after December 2018" in text


def test_a_filled_template_comes_back_as_the_same_values() -> None:
    data = template_read(io.BytesIO(_fill(template_build())), size=100)
    assert data["title"] == ["Migrant resource centres in Mexico"]
    assert data["primary_objectives"] == ["3", "15"]
    assert data["guiding_principles"] == ["people-centred", "gender-responsive"]
    assert data["start_year"] == ["2020"] and data["is_ongoing"] == ["on"]
    assert data["countries"] == ["MEX", "GTM"]
    assert data["summary"] == [
        "Centres give migrants information.\n\nThey offer:\n\n- legal advice\n- health referrals"
    ]
    assert data["organizations-TOTAL_FORMS"] == ["2"]
    assert data["organizations-0-role"] == ["main"] and data["organizations-0-country"] == ["MEX"]
    assert data["organizations-1-role"] == ["partner"]
    assert data["links-0-url"] == ["https://example.org/report"]


def test_uploading_a_filled_template_prefills_the_form_for_review(signed_in: Any) -> None:
    filled = upload("my practice.docx", _fill(template_build()))
    response = signed_in.post(reverse("submissions:word_upload"), {"template_file": filled})
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert response["Location"] == edit_url(practice)
    assert practice.status == PracticeStatus.DRAFT  # nothing is submitted before the person checks it

    tree = html_tree(signed_in.get(edit_url(practice)))
    assert tree.xpath('//input[@id="id_title"]/@value') == ["Migrant resource centres in Mexico"]
    checked = tree.xpath('//input[@name="primary_objectives"][@checked]/@value')
    assert checked == ["3", "15"]
    assert tree.xpath('//input[@name="countries"][@checked]/@value') == ["GTM", "MEX"]
    assert tree.xpath('//input[@name="practice_type"][@checked]/@value') == ["service-delivery"]
    assert tree.xpath('//input[@id="id_is_ongoing"]/@checked')
    assert tree.xpath('//input[@id="id_organizations-0-name"]/@value') == ["Centro de Apoyo"]
    assert tree.xpath('//select[@id="id_organizations-1-role"]/option[@selected]/@value') == ["partner"]
    assert tree.xpath('//input[@id="id_links-0-url"]/@value') == ["https://example.org/report"]
    assert tree.xpath('//select[@id="id_original_language"]/option[@selected]/@value') == ["es"]
    assert tree.xpath('//input[@id="id_focal_point_email"]/@value') == ["lucia@example.org"]
    assert "- legal advice" in tree.xpath('//textarea[@id="id_summary"]')[0].text_content()


def test_a_template_with_wrong_values_shows_them_with_errors(signed_in: Any) -> None:
    document = Document(io.BytesIO(_fill(template_build())))
    _tables(document)["focal_point_email"].rows[1].cells[0].text = "lucia at example"
    buffer = io.BytesIO()
    document.save(buffer)
    response = signed_in.post(
        reverse("submissions:word_upload"), {"template_file": upload("p.docx", buffer.getvalue())}
    )
    assert response.status_code == 302
    tree = html_tree(signed_in.get(response["Location"]))
    assert tree.xpath('//input[@id="id_focal_point_email"]/@value') == ["lucia at example"]
    assert errors_beside(tree, "id_focal_point_email") == ["Enter a valid email address."]


def _refusal(client: Any, content: bytes, name: str = "practice.docx") -> list[str]:
    response = client.post(reverse("submissions:word_upload"), {"template_file": upload(name, content)})
    assert response.status_code == 400
    assert not Practice.objects.exists()
    return errors_beside(html_tree(response), "id_template_file")


def test_a_docx_that_is_not_the_template_is_refused(signed_in: Any) -> None:
    errors = _refusal(signed_in, docx_bytes("My practice, written freely."))
    assert errors == [
        "This Word file is not the repository's practice template. Download the template from this page, "
        "copy your text into it, and upload it again."
    ]


@pytest.mark.parametrize("kind", ["text", "cut", "broken-zip"])
def test_a_damaged_file_is_refused(signed_in: Any, kind: str) -> None:
    content = {
        "text": b"this is plain text",
        "cut": _template_once()[:4000],
        "broken-zip": b"PK\x03\x04" + b"\x00" * 200,
    }[kind]
    errors = _refusal(signed_in, content)
    assert len(errors) == 1 and errors[0].startswith("This file cannot be read as a Word document (.docx)")


@override_settings(PRACTICEHUB_MAX_TEMPLATE_BYTES=10_000)
def test_a_file_too_large_is_refused(signed_in: Any) -> None:
    errors = _refusal(signed_in, _fill(template_build()))
    assert len(errors) == 1 and errors[0].startswith("This file is ")
    assert "a filled template can be at most 9.8 KB" in errors[0]


def test_no_file_is_a_clear_message(signed_in: Any) -> None:
    response = signed_in.post(reverse("submissions:word_upload"), {})
    assert response.status_code == 400
    assert errors_beside(html_tree(response), "id_template_file") == [
        "Choose the filled Word template (.docx) to upload."
    ]


def test_a_zip_bomb_is_refused_without_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (70 * 1024 * 1024))
    with pytest.raises(TemplateError) as caught:
        template_read(io.BytesIO(buffer.getvalue()), size=len(buffer.getvalue()))
    assert caught.value.code == "too_complex"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_any_bytes_give_values_or_a_clear_refusal(content: bytes) -> None:
    try:
        data = template_read(io.BytesIO(content), size=len(content))
    except TemplateError as error:
        assert error.code in {"too_large", "too_complex", "damaged", "not_template", "old_version"}
    else:
        assert isinstance(data, dict)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_damaged_template_gives_values_or_a_clear_refusal(data: Any) -> None:
    content = bytearray(_template_once())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        content[position] = data.draw(st.integers(min_value=0, max_value=255))
    try:
        result = template_read(io.BytesIO(bytes(content)), size=len(content))
    except TemplateError as error:
        assert error.code in {"damaged", "not_template"}
    else:
        assert isinstance(result, dict)


_CACHE: dict[str, bytes] = {}


def _template_once() -> bytes:
    if "t" not in _CACHE:
        _CACHE["t"] = template_build()
    return _CACHE["t"]


def test_the_new_submission_page_links_the_template(signed_in: Any) -> None:
    tree = html_tree(signed_in.get(new_url()))
    assert tree.xpath(f'//a[@href="{reverse("submissions:word_template")}"]')
