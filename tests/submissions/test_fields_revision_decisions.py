"""Sending a proposed update back to its author: asking for changes and turning it down share one path
(a required message, the revision's new status, an audit row with the message)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from practicehub.core.models import AuditEvent
from practicehub.review import services as review
from practicehub.submissions import services
from practicehub.submissions.models import PracticeRevision, RevisionStatus

from .helpers import complete_data
from .test_workflow import _start, _submitted

pytestmark = pytest.mark.django_db

DECISIONS = [
    (services.revision_request_changes, RevisionStatus.CHANGES_REQUESTED, "revision.changes_requested"),
    (services.revision_reject, RevisionStatus.REJECTED, "revision.rejected"),
]


@pytest.fixture
def proposed(signed_in: Any, staff_editor: Any) -> PracticeRevision:
    """A proposed update of a published practice, submitted by its author."""
    practice = _submitted(signed_in)
    review.practice_approve(actor=staff_editor, practice=practice, override_reason="Test")
    review.practice_publish(actor=staff_editor, practice=practice)
    revision = _start(signed_in, practice)
    edit = reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
    assert signed_in.post(edit, complete_data(action="submit", key_lessons="New lessons.")).status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.SUBMITTED
    return revision


@pytest.fixture(params=DECISIONS, ids=lambda decision: decision[2])
def decision(request: Any) -> tuple[Any, str, str]:
    """A decision that sends an update back: the service, the status it gives, its audit action."""
    return request.param


def test_a_decision_with_a_message_sends_the_update_back_and_is_recorded(
    proposed: PracticeRevision, second_editor: Any, decision: tuple[Any, str, str]
) -> None:
    decide, status, action = decision
    decide(actor=second_editor, revision=proposed, message="  Out of scope.  ")
    proposed.refresh_from_db()
    assert proposed.status == status
    assert proposed.message == "Out of scope." and proposed.decided_by == second_editor
    event = AuditEvent.objects.get(action=action)
    assert event.comment == "Out of scope." and event.to_state == status


def test_a_decision_needs_a_message_and_changes_nothing_without_one(
    proposed: PracticeRevision, second_editor: Any, decision: tuple[Any, str, str]
) -> None:
    decide, _status, action = decision
    with pytest.raises(ValidationError) as raised:
        decide(actor=second_editor, revision=proposed, message="   ")
    assert list(raised.value.message_dict) == ["message"]
    proposed.refresh_from_db()
    assert proposed.status == RevisionStatus.SUBMITTED
    assert not AuditEvent.objects.filter(action=action).exists()
