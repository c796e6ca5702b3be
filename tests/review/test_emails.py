"""E-mails go out only after the transaction commits, to the right people, without reviewer names."""

import pytest
from django.core import mail
from django.db import transaction

from practicehub.catalogue.models import PracticeStatus
from practicehub.review import services
from practicehub.review.models import ReviewRound

from .conftest import People, complete_practice, complete_quorum

pytestmark = pytest.mark.django_db
S = PracticeStatus
REVIEWER_NAMES = ("Ingrid", "Xavier", "Yolanda", "Zoran", "Edna")


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_submission_mails_every_editor_after_commit(
    people: People, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, title="Data for safe labour migration")
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(actor=people.owner, practice=practice)
        assert mail.outbox == []  # nothing is sent before the commit
    assert recipients() == sorted([people.editor.email, people.admin.email])
    assert "Data for safe labour migration" in mail.outbox[0].subject
    assert f"/review/editor/submissions/{practice.pk}/" in mail.outbox[0].body


def test_nothing_is_sent_when_the_transaction_rolls_back(
    people: People, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.practice_submit(actor=people.owner, practice=practice)
        raise RuntimeError("something later in the same request failed")
    assert callbacks == [] and mail.outbox == []
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_assignment_mails_the_reviewer_only(people: People, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.review_assign(
            actor=people.editor, practice=practice, reviewer=people.external_1
        )
    assert recipients() == [people.external_1.email]
    assert f"/review/assignments/{assignment.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("decide", "subject"),
    [
        (
            lambda p, ed: services.practice_request_changes(
                actor=ed, practice=p, message="Add the 2023 figures."
            ),
            "Changes requested",
        ),
        (
            lambda p, ed: services.practice_approve(actor=ed, practice=p, message="Add the 2023 figures."),
            "Approved",
        ),
        (
            lambda p, ed: services.practice_reject(actor=ed, practice=p, reasons="Add the 2023 figures."),
            "Not accepted",
        ),
    ],
)
def test_decisions_mail_the_submitter_with_the_message_and_no_names(  # type: ignore[no-untyped-def]
    people: People, django_capture_on_commit_callbacks, decide, subject
) -> None:
    practice = complete_practice(submitter=people.owner, status=S.IN_REVIEW)
    complete_quorum(ReviewRound.objects.create(practice=practice, number=1), people)
    with django_capture_on_commit_callbacks(execute=True):
        decide(practice, people.editor)
    assert recipients() == [people.owner.email]
    (message,) = mail.outbox
    assert message.subject.startswith(subject)
    assert "Add the 2023 figures." in message.body
    assert f"/review/submissions/{practice.pk}/" in message.body
    assert not any(name in message.body for name in REVIEWER_NAMES)


def test_publication_mails_the_submitter(people: People, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(actor=people.editor, practice=practice)
    assert recipients() == [people.owner.email]
    assert practice.get_absolute_url() in mail.outbox[0].body


def test_archiving_sends_nothing(people: People, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_archive(actor=people.editor, practice=practice)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_change(  # type: ignore[no-untyped-def]
    people: People, django_capture_on_commit_callbacks, settings
) -> None:
    settings.EMAIL_BACKEND = "tests.review.broken_mail.Backend"
    practice = complete_practice(submitter=people.owner, status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(actor=people.editor, practice=practice)
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED


def test_the_assigning_editor_hears_of_declines_and_reviews(  # type: ignore[no-untyped-def]
    people: People, django_capture_on_commit_callbacks
) -> None:
    practice = complete_practice(submitter=people.owner, status=S.SUBMITTED, title="Return and reintegration")
    first = services.review_assign(actor=people.editor, practice=practice, reviewer=people.external_1)
    second = services.review_assign(actor=people.editor, practice=practice, reviewer=people.internal)
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decline(actor=people.external_1, assignment=first, reason="I chair its board.")
        assert mail.outbox == []
    assert recipients() == [people.editor.email]
    assert "declined" in mail.outbox[0].subject and "assign someone else" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_declare_no_conflict(actor=people.internal, assignment=second)
        services.review_record(actor=people.internal, assignment=second, recommendation="publish")
    assert recipients() == [people.editor.email]
    assert "Review recorded" in mail.outbox[0].subject
    assert "1 of 1 internal and 0 of 2 external" in mail.outbox[0].body
