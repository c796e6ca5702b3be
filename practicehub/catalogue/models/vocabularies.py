"""Controlled vocabularies, seeded by a data migration from catalogue/data/ and editable in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Objective(models.Model):
    """One of the 23 GCM objectives."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_label = models.CharField(_("short label"), max_length=120)
    title = models.CharField(_("title"), max_length=400)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self) -> str:
        return f"{self.number} - {self.short_label}"

    @property
    def key(self) -> str:
        return str(self.number)


class GuidingPrinciple(models.Model):
    """One of the ten GCM guiding principles."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")

    def __str__(self) -> str:
        return self.name


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_name = models.CharField(_("short name"), max_length=120)
    title = models.CharField(_("title"), max_length=400)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"SDG {self.number} - {self.short_name}"

    @property
    def key(self) -> str:
        return str(self.number)


class PracticeType(models.Model):
    """Type of practice; editors can add, rename and retire types."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("offered to submitters"), default=True, help_text=_("Retired types stay on old practices.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("type of practice")
        verbose_name_plural = _("types of practice")

    def __str__(self) -> str:
        return self.name


class ScopeLevel(models.Model):
    """Geographic scope level: global, regional, national, local/subnational."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("scope level")
        verbose_name_plural = _("scope levels")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A UN M49 region (parent empty) or sub-region (parent is its region)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    m49_code = models.CharField(_("M49 code"), max_length=3, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subregions",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def is_subregion(self) -> bool:
        return self.parent_id is not None


class Country(models.Model):
    """An ISO 3166-1 country or territory, with its UN M49 region and sub-region."""

    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="countries",
    )
    subregion = models.ForeignKey(
        Region,
        verbose_name=_("sub-region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subregion_countries",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return self.iso3


class OrganizationType(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("organization type")
        verbose_name_plural = _("organization types")

    def __str__(self) -> str:
        return self.name
