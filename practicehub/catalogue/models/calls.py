from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .vocabularies import Objective


class CallForPractices(models.Model):
    """A themed invitation to submit practices, open between two dates."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    focus_objectives = models.ManyToManyField(
        Objective, verbose_name=_("focus objectives"), blank=True, related_name="calls"
    )
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            )
        ]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discovery:call_detail", kwargs={"slug": self.slug})

    def is_open(self, on: date | None = None) -> bool:
        """Accepting submissions on that day (today by default)."""
        day = on or timezone.localdate()
        return self.is_published and self.opens_on <= day <= self.closes_on
