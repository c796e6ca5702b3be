"""Reviewers: conflict of interest first, then the recommendation; editors: quorum or a recorded reason."""

import pytest
from django.core.exceptions import ValidationError

from practicehub.catalogue.models import PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services
from practicehub.review.models import CoiStatus, Decision, Recommendation, ReviewRound
from practicehub.review.workflow import WorkflowStateError

from .conftest import People, assign, complete_practice, complete_quorum

pytestmark = pytest.mark.django_db
S = PracticeStatus


@pytest.fixture
def in_review(people: People):  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.SUBMITTED)
    ReviewRound.objects.create(practice=practice, number=1)
    services.review_assign(actor=people.editor, practice=practice, reviewer=people.external_3)
    practice.refresh_from_db()
    return practice


def test_assigning_the_first_reviewer_starts_the_review(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    assert in_review.status == S.IN_REVIEW
    assignment = in_review.review_rounds.get().assignments.get()
    assert (assignment.reviewer, assignment.kind, assignment.assigned_by) == (
        people.external_3,
        "external",
        people.editor,
    )


def test_only_reviewers_can_be_assigned_once_per_round_never_the_submitter(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    for reviewer, expected in (
        (people.stranger, "Only active reviewers"),
        (people.external_3, "already assigned"),
    ):
        with pytest.raises(ValidationError) as raised:
            services.review_assign(actor=people.editor, practice=in_review, reviewer=reviewer)
        assert expected in raised.value.message_dict["reviewer"][0]
    people.owner.reviewer_kind = "external"
    with pytest.raises(ValidationError):
        services.review_assign(actor=people.editor, practice=in_review, reviewer=people.owner)


def test_a_reviewer_must_declare_no_conflict_before_recommending(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    assignment = in_review.review_rounds.get().assignments.get()
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(WorkflowStateError, match="conflict of interest"):
        services.review_record(actor=people.external_3, assignment=assignment, recommendation="publish")
    assignment.refresh_from_db()
    assert assignment.recommendation == "" and AuditEvent.objects.count() == audit_rows

    services.review_declare_no_conflict(actor=people.external_3, assignment=assignment)
    services.review_record(
        actor=people.external_3,
        assignment=assignment,
        recommendation="revise",
        comments_for_submitter="Add figures.",
        private_comments="Weak evidence.",
    )
    assignment.refresh_from_db()
    assert assignment.is_complete
    assert (assignment.comments_for_submitter, assignment.private_comments) == (
        "Add figures.",
        "Weak evidence.",
    )
    with pytest.raises(WorkflowStateError, match="already"):
        services.review_record(actor=people.external_3, assignment=assignment, recommendation="publish")


def test_a_reviewer_who_declines_cannot_review_and_does_not_count(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    assignment = in_review.review_rounds.get().assignments.get()
    services.review_decline(actor=people.external_3, assignment=assignment, reason="I advise the ministry.")
    assignment.refresh_from_db()
    assert (
        assignment.coi_status == CoiStatus.DECLINED and assignment.decline_reason == "I advise the ministry."
    )
    with pytest.raises(WorkflowStateError):
        services.review_declare_no_conflict(actor=people.external_3, assignment=assignment)
    with pytest.raises(WorkflowStateError):
        services.review_record(actor=people.external_3, assignment=assignment, recommendation="publish")


def test_a_bad_recommendation_is_refused(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    assignment = in_review.review_rounds.get().assignments.get()
    services.review_declare_no_conflict(actor=people.external_3, assignment=assignment)
    with pytest.raises(ValidationError):
        services.review_record(actor=people.external_3, assignment=assignment, recommendation="maybe")


def test_no_decision_before_the_quorum_without_a_reason(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    review_round = in_review.review_rounds.get()
    assign(review_round, people.internal, coi=CoiStatus.NO_CONFLICT, recommendation=Recommendation.PUBLISH)
    assign(review_round, people.external_1, coi=CoiStatus.NO_CONFLICT, recommendation=Recommendation.PUBLISH)
    # One external review is still missing (external_3 has not answered).
    for decide in (
        lambda **kw: services.practice_approve(**kw),
        lambda **kw: services.practice_reject(reasons="Out of scope.", **kw),
        lambda **kw: services.practice_request_changes(message="More detail.", **kw),
    ):
        with pytest.raises(ValidationError) as raised:
            decide(actor=people.editor, practice=in_review)
        assert "1 of 1 internal and 1 of 2 external" in raised.value.message_dict["override_reason"][0]
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW and not Decision.objects.exists()

    services.practice_approve(
        actor=people.editor, practice=in_review, override_reason="The third reviewer left."
    )
    decision = Decision.objects.get()
    assert (decision.quorum_met, decision.override_reason) == (False, "The third reviewer left.")
    event = AuditEvent.objects.first()
    assert event is not None and event.data["override_reason"] == "The third reviewer left."
    assert in_review.status == S.APPROVED


def test_with_the_quorum_the_editor_decides_freely(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    complete_quorum(in_review.review_rounds.get(), people)
    services.practice_request_changes(
        actor=people.editor, practice=in_review, message="Add the results of 2023."
    )
    decision = Decision.objects.get()
    assert decision.quorum_met and decision.override_reason == ""
    assert in_review.status == S.CHANGES_REQUESTED


def test_reject_and_request_changes_need_a_message(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    complete_quorum(in_review.review_rounds.get(), people)
    with pytest.raises(ValidationError) as raised:
        services.practice_reject(actor=people.editor, practice=in_review, reasons="  ")
    assert "message" in raised.value.message_dict
    with pytest.raises(ValidationError):
        services.practice_request_changes(actor=people.editor, practice=in_review, message="")


def test_resubmission_opens_a_new_round_with_its_own_quorum(people: People, in_review) -> None:  # type: ignore[no-untyped-def]
    complete_quorum(in_review.review_rounds.get(), people)
    services.practice_request_changes(actor=people.editor, practice=in_review, message="Add results.")
    services.practice_submit(actor=people.owner, practice=in_review)
    assert in_review.status == S.SUBMITTED
    with pytest.raises(ValidationError):
        services.practice_approve(actor=people.editor, practice=in_review)
    # The first round's reviewer can no longer act on it.
    old = in_review.review_rounds.get(number=1).assignments.get(reviewer=people.external_3)
    services.review_assign(actor=people.editor, practice=in_review, reviewer=people.external_3)
    with pytest.raises(WorkflowStateError, match="closed"):
        services.review_declare_no_conflict(actor=people.external_3, assignment=old)


def test_publish_sets_the_publication_date_once(people: People) -> None:
    practice = complete_practice(submitter=people.owner, status=S.APPROVED)
    services.practice_publish(actor=people.editor, practice=practice)
    practice.refresh_from_db()
    first = practice.published_at
    assert practice.status == S.PUBLISHED and first is not None
    services.practice_archive(actor=people.editor, practice=practice, comment="Superseded.")
    practice.refresh_from_db()
    assert practice.status == S.ARCHIVED and practice.published_at == first
    assert AuditEvent.objects.first().comment == "Superseded."  # type: ignore[union-attr]


def test_history_is_append_only(people: People) -> None:
    practice = complete_practice(submitter=people.owner)
    services.practice_submit(actor=people.owner, practice=practice)
    event = AuditEvent.objects.get()
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
