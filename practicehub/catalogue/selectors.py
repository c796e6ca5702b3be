"""Reads of the public catalogue. Every function here returns PUBLISHED practices only, unless its
name and arguments say otherwise.

The list page reads through practice_search(): the facet registry and engine of the search app
(practicehub/search/facets.py, params.py, counts.py) give its filters, counts and order. The
browse pages, the counts on the index pages and the links on a practice's page use FILTERS below,
whose parameters are the same.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any, overload

from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from practicehub.search.counts import FacetSearch, facet_search
from practicehub.search.params import Selection
from practicehub.search.params import parse as parse_selection

from .models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)

# At most this many values of one parameter are applied (?objective=1&objective=2...).
MAX_VALUES_PER_FILTER = 25

_INT = re.compile(r"^\d{1,6}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
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


def _by_int(model: Any, field: str) -> Callable[[str], Any]:
    def resolve(raw: str) -> Any:
        raw = raw.strip()
        return model.objects.filter(**{field: int(raw)}).first() if _INT.match(raw) else None

    return resolve


def _by_slug(model: Any) -> Callable[[str], Any]:
    def resolve(raw: str) -> Any:
        raw = raw.strip().lower()
        return model.objects.filter(key=raw).first() if _SLUG.match(raw) else None

    return resolve


def _country(raw: str) -> Country | None:
    raw = raw.strip().upper()
    return Country.objects.filter(iso3=raw).first() if _ISO3.match(raw) else None


@dataclass(frozen=True)
class FilterSpec:
    """One list filter: ?<param>=<key>."""

    param: str
    label: Promise
    # The list heading when this is the only filter, with %(value)s for the value as text.
    heading: Promise
    resolve: Callable[[str], Any]
    # Lookups from Practice to the value; a practice matches if any of them does.
    paths: tuple[str, ...]
    model: Any = None

    def db_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Language) else value.pk

    def q(self, values: Iterable[Any]) -> Q:
        """Practices matching any of these values (rows of the vocabulary, or Languages)."""
        wanted = [self.db_value(v) for v in values]
        if len(self.paths) == 1:
            return Q(**{f"{self.paths[0]}__in": wanted})
        # One semi-join per path rather than OR over several joins (which multiplies rows).
        return reduce(
            or_,
            (
                Q(pk__in=Practice.objects.filter(**{f"{path}__in": wanted}).values("pk"))
                for path in self.paths
            ),
        )


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "objective",
        _("GCM objective"),
        _("Practices on objective %(value)s"),
        _by_int(Objective, "number"),
        ("primary_objectives", "secondary_objectives"),
        Objective,
    ),
    FilterSpec(
        "principle",
        _("Guiding principle"),
        _("Practices exemplifying the guiding principle %(value)s"),
        _by_slug(GuidingPrinciple),
        ("guiding_principles",),
        GuidingPrinciple,
    ),
    FilterSpec(
        "sdg",
        _("Sustainable Development Goal"),
        _("Practices contributing to %(value)s"),
        _by_int(SDG, "number"),
        ("sdgs",),
        SDG,
    ),
    FilterSpec(
        "type",
        _("Type of practice"),
        _("Practices of type %(value)s"),
        _by_slug(PracticeType),
        ("practice_type",),
        PracticeType,
    ),
    FilterSpec(
        "scope",
        _("Geographic scope"),
        _("Practices with geographic scope %(value)s"),
        _by_slug(ScopeLevel),
        ("scope_level",),
        ScopeLevel,
    ),
    FilterSpec(
        "region",
        _("Region"),
        _("Practices in %(value)s"),
        _by_slug(Region),
        # The region itself, one of its sub-regions, or a country in it.
        ("regions", "regions__parent", "countries__region", "countries__subregion"),
        Region,
    ),
    FilterSpec(
        "country",
        _("Country"),
        _("Practices in %(value)s"),
        _country,
        ("countries",),
        Country,
    ),
    FilterSpec(
        "organization",
        _("Organization"),
        _("Practices involving %(value)s"),
        _by_int(Organization, "pk"),
        ("organization_links__organization",),
        Organization,
    ),
    FilterSpec(
        "language",
        _("Language"),
        _("Practices written in %(value)s"),
        language_get,
        ("original_language",),
    ),
)
FILTERS_BY_PARAM: dict[str, FilterSpec] = {spec.param: spec for spec in FILTERS}


@dataclass(frozen=True)
class ActiveFilter:
    spec: FilterSpec
    value: Any

    @property
    def param(self) -> str:
        return self.spec.param

    @property
    def key(self) -> str:
        return str(self.value.pk if self.spec.param == "organization" else self.value.key)

    @property
    def text(self) -> str:
        return str(self.value)

    @property
    def heading(self) -> str:
        return str(self.spec.heading) % {"value": self.text}


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED)


def practices_for_listing(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """What a teaser shows, fetched in a fixed number of queries, newest first."""
    return (
        queryset.select_related("practice_type", "scope_level")
        .prefetch_related("primary_objectives", "secondary_objectives", "regions", "countries")
        .order_by("-published_at", "-id")
    )


def _getlist(params: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if getlist else params.get(name, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v for v in values if isinstance(v, str) and v.strip()][:MAX_VALUES_PER_FILTER]


def filters_parse(params: Mapping[str, Any]) -> list[ActiveFilter]:
    """The known filters in a query string, resolved; unknown or malformed values are ignored."""
    active: list[ActiveFilter] = []
    for spec in FILTERS:
        seen: set[str] = set()
        for raw in _getlist(params, spec.param):
            value = spec.resolve(raw)
            if value is None:
                continue
            found = ActiveFilter(spec, value)
            if found.key not in seen:
                seen.add(found.key)
                active.append(found)
    return active


def filters_apply(queryset: QuerySet[Practice], filters: Iterable[ActiveFilter]) -> QuerySet[Practice]:
    """Values of one parameter are alternatives (OR); different parameters all apply (AND)."""
    by_param: dict[str, list[ActiveFilter]] = {}
    for active in filters:
        by_param.setdefault(active.param, []).append(active)
    for actives in by_param.values():
        q = actives[0].spec.q([a.value for a in actives])
        queryset = queryset.filter(pk__in=Practice.objects.filter(q).values("pk"))
    return queryset


# Long fields a list item does not show, left unread (they make most of a row's size).
TEASER_SKIPS = (
    "benefit_and_impact",
    "key_lessons",
    "recommendations",
    "innovation",
    "implementer_details",
    "focal_point_name",
    "focal_point_email",
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
        rows = practices_for_listing(published_practices().filter(pk__in=page_ids)).defer(*TEASER_SKIPS)
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


def practice_counts_by_value(param: str) -> dict[Any, int]:
    """For each value of a filter (by primary key, or language code), how many published practices
    it matches. One query: the distinct (value, practice) pairs over every path, counted by value."""
    spec = FILTERS_BY_PARAM[param]
    base = published_practices().order_by()
    pairs = [base.values(v=F(path), p=F("pk")) for path in spec.paths]
    union = pairs[0].union(*pairs[1:]) if len(pairs) > 1 else pairs[0].distinct()
    sql, params = union.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pairs.v, COUNT(*) FROM ({sql}) pairs WHERE pairs.v IS NOT NULL GROUP BY pairs.v",  # noqa: S608
            params,
        )
        return dict(cursor.fetchall())


def vocabulary_with_counts(param: str, *, only_used: bool = False) -> list[Any]:
    """The rows of the vocabulary behind a filter, each with `practice_count` (published only)."""
    spec = FILTERS_BY_PARAM[param]
    counts = practice_counts_by_value(param)
    rows = spec.model.objects.all()
    if only_used:
        rows = rows.filter(pk__in=list(counts))
    found = list(rows)
    for row in found:
        row.practice_count = counts.get(row.pk, 0)
    return found


def objectives_with_counts() -> list[Objective]:
    return vocabulary_with_counts("objective")


def regions_with_counts() -> list[tuple[Region, list[Region]]]:
    """Each region with its sub-regions, every row with its `practice_count` (published only)."""
    rows = vocabulary_with_counts("region")
    return [
        (region, [sub for sub in rows if sub.parent_id == region.pk])
        for region in rows
        if region.parent_id is None
    ]


def countries_with_counts() -> list[Country]:
    """Countries that have at least one published practice, with their region."""
    counts = practice_counts_by_value("country")
    countries = list(Country.objects.filter(pk__in=list(counts)).select_related("region").order_by("name"))
    for country in countries:
        country.practice_count = counts[country.pk]  # type: ignore[attr-defined]
    return countries
