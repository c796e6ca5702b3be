"""Facet counts and ordered results from the facet index (facet_index.py), in memory.

Values within a facet combine with OR, facets with AND. Counts are disjunctive: a facet's counts
apply the text query and every OTHER facet's selection, never its own, so ticking a second value
shows what it would add. The result is the intersection of the text query and every selection,
ordered by the chosen sort; the database is only asked for the practices on the page.
"""

import heapq
import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol, overload

from pyroaring import BitMap, FrozenBitMap

from .facet_index import ORDER_NEWEST, ORDER_START_YEAR, ORDER_TITLE, FacetIndex, index_current
from .facets import FACETS, FACETS_BY_NAME, FACETS_BY_PARAM, Facet, FacetKind, Label
from .params import NEWEST, OLDEST, RELEVANCE, START_YEAR, TITLE, Selection
from .selectors import search_practices


class TextResult(Protocol):
    """What the text search returns (practicehub.search.selectors.search_practices)."""

    @property
    def ids(self) -> list[int]: ...


TextSearch = Callable[[str], TextResult]

# A long facet (countries, organizations) shows this many values in the sidebar; the others are
# found with its filter box or on its "all values" page.
LONG_FACET_SHOWN = 40

# Counting a facet through its values per practice costs about this many bitmap intersections per
# practice counted (measured at 100,000 practices); below that, it is the cheaper way.
FORWARD_COST = 1.5

_ORDER_FOR_SORT = {
    NEWEST: ORDER_NEWEST,
    OLDEST: ORDER_NEWEST,
    TITLE: ORDER_TITLE,
    START_YEAR: ORDER_START_YEAR,
}


def fold(text: str) -> str:
    """Lower case without accents, for matching what someone types against labels."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def default_text_search(query: str) -> TextResult:
    return search_practices(query)


@dataclass(frozen=True)
class ValueCount:
    key: str
    label: Label
    count: int
    selected: bool


@dataclass
class FacetCounts:
    """A facet's counts. `values` is what the sidebar shows: every value for short facets (in
    vocabulary order), the selected and the most frequent values for long ones. `counts` has every
    value's count (a value without practices may be missing) and `labels` every value's label,
    for the "all values" page and the API."""

    facet: Facet
    values: list[ValueCount]
    selected: tuple[str, ...] = ()
    range: tuple[int | None, int | None] = (None, None)
    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict, repr=False)

    @property
    def available(self) -> int:
        """How many values would give practices."""
        return sum(1 for n in self.counts.values() if n)

    @property
    def is_cut(self) -> bool:
        """Some values with practices are not in `values`."""
        return self.available > sum(1 for v in self.values if v.count)

    def matching(self, term: str = "", *, limit: int = 200) -> list[ValueCount]:
        """Values whose label contains `term` (case and accents ignored), in vocabulary order."""
        wanted = fold(term)
        chosen = set(self.selected)
        found = []
        for key, label in self.labels.items():
            count = self.counts.get(key, 0)
            if (count or key in chosen) and wanted in fold(str(label)):
                found.append(ValueCount(key, label, count, key in chosen))
                if len(found) >= limit:
                    break
        return found

    @property
    def name(self) -> str:
        return self.facet.name

    @property
    def is_active(self) -> bool:
        return bool(self.selected) or self.range != (None, None)

    def label_of(self, key: str) -> Label:
        return self.labels.get(key, key)


@dataclass
class FacetSearch:
    """One list request answered: effective selection, total, counts, and the ordered ids."""

    selection: Selection
    total: int
    facets: list[FacetCounts]
    ids: "ResultIds"
    text: TextResult | None = None
    index: FacetIndex | None = field(default=None, repr=False)

    @property
    def facets_by_name(self) -> dict[str, FacetCounts]:
        return {f.name: f for f in self.facets}


class ResultIds(Sequence[int]):
    """The matching ids in sort order, computed a slice at a time (what a Paginator needs)."""

    def __init__(self, index: FacetIndex, matching: FrozenBitMap | BitMap, sort: str, ranked: list[int]):
        self.facet_index, self.matching, self.sort, self.ranked = index, matching, sort, ranked
        self.complete = len(matching) == len(index.all_ids)

    def __len__(self) -> int:
        return len(self.matching)

    @overload
    def __getitem__(self, item: int) -> int: ...
    @overload
    def __getitem__(self, item: slice) -> list[int]: ...
    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, int):
            found = (
                self.slice(item, item + 1)
                if item >= 0
                else self.slice(len(self) + item, len(self) + item + 1)
            )
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, step = item.indices(len(self))
        return self.slice(start, stop)[::step] if step != 1 else self.slice(start, stop)

    def __iter__(self) -> Iterator[int]:
        return iter(self.slice(0, len(self)))

    def slice(self, start: int, stop: int) -> list[int]:
        if stop <= start:
            return []
        if self.sort == RELEVANCE:
            return list(islice((pk for pk in self.ranked if pk in self.matching), start, stop))
        order = self.facet_index.orders[_ORDER_FOR_SORT[self.sort]]
        backwards = self.sort == OLDEST
        if self.complete:
            if backwards:
                n = len(order)
                return list(reversed(order[max(0, n - stop) : n - start]))
            return list(order[start:stop])
        density = len(self.matching) / max(1, len(self.facet_index.all_ids))
        scan_cost = stop / density if density else math.inf
        sort_cost = len(self.matching) * max(1.0, math.log2(len(self.matching) + 1)) * 2
        if scan_cost <= sort_cost:
            walk = reversed(order) if backwards else iter(order)
            return list(islice((pk for pk in walk if pk in self.matching), start, stop))
        position = self.facet_index.positions[_ORDER_FOR_SORT[self.sort]].__getitem__
        pick = heapq.nlargest if backwards else heapq.nsmallest
        return pick(stop, self.matching, key=position)[start:stop]


def _known(selection: Selection, index: FacetIndex) -> Selection:
    """Drop values the index does not know; move aliased values (?region=<sub-region>) home."""
    filters = {name: list(keys) for name, keys in selection.filters.items()}
    for facet in FACETS:
        for alias in facet.aliases:
            source = FACETS_BY_PARAM[alias].name
            moving = [k for k in filters.get(source, []) if k in index.labels[facet.name]]
            moving = [k for k in moving if k not in index.labels[source]]
            if moving:
                filters[source] = [k for k in filters[source] if k not in moving]
                filters.setdefault(facet.name, []).extend(moving)
    kept = {
        name: [k for k in keys if k in index.labels[name]]
        for name, keys in filters.items()
        if name in FACETS_BY_NAME
    }
    return selection.with_filters(kept) if kept != selection.filters else selection


def _selected_ids(index: FacetIndex, facet: Facet, selection: Selection) -> BitMap | FrozenBitMap | None:
    """The practices matching this facet's selection (OR of its values), or None if unrestricted."""
    postings = index.postings[facet.name]
    if facet.kind == FacetKind.YEAR_RANGE:
        low, high = selection.range(facet)
        if low is None and high is None:
            return None
        years = [
            bm
            for key, bm in postings.items()
            if (low is None or int(key) >= low) and (high is None or int(key) <= high)
        ]
        return BitMap.union(*years) if years else BitMap()
    keys = selection.values(facet)
    if not keys:
        return None
    chosen = [postings[k] for k in keys if k in postings]
    return BitMap.union(*chosen) if chosen else BitMap()


def _intersect(sets: list[Any]) -> Any:
    ordered = sorted(sets, key=len)
    result = ordered[0]
    for other in ordered[1:]:
        result = result & other
        if not result:
            break
    return result


BITMAPS, PER_PRACTICE, TOTALS_LESS_REST = "bitmaps", "per practice", "totals less the rest"


def _way(within: int, total: int, values: int) -> str:
    """How to count a long facet over ``within`` of ``total`` practices, whichever reads less:

    - PER_PRACTICE: few practices, many values (a narrow search over 12,500 organizations): count
      the values listed for each practice;
    - TOTALS_LESS_REST: nearly every practice (a very common word): every value's total less the
      values of the few practices left out;
    - BITMAPS: otherwise, one bitmap intersection per value."""
    if within * FORWARD_COST < values:
        return PER_PRACTICE
    if (total - within) * FORWARD_COST < values:
        return TOTALS_LESS_REST
    return BITMAPS


def _counts(index: FacetIndex, facet: Facet, selection: Selection, within: Any | None) -> FacetCounts:
    """Each value's count among `within` (None: every published practice)."""
    postings = index.postings[facet.name]
    forward = index.forward.get(facet.name)
    way = (
        BITMAPS if within is None or forward is None else _way(len(within), len(index.all_ids), len(postings))
    )
    if within is None:
        counted = {k: len(bm) for k, bm in postings.items()}
    elif way == PER_PRACTICE and forward is not None:
        counted = forward.count(within)
    elif way == TOTALS_LESS_REST and forward is not None:
        outside = forward.count(index.all_ids - within)
        counted = {k: len(bm) - outside.get(k, 0) for k, bm in postings.items()}
    else:
        counted = {k: bm.intersection_cardinality(within) for k, bm in postings.items()}
    chosen = selection.values(facet)
    labels = index.labels[facet.name]
    if facet.long:
        # The selected values, then the most frequent (ties in vocabulary order).
        top = heapq.nlargest(LONG_FACET_SHOWN, (k for k in counted if counted[k]), key=counted.__getitem__)
        keys = [*chosen, *(k for k in top if k not in chosen)]
        values = [ValueCount(k, labels.get(k, k), counted.get(k, 0), k in chosen) for k in keys]
    else:
        values = [
            ValueCount(key, label, counted.get(key, 0), key in chosen)
            for key, label in index.values[facet.name]
        ]
    return FacetCounts(facet, values, chosen, selection.range(facet), counted, labels)


def facet_search(
    selection: Selection,
    *,
    text_search: TextSearch | None = None,
    index: FacetIndex | None = None,
) -> FacetSearch:
    """Counts for every facet and the ordered matching ids for a selection."""
    index = index or index_current()
    selection = _known(selection, index)
    text: TextResult | None = None
    ranked: list[int] = []
    base: list[Any] = []
    if selection.q:
        text = (text_search or default_text_search)(selection.q)
        if not getattr(text, "is_empty_query", False):
            ranked = list(text.ids)
            base.append(BitMap(ranked) & index.all_ids)
    chosen = {f.name: s for f in FACETS if (s := _selected_ids(index, f, selection)) is not None}
    restrict = base + list(chosen.values())
    matching = _intersect(restrict) if restrict else index.all_ids
    facets = []
    for facet in FACETS:
        if facet.name in chosen:  # disjunctive: every restriction but this facet's own
            others = base + [ids for name, ids in chosen.items() if name != facet.name]
            within = _intersect(others) if others else None
        else:
            within = matching if restrict else None
        facets.append(_counts(index, facet, selection, within))
    sort = selection.effective_sort if ranked or selection.effective_sort != RELEVANCE else NEWEST
    return FacetSearch(
        selection=selection,
        total=len(matching),
        facets=facets,
        ids=ResultIds(index, matching, sort, ranked),
        text=text,
        index=index,
    )
