"""What the list page shows of a facet search: sidebar groups, selected-filter chips, heading, sort.

Plain data for the templates, built from the registry and a FacetSearch; every link is a
canonical query string (params.py), so equal selections always have equal URLs.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .counts import FacetCounts, FacetSearch, ValueCount
from .facets import Facet, FacetKind, Label
from .params import Selection


def _href(selection: Selection) -> str:
    query = selection.query_string()
    return f"?{query}" if query else "?"


@dataclass(frozen=True)
class Option:
    key: str
    label: Label
    count: int
    selected: bool
    input_id: str


@dataclass(frozen=True)
class YearOption:
    year: int
    count: int
    selected_from: bool
    selected_to: bool


@dataclass
class FacetGroup:
    facet: Facet
    options: list[Option] = field(default_factory=list)
    years: list[YearOption] = field(default_factory=list)
    selected_count: int = 0
    # Values with practices that the sidebar leaves out (a long facet shows the most frequent).
    is_cut: bool = False
    available: int = 0

    @property
    def param(self) -> str:
        return self.facet.param

    @property
    def label(self) -> Promise:
        return self.facet.label

    @property
    def is_range(self) -> bool:
        return self.facet.kind == FacetKind.YEAR_RANGE

    @property
    def is_long(self) -> bool:
        return self.facet.long

    @property
    def is_open(self) -> bool:
        return self.facet.open or self.selected_count > 0

    @property
    def dom_id(self) -> str:
        return f"facet-{self.facet.param}"

    @property
    def from_param(self) -> str:
        return self.facet.range_params[0]

    @property
    def to_param(self) -> str:
        return self.facet.range_params[1]


@dataclass(frozen=True)
class Chip:
    """One selected filter with a link that removes it."""

    facet_label: Promise
    text: str
    remove_url: str


@dataclass
class ListingDisplay:
    groups: list[FacetGroup]
    chips: list[Chip]
    heading: str
    clear_url: str
    without_query_url: str
    sorts: list[tuple[str, Any, bool]]
    canonical_query: str


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return str(low) if low == high else _("%(start)s to %(end)s") % {"start": low, "end": high}
    if low is not None:
        return _("%(year)s or later") % {"year": low}
    return _("%(year)s or earlier") % {"year": high}


def _group(counts: FacetCounts) -> FacetGroup:
    facet = counts.facet
    group = FacetGroup(facet)
    if facet.kind == FacetKind.YEAR_RANGE:
        low, high = counts.range
        group.years = [
            YearOption(int(v.key), v.count, int(v.key) == low, int(v.key) == high) for v in counts.values
        ]
        for year in (low, high):  # a chosen year no practice started in stays selectable
            if year is not None and all(y.year != year for y in group.years):
                group.years.append(YearOption(year, 0, year == low, year == high))
        group.years.sort(key=lambda y: y.year)
        group.selected_count = int(low is not None) + int(high is not None)
        return group
    group.options = options_for(facet, counts.values)
    group.selected_count = len(counts.selected)
    if facet.long:
        group.is_cut, group.available = counts.is_cut, counts.available
    return group


def options_for(facet: Facet, values: list[ValueCount]) -> list[Option]:
    """Checkbox rows for values of a facet, each with a stable id."""
    return [
        Option(v.key, v.label, v.count, v.selected, f"f-{facet.param}-{slugify(v.key) or 'value'}")
        for v in values
    ]


def _chips(search: FacetSearch) -> list[Chip]:
    selection = search.selection
    chips = []
    for counts in search.facets:
        facet = counts.facet
        if facet.kind == FacetKind.YEAR_RANGE:
            low, high = counts.range
            if low is not None or high is not None:
                text = _range_text(low, high)
                chips.append(Chip(facet.label, text, _href(selection.without(facet.name))))
            continue
        for key in counts.selected:
            chips.append(
                Chip(facet.label, str(counts.label_of(key)), _href(selection.without(facet.name, key)))
            )
    return chips


def _heading(search: FacetSearch, chips: list[Chip]) -> str:
    selection = search.selection
    if selection.q and not chips:
        return _("Practices matching “%(query)s”") % {"query": selection.q}
    if selection.q:
        return _("Practices matching “%(query)s” and %(count)d filters") % {
            "query": selection.q,
            "count": len(chips),
        }
    if len(chips) == 1:
        only = next(c for c in search.facets if c.selected or c.range != (None, None))
        value = chips[0].text
        if only.facet.heading:
            return str(only.facet.heading) % {"value": value}
    if chips:
        return _("Practices matching %(count)d filters") % {"count": len(chips)}
    return _("Practices")


def listing_display(search: FacetSearch) -> ListingDisplay:
    selection = search.selection
    chips = _chips(search)
    effective = selection.effective_sort
    return ListingDisplay(
        groups=[_group(counts) for counts in search.facets],
        chips=chips,
        heading=_heading(search, chips),
        clear_url=_href(selection.cleared()),
        without_query_url=_href(selection.without_query()),
        sorts=[(key, label, key == effective) for key, label in selection.sorts],
        canonical_query=selection.query_string(),
    )
