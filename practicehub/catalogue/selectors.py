"""Reads of the public catalogue. Every function here returns PUBLISHED practices only, unless its
name and arguments say otherwise.

Lists of practices for a search or a facet value are read through the search app
(practicehub/search/listing.py), the browse pages through practicehub/discovery/selectors.py.
"""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language_info

from .models import Practice, PracticeOrganization, PracticeStatus

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$")


@dataclass(frozen=True)
class Language:
    """A language a practice can be written in; stands in for a vocabulary row."""

    code: str
    name: str

    @property
    def key(self) -> str:
        return self.code

    def __str__(self) -> str:
        return self.name


def language_get(code: str) -> Language | None:
    """The language with this code (as Django knows it, named in the current language), if any."""
    code = code.strip().lower()
    if not _LANGUAGE.match(code):
        return None
    try:
        info = get_language_info(code)
    except KeyError:
        return None
    return Language(code=code, name=str(info["name_translated"]))


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED)


def practices_for_listing(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """What a teaser shows, fetched in a fixed number of queries, newest first."""
    return (
        queryset.select_related("practice_type", "scope_level")
        .prefetch_related("primary_objectives", "secondary_objectives", "regions", "countries")
        .order_by("-published_at", "-id")
    )


def practice_latest(*, limit: int = 6) -> list[Practice]:
    return list(practices_for_listing(published_practices())[:limit])


def practice_count() -> int:
    return published_practices().count()


def practice_get(*, slug: str, include_unpublished: bool = False) -> Practice | None:
    """One practice with everything its page shows; None if missing or (by default) not published."""
    queryset = Practice.objects.all() if include_unpublished else published_practices()
    return (
        queryset.select_related("practice_type", "scope_level")
        .prefetch_related(
            "primary_objectives",
            "secondary_objectives",
            "guiding_principles",
            "sdgs",
            "regions",
            "countries",
            Prefetch(
                "organization_links",
                queryset=PracticeOrganization.objects.select_related("organization"),
            ),
            "links",
            "documents",
        )
        .filter(slug=slug)
        .first()
    )
