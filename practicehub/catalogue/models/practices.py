"""The practice record. Which fields exist, their labels and order are described once in
practicehub/catalogue/fields.py; this module only holds the data and its constraints."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organizations import Organization
from .vocabularies import SDG, Country, GuidingPrinciple, Objective, PracticeType, Region, ScopeLevel


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


# Practices in these states have a public address (slug); others have one only if published before.
ADDRESSED_STATUSES = (PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED)


class PublishedQuerySet(models.QuerySet["Practice"]):
    def published(self) -> "PublishedQuerySet":
        return self.filter(status=PracticeStatus.PUBLISHED)


class Practice(models.Model):
    title = models.CharField(_("title"), max_length=500)
    # The public address, given once at publication (catalogue.services.assign_public_slug) and never
    # changed afterwards; None until then, so that a draft reveals nothing (many NULLs are unique).
    slug = models.SlugField(_("slug"), max_length=220, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
        db_index=True,
    )
    original_language = models.CharField(
        _("language of the original text"), max_length=12, default="en", db_index=True
    )

    primary_objectives = models.ManyToManyField(
        Objective, verbose_name=_("primary GCM objectives"), blank=True, related_name="primary_practices"
    )
    secondary_objectives = models.ManyToManyField(
        Objective,
        verbose_name=_("secondary GCM objectives"),
        blank=True,
        related_name="secondary_practices",
    )
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple, verbose_name=_("GCM guiding principles"), blank=True, related_name="practices"
    )
    sdgs = models.ManyToManyField(
        SDG, verbose_name=_("Sustainable Development Goals"), blank=True, related_name="practices"
    )

    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    is_ongoing = models.BooleanField(_("ongoing"), default=False)

    practice_type = models.ForeignKey(
        PracticeType,
        verbose_name=_("type of practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    scope_level = models.ForeignKey(
        ScopeLevel,
        verbose_name=_("geographic scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions and sub-regions"), blank=True, related_name="practices"
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="practices"
    )

    summary = models.TextField(_("summary"), blank=True)
    benefit_and_impact = models.TextField(_("benefit and impact"), blank=True)
    key_lessons = models.TextField(_("key lessons"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    innovation = models.TextField(_("innovation"), blank=True)
    implementer_details = models.TextField(_("detailed information"), blank=True)

    organizations = models.ManyToManyField(
        Organization,
        through="PracticeOrganization",
        verbose_name=_("organizations"),
        blank=True,
        related_name="practices",
    )

    # Collected but never shown publicly.
    focal_point_name = models.CharField(_("focal point name"), max_length=200, blank=True)
    focal_point_email = models.EmailField(_("focal point email"), blank=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_practices",
    )

    submitted_on = models.DateField(_("date submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("date published"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    call = models.ForeignKey(
        "catalogue.CallForPractices",
        verbose_name=_("answers the call for practices"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        db_index=True,
        help_text=_("Generated demonstration content, removable with remove_sample_data."),
    )

    history = HistoricalRecords(m2m_fields=[primary_objectives, secondary_objectives])
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="practice_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~(Q(is_ongoing=True) & Q(end_year__isnull=False)),
                name="practice_ongoing_has_no_end",
            ),
            models.CheckConstraint(
                condition=Q(slug__isnull=False)
                | ~Q(status__in=[PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED]),
                name="practice_published_has_slug",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The public page once the practice has an address; before that, its preview (by number,
        for its submitter and the editors only)."""
        if self.slug:
            return reverse("discovery:practice_detail", kwargs={"slug": self.slug})
        return reverse("submissions:preview", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def dates_display(self) -> str:
        if not self.start_year:
            return ""
        if self.is_ongoing:
            return f"{self.start_year} - {_('Present')}"
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year} - {self.end_year}"
        return str(self.start_year)


class OrganizationRole(models.TextChoices):
    MAIN = "main", _("Main implementing organization")
    OTHER = "other", _("Other organization")
    PARTNER = "partner", _("Partner or donor organization")


class PracticeOrganization(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="organization_links")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="practice_links",
    )
    role = models.CharField(_("role"), max_length=10, choices=OrganizationRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organization", "role"], name="practice_organization_role_unique"
            )
        ]
        verbose_name = _("organization of a practice")
        verbose_name_plural = _("organizations of a practice")

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class PracticeLink(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=1000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


def practice_document_path(instance: "PracticeDocument", filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class PracticeDocument(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=practice_document_path, max_length=500)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class PracticeTranslation(models.Model):
    """The translatable texts of a practice in one more language; the original stays on Practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=12)
    title = models.CharField(_("title"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    benefit_and_impact = models.TextField(_("benefit and impact"), blank=True)
    key_lessons = models.TextField(_("key lessons"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    innovation = models.TextField(_("innovation"), blank=True)
    implementer_details = models.TextField(_("detailed information"), blank=True)
    is_machine_translation = models.BooleanField(_("machine translation"), default=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="practice_translation_unique")
        ]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self) -> str:
        return f"{self.practice} [{self.language}]"
