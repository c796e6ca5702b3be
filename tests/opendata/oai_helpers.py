"""Requests to the OAI-PMH endpoint and reading its answers."""

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
UTC_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
ERROR_CODES = {
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
}


def oai_url() -> str:
    return reverse("opendata:oai")


def oai(
    client: Any, params: dict[str, Any] | list[tuple[str, str]] | None = None, *, post: bool = False
) -> ET.Element:
    """The parsed answer; checks what every answer must have (section 3.2)."""
    if post:  # as harvesters send it: form-encoded
        body = urlencode(params or {})
        response = client.post(oai_url(), body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.get(oai_url(), params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    children = [child.tag.split("}")[1] for child in root]
    assert children[:2] == ["responseDate", "request"]
    assert UTC_SECONDS.match(root.findtext("o:responseDate", namespaces=NS) or "")
    assert (root.findtext("o:request", namespaces=NS) or "").endswith(oai_url())
    return root


def error_codes(root: ET.Element) -> list[str]:
    return [e.get("code", "") for e in root.findall("o:error", NS)]


def request_attributes(root: ET.Element) -> dict[str, str]:
    found = root.find("o:request", NS)
    assert found is not None
    return dict(found.attrib)


def identifiers(root: ET.Element) -> list[str]:
    return [h.findtext("o:identifier", namespaces=NS) or "" for h in root.iter(f"{{{NS['o']}}}header")]


def token_of(root: ET.Element) -> ET.Element | None:
    return next(root.iter(f"{{{NS['o']}}}resumptionToken"), None)


def harvest_all(client: Any, verb: str, **arguments: str) -> tuple[list[str], list[ET.Element]]:
    """Every identifier of a list request, following resumption tokens; and each page's token."""
    found: list[str] = []
    tokens: list[ET.Element] = []
    root = oai(client, {"verb": verb, **arguments})
    for _ in range(1000):
        assert not error_codes(root), error_codes(root)
        found += identifiers(root)
        token = token_of(root)
        if token is None:
            break
        tokens.append(token)
        if not (token.text or "").strip():
            break
        root = oai(client, {"verb": verb, "resumptionToken": token.text})
    return found, tokens


def identifier_for(practice: Any) -> str:
    return f"oai:testserver:practice/{practice.pk}"
