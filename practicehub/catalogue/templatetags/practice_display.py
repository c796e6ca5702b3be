"""How a practice's values are shown: one row per public field, in the order of
catalogue/fields.py, each rendered by templates/catalogue/fields/<kind>.html.

A new field in fields.py appears on the page without a template change; a new kind of field needs
one partial and, if its value is not a plain attribute, one entry in VALUE_BUILDERS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import template
from django.core.paginator import Page
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.fields import FIELDS_BY_NAME, PUBLIC_FIELDS, Kind, PracticeField
from practicehub.catalogue.models import Objective, OrganizationRole, Practice
from practicehub.catalogue.selectors import language_get
from practicehub.core.text import plain_excerpt, render_long_text

register = template.Library()

# Words shown under a field's value on the public page, keyed by field name.
FIELD_NOTES: dict[str, Any] = {
    "guiding_principles": _(
        "Every practice in the repository upholds all ten guiding principles of the Global Compact. "
        "The principles listed here are the ones this practice particularly exemplifies."
    ),
}

ROLE_HEADINGS: dict[str, Any] = {
    OrganizationRole.MAIN: _("Main Implementing Organization(s)"),
    OrganizationRole.OTHER: _("Other Organizations"),
    OrganizationRole.PARTNER: _("Partner/Donor Organizations"),
}


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class FieldRow:
    field: PracticeField
    value: Any
    note: Any = ""

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def label(self) -> Any:
        return self.field.label

    @property
    def template(self) -> str:
        return f"catalogue/fields/{self.field.kind}.html"


def filter_url(param: str, key: Any) -> str:
    """The practice list filtered by one value."""
    return f"{reverse('discovery:practice_list')}?{urlencode({param: key})}"


def _vocabulary_links(practice: Practice, field: PracticeField) -> list[Link]:
    return [
        Link(str(row), filter_url(field.filter_param, row.key)) for row in getattr(practice, field.name).all()
    ]


def _choice_link(row: Any, param: str) -> Link | None:
    return Link(str(row), filter_url(param, row.key)) if row else None


def _choice(practice: Practice, field: PracticeField) -> Link | None:
    return _choice_link(getattr(practice, field.name), field.filter_param)


def _scope(practice: Practice, field: PracticeField) -> dict[str, Any] | None:
    level = _choice_link(practice.scope_level, "scope")
    regions = [Link(str(r), filter_url("region", r.key)) for r in practice.regions.all()]
    countries = [Link(str(c), filter_url("country", c.iso3)) for c in practice.countries.all()]
    if not (level or regions or countries):
        return None
    return {"level": level, "regions": regions, "countries": countries}


def _organizations(practice: Practice, field: PracticeField) -> list[dict[str, Any]]:
    links = list(practice.organization_links.all())
    sections: list[dict[str, Any]] = []
    for role in (OrganizationRole.MAIN, OrganizationRole.OTHER, OrganizationRole.PARTNER):
        orgs = [
            Link(str(link.organization), filter_url(field.filter_param, link.organization_id))
            for link in links
            if link.role == role
        ]
        if orgs:
            sections.append({"heading": ROLE_HEADINGS[role], "organizations": orgs, "text": ""})
        if role == OrganizationRole.MAIN and practice.implementer_details.strip():
            sections.append(
                {
                    "heading": _("Detailed Information"),
                    "organizations": [],
                    "text": render_long_text(practice.implementer_details),
                }
            )
    return sections


def _resources(practice: Practice, field: PracticeField) -> dict[str, Any] | None:
    links = list(practice.links.all())
    documents = [doc for doc in practice.documents.all() if doc.file]
    return {"links": links, "documents": documents} if links or documents else None


def _language(practice: Practice, field: PracticeField) -> Link | None:
    code = getattr(practice, field.name)
    if not code:
        return None
    language = language_get(code)
    return Link(str(language) if language else code, filter_url(field.filter_param, code))


def _long_text(practice: Practice, field: PracticeField) -> Any:
    return render_long_text(getattr(practice, field.name))


def _dates(practice: Practice, field: PracticeField) -> str:
    return practice.dates_display


def _attribute(practice: Practice, field: PracticeField) -> Any:
    return getattr(practice, field.name, None)


VALUE_BUILDERS: dict[Kind, Callable[[Practice, PracticeField], Any]] = {
    Kind.OBJECTIVES: _vocabulary_links,
    Kind.VOCABULARY: _vocabulary_links,
    Kind.CHOICE: _choice,
    Kind.DATES: _dates,
    Kind.SCOPE: _scope,
    Kind.LONG_TEXT: _long_text,
    Kind.ORGANIZATIONS: _organizations,
    Kind.RESOURCES: _resources,
    Kind.LANGUAGE: _language,
}


def practice_field_rows(practice: Practice) -> list[FieldRow]:
    """The public fields that have a value, in page order. The title is the page heading."""
    rows = []
    for field in PUBLIC_FIELDS:
        if field.kind == Kind.TITLE:
            continue
        value = VALUE_BUILDERS.get(field.kind, _attribute)(practice, field)
        if value in (None, "", [], {}):
            continue
        rows.append(FieldRow(field, value, FIELD_NOTES.get(field.name, "")))
    return rows


register.simple_tag(practice_field_rows, name="practice_field_rows")


@register.simple_tag
def practice_objectives(practice: Practice) -> list[Objective]:
    """Primary then secondary objectives, each once (uses prefetched rows)."""
    seen: dict[int, Objective] = {}
    for objective in [*practice.primary_objectives.all(), *practice.secondary_objectives.all()]:
        seen.setdefault(objective.pk, objective)
    return list(seen.values())


@register.simple_tag
def practice_places(practice: Practice) -> list[str]:
    """Where a practice is implemented, as text: its countries, else its regions, else its scope."""
    countries = [str(c) for c in practice.countries.all()]
    if countries:
        return countries
    regions = [str(r) for r in practice.regions.all()]
    return regions


@register.simple_tag
def filter_link(param: str, key: Any) -> str:
    return filter_url(param, key)


@register.simple_tag
def field_label(name: str) -> Any:
    """A field's label, as catalogue/fields.py defines it."""
    return FIELDS_BY_NAME[name].label


@register.filter
def excerpt(text: str, length: int = 240) -> str:
    """The first words of a long text as plain text, without its markup."""
    return plain_excerpt(text or "", int(length))


@register.simple_tag
def page_links(page_obj: Page) -> list[Any]:
    """Page numbers around the current one, with Paginator.ELLIPSIS where pages are skipped."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.filter
def text_direction(language_code: str) -> str:
    """ "rtl" or "ltr" for text written in this language, whatever the interface language is."""
    try:
        return "rtl" if get_language_info(language_code or "")["bidi"] else "ltr"
    except KeyError:
        return "auto"
