"""Random catalogues for the facet tests, and a brute-force reading of a practice's facet values.

The brute force deliberately walks the model relations in Python instead of reusing the facet
registry's queries, so the property tests compare two independent implementations.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationRole,
    OrganizationType,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)

WORDS = ("alpha", "beta", "gamma", "Émigré", "delta")
COUNTRIES = ("AZE", "KAZ", "KEN", "MEX", "FRA", "PHL", "NGA", "BRA", "JPN")
LANGUAGES = ("en", "en", "fr", "es", "pt")
NOT_PUBLISHED = (
    PracticeStatus.DRAFT,
    PracticeStatus.IN_REVIEW,
    PracticeStatus.ARCHIVED,
    PracticeStatus.REJECTED,
)


@dataclass
class Catalogue:
    practices: list[Practice]

    @property
    def published(self) -> list[Practice]:
        return [p for p in self.practices if p.status == PracticeStatus.PUBLISHED]

    @property
    def unpublished_ids(self) -> set[int]:
        return {p.pk for p in self.practices if p.status != PracticeStatus.PUBLISHED}


def build_catalogue(seed: int, count: int = 36) -> Catalogue:
    """`count` practices with random values over small slices of each vocabulary; a third unpublished."""
    rng = random.Random(seed)
    objectives = list(Objective.objects.filter(number__lte=6))
    principles = list(GuidingPrinciple.objects.all()[:4])
    sdgs = list(SDG.objects.filter(number__in=[1, 5, 8, 10, 17]))
    types = list(PracticeType.objects.all()[:4])
    scopes = list(ScopeLevel.objects.all())
    regions = list(Region.objects.filter(parent__isnull=True)[:3]) + list(
        Region.objects.filter(parent__isnull=False)[:4]
    )
    countries = list(Country.objects.filter(iso3__in=COUNTRIES))
    org_types = list(OrganizationType.objects.all()[:4])
    organizations = [
        Organization.objects.create(
            name=f"Organization {seed}-{n}",
            acronym=f"O{n}" if n % 2 else "",
            org_type=rng.choice([*org_types, None]),
        )
        for n in range(7)
    ]
    start = datetime(2021, 1, 1, tzinfo=UTC)
    practices = []
    for n in range(count):
        published = rng.random() < 0.66
        start_year = rng.choice([None, 2016, 2018, 2018, 2019, 2020, 2022, 2024])
        ongoing = start_year is not None and rng.random() < 0.5
        end_year = None if ongoing or start_year is None else start_year + rng.choice([0, 1, 3])
        words = rng.sample(WORDS, rng.randint(0, 2))
        practice = Practice.objects.create(
            title=f"{' '.join(words)} practice {rng.choice('abcdefghij')}{n}".strip(),
            slug=f"random-{seed}-{n}",
            status=PracticeStatus.PUBLISHED if published else rng.choice(NOT_PUBLISHED),
            published_at=start + timedelta(days=rng.randint(0, 30))
            if published or rng.random() < 0.5
            else None,
            start_year=start_year,
            end_year=end_year,
            is_ongoing=ongoing,
            practice_type=rng.choice([*types, None]),
            scope_level=rng.choice([*scopes, None]),
            original_language=rng.choice(LANGUAGES),
        )
        practice.primary_objectives.set(rng.sample(objectives, rng.randint(0, 2)))
        practice.secondary_objectives.set(rng.sample(objectives, rng.randint(0, 3)))
        practice.guiding_principles.set(rng.sample(principles, rng.randint(0, 3)))
        practice.sdgs.set(rng.sample(sdgs, rng.randint(0, 2)))
        practice.regions.set(rng.sample(regions, rng.randint(0, 2)))
        practice.countries.set(rng.sample(countries, rng.randint(0, 3)))
        roles = [OrganizationRole.MAIN, OrganizationRole.PARTNER, OrganizationRole.OTHER]
        for position, org in enumerate(rng.sample(organizations, rng.randint(0, 3))):
            PracticeOrganization.objects.create(
                practice=practice, organization=org, role=rng.choice(roles), position=position
            )
        practices.append(practice)
    return Catalogue(practices)


def brute_values(practice: Practice) -> dict[str, set[str]]:
    """Every facet's value keys for one practice, read from its relations in Python."""
    regions: set[str] = set()
    subregions: set[str] = set()
    for region in practice.regions.select_related("parent"):
        if region.parent is None:
            regions.add(region.key)
        else:
            subregions.add(region.key)
            regions.add(region.parent.key)
    for country in practice.countries.select_related("region", "subregion"):
        if country.region:
            regions.add(country.region.key)
        if country.subregion:
            subregions.add(country.subregion.key)
    links = list(practice.organization_links.select_related("organization__org_type"))
    primary = {str(o.number) for o in practice.primary_objectives.all()}
    return {
        "primary_objective": primary,
        "objective": primary | {str(o.number) for o in practice.secondary_objectives.all()},
        "principle": {p.key for p in practice.guiding_principles.all()},
        "sdg": {str(s.number) for s in practice.sdgs.all()},
        "type": {practice.practice_type.key} if practice.practice_type else set(),
        "scope": {practice.scope_level.key} if practice.scope_level else set(),
        "region": regions,
        "subregion": subregions,
        "country": {c.iso3 for c in practice.countries.all()},
        "org_type": {link.organization.org_type.key for link in links if link.organization.org_type},
        "implementer": {str(link.organization_id) for link in links if link.role == OrganizationRole.MAIN},
        "organization": {str(link.organization_id) for link in links},
        "start_year": {str(practice.start_year)} if practice.start_year else set(),
        "ongoing": {"yes" if practice.is_ongoing else "no"},
        "language": {practice.original_language},
        "call": {practice.call.slug} if practice.call and practice.call.is_published else set(),
    }


@dataclass
class StandInResult:
    """What practicehub.search.search_practices returns, for tests that must not depend on it."""

    ids: list[int]
    is_empty_query: bool = False


def stand_in_search(practices: list[Practice]):  # type: ignore[no-untyped-def]
    """Title-word search over every practice, published or not, newest id first ("rank")."""

    def search(query: str) -> StandInResult:
        words = query.casefold().split()
        if not words:
            return StandInResult([], is_empty_query=True)
        hits = [p.pk for p in practices if all(w in p.title.casefold().split() for w in words)]
        return StandInResult(sorted(hits, reverse=True))

    return search
