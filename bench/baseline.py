"""The naive way, for comparison: icontains over the text fields, one COUNT query per facet value.

Same inputs and outputs as practicehub.search.counts.facet_search (a Selection in, a FacetSearch
out), so the list page renders it through the same view and template. No index is used: the text
query is LIKE over every narrative field, each facet selection is a subquery, each value of each
facet is counted with its own COUNT(*), and the page is ordered by the database.
"""

import time
from collections.abc import Iterator, Sequence
from typing import Any, overload

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.search.counts import LONG_FACET_SHOWN, FacetCounts, FacetSearch, ValueCount
from practicehub.search.facets import FACETS, Facet, FacetKind
from practicehub.search.params import NEWEST, OLDEST, START_YEAR, TITLE, Selection

TEXT_FIELDS = (
    "title",
    "summary",
    "benefit_and_impact",
    "key_lessons",
    "recommendations",
    "innovation",
    "implementer_details",
)


def _text(query: str) -> Q:
    condition = Q()
    for word in query.split():
        any_field = Q()
        for name in TEXT_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word.strip('"')})
        condition &= any_field
    return condition


def _value_q(facet: Facet, keys: Sequence[str]) -> Q:
    """Practices having any of these values of the facet (the same meaning as the registry)."""
    keys = list(keys)
    match facet.name:
        case "primary_objective":
            return Q(primary_objectives__number__in=keys)
        case "objective":
            return Q(primary_objectives__number__in=keys) | Q(secondary_objectives__number__in=keys)
        case "principle":
            return Q(guiding_principles__key__in=keys)
        case "sdg":
            return Q(sdgs__number__in=keys)
        case "type":
            return Q(practice_type__key__in=keys)
        case "scope":
            return Q(scope_level__key__in=keys)
        case "region":
            return (
                Q(regions__key__in=keys, regions__parent__isnull=True)
                | Q(regions__parent__key__in=keys)
                | Q(countries__region__key__in=keys)
            )
        case "subregion":
            return Q(regions__key__in=keys, regions__parent__isnull=False) | Q(
                countries__subregion__key__in=keys
            )
        case "country":
            return Q(countries__iso3__in=keys)
        case "org_type":
            return Q(organization_links__organization__org_type__key__in=keys)
        case "implementer":
            return Q(organization_links__organization_id__in=keys, organization_links__role="main")
        case "organization":
            return Q(organization_links__organization_id__in=keys)
        case "start_year":
            return Q(start_year__in=[int(k) for k in keys])
        case "ongoing":
            return Q(is_ongoing__in=[k == "yes" for k in keys])
        case "language":
            return Q(original_language__in=keys)
    raise ValueError(facet.name)


def _restrict(queryset: QuerySet[Practice], facet: Facet, selection: Selection) -> QuerySet[Practice]:
    if facet.kind == FacetKind.YEAR_RANGE:
        low, high = selection.range(facet)
        if low is not None:
            queryset = queryset.filter(start_year__gte=low)
        if high is not None:
            queryset = queryset.filter(start_year__lte=high)
        return queryset
    keys = selection.values(facet)
    if not keys:
        return queryset
    return queryset.filter(pk__in=Practice.objects.filter(_value_q(facet, keys)).values("pk"))


class QueryIds(Sequence[int]):
    def __init__(self, queryset: QuerySet[Practice], total: int) -> None:
        self.queryset, self.total = queryset, total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, item: int) -> int: ...
    @overload
    def __getitem__(self, item: slice) -> list[int]: ...
    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, int):
            return self[item : item + 1][0]
        return list(self.queryset.values_list("pk", flat=True)[item])

    def __iter__(self) -> Iterator[int]:
        return iter(self[0 : self.total])


ORDERING: dict[str, list[Any]] = {
    NEWEST: ["-published_at", "-id"],
    OLDEST: ["published_at", "id"],
    TITLE: [Lower("title"), "id"],
    START_YEAR: [F("start_year").desc(nulls_last=True), "-published_at", "-id"],
}


class BaselineTimeout(Exception):
    """The naive request ran past the time allowed (bench.worker --baseline-cap)."""


# perf_counter() time after which baseline_search gives up (None: never).
DEADLINE: float | None = None


def _check_deadline() -> None:
    if DEADLINE is not None and time.perf_counter() > DEADLINE:
        raise BaselineTimeout


def baseline_search(selection: Selection, **_ignored: Any) -> FacetSearch:
    base = Practice.objects.filter(status=PracticeStatus.PUBLISHED)
    if selection.q:
        base = base.filter(_text(selection.q))
    facets = []
    for facet in FACETS:
        others = base
        for other in FACETS:
            if other.name != facet.name:
                others = _restrict(others, other, selection)
        selected = set(selection.values(facet))
        values = []
        listed = facet.values()
        if facet.long:
            # Mercy for the baseline: a long facet (12,500 organizations at 100k practices) would
            # need one COUNT per value; only the selected values and as many as the sidebar shows
            # are counted, which makes the baseline faster than truly naive, never slower.
            listed = list(dict.fromkeys([v for v in listed if v[0] in selected] + listed[:LONG_FACET_SHOWN]))
        for key, label in listed:
            _check_deadline()
            count = others.filter(pk__in=Practice.objects.filter(_value_q(facet, [key])).values("pk")).count()
            if count or not facet.long or key in selected:
                values.append(ValueCount(key, label, count, key in selected))
        facets.append(FacetCounts(facet, values, selection.values(facet), selection.range(facet)))
    matching = base
    for facet in FACETS:
        matching = _restrict(matching, facet, selection)
    sort = selection.effective_sort if selection.effective_sort in ORDERING else NEWEST
    total = matching.count()
    ids = QueryIds(matching.order_by(*ORDERING[sort]), total)
    return FacetSearch(selection=selection, total=total, facets=facets, ids=ids)  # type: ignore[arg-type]
