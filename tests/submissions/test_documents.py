"""Supporting documents: checked by extension and content, limited in size, served as attachments only
to those who may see them."""

import io
from typing import Any

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import RequestFactory, override_settings
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeDocument, PracticeStatus
from practicehub.catalogue.services import practice_set_status
from practicehub.core.models import AuditEvent
from practicehub.review.models import ReviewAssignment, ReviewRound
from practicehub.submissions import services
from practicehub.submissions.admin import PracticeDocumentInline
from practicehub.submissions.uploads import KINDS_BY_KEY, check_document, sniff
from tests.factories import UserFactory

from .files import JPEG, PDF, PNG, docx_bytes, odt_bytes, plain_zip, upload, xlsx_bytes
from .helpers import PASSWORD, complete_data, edit_url, errors_beside, html_tree, save_draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", PDF, "pdf"),
        ("photo.PNG", PNG, "png"),
        ("photo.jpeg", JPEG, "jpeg"),
        ("photo.jpg", JPEG, "jpeg"),
        ("evaluation.docx", docx_bytes(), "docx"),
        ("figures.xlsx", xlsx_bytes(), "xlsx"),
        ("notes.odt", odt_bytes(), "odt"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(name: str, content: bytes, kind: str) -> None:
    assert check_document(io.BytesIO(content), name=name, size=len(content)).key == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.exe", b"MZ\x90\x00", "extension"),
        ("page.html", b"<html><script>alert(1)</script></html>", "extension"),
        ("report.pdf", PNG, "content"),
        ("photo.png", b"<svg onload=alert(1)>", "content"),
        ("evaluation.docx", plain_zip(), "content"),
        ("figures.xlsx", docx_bytes(), "content"),
        ("notes.odt", b"PK\x03\x04broken", "content"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_wrong_types_are_refused(name: str, content: bytes, code: str) -> None:
    with pytest.raises(Exception) as caught:
        check_document(io.BytesIO(content), name=name, size=len(content))
    assert caught.value.code == code  # type: ignore[attr-defined]


def test_sniffing_reads_from_the_start_and_rewinds() -> None:
    handle = io.BytesIO(PDF)
    handle.read(3)
    assert sniff(handle) == "pdf"
    assert handle.tell() == 0


def _post_with_file(client: Any, practice: Any, file: Any, title: str = "") -> Any:
    data = complete_data(action="upload", document_title=title)
    data["document_file"] = file
    return client.post(edit_url(practice), data)


def test_a_document_is_uploaded_with_the_draft_and_removed_again(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = _post_with_file(
        signed_in, practice, upload("Final evaluation.pdf", PDF), title="Evaluation 2023"
    )
    assert response.status_code == 302
    document = PracticeDocument.objects.get(practice=practice)
    assert document.title == "Evaluation 2023"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.file.name.endswith("final-evaluation.pdf")
    page = signed_in.get(edit_url(practice)).content.decode()
    assert "Evaluation 2023" in page

    data = complete_data(remove_document=f"d{document.pk}")
    assert signed_in.post(edit_url(practice), data).status_code == 302
    assert not PracticeDocument.objects.filter(practice=practice).exists()


def test_a_document_without_title_is_named_after_its_file(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    _post_with_file(signed_in, practice, upload("annual_report-2022.docx", docx_bytes()))
    assert PracticeDocument.objects.get().title == "annual report 2022"


def test_wrong_type_is_refused_beside_the_upload_and_the_rest_is_saved(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    data = complete_data(action="upload", summary="Changed summary")
    data["document_file"] = upload("report.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = signed_in.post(edit_url(practice), data)
    assert response.status_code == 400
    errors = errors_beside(html_tree(response), "id_document_file")
    assert errors and "is not a PDF document" in errors[0]
    assert not PracticeDocument.objects.exists()
    practice.refresh_from_db()
    assert practice.summary == "Changed summary"


@override_settings(PRACTICEHUB_MAX_DOCUMENT_BYTES=1024)
def test_too_large_is_refused_with_the_limit(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = _post_with_file(signed_in, practice, upload("big.pdf", PDF + b"0" * 2000))
    assert response.status_code == 400
    errors = errors_beside(html_tree(response), "id_document_file")
    assert errors == ["This file is 2.0 KB; documents can be at most 1.0 KB."]
    assert not PracticeDocument.objects.exists()


def _document_of_draft(client: Any) -> tuple[Any, PracticeDocument]:
    practice = save_draft(client)
    _post_with_file(client, practice, upload("evaluation.pdf", PDF), title="Evaluation")
    return practice, PracticeDocument.objects.get(practice=practice)


def test_documents_of_a_draft_are_only_for_the_owner_editors_and_reviewers_of_it_in_review(
    client: Any, signed_in: Any, other_contributor: Any, staff_editor: Any
) -> None:
    practice, document = _document_of_draft(signed_in)
    url = reverse("submissions:document", kwargs={"pk": document.pk})

    response = signed_in.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="evaluation.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]

    signed_in.logout()
    assert client.get(url).status_code == 404
    client.login(username=other_contributor.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username=staff_editor.username, password=PASSWORD)
    assert client.get(url).status_code == 200

    reviewer = UserFactory(username="rev", reviewer_kind="external")
    client.login(username=reviewer.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    ReviewAssignment.objects.create(round=review_round, reviewer=reviewer, kind="external")
    # An assignment counts only while the practice is in review.
    assert client.get(url).status_code == 404
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.IN_REVIEW)
    assert client.get(url).status_code == 200


def test_a_reviewer_not_assigned_to_the_current_round_loses_the_documents(
    client: Any, signed_in: Any
) -> None:
    """Round 1 was sent back for changes; round 2 is reviewed by someone else."""
    practice, document = _document_of_draft(signed_in)
    url = reverse("submissions:document", kwargs={"pk": document.pk})
    first, second = (UserFactory(username=f"rev{n}", reviewer_kind="external") for n in (1, 2))
    ReviewAssignment.objects.create(
        round=ReviewRound.objects.create(practice=practice, number=1), reviewer=first, kind="external"
    )
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.IN_REVIEW)
    client.force_login(first)
    assert client.get(url).status_code == 200
    ReviewAssignment.objects.create(
        round=ReviewRound.objects.create(practice=practice, number=2), reviewer=second, kind="external"
    )
    assert client.get(url).status_code == 404
    client.force_login(second)
    assert client.get(url).status_code == 200


def test_documents_of_a_published_practice_are_public_attachments(client: Any, signed_in: Any) -> None:
    practice, document = _document_of_draft(signed_in)
    practice_set_status(actor=None, practice=practice, status=PracticeStatus.PUBLISHED)
    signed_in.logout()
    response = client.get(reverse("submissions:document", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_missing_document_is_a_404(client: Any) -> None:
    assert client.get(reverse("submissions:document", kwargs={"pk": 999})).status_code == 404


def test_the_preview_of_a_draft_lists_its_document(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    _post_with_file(signed_in, practice, upload("Final evaluation.pdf", PDF), title="Evaluation 2023")
    response = signed_in.get(reverse("submissions:preview", args=[practice.pk]))
    assert response.status_code == 200
    assert "Evaluation 2023" in response.content.decode()


# How many documents a practice can have -----------------------------------------------------------

LIMIT_REACHED = (
    "A practice can have at most 2 supporting documents, and this one has 2. "
    "Remove one before adding another."
)


@override_settings(PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE=2)
def test_a_draft_takes_no_more_documents_than_the_limit(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    for n in (1, 2):
        assert _post_with_file(signed_in, practice, upload(f"report-{n}.pdf", PDF)).status_code == 302
    assert "A practice can have up to 2 documents." in signed_in.get(edit_url(practice)).content.decode()

    response = _post_with_file(signed_in, practice, upload("third.pdf", PDF), title="Third")
    assert response.status_code == 400
    assert errors_beside(html_tree(response), "id_document_file") == [LIMIT_REACHED]
    assert sorted(practice.documents.values_list("title", flat=True)) == ["report 1", "report 2"]
    assert not AuditEvent.objects.filter(action="practice.document_added", data__document=None).exists()

    # Removing one makes room again.
    first = practice.documents.order_by("pk").first()
    assert first is not None
    signed_in.post(edit_url(practice), complete_data(remove_document=f"d{first.pk}"))
    assert _post_with_file(signed_in, practice, upload("third.pdf", PDF), title="Third").status_code == 302
    assert practice.documents.count() == 2


@override_settings(PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE=2)
def test_the_service_refuses_a_document_beyond_the_limit_and_stores_no_file(
    signed_in: Any, contributor: Any
) -> None:
    practice = save_draft(signed_in)
    for n in (1, 2):
        _post_with_file(signed_in, practice, upload(f"report-{n}.pdf", PDF))
    stored = set(default_storage.listdir(f"practices/{practice.pk}")[1])
    with pytest.raises(ValidationError) as refused:
        services.document_add(
            actor=contributor,
            upload=io.BytesIO(PDF),
            name="third.pdf",
            size=len(PDF),
            kind=KINDS_BY_KEY["pdf"],
            title="Third",
            practice=practice,
        )
    assert refused.value.messages == [LIMIT_REACHED]
    assert set(default_storage.listdir(f"practices/{practice.pk}")[1]) == stored
    assert practice.documents.count() == 2


def _admin_documents(practice: Any, editor: Any, titles: list[str], *, deleted: int = 0) -> Any:
    """The admin's documents inline of `practice`, bound to its current documents (the first
    `deleted` marked for deletion) and one new row per title."""
    request = RequestFactory().post("/")
    request.user = editor
    inline = PracticeDocumentInline(Practice, admin.site)
    formset_class = inline.get_formset(request, practice)
    current = list(practice.documents.order_by("pk"))
    data: dict[str, Any] = {
        "documents-TOTAL_FORMS": str(len(current) + len(titles)),
        "documents-INITIAL_FORMS": str(len(current)),
    }
    files = {}
    for n, document in enumerate(current):
        data |= {f"documents-{n}-id": str(document.pk), f"documents-{n}-title": document.title}
        data[f"documents-{n}-position"] = str(document.position)
        if n < deleted:
            data[f"documents-{n}-DELETE"] = "on"
    for n, title in enumerate(titles, start=len(current)):
        data |= {f"documents-{n}-title": title, f"documents-{n}-position": str(n)}
        files[f"documents-{n}-file"] = upload(f"{title}.pdf", PDF)
    return formset_class(data, files, instance=practice, prefix="documents")


@override_settings(PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE=2)
def test_the_admin_inline_keeps_to_the_limit(signed_in: Any) -> None:
    staff_editor = UserFactory(username="staff-editor", is_editor=True, is_staff=True)
    practice = save_draft(signed_in)
    assert _admin_documents(practice, staff_editor, ["one", "two"]).is_valid()
    too_many = _admin_documents(practice, staff_editor, ["one", "two", "three"])
    assert not too_many.is_valid()
    assert too_many.non_form_errors() == [
        "A practice can have at most 2 supporting documents, and this one has 0. "
        "Remove one before adding another."
    ]
    _post_with_file(signed_in, practice, upload("report-1.pdf", PDF))
    _post_with_file(signed_in, practice, upload("report-2.pdf", PDF))
    assert not _admin_documents(practice, staff_editor, ["three"]).is_valid()
    # Replacing one (delete it, add another in the same save) fits; so does editing only.
    assert _admin_documents(practice, staff_editor, ["three"], deleted=1).is_valid()
    assert _admin_documents(practice, staff_editor, []).is_valid()
