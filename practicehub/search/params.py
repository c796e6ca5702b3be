"""The list page's query string, both ways: QueryDict -> Selection -> canonical query string.

Everything is driven by the facet registry (facets.py). Unknown parameters and malformed values
are ignored, never an error, so any URL a person or a robot types gives a page. The canonical
form lists the parameters in a fixed order (q, facets in registry order with their values sorted,
sort, page) and leaves defaults out, so equal selections have equal URLs.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .facets import FACETS, MAX_VALUES_PER_FACET, Facet, FacetKind

Q_PARAM, SORT_PARAM, PAGE_PARAM = "q", "sort", "page"
MAX_QUERY_LENGTH = 500
MAX_PAGE = 100_000

RELEVANCE, NEWEST, OLDEST, TITLE, START_YEAR = "relevance", "newest", "oldest", "title", "start_year"
SORTS: dict[str, Promise] = {
    RELEVANCE: _("Relevance"),
    NEWEST: _("Newest published"),
    OLDEST: _("Oldest published"),
    TITLE: _("Title A-Z"),
    START_YEAR: _("Start year, latest first"),
}


def _clean_text(value: str) -> str:
    """Collapse whitespace, drop control characters, cap the length."""
    value = "".join(ch if ch.isprintable() else " " for ch in value[: MAX_QUERY_LENGTH * 2])
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Selection:
    """What a visitor asked for: a text query, facet values, year ranges, a sort and a page."""

    q: str = ""
    # facet name -> selected value keys, sorted (MULTI and BOOLEAN facets)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # facet name -> (from, to), either may be None (YEAR_RANGE facets)
    ranges: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)
    sort: str = ""  # "" means the default: relevance with a query, newest without
    page: int = 1

    @property
    def effective_sort(self) -> str:
        if self.sort == RELEVANCE and not self.q:
            return NEWEST
        return self.sort or (RELEVANCE if self.q else NEWEST)

    @property
    def sorts(self) -> list[tuple[str, Promise]]:
        """The sorts that make sense for this selection (relevance only with a query)."""
        return [(key, label) for key, label in SORTS.items() if key != RELEVANCE or self.q]

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters or self.ranges)

    def values(self, facet: Facet | str) -> tuple[str, ...]:
        name = facet if isinstance(facet, str) else facet.name
        return self.filters.get(name, ())

    def range(self, facet: Facet | str) -> tuple[int | None, int | None]:
        name = facet if isinstance(facet, str) else facet.name
        return self.ranges.get(name, (None, None))

    def with_filters(
        self,
        filters: Mapping[str, Iterable[str]],
        ranges: Mapping[str, tuple[int | None, int | None]] | None = None,
    ) -> "Selection":
        """The same query with other filters (normalised), back on page 1."""
        return replace(
            self,
            filters=_normal_filters(filters),
            ranges=_normal_ranges(self.ranges if ranges is None else ranges),
            page=1,
        )

    def without(self, facet: str, value: str | None = None) -> "Selection":
        """Drop one value of a facet, or the whole facet (and its range) when value is None."""
        filters = {name: list(values) for name, values in self.filters.items()}
        ranges = dict(self.ranges)
        if value is None:
            filters.pop(facet, None)
            ranges.pop(facet, None)
        else:
            filters[facet] = [v for v in filters.get(facet, []) if v != value]
        return self.with_filters(filters, ranges)

    def without_query(self) -> "Selection":
        sort = "" if self.sort == RELEVANCE else self.sort
        return replace(self, q="", sort=sort, page=1)

    def cleared(self) -> "Selection":
        """Every filter removed; the text query and the sort stay."""
        return replace(self, filters={}, ranges={}, page=1)

    def with_page(self, page: int) -> "Selection":
        return replace(self, page=max(1, min(int(page), MAX_PAGE)))

    def query_string(self, *, page: bool = True) -> str:
        return to_query_string(self, page=page)

    def items(self, *, page: bool = True) -> list[tuple[str, str]]:
        return to_items(self, page=page)


def _normal_filters(filters: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    normal: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE or facet.name not in filters:
            continue
        keys = sorted(set(filters[facet.name]), key=facet.sort_key)[:MAX_VALUES_PER_FACET]
        if keys:
            normal[facet.name] = tuple(keys)
    return normal


def _normal_ranges(
    ranges: Mapping[str, tuple[int | None, int | None]],
) -> dict[str, tuple[int | None, int | None]]:
    normal: dict[str, tuple[int | None, int | None]] = {}
    for facet in FACETS:
        low, high = ranges.get(facet.name, (None, None))
        if low is not None and high is not None and low > high:
            low, high = high, low
        if low is not None or high is not None:
            normal[facet.name] = (low, high)
    return normal


def _getlist(params: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if callable(getlist) else params.get(name, [])
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else []
    found: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        # ?country=AZE,KAZ is read like ?country=AZE&country=KAZ
        found.extend(part for part in value.split(",") if part.strip())
        if len(found) >= MAX_VALUES_PER_FACET * 4:
            break
    return found


def _first(params: Mapping[str, Any], name: str) -> str:
    values = _raw_values(params, name)
    return values[-1] if values else ""


def parse(params: Mapping[str, Any]) -> Selection:
    """Read a selection from a QueryDict (or a plain mapping of lists). Never raises."""
    q = _clean_text(" ".join(v for v in _raw_values(params, Q_PARAM)))
    filters: dict[str, list[str]] = {}
    ranges: dict[str, tuple[int | None, int | None]] = {}
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE:
            low, high = (facet.normalize(_first(params, p)) for p in facet.range_params)
            ranges[facet.name] = (int(low) if low else None, int(high) if high else None)
            continue
        keys = [key for raw in _getlist(params, facet.param) if (key := facet.normalize(raw))]
        if keys:
            filters[facet.name] = keys
    sort = _first(params, SORT_PARAM).strip().lower()
    if sort not in SORTS or sort == (RELEVANCE if q else NEWEST) or (sort == RELEVANCE and not q):
        sort = ""  # the default, written as nothing
    raw_page = _first(params, PAGE_PARAM).strip()
    page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) < 7 else 1
    return Selection(
        q=q,
        filters=_normal_filters(filters),
        ranges=_normal_ranges(ranges),
        sort=sort,
        page=max(1, min(page, MAX_PAGE)),
    )


def _raw_values(params: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if callable(getlist) else params.get(name, [])
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else []
    return [v for v in values[:5] if isinstance(v, str)]


def to_items(selection: Selection, *, page: bool = True) -> list[tuple[str, str]]:
    """The selection as (parameter, value) pairs in canonical order, defaults left out."""
    items: list[tuple[str, str]] = []
    if selection.q:
        items.append((Q_PARAM, selection.q))
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE:
            for param, year in zip(facet.range_params, selection.range(facet), strict=True):
                if year is not None:
                    items.append((param, str(year)))
            continue
        items.extend((facet.param, key) for key in selection.values(facet))
    if selection.effective_sort != selection_default_sort(selection):
        items.append((SORT_PARAM, selection.effective_sort))
    if page and selection.page > 1:
        items.append((PAGE_PARAM, str(selection.page)))
    return items


def selection_default_sort(selection: Selection) -> str:
    return RELEVANCE if selection.q else NEWEST


def to_query_string(selection: Selection, *, page: bool = True) -> str:
    """The canonical query string (without "?"): same selection, same string."""
    return urlencode(to_items(selection, page=page))
