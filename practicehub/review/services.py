"""Writes of the review workflow. Each function checks the transition table (role, then state), runs in
one transaction, leaves one audit row, and sends its e-mail only after the transaction commits."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import assign_public_slug
from practicehub.core.audit import audit_record

from . import emails
from .completeness import missing_for_submission
from .models import CoiStatus, Decision, DecisionAction, Recommendation, ReviewAssignment, ReviewRound
from .quorum import REQUIRED_EXTERNAL, REQUIRED_INTERNAL, review_quorum
from .workflow import Action, WorkflowStateError, check_allowed

S = PracticeStatus

AUDIT_ACTIONS: dict[Action, str] = {
    Action.REQUEST_CHANGES: "practice.changes_requested",
    Action.APPROVE: "practice.approved",
    Action.REJECT: "practice.rejected",
    Action.PUBLISH: "practice.published",
    Action.ARCHIVE: "practice.archived",
}


class SubmissionIncomplete(ValidationError):
    """The practice cannot be submitted yet; `message_dict` maps field names to what is missing."""


def _locked(practice: Practice) -> Practice:
    """The practice re-read under a row lock, so two people cannot move it at the same time."""
    fresh = Practice.objects.select_for_update().get(pk=practice.pk)
    practice.status = fresh.status
    return fresh


def _sync(target: Practice, source: Practice) -> Practice:
    """Copy the new state onto the caller's instance too."""
    for name in ("status", "published_at", "submitted_on", "slug"):
        setattr(target, name, getattr(source, name))
    return source


def current_round(practice: Practice) -> ReviewRound | None:
    return ReviewRound.objects.filter(practice=practice).order_by("-number").first()


def _current_round_or_open(practice: Practice, actor: Any) -> ReviewRound:
    """Practices that reached the queue without practice_submit (imports, the admin) get their first round."""
    return current_round(practice) or ReviewRound.objects.create(
        practice=practice, number=1, submitted_by=actor
    )


def _set_status(practice: Practice, status: str) -> None:
    practice.status = status
    fields = ["status", "updated_at"]
    if status == S.PUBLISHED:
        if assign_public_slug(practice):  # its address is chosen now, never before
            fields.append("slug")
        if practice.published_at is None:
            practice.published_at = timezone.now()
            fields.append("published_at")
    practice.save(update_fields=fields)


@transaction.atomic
def practice_submit(*, actor: Any, practice: Practice) -> Practice:
    """Send a draft (or a practice answering a change request) to the editors."""
    locked = _locked(practice)
    transition = check_allowed(Action.SUBMIT, user=actor, practice=locked)
    errors = missing_for_submission(locked)
    resubmission = locked.status == S.CHANGES_REQUESTED
    call = locked.call
    # The closing date stops new submissions; an answer to a change request is still welcome.
    if call is not None and not resubmission and not call.is_open():
        if call.is_published and timezone.localdate() > call.closes_on:
            message = _(
                "The call for practices “%(call)s” closed on %(date)s and no longer accepts submissions. "
                "Remove the call from your practice to submit it on its own."
            ) % {"call": call.title, "date": call.closes_on.isoformat()}
        else:
            message = _("The call for practices “%(call)s” is not open for submissions.") % {
                "call": call.title
            }
        errors.setdefault("call", []).append(message)
    if errors:
        raise SubmissionIncomplete(errors)

    previous = current_round(locked)
    ReviewRound.objects.create(
        practice=locked, number=(previous.number + 1) if previous else 1, submitted_by=actor
    )
    old = locked.status
    if locked.submitted_on is None:
        locked.submitted_on = timezone.localdate()
        locked.save(update_fields=["submitted_on"])
    assert transition.target is not None
    _set_status(locked, transition.target)
    audit_record(
        actor=actor,
        action="practice.resubmitted" if resubmission else "practice.submitted",
        target=locked,
        from_state=old,
        to_state=locked.status,
    )
    transaction.on_commit(partial(emails.send_submitted, locked.pk, resubmission))
    return _sync(practice, locked)


@transaction.atomic
def review_assign(*, actor: Any, practice: Practice, reviewer: Any) -> ReviewAssignment:
    """Ask a reviewer (internal or external) to review the current round."""
    locked = _locked(practice)
    transition = check_allowed(Action.ASSIGN, user=actor, practice=locked)
    if not (reviewer.is_active and reviewer.reviewer_kind):
        raise ValidationError({"reviewer": _("Only active reviewers can be assigned.")})
    if reviewer.pk == locked.submitter_id:
        raise ValidationError({"reviewer": _("The submitter cannot review their own practice.")})
    review_round = _current_round_or_open(locked, actor)
    if review_round.assignments.filter(reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("This reviewer is already assigned to this round.")})
    assignment = ReviewAssignment.objects.create(
        round=review_round, reviewer=reviewer, kind=reviewer.reviewer_kind, assigned_by=actor
    )
    old = locked.status
    assert transition.target is not None
    if old != transition.target:
        _set_status(locked, transition.target)
    audit_record(
        actor=actor,
        action="review.assigned",
        target=locked,
        from_state=old,
        to_state=locked.status,
        data={"assignment": assignment.pk, "reviewer": reviewer.pk, "round": review_round.number},
    )
    transaction.on_commit(partial(emails.send_assigned, assignment.pk))
    _sync(practice, locked)
    return assignment


def _locked_assignment(actor: Any, assignment: ReviewAssignment, action: Action) -> ReviewAssignment:
    practice = Practice.objects.select_for_update().get(pk=assignment.round.practice_id)
    fresh = ReviewAssignment.objects.select_related("round").get(pk=assignment.pk)
    fresh.round.practice = practice
    check_allowed(action, user=actor, practice=practice, reviewer_id=fresh.reviewer_id)
    latest = current_round(practice)
    if latest is None or latest.pk != fresh.round_id:
        raise WorkflowStateError(_("This review round is closed."))
    return fresh


def _copy(target: ReviewAssignment, source: ReviewAssignment) -> ReviewAssignment:
    for name in ("coi_status", "coi_declared_at", "decline_reason", "recommendation", "completed_at"):
        setattr(target, name, getattr(source, name))
    return source


@transaction.atomic
def review_declare_no_conflict(*, actor: Any, assignment: ReviewAssignment) -> ReviewAssignment:
    """The reviewer states they have no conflict of interest; only then can they review."""
    fresh = _locked_assignment(actor, assignment, Action.DECLARE_NO_CONFLICT)
    if fresh.coi_status != CoiStatus.PENDING:
        raise WorkflowStateError(_("You have already answered the conflict-of-interest question."))
    fresh.coi_status = CoiStatus.NO_CONFLICT
    fresh.coi_declared_at = timezone.now()
    fresh.save(update_fields=["coi_status", "coi_declared_at"])
    audit_record(
        actor=actor,
        action="review.no_conflict_declared",
        target=fresh,
        from_state=CoiStatus.PENDING,
        to_state=CoiStatus.NO_CONFLICT,
    )
    return _copy(assignment, fresh)


@transaction.atomic
def review_decline(*, actor: Any, assignment: ReviewAssignment, reason: str = "") -> ReviewAssignment:
    """The reviewer declines (a conflict of interest, or no time) before recommending anything."""
    fresh = _locked_assignment(actor, assignment, Action.DECLINE)
    if fresh.coi_status == CoiStatus.DECLINED or fresh.recommendation:
        raise WorkflowStateError(_("This review can no longer be declined."))
    old = fresh.coi_status
    fresh.coi_status = CoiStatus.DECLINED
    fresh.coi_declared_at = fresh.coi_declared_at or timezone.now()
    fresh.decline_reason = reason.strip()
    fresh.save(update_fields=["coi_status", "coi_declared_at", "decline_reason"])
    audit_record(
        actor=actor,
        action="review.declined",
        target=fresh,
        from_state=old,
        to_state=CoiStatus.DECLINED,
        comment=fresh.decline_reason,
    )
    transaction.on_commit(partial(emails.send_review_update, fresh.pk))
    return _copy(assignment, fresh)


@transaction.atomic
def review_record(
    *,
    actor: Any,
    assignment: ReviewAssignment,
    recommendation: str,
    comments_for_submitter: str = "",
    private_comments: str = "",
) -> ReviewAssignment:
    """The reviewer's recommendation, comments for the submitter and private comments for the editor."""
    fresh = _locked_assignment(actor, assignment, Action.RECORD_REVIEW)
    if fresh.coi_status == CoiStatus.PENDING:
        raise WorkflowStateError(_("First declare that you have no conflict of interest."))
    if fresh.coi_status == CoiStatus.DECLINED:
        raise WorkflowStateError(_("You declined this review."))
    if fresh.recommendation:
        raise WorkflowStateError(_("You have already recorded your review."))
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose publish, revise or reject.")})
    fresh.recommendation = recommendation
    fresh.comments_for_submitter = comments_for_submitter.strip()
    fresh.private_comments = private_comments.strip()
    fresh.completed_at = timezone.now()
    fresh.save(update_fields=["recommendation", "comments_for_submitter", "private_comments", "completed_at"])
    audit_record(
        actor=actor,
        action="review.recorded",
        target=fresh,
        from_state=CoiStatus.NO_CONFLICT,
        to_state="completed",
        data={"recommendation": recommendation},
    )
    transaction.on_commit(partial(emails.send_review_update, fresh.pk))
    return _copy(assignment, fresh)


def _decide(
    *,
    action: Action,
    actor: Any,
    practice: Practice,
    message: str,
    override_reason: str,
    message_required: str | None,
) -> Practice:
    locked = _locked(practice)
    transition = check_allowed(action, user=actor, practice=locked)
    message, override_reason = message.strip(), override_reason.strip()
    errors: dict[str, list[str]] = {}
    if message_required and not message:
        errors["message"] = [message_required]
    review_round = _current_round_or_open(locked, actor)
    quorum = review_quorum(review_round.assignments.all())
    if not quorum.met and not override_reason:
        errors["override_reason"] = [
            _(
                "A decision needs %(internal)s internal and %(external)s external reviews; %(summary)s "
                "Give a reason to decide without them."
            )
            % {"internal": REQUIRED_INTERNAL, "external": REQUIRED_EXTERNAL, "summary": quorum.summary}
        ]
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(
        round=review_round,
        action=DecisionAction(str(action)),
        editor=actor,
        message_to_submitter=message,
        quorum_met=quorum.met,
        override_reason="" if quorum.met else override_reason,
    )
    old = locked.status
    assert transition.target is not None
    _set_status(locked, transition.target)
    audit_record(
        actor=actor,
        action=AUDIT_ACTIONS[action],
        target=locked,
        from_state=old,
        to_state=locked.status,
        comment=message,
        data={
            "decision": decision.pk,
            "round": review_round.number,
            "quorum_met": quorum.met,
            "override_reason": decision.override_reason,
        },
    )
    transaction.on_commit(partial(emails.send_decision, decision.pk))
    return _sync(practice, locked)


@transaction.atomic
def practice_request_changes(
    *, actor: Any, practice: Practice, message: str, override_reason: str = ""
) -> Practice:
    """Send the submission back to the submitter with what to change."""
    return _decide(
        action=Action.REQUEST_CHANGES,
        actor=actor,
        practice=practice,
        message=message,
        override_reason=override_reason,
        message_required=_("Tell the submitter what to change."),
    )


@transaction.atomic
def practice_approve(
    *, actor: Any, practice: Practice, message: str = "", override_reason: str = ""
) -> Practice:
    """Accept the submission for publication (after the quorum of reviews, or with a recorded reason)."""
    return _decide(
        action=Action.APPROVE,
        actor=actor,
        practice=practice,
        message=message,
        override_reason=override_reason,
        message_required=None,
    )


@transaction.atomic
def practice_reject(*, actor: Any, practice: Practice, reasons: str, override_reason: str = "") -> Practice:
    """Turn the submission down; the submitter is told why."""
    return _decide(
        action=Action.REJECT,
        actor=actor,
        practice=practice,
        message=reasons,
        override_reason=override_reason,
        message_required=_("Give the reasons for rejecting the submission."),
    )


def _move(*, action: Action, actor: Any, practice: Practice, comment: str) -> Practice:
    locked = _locked(practice)
    transition = check_allowed(action, user=actor, practice=locked)
    old = locked.status
    assert transition.target is not None
    _set_status(locked, transition.target)
    audit_record(
        actor=actor,
        action=AUDIT_ACTIONS[action],
        target=locked,
        from_state=old,
        to_state=locked.status,
        comment=comment.strip(),
    )
    return locked


@transaction.atomic
def practice_publish(*, actor: Any, practice: Practice, comment: str = "") -> Practice:
    """Make an approved practice public."""
    locked = _move(action=Action.PUBLISH, actor=actor, practice=practice, comment=comment)
    transaction.on_commit(partial(emails.send_published, locked.pk))
    return _sync(practice, locked)


@transaction.atomic
def practice_archive(*, actor: Any, practice: Practice, comment: str = "") -> Practice:
    """Withdraw a published practice from public view, keeping it on record."""
    return _sync(practice, _move(action=Action.ARCHIVE, actor=actor, practice=practice, comment=comment))


@transaction.atomic
def review_remind(*, assignment: ReviewAssignment) -> ReviewAssignment:
    """Remind a reviewer of an overdue review (run by send_review_reminders)."""
    fresh = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    fresh.last_reminder_at = timezone.now()
    fresh.save(update_fields=["last_reminder_at"])
    audit_record(actor=None, action="review.reminded", target=fresh, data={"reviewer": fresh.reviewer_id})
    transaction.on_commit(partial(emails.send_reminder, fresh.pk))
    assignment.last_reminder_at = fresh.last_reminder_at
    return fresh
