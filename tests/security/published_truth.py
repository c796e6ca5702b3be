"""The truth about published practices, counted by brute force over the database.

Every count the site shows publicly is checked against these numbers. They are computed here in plain
Python from `Practice.objects.filter(status=published)`, without the search index, the facet index or
the selectors the pages use, so a count that includes an unpublished practice cannot agree with them.

A selection is read from a query string the way the list page documents it: `q` (every word must
occur), facet parameters (values of one parameter combined with OR, parameters with AND), and the
start-year range `start_from` / `start_to`. The count after a facet value is "how many practices
have it, given your other choices": the selection without that facet's own values.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings

from practicehub.catalogue.models import OrganizationRole, Practice, PracticeStatus, Region

# Query-string parameters that choose a page or an order, not practices.
NOT_SELECTING = {"page", "sort", "page_size", "term", "filters", "format"}
# The parameters of the start-year range (facet "start").
YEAR_FROM, YEAR_TO = "start_from", "start_to"


def _regions(p: Practice) -> set[str]:
    named = {r.key for r in p.regions.all() if r.parent_id is None}
    via_subregion = {r.parent.key for r in p.regions.all() if r.parent is not None}
    via_country = {c.region.key for c in p.countries.all() if c.region is not None}
    return named | via_subregion | via_country


def _subregions(p: Practice) -> set[str]:
    named = {r.key for r in p.regions.all() if r.parent_id is not None}
    return named | {c.subregion.key for c in p.countries.all() if c.subregion is not None}


def _objectives(p: Practice, *relations: str) -> set[str]:
    return {str(o.number) for relation in relations for o in getattr(p, relation).all()}


# Facet parameter -> the value keys one practice has. Written out here, independently of the app.
KEYS: dict[str, Callable[[Practice], set[str]]] = {
    "primary": lambda p: _objectives(p, "primary_objectives"),
    "objective": lambda p: _objectives(p, "primary_objectives", "secondary_objectives"),
    "principle": lambda p: {g.key for g in p.guiding_principles.all()},
    "sdg": lambda p: {str(s.number) for s in p.sdgs.all()},
    "type": lambda p: {p.practice_type.key} if p.practice_type else set(),
    "scope": lambda p: {p.scope_level.key} if p.scope_level else set(),
    "region": _regions,
    "subregion": _subregions,
    "country": lambda p: {c.iso3 for c in p.countries.all()},
    "org_type": lambda p: {
        link.organization.org_type.key for link in p.organization_links.all() if link.organization.org_type
    },
    "implementer": lambda p: {
        str(link.organization_id) for link in p.organization_links.all() if link.role == OrganizationRole.MAIN
    },
    "organization": lambda p: {str(link.organization_id) for link in p.organization_links.all()},
    "start": lambda p: {str(p.start_year)} if p.start_year else set(),
    "ongoing": lambda p: {"yes" if p.is_ongoing else "no"},
    "language": lambda p: {p.original_language},
    "call": lambda p: {p.call.slug} if p.call is not None and p.call.is_published else set(),
}


# Facets whose values are only those of published practices (organizations, calls, languages beyond
# the interface's): the site ignores any other value given for them, as it ignores a malformed one.
KNOWN_FROM_PUBLISHED = {"organization", "implementer", "call", "language"}


def _text(p: Practice) -> str:
    """The public text a word search may find (title, long texts, organizations)."""
    parts = [
        p.title,
        p.summary,
        p.benefit_and_impact,
        p.key_lessons,
        p.recommendations,
        p.innovation,
        p.implementer_details,
        *(link.organization.name for link in p.organization_links.all()),
    ]
    return " ".join(parts).lower()


@dataclass(frozen=True)
class Query:
    """What a query string selects."""

    words: tuple[str, ...] = ()
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def of(cls, address: str | Iterable[tuple[str, str]]) -> "Query":
        pairs = parse_qsl(urlsplit(address).query) if isinstance(address, str) else list(address)
        words: list[str] = []
        values: dict[str, set[str]] = {}
        year_from = year_to = None
        for key, value in pairs:
            if key == "q":
                words += value.lower().split()
            elif key == YEAR_FROM:
                year_from = int(value)
            elif key == YEAR_TO:
                year_to = int(value)
            elif key in KEYS:
                values.setdefault(key, set()).add(_canonical(key, value))
            elif key not in NOT_SELECTING:
                raise ValueError(f"No brute-force reading of the parameter {key!r}: add it to KEYS")
        return cls(tuple(words), {k: frozenset(v) for k, v in values.items()}, year_from, year_to)


def _canonical(param: str, value: str) -> str:
    value = value.strip()
    return value.upper() if param == "country" else value.lower() if param != "start" else value


class Truth:
    """The published practices, read once; counts over them."""

    def __init__(self) -> None:
        self.practices = list(
            Practice.objects.filter(status=PracticeStatus.PUBLISHED)
            .select_related("practice_type", "scope_level", "call")
            .prefetch_related(
                "primary_objectives",
                "secondary_objectives",
                "guiding_principles",
                "sdgs",
                "regions__parent",
                "countries__region",
                "countries__subregion",
                "organization_links__organization__org_type",
            )
        )
        self._keys = {p.pk: {param: read(p) for param, read in KEYS.items()} for p in self.practices}
        self._text = {p.pk: _text(p) for p in self.practices}
        self.known = {
            param: set().union(*(self._keys[p.pk][param] for p in self.practices))
            for param in KNOWN_FROM_PUBLISHED
        }
        self.known["language"] |= {code.lower() for code, _name in settings.LANGUAGES}
        self.subregions = set(Region.objects.filter(parent__isnull=False).values_list("key", flat=True))

    def keys(self, practice: Practice, param: str) -> set[str]:
        return self._keys[practice.pk][param]

    def matches(self, p: Practice, query: Query, *, without: str | None = None) -> bool:
        if not all(word in self._text[p.pk] for word in query.words):
            return False
        for param, wanted in self.effective(query).items():
            if param != without and not self._keys[p.pk][param] & wanted:
                return False
        if without != "start" and (query.year_from is not None or query.year_to is not None):
            year = p.start_year
            if year is None:
                return False
            if query.year_from is not None and year < query.year_from:
                return False
            if query.year_to is not None and year > query.year_to:
                return False
        return True

    def effective(self, query: Query) -> dict[str, frozenset[str]]:
        """The selection's values the site takes into account (see KNOWN_FROM_PUBLISHED)."""
        values = {param: wanted & self.known.get(param, wanted) for param, wanted in query.values.items()}
        return {param: wanted for param, wanted in values.items() if wanted}

    def total(self, query: Query = Query()) -> int:
        return sum(self.matches(p, query) for p in self.practices)

    def value_count(self, query: Query, param: str, key: str) -> int:
        """The number after a facet value: practices with it, given the rest of the selection."""
        key = _canonical(param, key)
        return sum(
            self.matches(p, query, without=param) and key in self._keys[p.pk][param] for p in self.practices
        )

    def values_listed(self, query: Query, param: str) -> int:
        """The values a facet's page lists: those with practices, given the rest of the selection,
        and the ones selected."""
        found: set[str] = set(self.effective(query).get(param, ()))
        for p in self.practices:
            if self.matches(p, query, without=param):
                found |= self._keys[p.pk][param]
        return len(found)

    def organizations(self) -> int:
        return len({key for p in self.practices for key in self._keys[p.pk]["organization"]})


def browse_query(url_name: str, kwargs: Mapping[str, Any], truth: Truth) -> Query | None:
    """The selection of a browse page (/countries/MEX/ ...) or a call's page; None for other pages."""
    value = next(iter(kwargs.values()), None)
    param = {
        "discovery:objective_browse": "objective",
        "discovery:principle_browse": "principle",
        "discovery:sdg_browse": "sdg",
        "discovery:country_browse": "country",
        "discovery:call_detail": "call",
    }.get(url_name)
    if url_name == "discovery:region_browse":
        param = "subregion" if value in truth.subregions else "region"
    if param is None or value is None:
        return None
    return Query(values={param: frozenset({_canonical(param, str(value))})})
