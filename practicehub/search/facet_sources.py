"""Where each facet's values and (practice id, value key) pairs come from.

Values are (key, label) in display order, read from the vocabulary tables; pairs cover the
PUBLISHED practices only and are read in one query per facet. The registry in facets.py names
these functions; nothing else should call them.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.models import (
    SDG,
    CallForPractices,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationRole,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    Region,
)

Label = str | Promise
Pairs = Iterable[tuple[int, Any]]


def published() -> QuerySet[Practice]:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED)


def through(relation: str) -> Any:
    return getattr(Practice, relation).through.objects.filter(practice__status=PracticeStatus.PUBLISHED)


# --- the values of each facet, (key, label) in display order --------------------------------------


def objective_values() -> list[tuple[str, Label]]:
    return [(str(o.number), f"{o.number} - {o.short_label}") for o in Objective.objects.order_by("number")]


def principle_values() -> list[tuple[str, Label]]:
    return [(p.key, p.name) for p in GuidingPrinciple.objects.order_by("position", "name")]


def sdg_values() -> list[tuple[str, Label]]:
    return [(str(s.number), f"SDG {s.number} - {s.short_name}") for s in SDG.objects.order_by("number")]


def keyed_values(model: Any, order: tuple[str, ...] = ("position", "name")) -> Callable[[], list]:
    def values() -> list[tuple[str, Label]]:
        return list(model.objects.order_by(*order).values_list("key", "name"))

    return values


def region_values() -> list[tuple[str, Label]]:
    return list(Region.objects.filter(parent__isnull=True).order_by("name").values_list("key", "name"))


def subregion_values() -> list[tuple[str, Label]]:
    return list(Region.objects.filter(parent__isnull=False).order_by("name").values_list("key", "name"))


def country_values() -> list[tuple[str, Label]]:
    return list(Country.objects.order_by("name").values_list("iso3", "name"))


def organization_values() -> list[tuple[str, Label]]:
    """Organizations that take part in at least one published practice, by name."""
    used = PracticeOrganization.objects.filter(practice__status=PracticeStatus.PUBLISHED).values(
        "organization_id"
    )
    rows = Organization.objects.filter(pk__in=used).order_by("name").values_list("pk", "name", "acronym")
    return [
        (str(pk), f"{name} ({acronym})" if acronym and acronym.lower() not in name.lower() else name)
        for pk, name, acronym in rows
    ]


def main_implementer_values() -> list[tuple[str, Label]]:
    used = set(
        PracticeOrganization.objects.filter(
            practice__status=PracticeStatus.PUBLISHED, role=OrganizationRole.MAIN
        ).values_list("organization_id", flat=True)
    )
    return [(key, label) for key, label in organization_values() if int(key) in used]


def language_values() -> list[tuple[str, Label]]:
    """The interface languages first, then any other language a published practice is written in."""
    codes = [code for code, _name in settings.LANGUAGES]
    used = sorted(set(published().values_list("original_language", flat=True)) - set(codes))
    values: list[tuple[str, Label]] = []
    for code in [*codes, *used]:
        try:
            values.append((code, get_language_info(code)["name_translated"]))
        except KeyError:
            values.append((code, code))
    return values


def year_values() -> list[tuple[str, Label]]:
    years = published().filter(start_year__isnull=False).values_list("start_year", flat=True).distinct()
    return [(str(y), str(y)) for y in sorted({int(y) for y in years if y is not None})]


def ongoing_values() -> list[tuple[str, Label]]:
    return [("yes", _("Ongoing")), ("no", _("Completed"))]


def call_values() -> list[tuple[str, Label]]:
    """Published calls that at least one published practice answers, the latest call first."""
    answered = published().filter(call__isnull=False).values("call_id")
    calls = CallForPractices.objects.filter(is_published=True, pk__in=answered)
    return list(calls.order_by("-opens_on", "title").values_list("slug", "title"))


# --- the (practice id, value key) pairs of the published practices, one query per facet -----------


def region_pairs() -> Pairs:
    """A practice is in a region when it names the region, one of its sub-regions, or a country in it."""
    named = through("regions").filter(region__parent__isnull=True).values_list("practice_id", "region__key")
    via_subregion = through("regions").values_list("practice_id", "region__parent__key")
    via_country = through("countries").values_list("practice_id", "country__region__key")
    return named.union(via_subregion.filter(region__parent__isnull=False)).union(
        via_country.filter(country__region__isnull=False)
    )


def subregion_pairs() -> Pairs:
    named = through("regions").filter(region__parent__isnull=False).values_list("practice_id", "region__key")
    via_country = through("countries").filter(country__subregion__isnull=False)
    return named.union(via_country.values_list("practice_id", "country__subregion__key"))


def organization_pairs(*, main_only: bool) -> Callable[[], Pairs]:
    def pairs() -> Pairs:
        links = PracticeOrganization.objects.filter(practice__status=PracticeStatus.PUBLISHED)
        if main_only:
            links = links.filter(role=OrganizationRole.MAIN)
        return links.values_list("practice_id", "organization_id").distinct()

    return pairs


def organization_type_pairs() -> Pairs:
    return (
        PracticeOrganization.objects.filter(
            practice__status=PracticeStatus.PUBLISHED, organization__org_type__isnull=False
        )
        .values_list("practice_id", "organization__org_type__key")
        .distinct()
    )


def ongoing_pairs() -> Pairs:
    return ((pk, "yes" if ongoing else "no") for pk, ongoing in published().values_list("pk", "is_ongoing"))


def m2m_pairs(relation: str, key: str) -> Callable[[], Any]:
    return lambda: through(relation).values_list("practice_id", key)


def any_objective_pairs() -> Pairs:
    primary = m2m_pairs("primary_objectives", "objective__number")()
    return primary.union(m2m_pairs("secondary_objectives", "objective__number")())


def call_pairs() -> Pairs:
    """A published practice and the call it answers, when that call is published."""
    return published().filter(call__is_published=True).values_list("pk", "call__slug")


def field_pairs(key: str) -> Callable[[], Pairs]:
    return lambda: published().filter(**{f"{key}__isnull": False}).values_list("pk", key)
