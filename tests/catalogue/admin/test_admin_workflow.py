"""The admin changes a practice's lifecycle only through the review workflow.

Publish and Archive run the review services (transition table, audit row, e-mail on commit); what the
workflow refuses stays as it was and is named in a message with the workflow's reason. Status and the
publication and submission dates are read-only on every admin form, including a restored version.
"""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services as review_services
from practicehub.submissions.models import PracticeRevision, RevisionStatus
from tests.catalogue.admin.form_data import practice_form_data
from tests.factories import PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

S = PracticeStatus
CHANGELIST = reverse("admin:catalogue_practice_changelist")
PUBLIC_LIST = reverse("discovery:practice_list")


def _change_url(practice: Practice) -> str:
    return reverse("admin:catalogue_practice_change", args=[practice.pk])


def _run(client: Client, action: str, *practices: Practice) -> str:
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [p.pk for p in practices]}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def _status(practice: Practice) -> str:
    practice.refresh_from_db()
    return practice.status


@pytest.fixture
def staff_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def owner() -> Any:
    return UserFactory(username="olga", full_name="Olga Owner")


def test_publishing_an_approved_practice_makes_it_public_findable_and_tells_the_submitter(
    staff_client: Client, editor: Any, owner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    approved = PracticeFactory(
        title="Harbour orientation sessions", status=S.APPROVED, published_at=None, submitter=owner
    )
    with django_capture_on_commit_callbacks(execute=True):
        html = _run(staff_client, "publish_practices", approved)
    assert "1 practice published." in html
    approved.refresh_from_db()
    assert approved.status == S.PUBLISHED
    assert approved.published_at is not None
    event = AuditEvent.objects.get(action="practice.published", target_id=str(approved.pk))
    assert (event.from_state, event.to_state, event.actor) == (S.APPROVED, S.PUBLISHED, editor)
    assert [message.to for message in mail.outbox] == [[owner.email]]
    found = Client().get(PUBLIC_LIST, {"q": "harbour orientation"}).content.decode()
    assert "Harbour orientation sessions" in found
    assert Client().get(approved.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.REJECTED])
def test_publishing_a_practice_the_workflow_has_not_approved_is_refused_by_name(
    staff_client: Client, status: str
) -> None:
    practice = PracticeFactory(title="Quayside language café", status=status, published_at=None)
    html = _run(staff_client, "publish_practices", practice)
    label = S(status).label
    assert "Not published (1): “Quayside language café”." in html
    assert f"This is not possible while the practice is “{label}”." in html
    assert "practice published" not in html
    assert _status(practice) == status
    assert practice.published_at is None
    assert not AuditEvent.objects.filter(target_id=str(practice.pk)).exists()
    assert practice.slug is None  # no public address was given


def test_a_mixed_selection_publishes_what_it_may_and_names_each_practice_left_unchanged(
    staff_client: Client,
) -> None:
    approved = PracticeFactory(title="Approved one", status=S.APPROVED, published_at=None)
    first_draft = PracticeFactory(title="Draft alpha", status=S.DRAFT, published_at=None)
    second_draft = PracticeFactory(title="Draft beta", status=S.DRAFT, published_at=None)
    archived = PracticeFactory(title="Old archived", status=S.ARCHIVED)
    html = _run(staff_client, "publish_practices", approved, first_draft, second_draft, archived)
    assert "1 practice published." in html
    assert "Not published (2): “Draft alpha”, “Draft beta”." in html
    assert "Not published (1): “Old archived”. This is not possible while the practice is “Archived”." in html
    assert [_status(p) for p in (approved, first_draft, second_draft, archived)] == [
        S.PUBLISHED,
        S.DRAFT,
        S.DRAFT,
        S.ARCHIVED,
    ]


def test_publishing_a_published_practice_points_to_its_revision_waiting_for_a_decision(
    staff_client: Client, owner: Any
) -> None:
    published = PracticeFactory(title="Port welcome guide", submitter=owner)
    revision = PracticeRevision.objects.create(
        practice=published, number=1, author=owner, status=RevisionStatus.SUBMITTED
    )
    html = _run(staff_client, "publish_practices", published)
    assert "Not published (1): “Port welcome guide”." in html
    assert reverse("submissions:revision", kwargs={"pk": revision.pk}) in html
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.SUBMITTED
    assert not AuditEvent.objects.filter(action="revision.published").exists()


def test_archiving_a_published_practice_takes_it_off_the_list_page(
    staff_client: Client, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticeFactory(title="Riverside mentoring circles")
    assert "Riverside mentoring circles" in Client().get(PUBLIC_LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        html = _run(staff_client, "archive_practices", practice)
    assert "1 practice archived." in html
    assert _status(practice) == S.ARCHIVED
    event = AuditEvent.objects.get(action="practice.archived", target_id=str(practice.pk))
    assert (event.from_state, event.to_state, event.actor) == (S.PUBLISHED, S.ARCHIVED, editor)
    assert "Riverside mentoring circles" not in Client().get(PUBLIC_LIST).content.decode()
    found = Client().get(PUBLIC_LIST, {"q": "riverside mentoring"}).content.decode()
    assert "Riverside mentoring circles" not in found
    assert Client().get(practice.get_absolute_url()).status_code == 404


def test_archiving_a_practice_that_is_not_published_is_refused_by_name(staff_client: Client) -> None:
    approved = PracticeFactory(title="Awaiting publication", status=S.APPROVED, published_at=None)
    html = _run(staff_client, "archive_practices", approved)
    assert "Not archived (1): “Awaiting publication”." in html
    assert "This is not possible while the practice is “Approved”." in html
    assert _status(approved) == S.APPROVED


def test_an_editor_cannot_publish_their_own_submission_from_the_admin(client: Client) -> None:
    curator = UserFactory(username="curator", is_staff=True, is_editor=True)
    own = PracticeFactory(title="My own practice", status=S.APPROVED, published_at=None, submitter=curator)
    client.force_login(curator)
    html = _run(client, "publish_practices", own)
    assert "Not published (1): “My own practice”. You are not allowed to do this." in html
    assert _status(own) == S.APPROVED


def test_staff_who_are_not_editors_are_not_offered_the_actions_and_cannot_run_them(client: Client) -> None:
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=["view_practice", "change_practice"]
        )
    )
    approved = PracticeFactory(title="Approved for later", status=S.APPROVED, published_at=None)
    published = PracticeFactory(title="Online now")
    client.force_login(clerk)
    listing = client.get(CHANGELIST).content.decode()
    assert "Online now" in listing
    assert 'value="publish_practices"' not in listing
    assert 'value="archive_practices"' not in listing
    for action, practice in (("publish_practices", approved), ("archive_practices", published)):
        html = _run(client, action, practice)
        assert "practice published" not in html and "practice archived" not in html
    assert (_status(approved), _status(published)) == (S.APPROVED, S.PUBLISHED)
    assert not AuditEvent.objects.exists()


def test_the_change_form_shows_the_lifecycle_read_only_with_a_link_to_the_review_page(
    staff_client: Client,
) -> None:
    practice = PracticeFactory(status=S.IN_REVIEW, published_at=None)
    html = staff_client.get(_change_url(practice)).content.decode()
    for name in ("status", "published_at", "submitted_on"):
        assert f'name="{name}"' not in html
    assert "In review" in html
    assert reverse("review:editor_submission", kwargs={"pk": practice.pk}) in html
    assert 'value="publish_practices"' not in html  # actions live on the list page only


def test_saving_the_change_form_with_a_forged_status_keeps_the_workflows_status(
    staff_client: Client,
) -> None:
    practice = PracticeFactory(title="Draft to tidy", status=S.DRAFT, published_at=None)
    forged = practice_form_data(
        title="Draft, tidied", status=S.PUBLISHED, published_at="2024-01-01", submitted_on="2024-01-01"
    )
    response = staff_client.post(_change_url(practice), forged)
    assert response.status_code == 302, response.content.decode()[:3000]
    practice.refresh_from_db()
    assert practice.title == "Draft, tidied"
    assert (practice.status, practice.published_at, practice.submitted_on) == (S.DRAFT, None, None)


def test_restoring_an_older_version_from_the_history_page_does_not_restore_its_status(
    staff_client: Client, editor: Any
) -> None:
    practice = PracticeFactory(title="Once public")
    review_services.practice_archive(actor=editor, practice=practice)
    published_version = practice.history.filter(status=S.PUBLISHED).order_by("history_id").first()
    assert published_version is not None
    url = reverse("admin:catalogue_practice_simple_history", args=[practice.pk, published_version.history_id])
    response = staff_client.post(url, practice_form_data(title="Once public, restored"))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice.refresh_from_db()
    assert practice.title == "Once public, restored"
    assert practice.status == S.ARCHIVED
    assert Client().get(practice.get_absolute_url()).status_code == 404


def test_a_practice_added_in_the_admin_is_a_draft_its_adder_can_submit(
    staff_client: Client, editor: Any
) -> None:
    add = staff_client.get(reverse("admin:catalogue_practice_add")).content.decode()
    assert 'name="status"' not in add and 'name="submitted_on"' not in add
    response = staff_client.post(
        reverse("admin:catalogue_practice_add"),
        practice_form_data(status=S.PUBLISHED, submitted_on="2024-01-01"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get(title="Newcomer welcome desks")
    assert (practice.status, practice.published_at, practice.submitted_on) == (S.DRAFT, None, None)
    assert practice.slug is None  # the typed address is not taken: a draft has none
    assert practice.submitter == editor
    assert AuditEvent.objects.get(action="practice.created", target_id=str(practice.pk)).to_state == S.DRAFT
    assert Client().get("/practices/newcomer-welcome-desks/").status_code == 404
    html = _run(staff_client, "publish_practices", practice)
    assert "Not published (1): “Newcomer welcome desks”." in html
