"""schema.org JSON-LD for a published practice's page, built from public fields only.

The practice is a CreativeWork: name, description (summary without markup), url, dates, language,
keywords (GCM objectives, guiding principles, SDGs, type of practice), spatialCoverage (regions and
countries), temporalCoverage (its years), author (main implementing organizations) and contributor
(other and partner organizations). `jsonld_script` writes it into a <script type="application/ld+json">
with <, > and & escaped, as Django's json_script does, so no text can close the script element.
"""

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from practicehub.catalogue.models import Organization, OrganizationRole, Practice
from practicehub.core.text import plain_excerpt

# Longer descriptions are cut at a word boundary (search engines show far less).
DESCRIPTION_LENGTH = 1000

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organization(organization: Organization) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": organization.name}
    if organization.acronym:
        found["alternateName"] = organization.acronym
    if organization.website:
        found["url"] = organization.website
    return found


def _temporal_coverage(practice: Practice) -> str:
    if not practice.start_year:
        return ""
    if practice.is_ongoing:
        return f"{practice.start_year}/.."
    if practice.end_year and practice.end_year != practice.start_year:
        return f"{practice.start_year}/{practice.end_year}"
    return str(practice.start_year)


def practice_jsonld(practice: Practice, *, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """The JSON-LD object of a practice; `absolute_url` turns a path into a full address."""
    url = absolute_url(practice.get_absolute_url())
    objectives = list(practice.primary_objectives.all())
    objectives += [o for o in practice.secondary_objectives.all() if o not in objectives]
    keywords = [
        _("GCM objective %(number)s: %(label)s") % {"number": o.number, "label": o.short_label}
        for o in objectives
    ]
    keywords += [str(p) for p in practice.guiding_principles.all()]
    keywords += [str(s) for s in practice.sdgs.all()]
    if practice.practice_type_id:
        keywords.append(str(practice.practice_type))
    links = list(practice.organization_links.all())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": practice.title,
        "inLanguage": practice.original_language,
        "isAccessibleForFree": True,
        "publisher": {
            "@type": "Organization",
            "name": str(settings.PRACTICEHUB_SITE_NAME),
            "url": absolute_url("/"),
        },
    }
    if practice.summary.strip():
        data["description"] = plain_excerpt(practice.summary, DESCRIPTION_LENGTH)
    if practice.practice_type_id:
        data["genre"] = str(practice.practice_type)
    data["dateCreated"] = (practice.submitted_on or practice.created_at.date()).isoformat()
    if practice.published_at:
        data["datePublished"] = practice.published_at.isoformat()
    data["dateModified"] = practice.updated_at.isoformat()
    if keywords:
        data["keywords"] = keywords
    places = [{"@type": "Place", "name": str(r)} for r in practice.regions.all()]
    places += [{"@type": "Country", "name": c.name, "identifier": c.iso3} for c in practice.countries.all()]
    if places:
        data["spatialCoverage"] = places
    if temporal := _temporal_coverage(practice):
        data["temporalCoverage"] = temporal
    authors = [_organization(link.organization) for link in links if link.role == OrganizationRole.MAIN]
    others = [_organization(link.organization) for link in links if link.role != OrganizationRole.MAIN]
    if authors:
        data["author"] = authors
    if others:
        data["contributor"] = others
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """<script type="application/ld+json"> with the data, safe to put anywhere in a page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
