"""Values as written on a page -> the keys PracticeValues takes, looked up in the vocabularies.

Every value that matches nothing is reported, never guessed."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext as _

from practicehub.catalogue.fields import FIELDS_BY_NAME
from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    OrganizationRole,
    PracticeType,
    Region,
    ScopeLevel,
)
from practicehub.catalogue.services import LinkValue, OrganizationValue

from .page import ParsedPage

_NUMBER = re.compile(r"^(?:objective|sdg|goal)?\s*#?(\d{1,2})\b", re.IGNORECASE)
_LINK_MAX = 1000


def _objective(text: str) -> int | None:
    if m := _NUMBER.match(text):
        return Objective.objects.filter(number=int(m[1])).values_list("number", flat=True).first()
    return (
        Objective.objects.filter(Q(short_label__iexact=text) | Q(title__iexact=text))
        .values_list("number", flat=True)
        .first()
    )


def _sdg(text: str) -> int | None:
    if m := _NUMBER.match(text):
        return SDG.objects.filter(number=int(m[1])).values_list("number", flat=True).first()
    return (
        SDG.objects.filter(Q(short_name__iexact=text) | Q(title__iexact=text))
        .values_list("number", flat=True)
        .first()
    )


def _principle(text: str) -> str | None:
    return (
        GuidingPrinciple.objects.filter(Q(name__iexact=text) | Q(key__iexact=text))
        .values_list("key", flat=True)
        .first()
    )


def _country(text: str) -> str | None:
    text = text.strip(" *")
    return (
        Country.objects.filter(Q(name__iexact=text) | Q(iso3__iexact=text) | Q(iso2__iexact=text))
        .values_list("iso3", flat=True)
        .first()
    )


def _region(text: str) -> str | None:
    text = text.strip(" *")
    return (
        Region.objects.filter(Q(name__iexact=text) | Q(key__iexact=text))
        .values_list("key", flat=True)
        .first()
    )


def _keyed(model: type[ScopeLevel] | type[PracticeType], text: str) -> str | None:
    return (
        model.objects.filter(Q(name__iexact=text) | Q(key__iexact=text)).values_list("key", flat=True).first()
    )


VOCABULARY_LOOKUPS: dict[str, Callable[[str], object]] = {
    "primary_objectives": _objective,
    "secondary_objectives": _objective,
    "guiding_principles": _principle,
    "sdgs": _sdg,
}


def _place_names(text: str, lookup: Callable[[str], str | None]) -> list[str] | None:
    """A name, or a list of names separated by commas or semicolons ('Korea, Republic of' stays whole)."""
    found = lookup(text)
    if found is not None:
        return [found]
    pieces = [piece.strip() for piece in re.split(r"[;,]", text) if piece.strip()]
    keys = [lookup(piece) for piece in pieces]
    if len(pieces) > 1 and all(keys):
        return [key for key in keys if key]
    return None


@dataclass
class Resolved:
    """The page's values, as PracticeValues attributes; only what the page actually gives."""

    values: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def unknown(self, what: object, value: str) -> None:
        self.warnings.append(
            _("%(what)s: “%(value)s” is not a known value; it was left out.")
            % {
                "what": what,
                "value": value,
            }
        )


def _unique(items: list[object]) -> list[object]:
    return list(dict.fromkeys(items))


def _resolve_places(page: ParsedPage, out: Resolved) -> None:
    level = ""
    regions: list[object] = []
    countries: list[object] = []
    scope_label = FIELDS_BY_NAME["geographic_scope"].label
    for text in page.scope_values:
        if not level and (key := _keyed(ScopeLevel, text)):
            level = key
        elif (keys := _place_names(text, _region)) is not None:
            regions.extend(keys)
        elif (keys := _place_names(text, _country)) is not None:
            countries.extend(keys)
        else:
            out.unknown(scope_label, text)
    for text in page.regions:
        if (keys := _place_names(text, _region)) is not None:
            regions.extend(keys)
        else:
            out.unknown(_("Regions"), text)
    for text in page.countries:
        if (keys := _place_names(text, _country)) is not None:
            countries.extend(keys)
        else:
            out.unknown(_("Countries"), text)
    for name, value in (
        ("scope_level", level),
        ("regions", _unique(regions)),
        ("countries", _unique(countries)),
    ):
        if value:
            out.values[name] = value


def _resolve_links(page: ParsedPage, out: Resolved) -> None:
    validate = URLValidator(schemes=["http", "https"])
    links = []
    for link in page.links:
        try:
            if len(link.url) > _LINK_MAX:
                raise ValidationError("too long")
            validate(link.url)
        except ValidationError:
            out.warnings.append(_("“%s” is not a web address; the link was left out.") % link.url)
            continue
        links.append(LinkValue(title=link.title, url=link.url))
    if links:
        out.values["links"] = links


def resolve_page(page: ParsedPage) -> Resolved:
    out = Resolved()
    out.values["title"] = page.title
    for name, text in page.texts.items():
        if text:
            out.values[name] = text
    for name, raw_values in page.vocabulary.items():
        lookup = VOCABULARY_LOOKUPS.get(name)
        keys: list[object] = []
        for text in raw_values:
            key = lookup(text) if lookup else None
            if key is None:
                out.unknown(FIELDS_BY_NAME[name].label, text)
            else:
                keys.append(key)
        if keys:
            out.values[name] = _unique(keys)
    if page.years is not None:
        out.values.update(
            start_year=page.years.start_year,
            end_year=None if page.years.is_ongoing else page.years.end_year,
            is_ongoing=page.years.is_ongoing,
        )
    for name, text in page.choices.items():
        if (key := _keyed(PracticeType, text)) is not None:
            out.values[name] = key
        else:
            out.unknown(FIELDS_BY_NAME[name].label, text)
    _resolve_places(page, out)
    if page.organizations:
        out.values["organizations"] = [
            OrganizationValue(
                name=org.name,
                acronym=org.acronym,
                role=OrganizationRole.PARTNER if org.role == "partner" else OrganizationRole.MAIN,
            )
            for org in page.organizations
        ]
    _resolve_links(page, out)
    out.values.update(page.dates)
    return out
