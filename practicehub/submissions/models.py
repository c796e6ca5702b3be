"""What the submission form keeps besides the practice itself.

- ``PracticeRevision``: a proposed update of a published practice, held as a JSON snapshot of the
  proposed values (the published version stays online until the revision is published), with the
  snapshot it started from, so a field-by-field difference can be shown at any time.
- ``RevisionDocument``: a supporting document uploaded with a revision; it becomes one of the
  practice's documents only when the revision is published.
- ``DraftInput``: what someone typed into the form when it could not be saved as values yet (a value
  in the wrong format), so nothing typed is lost and the errors appear again when they come back.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.models import Practice


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


OPEN_REVISION_STATES = (RevisionStatus.DRAFT, RevisionStatus.SUBMITTED, RevisionStatus.CHANGES_REQUESTED)
EDITABLE_REVISION_STATES = (RevisionStatus.DRAFT, RevisionStatus.CHANGES_REQUESTED)


class PracticeRevision(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="practice_revisions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RevisionStatus.choices,
        default=RevisionStatus.DRAFT,
        db_index=True,
    )
    # Snapshots written by practicehub.submissions.values.snapshot_to_json().
    base = models.JSONField(_("published values when the revision started"), default=dict)
    proposed = models.JSONField(_("proposed values"), default=dict)
    message = models.TextField(_("editor's message to the author"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["practice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="revision_number_unique"),
            # At most one revision of a practice is being prepared or reviewed at a time.
            models.UniqueConstraint(
                fields=["practice"],
                condition=Q(status__in=["draft", "submitted", "changes_requested"]),
                name="revision_one_open_per_practice",
            ),
        ]
        verbose_name = _("revision of a practice")
        verbose_name_plural = _("revisions of practices")

    def __str__(self) -> str:
        return f"{self.practice} - {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:revision", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION_STATES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REVISION_STATES


def revision_document_path(instance: "RevisionDocument", filename: str) -> str:
    return f"revisions/{instance.revision_id}/{filename}"


class RevisionDocument(models.Model):
    revision = models.ForeignKey(
        PracticeRevision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=revision_document_path, max_length=500)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document of a revision")
        verbose_name_plural = _("documents of revisions")

    def __str__(self) -> str:
        return self.title


class DraftInput(models.Model):
    """The raw form data (field name -> list of strings) of the last save that had errors."""

    practice = models.OneToOneField(
        Practice, null=True, blank=True, on_delete=models.CASCADE, related_name="draft_input"
    )
    revision = models.OneToOneField(
        PracticeRevision, null=True, blank=True, on_delete=models.CASCADE, related_name="draft_input"
    )
    data = models.JSONField(_("typed values"), default=dict)
    saved_at = models.DateTimeField(_("saved"), auto_now=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(practice__isnull=False) & Q(revision__isnull=True))
                | (Q(practice__isnull=True) & Q(revision__isnull=False)),
                name="draft_input_one_owner",
            )
        ]
        verbose_name = _("unsaved form input")
        verbose_name_plural = _("unsaved form inputs")

    def __str__(self) -> str:
        return f"{self.practice or self.revision}"
