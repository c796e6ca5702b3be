"""The facets of the practice list, declared once.

Each facet says how its query parameter looks, how a raw value is normalised to a key, which
values exist (with labels, in display order, from the vocabulary tables) and how to read every
(practice id, value key) pair of the published practices in one query. The sidebar, the
query-string parser (params.py), the counting engine (counts.py) and later the API and the
exports all read FACETS, so a facet is added or changed here only.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.models import OrganizationType, PracticeType, ScopeLevel

from . import facet_sources as src
from .facet_sources import Label, Pairs, published

__all__ = [
    "FACETS",
    "FACETS_BY_NAME",
    "FACETS_BY_PARAM",
    "MAX_VALUES_PER_FACET",
    "YEAR_MAX",
    "YEAR_MIN",
    "Facet",
    "FacetKind",
    "Label",
    "Pairs",
    "published",
]


class FacetKind(StrEnum):
    MULTI = "multi"  # any number of values, combined with OR
    YEAR_RANGE = "year_range"  # a from/to range over the values (years)
    BOOLEAN = "boolean"  # two fixed values (yes/no), combined with OR


# At most this many values of one facet are read from a query string.
MAX_VALUES_PER_FACET = 25
YEAR_MIN, YEAR_MAX = 1900, 2100

_INT = re.compile(r"[0-9]{1,9}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_ISO3 = re.compile(r"[A-Z]{3}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}")
_CALL_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


def _number(raw: str) -> str | None:
    raw = raw.strip()
    return str(int(raw)) if _INT.fullmatch(raw) else None


def _slug(raw: str) -> str | None:
    raw = raw.strip().lower()
    return raw if _SLUG.fullmatch(raw) else None


def _iso3(raw: str) -> str | None:
    raw = raw.strip().upper()
    return raw if _ISO3.fullmatch(raw) else None


def _language(raw: str) -> str | None:
    raw = raw.strip().lower()
    return raw if _LANGUAGE.fullmatch(raw) else None


def _year(raw: str) -> str | None:
    raw = raw.strip()
    if not re.fullmatch(r"[0-9]{4}", raw):
        return None
    return raw if YEAR_MIN <= int(raw) <= YEAR_MAX else None


def _call_slug(raw: str) -> str | None:
    """A call's address as it is stored (a slug of up to 220 characters, case kept)."""
    raw = raw.strip()
    return raw if _CALL_SLUG.fullmatch(raw) else None


def _yes_no(raw: str) -> str | None:
    raw = raw.strip().lower()
    return raw if raw in {"yes", "no"} else None


@dataclass(frozen=True)
class Facet:
    name: str
    param: str
    label: Promise
    kind: FacetKind
    # A raw query-string value -> the value's key, or None when it is malformed.
    normalize: Callable[[str], str | None]
    # Every value as (key, label), in display order. Labels are text, never ids.
    values: Callable[[], list[tuple[str, Label]]]
    # (practice id, value key) for every published practice, read in one query.
    pairs: Callable[[], Pairs]
    # Many values: the sidebar collapses it and offers a filter box; values without
    # practices are left out.
    long: bool = False
    # Values are numbers: sort them as numbers in canonical query strings.
    numeric: bool = False
    # Other parameters whose values may belong to this facet (a sub-region linked as ?region=).
    aliases: tuple[str, ...] = ()
    help_text: Promise | str = ""
    # The list page's heading when this facet is the only filter, with %(value)s for the value.
    heading: Promise | str = ""
    # Shown unfolded in the sidebar even when nothing is selected in it.
    open: bool = False
    # Left out of the sidebar while it has no value at all (no call has a published practice yet).
    hide_empty: bool = False

    @property
    def range_params(self) -> tuple[str, str]:
        """The two parameters of a range facet: ?<param>_from=&<param>_to=."""
        return f"{self.param}_from", f"{self.param}_to"

    def sort_key(self, key: str) -> tuple[int, str]:
        return (int(key), "") if self.numeric and key.isdigit() else (0, key)


FACETS: tuple[Facet, ...] = (
    Facet(
        "primary_objective",
        "primary",
        _("Primary GCM objective"),
        FacetKind.MULTI,
        _number,
        src.objective_values,
        src.m2m_pairs("primary_objectives", "objective__number"),
        numeric=True,
        heading=_("Practices with primary objective %(value)s"),
    ),
    Facet(
        "objective",
        "objective",
        _("Any GCM objective (primary or secondary)"),
        FacetKind.MULTI,
        _number,
        src.objective_values,
        src.any_objective_pairs,
        numeric=True,
        heading=_("Practices on objective %(value)s"),
        open=True,
    ),
    Facet(
        "principle",
        "principle",
        _("GCM guiding principle"),
        FacetKind.MULTI,
        _slug,
        src.principle_values,
        src.m2m_pairs("guiding_principles", "guidingprinciple__key"),
        heading=_("Practices exemplifying the guiding principle %(value)s"),
    ),
    Facet(
        "sdg",
        "sdg",
        _("Sustainable Development Goal"),
        FacetKind.MULTI,
        _number,
        src.sdg_values,
        src.m2m_pairs("sdgs", "sdg__number"),
        numeric=True,
        heading=_("Practices contributing to %(value)s"),
    ),
    Facet(
        "type",
        "type",
        _("Type of practice"),
        FacetKind.MULTI,
        _slug,
        src.keyed_values(PracticeType),
        src.field_pairs("practice_type__key"),
        heading=_("Practices of type %(value)s"),
        open=True,
    ),
    Facet(
        "scope",
        "scope",
        _("Geographic scope"),
        FacetKind.MULTI,
        _slug,
        src.keyed_values(ScopeLevel, ("position",)),
        src.field_pairs("scope_level__key"),
        heading=_("Practices with geographic scope %(value)s"),
    ),
    Facet(
        "region",
        "region",
        _("Region"),
        FacetKind.MULTI,
        _slug,
        src.region_values,
        src.region_pairs,
        help_text=_("Includes practices in the region's sub-regions and countries."),
        heading=_("Practices in %(value)s"),
        open=True,
    ),
    Facet(
        "subregion",
        "subregion",
        _("Sub-region"),
        FacetKind.MULTI,
        _slug,
        src.subregion_values,
        src.subregion_pairs,
        aliases=("region",),
        help_text=_("Includes practices in the sub-region's countries."),
        heading=_("Practices in %(value)s"),
    ),
    Facet(
        "country",
        "country",
        _("Country"),
        FacetKind.MULTI,
        _iso3,
        src.country_values,
        src.m2m_pairs("countries", "country__iso3"),
        long=True,
        heading=_("Practices in %(value)s"),
    ),
    Facet(
        "org_type",
        "org_type",
        _("Organization type"),
        FacetKind.MULTI,
        _slug,
        src.keyed_values(OrganizationType),
        src.organization_type_pairs,
        help_text=_("The type of any organization taking part."),
        heading=_("Practices involving an organization of type %(value)s"),
    ),
    Facet(
        "implementer",
        "implementer",
        _("Main implementing organization"),
        FacetKind.MULTI,
        _number,
        src.main_implementer_values,
        src.organization_pairs(main_only=True),
        long=True,
        numeric=True,
        heading=_("Practices implemented by %(value)s"),
    ),
    Facet(
        "organization",
        "organization",
        _("Any organization (implementer, partner or donor)"),
        FacetKind.MULTI,
        _number,
        src.organization_values,
        src.organization_pairs(main_only=False),
        long=True,
        numeric=True,
        heading=_("Practices involving %(value)s"),
    ),
    Facet(
        "start_year",
        "start",
        _("Start year"),
        FacetKind.YEAR_RANGE,
        _year,
        src.year_values,
        src.field_pairs("start_year"),
        numeric=True,
        heading=_("Practices started %(value)s"),
    ),
    Facet(
        "ongoing",
        "ongoing",
        _("Ongoing or completed"),
        FacetKind.BOOLEAN,
        _yes_no,
        src.ongoing_values,
        src.ongoing_pairs,
        heading=_("%(value)s practices"),
    ),
    Facet(
        "language",
        "language",
        _("Language of the original text"),
        FacetKind.MULTI,
        _language,
        src.language_values,
        src.field_pairs("original_language"),
        heading=_("Practices written in %(value)s"),
    ),
    Facet(
        "call",
        "call",
        _("Call for practices"),
        FacetKind.MULTI,
        _call_slug,
        src.call_values,
        src.call_pairs,
        help_text=_("The published call that a practice answered."),
        heading=_("Practices answering the call “%(value)s”"),
        hide_empty=True,
    ),
)

FACETS_BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
FACETS_BY_PARAM: dict[str, Facet] = {f.param: f for f in FACETS}
assert len(FACETS_BY_PARAM) == len(FACETS), "two facets share a query parameter"
