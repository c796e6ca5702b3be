"""Reads of the public catalogue. Every function here returns PUBLISHED practices only, unless its
name and arguments say otherwise.

The list page, the browse pages (/objectives/16/...), the counts on the home and index pages and the
sitemap all read the facet registry and engine of the search app (practicehub/search/facets.py,
params.py, counts.py): parameters, value labels and counts are defined there once. BROWSE_PAGES
below only says which facets have pages of their own, and which vocabulary gives their texts.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import get_language_info

from practicehub.search.counts import FacetSearch, facet_search
from practicehub.search.facets import FACETS, FACETS_BY_NAME, FACETS_BY_PARAM, Facet
from practicehub.search.params import Selection
from practicehub.search.params import parse as parse_selection

from .fields import TEASER_SKIPPED_TEXTS
from .models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    Region,
)

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


class PracticePages(Sequence[Practice]):
    """The practices of a search in order, read from the database one page (slice) at a time."""

    def __init__(self, ids: Sequence[int], query: str = "") -> None:
        self.ids, self.query = ids, query

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, item: int) -> Practice: ...
    @overload
    def __getitem__(self, item: slice) -> list[Practice]: ...
    def __getitem__(self, item: int | slice) -> Practice | list[Practice]:
        if isinstance(item, int):
            found = self[item : item + 1] if item >= 0 else self[len(self) + item : len(self) + item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        page_ids = list(self.ids[item])
        # Filtered on status again: a practice unpublished a moment ago is never shown.
        # The long texts a list item does not show are left unread (they make most of a row's size).
        rows = practices_for_listing(published_practices().filter(pk__in=page_ids)).defer(
            *TEASER_SKIPPED_TEXTS
        )
        by_pk = {p.pk: p for p in rows}
        if self.query and by_pk:
            # Not `from practicehub.search import snippets`: once the search app's snippets
            # module is imported, that name is the module, not the function.
            from practicehub.search.selectors import snippets

            for pk, snippet in snippets(list(by_pk), self.query).items():
                by_pk[pk].search_snippet = snippet  # type: ignore[attr-defined]
        return [by_pk[pk] for pk in page_ids if pk in by_pk]


@dataclass
class PracticeListResult:
    """The list page's answer: facet counts and selection (`search`) and the practices in order."""

    search: FacetSearch
    practices: PracticePages

    @property
    def selection(self) -> Selection:
        return self.search.selection

    @property
    def total(self) -> int:
        return self.search.total


def practice_search(selection: Selection) -> PracticeListResult:
    """Published practices matching a selection (text query, facet values, sort), with counts."""
    found = facet_search(selection)
    searched = found.text is not None and not getattr(found.text, "is_empty_query", False)
    return PracticeListResult(
        search=found, practices=PracticePages(found.ids, selection.q if searched else "")
    )


def practice_list(params: Mapping[str, Any]) -> PracticeListResult:
    """The list page for a query string (a QueryDict or a mapping of lists); bad input is ignored."""
    return practice_search(parse_selection(params))


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


# Browse pages: one value of a facet on a page of its own, and the index of every value with its count.


@dataclass(frozen=True)
class BrowsePages:
    """The browse pages of a list facet: /<prefix>/<key>/ lists the practices with one value."""

    param: str  # the facet's query parameter, as in FACETS_BY_PARAM
    url_name: str
    model: Any  # the vocabulary whose row gives a page its introduction
    lookup: str  # the field of that vocabulary holding the facet's key

    @property
    def facets(self) -> tuple[Facet, ...]:
        """The facet of the parameter, then those that take its values too (sub-regions for regions)."""
        return (FACETS_BY_PARAM[self.param], *(f for f in FACETS if self.param in f.aliases))


BROWSE_PAGES: tuple[BrowsePages, ...] = (
    BrowsePages("objective", "catalogue:objective_browse", Objective, "number"),
    BrowsePages("principle", "catalogue:principle_browse", GuidingPrinciple, "key"),
    BrowsePages("sdg", "catalogue:sdg_browse", SDG, "number"),
    BrowsePages("region", "catalogue:region_browse", Region, "key"),
    BrowsePages("country", "catalogue:country_browse", Country, "iso3"),
)
BROWSE_BY_PARAM: dict[str, BrowsePages] = {pages.param: pages for pages in BROWSE_PAGES}


@dataclass(frozen=True)
class BrowseValue:
    """A value of a browse facet: its key and label (from the registry), how many published practices
    have it (from the facet index), its browse page and its vocabulary row (for descriptions)."""

    facet: Facet
    key: str
    label: str
    count: int
    url: str
    row: Any

    @property
    def practice_count(self) -> int:
        return self.count

    def __str__(self) -> str:
        return self.label


def _rows(pages: BrowsePages, keys: Sequence[str] | None = None) -> dict[str, Any]:
    rows = pages.model.objects.all()
    if pages.model is Region:
        rows = rows.select_related("parent")
    elif pages.model is Country:
        rows = rows.select_related("region", "subregion")
    if keys is not None:
        rows = rows.filter(**{f"{pages.lookup}__in": list(keys)})
    return {str(getattr(row, pages.lookup)): row for row in rows}


def browse_values(param: str, *, only_used: bool = False) -> list[BrowseValue]:
    """Every value of a browse facet (and of the facets aliasing it) in the registry's order, with
    the number of published practices having it; only those with practices when `only_used`."""
    pages = BROWSE_BY_PARAM[param]
    counted = facet_search(Selection()).facets_by_name
    found: list[tuple[Facet, str, str, int]] = []
    for facet in pages.facets:
        counts = counted[facet.name]
        for key, label in counts.labels.items():
            count = counts.counts.get(key, 0)
            if count or not only_used:
                found.append((facet, key, str(label), count))
    rows = _rows(pages, [key for _facet, key, _label, _count in found] if only_used else None)
    return [
        BrowseValue(facet, key, label, count, reverse(pages.url_name, args=[key]), rows[key])
        for facet, key, label, count in found
        if key in rows
    ]


def objectives_with_counts() -> list[BrowseValue]:
    return browse_values("objective")


def regions_with_counts() -> list[tuple[BrowseValue, list[BrowseValue]]]:
    """Each region with its sub-regions, every one with its count of published practices."""
    values = browse_values("region")
    regions = [v for v in values if v.row.parent_id is None]
    return [(region, [v for v in values if v.row.parent_id == region.row.pk]) for region in regions]


def countries_with_counts() -> list[BrowseValue]:
    """Countries that have at least one published practice (rows with their region)."""
    return browse_values("country", only_used=True)


@dataclass(frozen=True)
class BrowseFound:
    """A browse page's value and its published practices (the list searched for that value only)."""

    facet: Facet
    key: str
    label: str
    row: Any
    result: PracticeListResult

    @property
    def list_query(self) -> str:
        """The list page's query string for the same practices."""
        return self.result.selection.query_string(page=False)


def browse_get(param: str, raw: str) -> BrowseFound | None:
    """The browse page of one value of a facet; None when the facet knows no such value."""
    pages = BROWSE_BY_PARAM[param]
    facet = FACETS_BY_PARAM[param]
    key = facet.normalize(raw)
    if key is None:
        return None
    result = practice_search(Selection().with_filters({facet.name: [key]}))
    # The engine drops unknown values and moves an aliased one home (?region=<a sub-region>).
    chosen = [(name, keys) for name, keys in result.selection.filters.items() if keys]
    if len(chosen) != 1 or len(chosen[0][1]) != 1:
        return None
    name, (key,) = chosen[0]
    row = _rows(pages, [key]).get(key)
    if row is None:
        return None
    label = result.search.facets_by_name[name].label_of(key)
    return BrowseFound(FACETS_BY_NAME[name], key, str(label), row, result)
