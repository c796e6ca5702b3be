"""Uploads served safely: every download of a document is an attachment the browser will not sniff or
run, with a content type from the accepted kinds; an HTML or SVG file cannot become a document.

tests/submissions/test_documents.py checks the content sniffing itself (check_document) and the
headers of a draft's and a published practice's document. Here: every document address of the role x
URL table, for every role that may open it; uploads through the whole submission form; the admin.
"""

from typing import Any

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeDocument
from practicehub.submissions.docx import CONTENT_TYPE as WORD_TEMPLATE_TYPE
from practicehub.submissions.uploads import KINDS
from tests.submissions.helpers import complete_data

from .conftest import PDF, ROLES, World
from .expectations import OK
from .helpers import get_fully
from .url_table import url_table

pytestmark = pytest.mark.django_db

ACCEPTED_TYPES = {kind.content_type for kind in KINDS}
DOWNLOADS = ("submissions:document", "submissions:revision_document", "submissions:word_template")

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
# Files a browser would run if it opened them inline; none may become a document.
ACTIVE_FILES = [
    ("drawing.svg", SVG, "image/svg+xml"),
    ("page.html", HTML, "text/html"),
    ("page.htm", HTML, "text/html"),
    ("page.xhtml", HTML, "application/xhtml+xml"),
    ("drawing.png", SVG, "image/png"),  # an SVG named as a PNG
    ("report.pdf", HTML, "application/pdf"),  # HTML named as a PDF
    ("report.pdf.html", PDF, "text/html"),
    ("photo.jpg", b"<svg onload=alert(1)>", "image/jpeg"),
]


def _served_safely(response: Any) -> list[str]:
    problems = []
    if not response["Content-Disposition"].startswith("attachment;"):
        problems.append(f"Content-Disposition: {response['Content-Disposition']}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response["Content-Type"] not in ACCEPTED_TYPES | {WORD_TEMPLATE_TYPE}:
        problems.append(f"Content-Type: {response['Content-Type']}")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_download_is_an_attachment_with_an_accepted_type(world: World, role: str) -> None:
    client = world.client(role)
    problems: list[str] = []
    served = 0
    for name in DOWNLOADS:
        for case in url_table(world)[name]:
            if case.expected[role] != OK:
                continue
            response = get_fully(client, case.path)
            assert response.status_code == 200, case.path
            served += 1
            problems += [f"{case.path}: {problem}" for problem in _served_safely(response)]
            if name != "submissions:word_template":
                # Opened on its own anyway, it runs nothing.
                assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert not problems, f"As {role}:\n" + "\n".join(problems)
    assert served >= 2  # the public document and the Word template, at least


def test_a_stored_type_outside_the_accepted_kinds_is_not_sent(world: World) -> None:
    """A document whose recorded type is not one of the accepted kinds (an old record, a row changed
    by hand) is sent as plain bytes to save, never as what it claims to be."""
    PracticeDocument.objects.filter(pk=world.public_document.pk).update(content_type="text/html")
    response = get_fully(
        world.client("anonymous"), reverse("submissions:document", args=[world.public_document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def _upload(world: World, name: str, content: bytes, content_type: str) -> Any:
    data = complete_data(action="upload", document_title="Annex")
    data["document_file"] = SimpleUploadedFile(name, content, content_type)
    return world.client("contributor").post(reverse("submissions:edit", args=[world.draft.pk]), data)


@pytest.mark.parametrize(("name", "content", "content_type"), ACTIVE_FILES)
def test_html_and_svg_cannot_be_uploaded_as_a_document(
    world: World, name: str, content: bytes, content_type: str
) -> None:
    documents = list(PracticeDocument.objects.values_list("pk", flat=True))
    response = _upload(world, name, content, content_type)
    assert response.status_code in (200, 400)
    assert "cannot be uploaded" in response.content.decode() or "is not" in response.content.decode()
    assert list(PracticeDocument.objects.values_list("pk", flat=True)) == documents


def test_the_type_sent_is_the_recognised_one_not_the_browsers_claim(world: World) -> None:
    response = _upload(world, "report.pdf", PDF + b"<script>alert(1)</script>", "text/html")
    assert response.status_code in (200, 302)
    document = PracticeDocument.objects.filter(practice=world.draft).order_by("-pk").first()
    assert document is not None and document.pk != world.draft_document.pk
    assert document.content_type == "application/pdf"
    download = get_fully(world.client("contributor"), reverse("submissions:document", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert not _served_safely(download)


def _admin_document_form(world: World, name: str, content: bytes, content_type: str) -> Any:
    """The document row of the practice's admin page, as the editor would send it."""
    inline = next(
        i
        for i in admin.site._registry[Practice].get_inline_instances(_admin_request(world))
        if i.model is PracticeDocument
    )
    formset_class = inline.get_formset(_admin_request(world), world.draft)
    prefix = formset_class.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-title": "Annex",
        f"{prefix}-0-position": "0",
    }
    files = {f"{prefix}-0-file": SimpleUploadedFile(name, content, content_type)}
    return formset_class(data, files, instance=world.draft, prefix=prefix)


def _admin_request(world: World) -> Any:
    request = RequestFactory().get("/admin/")
    request.user = world.users["editor"]
    return request


@pytest.mark.parametrize(("name", "content", "content_type"), ACTIVE_FILES[:3])
def test_the_admin_refuses_html_and_svg_documents_too(
    world: World, name: str, content: bytes, content_type: str
) -> None:
    formset = _admin_document_form(world, name, content, content_type)
    assert not formset.is_valid()
    assert "file" in formset.forms[0].errors


def test_the_admin_records_the_recognised_type_of_a_document(world: World) -> None:
    formset = _admin_document_form(world, "annex.pdf", PDF, "text/html")
    assert formset.is_valid(), formset.errors
    (document,) = formset.save()
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
