from datetime import timedelta

import pytest
from django.utils import timezone

from practicehub.catalogue.fields import PRACTICE_FIELDS, Kind
from practicehub.catalogue.models import CallForPractices, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services
from practicehub.review.completeness import FILLED, missing_for_submission
from practicehub.review.models import ReviewRound
from practicehub.review.workflow import WorkflowPermissionError
from tests.factories import PracticeFactory

from .conftest import People, complete_practice

pytestmark = pytest.mark.django_db
S = PracticeStatus


def make_call(*, opens_in: int = -10, closes_in: int = 10, published: bool = True) -> CallForPractices:
    today = timezone.localdate()
    return CallForPractices.objects.create(
        title="Migration data",
        slug=f"migration-data-{opens_in}-{closes_in}",
        opens_on=today + timedelta(days=opens_in),
        closes_on=today + timedelta(days=closes_in),
        is_published=published,
    )


def test_submitting_a_complete_draft_opens_the_first_round(people: People) -> None:
    practice = complete_practice(submitter=people.owner)
    services.practice_submit(actor=people.owner, practice=practice)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    assert practice.submitted_on == timezone.localdate()
    assert list(ReviewRound.objects.filter(practice=practice).values_list("number", flat=True)) == [1]
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "practice.submitted",
        "draft",
        "submitted",
        people.owner,
    )


def test_only_a_contributor_with_a_verified_address_can_submit(people: People) -> None:
    people.owner.emailaddress_set.update(verified=False)
    practice = complete_practice(submitter=people.owner)
    with pytest.raises(WorkflowPermissionError):
        services.practice_submit(actor=people.owner, practice=practice)
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_every_required_field_is_reported_by_name(people: People) -> None:
    practice = PracticeFactory(
        status=S.DRAFT,
        submitter=people.owner,
        title=" ",
        summary="",
        start_year=None,
        is_ongoing=False,
        practice_type=None,
        scope_level=None,
        objectives=[],
    )
    practice.primary_objectives.clear()
    practice.organization_links.all().delete()
    with pytest.raises(services.SubmissionIncomplete) as raised:
        services.practice_submit(actor=people.owner, practice=practice)
    required = {f.name for f in PRACTICE_FIELDS if f.required_for_submission}
    assert set(raised.value.message_dict) == required
    practice.refresh_from_db()
    assert practice.status == S.DRAFT
    assert not AuditEvent.objects.exists() and not ReviewRound.objects.exists()


def test_scope_needs_places_unless_global(people: People) -> None:
    practice = complete_practice(submitter=people.owner, country_codes=[])
    assert set(missing_for_submission(practice)) == {"geographic_scope"}
    from practicehub.catalogue.models import ScopeLevel

    practice.scope_level = ScopeLevel.objects.get(key="global")
    practice.save()
    assert missing_for_submission(practice) == {}


def test_dates_need_an_end_or_ongoing(people: People) -> None:
    practice = complete_practice(submitter=people.owner, is_ongoing=False, end_year=None)
    assert set(missing_for_submission(practice)) == {"dates"}
    practice.end_year = 2021
    practice.save()
    assert missing_for_submission(practice) == {}


def test_every_kind_of_field_has_a_completeness_check() -> None:
    assert set(FILLED) == set(Kind)


def test_a_submission_can_answer_an_open_call(people: People) -> None:
    call = make_call()
    practice = complete_practice(submitter=people.owner, call=call)
    services.practice_submit(actor=people.owner, practice=practice)
    assert practice.status == S.SUBMITTED


def test_a_closed_call_refuses_new_submissions_with_a_clear_message(people: People) -> None:
    call = make_call(opens_in=-30, closes_in=-1)
    practice = complete_practice(submitter=people.owner, call=call)
    with pytest.raises(services.SubmissionIncomplete) as raised:
        services.practice_submit(actor=people.owner, practice=practice)
    (message,) = raised.value.message_dict["call"]
    assert "closed on" in message and call.closes_on.isoformat() in message and call.title in message
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_a_call_not_yet_open_or_unpublished_refuses_submissions(people: People) -> None:
    for call in (make_call(opens_in=2, closes_in=20), make_call(published=False)):
        practice = complete_practice(submitter=people.owner, call=call)
        with pytest.raises(services.SubmissionIncomplete) as raised:
            services.practice_submit(actor=people.owner, practice=practice)
        assert "not open" in raised.value.message_dict["call"][0]


def test_an_answer_to_a_change_request_is_accepted_after_the_call_closed(people: People) -> None:
    call = make_call(opens_in=-30, closes_in=-1)
    practice = complete_practice(submitter=people.owner, call=call, status=S.CHANGES_REQUESTED)
    ReviewRound.objects.create(practice=practice, number=1)
    services.practice_submit(actor=people.owner, practice=practice)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    assert AuditEvent.objects.first().action == "practice.resubmitted"  # type: ignore[union-attr]
    assert list(practice.review_rounds.values_list("number", flat=True)) == [1, 2]


def test_the_submit_page_shows_what_is_missing(client, people: People) -> None:  # type: ignore[no-untyped-def]
    call = make_call(opens_in=-30, closes_in=-1)
    practice = complete_practice(submitter=people.owner, call=call, summary="")
    client.force_login(people.owner)
    response = client.post(f"/review/submissions/{practice.pk}/submit/")
    assert response.status_code == 400
    text = response.content.decode()
    assert "cannot be submitted yet" in text
    assert "Summary" in text
    assert "no longer accepts submissions" in text


def test_submitting_from_the_status_page(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner)
    client.force_login(people.owner)
    page = client.get(f"/review/submissions/{practice.pk}/")
    assert "Submit for review" in page.content.decode()
    response = client.post(f"/review/submissions/{practice.pk}/submit/", follow=True)
    assert response.content.decode().count("has been submitted") == 1
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_someone_else_cannot_submit_or_see_the_practice(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner)
    client.force_login(people.stranger)
    assert client.get(f"/review/submissions/{practice.pk}/").status_code == 404
    assert client.post(f"/review/submissions/{practice.pk}/submit/").status_code == 404
    practice.refresh_from_db()
    assert practice.status == S.DRAFT
