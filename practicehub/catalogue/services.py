"""Writes to the catalogue. Each function is one transaction and leaves an audit row."""

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from practicehub.core.audit import audit_record

from .fields import ROW_ATTRIBUTES
from .models import (
    ADDRESSED_STATUSES,
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationRole,
    OrganizationType,
    Practice,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)


@dataclass
class OrganizationValue:
    name: str
    role: str = OrganizationRole.MAIN
    acronym: str = ""
    org_type: str = ""  # key or name of an OrganizationType
    country: str = ""  # ISO alpha-3


@dataclass
class LinkValue:
    title: str
    url: str


@dataclass
class PracticeValues:
    """Everything needed to write a practice, as plain values (numbers, keys, names)."""

    title: str
    summary: str = ""
    benefit_and_impact: str = ""
    key_lessons: str = ""
    recommendations: str = ""
    innovation: str = ""
    implementer_details: str = ""
    primary_objectives: list[int] = field(default_factory=list)
    secondary_objectives: list[int] = field(default_factory=list)
    guiding_principles: list[str] = field(default_factory=list)  # keys
    sdgs: list[int] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    is_ongoing: bool = False
    practice_type: str = ""  # key or name
    scope_level: str = ""  # key or name
    regions: list[str] = field(default_factory=list)  # keys or names, regions and sub-regions
    countries: list[str] = field(default_factory=list)  # ISO alpha-3
    organizations: list[OrganizationValue] = field(default_factory=list)
    links: list[LinkValue] = field(default_factory=list)
    submitted_on: date | None = None
    original_language: str = "en"
    focal_point_name: str = ""
    focal_point_email: str = ""
    is_sample: bool = False


def _by_key_or_name(model: Any, value: str, label: str) -> Any:
    found = model.objects.filter(Q(key=value) | Q(name__iexact=value)).first()
    if found is None:
        raise ValidationError({label: f"Unknown value: {value!r}."})
    return found


def _many(model: Any, lookup: str, values: list[Any], label: str) -> list[Any]:
    found = {str(getattr(obj, lookup)): obj for obj in model.objects.filter(**{f"{lookup}__in": values})}
    missing = [v for v in values if str(v) not in found]
    if missing:
        raise ValidationError({label: f"Unknown values: {', '.join(map(str, missing))}."})
    return [found[str(v)] for v in values]


def _regions(values: list[str]) -> list[Region]:
    return [_by_key_or_name(Region, v, "regions") for v in values]


def unique_slug(title: str, *, exclude_pk: int | None = None, reserved: Container[str] = ()) -> str:
    """The title's slug, with -2, -3... if a practice (or `reserved`) has it already. Only published
    and archived practices hold slugs, so a draft with the same title changes nothing."""
    base = slugify(title)[:200].strip("-") or "practice"
    slug, n = base, 2
    taken = Practice.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing or slug in reserved:
        slug = f"{base}-{n}"
        n += 1
    return slug


def assign_public_slug(practice: Practice, *, preferred: str = "", reserved: Container[str] = ()) -> bool:
    """Give a practice that is being published its public address; True if it got one now.

    The one place a practice gets a slug: every path that publishes (the review workflow, the admin's
    actions through it, practice_save with the published status for the importers and demo data)
    calls it. A practice that has an address keeps it for good, whatever its title or status becomes.
    `preferred` (the bulk import's identifier, already checked to be free) is used as it is."""
    if practice.slug:
        return False
    practice.slug = preferred or unique_slug(practice.title, exclude_pk=practice.pk, reserved=reserved)
    return True


@dataclass
class _OrganizationLink:
    value: OrganizationValue
    org_type: OrganizationType | None
    country: Country | None


def _organization_links(values: list[OrganizationValue]) -> list[_OrganizationLink]:
    """Each organization's type and country looked up (reads only): unknown ones raise here."""
    return [
        _OrganizationLink(
            value,
            _by_key_or_name(OrganizationType, value.org_type, "organizations") if value.org_type else None,
            _many(Country, "iso3", [value.country], "organizations")[0] if value.country else None,
        )
        for value in values
    ]


def _organization_write(link: _OrganizationLink) -> Organization:
    name = " ".join(link.value.name.split())
    org = Organization.objects.filter(name__iexact=name).first() or Organization(name=name)
    changed = org.pk is None
    if link.value.acronym and not org.acronym:
        org.acronym, changed = link.value.acronym, True
    if link.org_type is not None and not org.org_type_id:
        org.org_type, changed = link.org_type, True
    if link.country is not None and not org.country_id:
        org.country, changed = link.country, True
    if changed:
        org.save()
    return org


def organization_get_or_create(
    *, name: str, acronym: str = "", org_type: str = "", country: str = ""
) -> Organization:
    """The organization with this name (case ignored), created if new.

    Blank attributes of an existing organization are filled in, never overwritten."""
    value = OrganizationValue(name=name, acronym=acronym, org_type=org_type, country=country)
    return _organization_write(_organization_links([value])[0])


@dataclass
class PreparedPractice:
    """A practice with its new values applied and checked, and its related values looked up: what
    practice_save writes. Preparing reads the database but writes nothing."""

    practice: Practice
    values: PracticeValues
    creating: bool
    old_status: str
    related: dict[str, list[Any]]
    organizations: list[_OrganizationLink]


def practice_prepare(
    *,
    values: PracticeValues,
    practice: Practice | None = None,
    status: str | None = None,
    slug: str = "",
    reserved_slugs: Container[str] = (),
) -> PreparedPractice:
    """Apply and check `values` (ValidationError says what is wrong), without writing anything.

    `practice` (when given) gets the new values on the instance; it is not saved. A practice this
    publishes gets its address (assign_public_slug: `slug` if given, else from the title)."""
    creating = practice is None
    practice = practice or Practice()
    for name in (*ROW_ATTRIBUTES, "is_sample"):
        setattr(practice, name, getattr(values, name))
    practice.title = values.title.strip()
    if practice.is_ongoing:
        practice.end_year = None
    practice.practice_type = (
        _by_key_or_name(PracticeType, values.practice_type, "practice_type") if values.practice_type else None
    )
    practice.scope_level = (
        _by_key_or_name(ScopeLevel, values.scope_level, "scope_level") if values.scope_level else None
    )
    old_status = "" if creating else practice.status
    if status is not None:
        practice.status = status
        if status == PracticeStatus.PUBLISHED and practice.published_at is None:
            practice.published_at = timezone.now()
    if practice.status in ADDRESSED_STATUSES:
        assign_public_slug(practice, preferred=slug, reserved=reserved_slugs)
    practice.full_clean(validate_unique=False)
    related = {
        "primary_objectives": _many(Objective, "number", values.primary_objectives, "primary_objectives"),
        "secondary_objectives": _many(
            Objective, "number", values.secondary_objectives, "secondary_objectives"
        ),
        "guiding_principles": _many(GuidingPrinciple, "key", values.guiding_principles, "guiding_principles"),
        "sdgs": _many(SDG, "number", values.sdgs, "sdgs"),
        "regions": _regions(values.regions),
        "countries": _many(Country, "iso3", values.countries, "countries"),
    }
    organizations = _organization_links(values.organizations)
    return PreparedPractice(practice, values, creating, old_status, related, organizations)


def _practice_write(*, actor: Any, prepared: PreparedPractice) -> Practice:
    practice = prepared.practice
    practice.save()
    for name, objects in prepared.related.items():
        getattr(practice, name).set(objects)
    practice.organization_links.all().delete()
    for position, link in enumerate(prepared.organizations):
        PracticeOrganization.objects.get_or_create(
            practice=practice,
            organization=_organization_write(link),
            role=link.value.role,
            defaults={"position": position},
        )
    practice.links.all().delete()
    PracticeLink.objects.bulk_create(
        PracticeLink(practice=practice, title=link.title, url=link.url, position=i)
        for i, link in enumerate(prepared.values.links)
    )
    audit_record(
        actor=actor,
        action="practice.created" if prepared.creating else "practice.updated",
        target=practice,
        from_state=prepared.old_status,
        to_state=practice.status,
    )
    return practice


@transaction.atomic
def practice_save(
    *,
    actor: Any,
    values: PracticeValues,
    practice: Practice | None = None,
    status: str | None = None,
    slug: str = "",
    reserved_slugs: Container[str] = (),
) -> Practice:
    """Create a practice, or replace every field of an existing one, from plain values.

    With the published status, a practice without an address gets one (`slug`, or the title's
    slug avoiding `reserved_slugs`); see assign_public_slug."""
    prepared = practice_prepare(
        values=values, practice=practice, status=status, slug=slug, reserved_slugs=reserved_slugs
    )
    return _practice_write(actor=actor, prepared=prepared)


@transaction.atomic
def practice_set_status(*, actor: Any, practice: Practice, status: str, comment: str = "") -> Practice:
    """Move a practice to another status (the review workflow decides who may)."""
    old = practice.status
    practice.status = status
    if status in ADDRESSED_STATUSES:
        assign_public_slug(practice)
    if status == PracticeStatus.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at", "slug", "updated_at"])
    audit_record(
        actor=actor,
        action="practice.status_changed",
        target=practice,
        from_state=old,
        to_state=status,
        comment=comment,
    )
    return practice
