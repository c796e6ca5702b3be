"""Peer review of a submitted practice: rounds, reviewer assignments and the editor's decisions.

Every submission (and every resubmission after a change request) opens a review round. Reviewers
are assigned to a round; the quorum rule and the editor's decision apply to the current round, while
earlier rounds stay on record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practicehub.accounts.models import ReviewerKind
from practicehub.catalogue.models import Practice


class ReviewRound(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="review_rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["practice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="review_round_number_unique")
        ]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")

    def __str__(self) -> str:
        return f"{self.practice} - {self.number}"


class CoiStatus(models.TextChoices):
    PENDING = "pending", _("Not yet declared")
    NO_CONFLICT = "no_conflict", _("No conflict of interest")
    DECLINED = "declined", _("Declined")


class Recommendation(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    REVISE = "revise", _("Revise")
    REJECT = "reject", _("Reject")


class ReviewAssignment(models.Model):
    """One reviewer asked to review one round of a submission."""

    round = models.ForeignKey(
        ReviewRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    # The reviewer's kind when assigned: the quorum counts what the reviewer was asked to be.
    kind = models.CharField(
        _("kind of reviewer"),
        max_length=10,
        choices=[c for c in ReviewerKind.choices if c[0]],
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now, db_index=True)
    coi_status = models.CharField(
        _("conflict of interest"), max_length=12, choices=CoiStatus.choices, default=CoiStatus.PENDING
    )
    coi_declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comments_for_submitter = models.TextField(_("comments for the submitter"), blank=True)
    private_comments = models.TextField(_("private comments for the editor"), blank=True)
    completed_at = models.DateTimeField(_("review recorded"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        ordering = ["round", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="review_assignment_once_per_round"),
            models.CheckConstraint(
                condition=models.Q(recommendation="") | models.Q(coi_status="no_conflict"),
                name="review_recommendation_after_no_conflict",
            ),
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.round} - {self.reviewer}"

    @property
    def practice(self) -> Practice:
        return self.round.practice

    @property
    def is_complete(self) -> bool:
        return self.coi_status == CoiStatus.NO_CONFLICT and bool(self.recommendation)

    @property
    def is_declined(self) -> bool:
        return self.coi_status == CoiStatus.DECLINED

    @property
    def is_open(self) -> bool:
        """Still expected to act: not declined, no recommendation yet."""
        return not self.is_declined and not self.recommendation


class DecisionAction(models.TextChoices):
    REQUEST_CHANGES = "request_changes", _("Request changes")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class Decision(models.Model):
    """The editor's decision on a round, with the message to the submitter. Append-only."""

    round = models.ForeignKey(
        ReviewRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("decision"), max_length=20, choices=DecisionAction.choices)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message_to_submitter = models.TextField(_("message to the submitter"), blank=True)
    quorum_met = models.BooleanField(_("review quorum met"))
    override_reason = models.TextField(_("reason for deciding without the quorum"), blank=True)
    created_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("editorial decision")
        verbose_name_plural = _("editorial decisions")

    def __str__(self) -> str:
        return f"{self.round}: {self.get_action_display()}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise ValidationError("Editorial decisions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValidationError("Editorial decisions are append-only.")
