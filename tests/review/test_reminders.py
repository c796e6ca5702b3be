from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from practicehub.catalogue.models import PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review.models import CoiStatus, ReviewRound

from .conftest import People, assign, complete_practice

pytestmark = pytest.mark.django_db
S = PracticeStatus


def days_ago(n: int):  # type: ignore[no-untyped-def]
    return timezone.now() - timedelta(days=n)


@pytest.fixture
def assignments(people: People):  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.IN_REVIEW, title="Slow review")
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    return {
        "overdue": assign(review_round, people.external_1, assigned_at=days_ago(20)),
        "accepted_overdue": assign(
            review_round, people.external_2, coi=CoiStatus.NO_CONFLICT, assigned_at=days_ago(15)
        ),
        "recent": assign(review_round, people.external_3, assigned_at=days_ago(3)),
        "done": assign(
            review_round,
            people.internal,
            coi=CoiStatus.NO_CONFLICT,
            recommendation="publish",
            assigned_at=days_ago(30),
        ),
        "declined": assign(
            review_round, people.spare_reviewer, coi=CoiStatus.DECLINED, assigned_at=days_ago(30)
        ),
    }


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminds_only_overdue_reviews_without_a_recommendation(
    people: People, assignments, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people.external_1.email, people.external_2.email])
    assert all("Slow review" in m.subject for m in mail.outbox)
    assert "2 reminder(s) sent." in output
    assert AuditEvent.objects.filter(action="review.reminded").count() == 2


def test_the_number_of_days_is_an_option(
    people: People, assignments, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        run("--days", "2")
    assert len(mail.outbox) == 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run("--days", "30")
    assert mail.outbox == []


def test_a_reviewer_is_not_reminded_every_day(
    people: People, assignments, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        run()
        run()
    assert len(mail.outbox) == 2
    assignments["overdue"].__class__.objects.update(last_reminder_at=days_ago(8))
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert len(mail.outbox) == 4


def test_dry_run_sends_nothing(assignments, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--dry-run")
    assert mail.outbox == [] and "would remind" in output


def test_closed_reviews_are_not_reminded(
    people: People, assignments, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    practice = assignments["overdue"].round.practice
    practice.status = S.APPROVED
    practice.save()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert mail.outbox == []


def test_reviews_of_an_earlier_round_are_not_reminded(
    people: People, assignments, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    practice = assignments["overdue"].round.practice
    ReviewRound.objects.create(practice=practice, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert mail.outbox == [] and "0 reminder(s) sent." in output
