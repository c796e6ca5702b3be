"""Every state x every action x every role. Allowed ones succeed and leave exactly one audit row;
the others raise a permission or state error and change nothing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services
from practicehub.review.models import CoiStatus, Decision, ReviewAssignment, ReviewRound
from practicehub.review.workflow import WorkflowPermissionError, WorkflowStateError

from .conftest import People, assign, complete_practice, complete_quorum

S = PracticeStatus
ROLES = ("anonymous", "stranger", "owner", "editor", "admin", "reviewer", "other_reviewer")

# The workflow, written out independently of the service's table: (action, role) -> states.
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("submit", "owner"): {S.DRAFT, S.CHANGES_REQUESTED},
    ("declare_no_conflict", "reviewer"): {S.IN_REVIEW},
    ("decline", "reviewer"): {S.IN_REVIEW},
    ("record_review", "reviewer"): {S.IN_REVIEW},
}
for editor_role in ("editor", "admin"):
    ALLOWED[("assign", editor_role)] = {S.SUBMITTED, S.IN_REVIEW}
    ALLOWED[("request_changes", editor_role)] = {S.SUBMITTED, S.IN_REVIEW}
    ALLOWED[("approve", editor_role)] = {S.SUBMITTED, S.IN_REVIEW}
    ALLOWED[("reject", editor_role)] = {S.SUBMITTED, S.IN_REVIEW}
    ALLOWED[("publish", editor_role)] = {S.APPROVED}
    ALLOWED[("archive", editor_role)] = {S.PUBLISHED}

STATUS_AFTER = {
    "submit": S.SUBMITTED,
    "assign": S.IN_REVIEW,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.APPROVED,
    "reject": S.REJECTED,
    "publish": S.PUBLISHED,
    "archive": S.ARCHIVED,
}


def _call(action: str, actor: Any, practice: Practice, target: ReviewAssignment, people: People) -> None:
    calls: dict[str, Callable[[], Any]] = {
        "submit": lambda: services.practice_submit(actor=actor, practice=practice),
        "assign": lambda: services.review_assign(
            actor=actor, practice=practice, reviewer=people.spare_reviewer
        ),
        "declare_no_conflict": lambda: services.review_declare_no_conflict(actor=actor, assignment=target),
        "decline": lambda: services.review_decline(actor=actor, assignment=target, reason="I advise them."),
        "record_review": lambda: services.review_record(
            actor=actor, assignment=target, recommendation="publish", comments_for_submitter="Clear."
        ),
        "request_changes": lambda: services.practice_request_changes(
            actor=actor, practice=practice, message="Add results."
        ),
        "approve": lambda: services.practice_approve(actor=actor, practice=practice),
        "reject": lambda: services.practice_reject(actor=actor, practice=practice, reasons="Out of scope."),
        "publish": lambda: services.practice_publish(actor=actor, practice=practice),
        "archive": lambda: services.practice_archive(actor=actor, practice=practice),
    }
    calls[action]()


def _snapshot(practice: Practice) -> tuple[Any, ...]:
    practice.refresh_from_db()
    return (
        practice.status,
        practice.published_at,
        AuditEvent.objects.count(),
        ReviewRound.objects.count(),
        Decision.objects.count(),
        tuple(ReviewAssignment.objects.order_by("pk").values_list("pk", "coi_status", "recommendation")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted({a for a, _ in ALLOWED}))
@pytest.mark.parametrize("status", S.values)
def test_transition_matrix(status: str, action: str, role: str, people: People) -> None:
    practice = complete_practice(submitter=people.owner, status=status)
    review_round = ReviewRound.objects.create(practice=practice, number=1, submitted_by=people.owner)
    complete_quorum(review_round, people)
    coi = CoiStatus.NO_CONFLICT if action == "record_review" else CoiStatus.PENDING
    target = assign(review_round, people.external_3, coi=coi)
    actor = {
        "anonymous": AnonymousUser(),
        "stranger": people.stranger,
        "owner": people.owner,
        "editor": people.editor,
        "admin": people.admin,
        "reviewer": people.external_3,
        "other_reviewer": people.internal,  # reviews this practice, but not this assignment
    }[role]
    before = _snapshot(practice)
    allowed_states = ALLOWED.get((action, role))

    if allowed_states is not None and status in allowed_states:
        _call(action, actor, practice, target, people)
        practice.refresh_from_db()
        assert practice.status == STATUS_AFTER.get(action, status)
        assert AuditEvent.objects.count() == before[2] + 1
        event = AuditEvent.objects.first()
        assert event is not None and event.actor == actor
    else:
        expected = WorkflowPermissionError if allowed_states is None else WorkflowStateError
        with pytest.raises(expected):
            _call(action, actor, practice, target, people)
        assert _snapshot(practice) == before


@pytest.mark.django_db
def test_an_editor_cannot_act_on_their_own_submission(people: People) -> None:
    people.editor.reviewer_kind = ""
    practice = complete_practice(submitter=people.editor, status=S.SUBMITTED)
    with pytest.raises(WorkflowPermissionError):
        services.review_assign(actor=people.editor, practice=practice, reviewer=people.internal)
    with pytest.raises(WorkflowPermissionError):
        services.practice_approve(actor=people.editor, practice=practice, override_reason="Mine.")
    # Another editor can.
    services.review_assign(actor=people.admin, practice=practice, reviewer=people.internal)


@pytest.mark.django_db
def test_an_inactive_editor_has_no_role(people: People) -> None:
    practice = complete_practice(submitter=people.owner, status=S.APPROVED)
    people.editor.is_active = False
    people.editor.save()
    with pytest.raises(WorkflowPermissionError):
        services.practice_publish(actor=people.editor, practice=practice)
