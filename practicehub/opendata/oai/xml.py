"""The OAI-PMH response envelope, written with the standard library's ElementTree.

Every text and attribute goes through xml_text(): a harvester's arguments are echoed in <request>,
and neither they nor a practice's texts may break the document.
"""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from practicehub.core.xmltext import xml_text

from .arguments import datestamp

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

for _prefix, _uri in (
    ("", OAI_NS),
    ("oai_dc", OAI_DC_NS),
    ("dc", DC_NS),
    ("xsi", XSI_NS),
    ("oai-identifier", OAI_IDENTIFIER_NS),
):
    ET.register_namespace(_prefix, _uri)


def oai(tag: str) -> str:
    return f"{{{OAI_NS}}}{tag}"


def element(
    parent: ET.Element, tag: str, text: object = None, attributes: dict[str, str] | None = None
) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in (attributes or {}).items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def envelope(*, base_url: str, request_arguments: dict[str, str]) -> ET.Element:
    """<OAI-PMH> with responseDate and request; the caller adds the verb's element or errors."""
    root = ET.Element(oai("OAI-PMH"), {f"{{{XSI_NS}}}schemaLocation": f"{OAI_NS} {OAI_SCHEMA}"})
    element(root, oai("responseDate"), datestamp(datetime.now(UTC)))
    element(root, oai("request"), base_url, request_arguments)
    return root


def serialize(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
