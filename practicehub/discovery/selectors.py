"""Reads of the public pages: the browse pages of a facet (/objectives/16/...) and the index of every
value with its count. The facet registry and engine of the search app (practicehub/search/facets.py,
params.py, counts.py) define parameters, value labels and counts once; BROWSE_PAGES only says which
facets have pages of their own, and which vocabulary gives their texts.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from practicehub.catalogue.models import SDG, Country, GuidingPrinciple, Objective, Region
from practicehub.search.counts import facet_search
from practicehub.search.facets import FACETS, FACETS_BY_NAME, FACETS_BY_PARAM, Facet
from practicehub.search.listing import PracticeListResult, practice_search
from practicehub.search.params import Selection


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
    BrowsePages("objective", "discovery:objective_browse", Objective, "number"),
    BrowsePages("principle", "discovery:principle_browse", GuidingPrinciple, "key"),
    BrowsePages("sdg", "discovery:sdg_browse", SDG, "number"),
    BrowsePages("region", "discovery:region_browse", Region, "key"),
    BrowsePages("country", "discovery:country_browse", Country, "iso3"),
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
