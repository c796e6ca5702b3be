"""E-mails of the review workflow. Services schedule them with transaction.on_commit, so nothing is
sent for a change that rolled back. Submitters never learn who reviewed their practice."""

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from practicehub.accounts.selectors import editor_list
from practicehub.catalogue.models import Practice
from practicehub.core.links import absolute_url

from .models import Decision, ReviewAssignment
from .quorum import review_quorum

logger = logging.getLogger(__name__)


def editors_to_notify(*, exclude_pk: int | None = None) -> list[Any]:
    return [u for u in editor_list().exclude(email="") if u.pk != exclude_pk]


def _send(template: str, recipients: Iterable[Any], context: dict[str, Any]) -> int:
    """One message per recipient (nobody sees the others' addresses). Failures are logged, not raised:
    the change they report is already committed."""
    messages = []
    for user in recipients:
        if not getattr(user, "email", ""):
            continue
        full = {**context, "recipient": user, "site_name": settings.PRACTICEHUB_SITE_NAME}
        subject = " ".join(render_to_string(f"review/email/{template}_subject.txt", full).split())
        body = render_to_string(f"review/email/{template}_body.txt", full)
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send the %s e-mail", template)
        return 0


def send_submitted(practice_pk: int, resubmitted: bool) -> int:
    practice = Practice.objects.get(pk=practice_pk)
    url = absolute_url(reverse("review:editor_submission", kwargs={"pk": practice.pk}))
    return _send(
        "submitted",
        editors_to_notify(exclude_pk=practice.submitter_id),
        {"practice": practice, "url": url, "resubmitted": resubmitted},
    )


def send_assigned(assignment_pk: int) -> int:
    assignment = ReviewAssignment.objects.select_related("round__practice", "reviewer").get(pk=assignment_pk)
    url = absolute_url(reverse("review:assignment", kwargs={"pk": assignment.pk}))
    return _send(
        "assigned",
        [assignment.reviewer],
        {"practice": assignment.round.practice, "assignment": assignment, "url": url},
    )


def send_decision(decision_pk: int) -> int:
    decision = Decision.objects.select_related("round__practice__submitter").get(pk=decision_pk)
    practice = decision.round.practice
    url = absolute_url(reverse("review:submission_status", kwargs={"pk": practice.pk}))
    return _send(
        f"decision_{decision.action}",
        [practice.submitter] if practice.submitter else [],
        {"practice": practice, "decision": decision, "url": url},
    )


def send_published(practice_pk: int) -> int:
    practice = Practice.objects.select_related("submitter").get(pk=practice_pk)
    return _send(
        "published",
        [practice.submitter] if practice.submitter else [],
        {"practice": practice, "url": absolute_url(practice.get_absolute_url())},
    )


def send_review_update(assignment_pk: int) -> int:
    """Tell the editor who assigned the reviewer (every editor if that one is gone) that a reviewer
    declined or recorded a review, with where the quorum stands."""
    assignment = ReviewAssignment.objects.select_related("round__practice", "reviewer", "assigned_by").get(
        pk=assignment_pk
    )
    practice = assignment.round.practice
    editors = [
        u for u in editors_to_notify(exclude_pk=practice.submitter_id) if u.pk == assignment.assigned_by_id
    ]
    url = absolute_url(reverse("review:editor_submission", kwargs={"pk": practice.pk}))
    return _send(
        "review_update",
        editors or editors_to_notify(exclude_pk=practice.submitter_id),
        {
            "practice": practice,
            "assignment": assignment,
            "quorum": review_quorum(assignment.round.assignments.all()),
            "url": url,
        },
    )


def send_reminder(assignment_pk: int) -> int:
    assignment = ReviewAssignment.objects.select_related("round__practice", "reviewer").get(pk=assignment_pk)
    url = absolute_url(reverse("review:assignment", kwargs={"pk": assignment.pk}))
    return _send(
        "reminder",
        [assignment.reviewer],
        {"practice": assignment.round.practice, "assignment": assignment, "url": url},
    )
