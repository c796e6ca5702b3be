"""Answering a change request, updates of published practices, and the rate limit on submission."""

from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeDocument, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services as review
from practicehub.review.models import ReviewRound
from practicehub.submissions.models import PracticeRevision, RevisionStatus
from practicehub.submissions.values import snapshot_of_practice

from .files import PDF, upload
from .helpers import PASSWORD, complete_data, edit_url, errors_beside, html_tree, save_draft

pytestmark = pytest.mark.django_db


def _submitted(client: Any) -> Practice:
    practice = save_draft(client)
    assert client.post(edit_url(practice), complete_data(action="submit")).status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    return practice


def test_the_submitter_answers_a_change_request_by_editing_and_resubmitting(
    signed_in: Any, staff_editor: Any
) -> None:
    practice = _submitted(signed_in)
    review.practice_request_changes(
        actor=staff_editor, practice=practice, message="Spell out UNHCR.", override_reason="Small fix"
    )
    page = signed_in.get(edit_url(practice))
    assert page.status_code == 200
    assert "Submit again" in page.content.decode()

    data = complete_data(
        action="submit", summary="Groups sponsor refugees with UNHCR (the UN Refugee Agency)."
    )
    response = signed_in.post(edit_url(practice), data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert "UN Refugee Agency" in practice.summary
    assert list(ReviewRound.objects.filter(practice=practice).values_list("number", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(action="practice.resubmitted", target_id=str(practice.pk)).exists()


@override_settings(PRACTICEHUB_SUBMISSION_RATE=(2, 3600))
def test_submitting_too_often_is_answered_with_429(signed_in: Any) -> None:
    _submitted(signed_in)
    _submitted(signed_in)
    practice = save_draft(signed_in, title="A third practice")
    response = signed_in.post(edit_url(practice), complete_data(action="submit", title="A third practice"))
    assert response.status_code == 429
    assert "Retry-After" in response
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT  # the draft is kept


@override_settings(PRACTICEHUB_SUBMISSION_CREATE_RATE=(1, 3600))
def test_starting_new_drafts_is_rate_limited(signed_in: Any) -> None:
    save_draft(signed_in)
    response = signed_in.post(reverse("submissions:new"), complete_data(action="save"))
    assert response.status_code == 429


# Updates of published practices -----------------------------------------------------------------


@pytest.fixture
def published(signed_in: Any, staff_editor: Any, second_editor: Any) -> Practice:
    """A practice submitted through the form by `contributor` and published by the editors."""
    practice = _submitted(signed_in)
    review.practice_approve(actor=staff_editor, practice=practice, override_reason="Test")
    review.practice_publish(actor=staff_editor, practice=practice)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    return practice


def _start(client: Any, practice: Practice) -> PracticeRevision:
    response = client.post(reverse("submissions:revise", kwargs={"pk": practice.pk}))
    assert response.status_code == 302
    revision = PracticeRevision.objects.get(practice=practice, status=RevisionStatus.DRAFT)
    assert response["Location"] == reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    return revision


def test_a_revision_keeps_the_published_version_online_until_it_is_published(
    client: Any, signed_in: Any, published: Practice, second_editor: Any
) -> None:
    public_url = published.get_absolute_url()
    revision = _start(signed_in, published)
    edit = reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    form = html_tree(signed_in.get(edit))
    assert form.xpath('//input[@id="id_title"]/@value') == ["Community sponsorship of refugees in Canada"]

    data = complete_data(
        action="submit",
        title="Community sponsorship of refugees",
        summary="Groups of residents sponsor refugee families for a year.",
        primary_objectives=["16"],
    )
    data["document_file"] = upload("evaluation.pdf", PDF)
    data["document_title"] = "Evaluation"
    response = signed_in.post(edit, data)
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.SUBMITTED

    # While the revision is reviewed, the public page shows the published version, unchanged.
    signed_in.logout()
    page = client.get(public_url).content.decode()
    assert "Community sponsorship of refugees in Canada" in page
    assert "They help for a year." in page and "sponsor refugee families for a year" not in page
    published.refresh_from_db()
    assert published.title == "Community sponsorship of refugees in Canada"
    assert not PracticeDocument.objects.filter(practice=published).exists()
    pending = revision.documents.get()
    assert client.get(reverse("submissions:revision_document", kwargs={"pk": pending.pk})).status_code == 404

    # The editor sees the difference field by field, then publishes.
    client.login(username=second_editor.username, password=PASSWORD)
    detail = client.get(revision.get_absolute_url())
    tree = html_tree(detail)
    rows = {
        tr.xpath("./th")[0].text_content().strip(): tr
        for tr in tree.xpath('//table[@class="diff-table"]/tbody/tr')
    }
    assert set(rows) == {"Title", "Primary GCM Objectives", "Summary", "Additional Resources"}
    assert rows["Title"].xpath(".//del")[0].text_content() == "in Canada"
    assert [d.text_content() for d in rows["Primary GCM Objectives"].xpath(".//del")] == [
        "23 - International cooperation"
    ]
    assert rows["Additional Resources"].xpath(".//ins")[0].text_content() == "Document: Evaluation"

    response = client.post(
        reverse("submissions:revision_decide", kwargs={"pk": revision.pk}), {"decision": "publish"}
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PUBLISHED
    published.refresh_from_db()
    assert published.status == PracticeStatus.PUBLISHED
    assert published.title == "Community sponsorship of refugees"
    assert published.get_absolute_url() == public_url  # the address does not move
    assert list(published.primary_objectives.values_list("number", flat=True)) == [16]
    assert published.focal_point_email == "fiona.focal@example.org"
    document = PracticeDocument.objects.get(practice=published)
    assert document.title == "Evaluation"

    client.logout()
    page = client.get(public_url).content.decode()
    assert "Community sponsorship of refugees</h1>" in page
    response = client.get(reverse("submissions:document", kwargs={"pk": document.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="revision.published", target_id=str(revision.pk)).exists()


def test_the_history_lists_revisions_with_their_differences(
    client: Any, signed_in: Any, published: Practice, second_editor: Any, contributor: Any
) -> None:
    revision = _start(signed_in, published)
    edit = reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    signed_in.post(edit, complete_data(action="submit", innovation="Sponsorship by neighbours."))
    client.login(username=second_editor.username, password=PASSWORD)
    client.post(reverse("submissions:revision_decide", kwargs={"pk": revision.pk}), {"decision": "publish"})

    client.login(username=contributor.username, password=PASSWORD)
    history = html_tree(client.get(reverse("submissions:history", kwargs={"pk": published.pk})))
    entry = history.xpath('//section[contains(@class, "revision-entry")]')[0]
    assert "Update 1" in entry.xpath(".//h2")[0].text_content()
    rows = entry.xpath('.//table[@class="diff-table"]/tbody/tr')
    assert [r.xpath("./th")[0].text_content().strip() for r in rows] == ["Innovation"]
    before, after = rows[0].xpath("./td")
    assert before.xpath(".//del")[0].text_content() == "Private sponsorship."
    assert after.xpath(".//ins")[0].text_content() == "Sponsorship by neighbours."
    assert not before.xpath(".//ins") and not after.xpath(".//del")


def test_editors_ask_for_changes_and_the_author_resubmits(
    client: Any, signed_in: Any, published: Practice, second_editor: Any, contributor: Any
) -> None:
    revision = _start(signed_in, published)
    edit = reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    signed_in.post(edit, complete_data(action="submit", key_lessons="New lessons."))
    client.login(username=second_editor.username, password=PASSWORD)
    decide = reverse("submissions:revision_decide", kwargs={"pk": revision.pk})
    response = client.post(decide, {"decision": "request_changes", "message": ""})
    assert response.status_code == 400
    assert errors_beside(html_tree(response), "id_message") == ["Tell the author what to change."]
    client.post(decide, {"decision": "request_changes", "message": "Add the year of the evaluation."})
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.CHANGES_REQUESTED

    client.login(username=contributor.username, password=PASSWORD)
    page = client.get(edit).content.decode()
    assert "Add the year of the evaluation." in page
    signed_in.post(edit, complete_data(action="submit", key_lessons="New lessons (2023)."))
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.SUBMITTED


def test_only_one_update_is_open_at_a_time_and_strangers_cannot_start_one(
    client: Any, signed_in: Any, published: Practice, other_contributor: Any, staff_editor: Any
) -> None:
    first = _start(signed_in, published)
    again = signed_in.post(reverse("submissions:revise", kwargs={"pk": published.pk}))
    assert again["Location"] == reverse("submissions:revision_edit", kwargs={"pk": first.pk})
    client.login(username=other_contributor.username, password=PASSWORD)
    assert client.post(reverse("submissions:revise", kwargs={"pk": published.pk})).status_code == 404
    assert client.get(first.get_absolute_url()).status_code == 404
    assert client.get(reverse("submissions:revision_edit", kwargs={"pk": first.pk})).status_code == 404
    # An editor may work on it too, but not publish what they did not review as someone else's.
    client.login(username=staff_editor.username, password=PASSWORD)
    assert client.get(reverse("submissions:revision_edit", kwargs={"pk": first.pk})).status_code == 200
    assert PracticeRevision.objects.count() == 1


def test_the_author_cannot_decide_on_their_own_update(
    signed_in: Any, published: Practice, contributor: Any
) -> None:
    revision = _start(signed_in, published)
    signed_in.post(
        reverse("submissions:revision_edit", kwargs={"pk": revision.pk}), complete_data(action="submit")
    )
    contributor.is_editor = True
    contributor.save()
    response = signed_in.post(
        reverse("submissions:revision_decide", kwargs={"pk": revision.pk}), {"decision": "publish"}
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert snapshot_of_practice(published).values.title == "Community sponsorship of refugees in Canada"


@override_settings(PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE=1)
def test_an_update_takes_no_more_documents_than_the_limit(signed_in: Any, published: Practice) -> None:
    revision = _start(signed_in, published)
    edit = reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    first = complete_data(action="upload", document_title="Evaluation")
    first["document_file"] = upload("evaluation.pdf", PDF)
    assert signed_in.post(edit, first).status_code == 302
    second = complete_data(action="upload", document_title="Annex")
    second["document_file"] = upload("annex.pdf", PDF)
    response = signed_in.post(edit, second)
    assert response.status_code == 400
    assert errors_beside(html_tree(response), "id_document_file") == [
        "A practice can have at most 1 supporting document, and this one has 1. "
        "Remove it before adding another."
    ]
    assert list(revision.documents.values_list("title", flat=True)) == ["Evaluation"]
