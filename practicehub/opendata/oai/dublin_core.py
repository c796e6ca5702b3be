"""A published practice as simple Dublin Core (oai_dc), built from public fields only.

title, creator (main implementing organizations), contributor (other and partner organizations),
subject (GCM objectives, guiding principles, SDGs), description (the summary as plain text with its
paragraphs: core/text.py plain_text), date (published), type (DCMI "Text" and the type of practice),
coverage (regions and countries, and the years), language, identifier (the practice's page),
relation (its links), publisher (the site's name).
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from practicehub.catalogue.models import OrganizationRole, Practice
from practicehub.core.text import plain_text

from .xml import DC_NS, OAI_DC_NS, XSI_NS, element

OAI_DC_PREFIX = "oai_dc"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def _objective(objective: object) -> str:
    number = getattr(objective, "number", "")
    label = getattr(objective, "short_label", "")
    return _("GCM objective %(number)s: %(label)s") % {"number": number, "label": label}


def dublin_core_values(practice: Practice, *, url: str) -> list[tuple[str, str, str]]:
    """The (element, value, xml:lang) triples of a practice's record, in a fixed order."""
    language = practice.original_language
    values: list[tuple[str, str, str]] = [("title", practice.title, language)]
    links = list(practice.organization_links.all())
    values += [
        ("creator", str(link.organization), "") for link in links if link.role == OrganizationRole.MAIN
    ]
    objectives = list(practice.primary_objectives.all())
    objectives += [o for o in practice.secondary_objectives.all() if o not in objectives]
    values += [("subject", _objective(o), "") for o in objectives]
    values += [("subject", str(p), "") for p in practice.guiding_principles.all()]
    values += [("subject", str(s), "") for s in practice.sdgs.all()]
    if practice.summary.strip():
        values.append(("description", plain_text(practice.summary), language))
    values.append(("publisher", str(settings.PRACTICEHUB_SITE_NAME), ""))
    values += [
        ("contributor", str(link.organization), "") for link in links if link.role != OrganizationRole.MAIN
    ]
    if practice.published_at:
        values.append(("date", practice.published_at.date().isoformat(), ""))
    values.append(("type", "Text", ""))
    if practice.practice_type_id:
        values.append(("type", str(practice.practice_type), ""))
    values.append(("identifier", url, ""))
    values += [("relation", link.url, "") for link in practice.links.all()]
    values.append(("language", language, ""))
    values += [("coverage", str(r), "") for r in practice.regions.all()]
    values += [("coverage", str(c), "") for c in practice.countries.all()]
    if practice.dates_display:
        values.append(("coverage", str(practice.dates_display), ""))
    return values


def dublin_core(practice: Practice, *, url_for: Callable[[Practice], str]) -> ET.Element:
    """The <oai_dc:dc> element of a practice."""
    root = ET.Element(
        f"{{{OAI_DC_NS}}}dc",
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
    )
    for name, value, language in dublin_core_values(practice, url=url_for(practice)):
        attributes = {"{http://www.w3.org/XML/1998/namespace}lang": language} if language else {}
        element(root, f"{{{DC_NS}}}{name}", value, attributes)
    return root
