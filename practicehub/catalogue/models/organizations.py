from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .vocabularies import Country, OrganizationType


class Organization(models.Model):
    """An organization, reused across every practice it takes part in."""

    name = models.CharField(_("name"), max_length=400)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    org_type = models.ForeignKey(
        OrganizationType, verbose_name=_("type"), null=True, blank=True, on_delete=models.PROTECT
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.SET_NULL
    )
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organization_name_unique_ci"),
        ]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        if self.acronym and self.acronym.lower() not in self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name
