"""The OAI-PMH endpoint: GET or POST, one answer per verb, errors as the protocol defines them.

Answers are always in the site's default language, whatever the harvester's headers say, so that
the same request gives the same record.
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from practicehub.catalogue.models import Practice

from . import records
from .arguments import (
    GRANULARITY,
    RESUMPTION_TOKEN,
    OAIRequest,
    datestamp,
    harvest_from,
    parse_request,
)
from .dublin_core import OAI_DC_PREFIX, OAI_DC_SCHEMA, dublin_core
from .errors import ARGUMENT_ERRORS, ErrorCode, OAIError
from .tokens import TOKEN_LIFETIME, ListPosition, token_decode, token_encode
from .xml import (
    DC_NS,
    OAI_DC_NS,
    OAI_IDENTIFIER_NS,
    OAI_IDENTIFIER_SCHEMA,
    XSI_NS,
    element,
    envelope,
    oai,
    serialize,
)

PROTOCOL_VERSION = "2.0"
DELETED_RECORD = "transient"
# Records per page of ListRecords, and headers per page of ListIdentifiers.
RECORDS_PER_PAGE = 50
HEADERS_PER_PAGE = 200


class Endpoint:
    """One request: the repository's namespace and addresses, and the answer being built."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("opendata:oai"))
        self.namespace = records.oai_namespace()

    def url_for(self, practice: Practice) -> str:
        return self.request.build_absolute_uri(practice.get_absolute_url())

    def header(self, parent: ET.Element, practice: Practice) -> None:
        attributes = {"status": "deleted"} if records.is_deleted(practice) else {}
        header = element(parent, oai("header"), None, attributes)
        element(header, oai("identifier"), records.oai_identifier(self.namespace, practice.pk))
        element(header, oai("datestamp"), datestamp(practice.updated_at))
        for spec in records.set_specs(practice):
            element(header, oai("setSpec"), spec)

    def record(self, parent: ET.Element, practice: Practice) -> None:
        record = element(parent, oai("record"))
        self.header(record, practice)
        if not records.is_deleted(practice):
            metadata = element(record, oai("metadata"))
            metadata.append(dublin_core(practice, url_for=self.url_for))

    def practice_of(self, identifier: str) -> Practice:
        pk = records.practice_id_from(identifier, self.namespace)
        practice = records.practice_for_record(pk) if pk is not None else None
        if practice is None:
            raise OAIError(ErrorCode.ID_DOES_NOT_EXIST, "No record has this identifier.")
        return practice

    # The verbs. Each adds its element to the response, or raises OAIError.

    def identify(self, root: ET.Element, request: OAIRequest) -> None:
        earliest = records.earliest_datestamp() or datetime.now(UTC)
        identify = element(root, oai("Identify"))
        element(identify, oai("repositoryName"), settings.PRACTICEHUB_SITE_NAME)
        element(identify, oai("baseURL"), self.base_url)
        element(identify, oai("protocolVersion"), PROTOCOL_VERSION)
        element(identify, oai("adminEmail"), _admin_email())
        element(identify, oai("earliestDatestamp"), datestamp(earliest))
        element(identify, oai("deletedRecord"), DELETED_RECORD)
        element(identify, oai("granularity"), GRANULARITY)
        description = element(identify, oai("description"))
        ident = element(
            description,
            f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
            None,
            {f"{{{XSI_NS}}}schemaLocation": f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}"},
        )
        element(ident, f"{{{OAI_IDENTIFIER_NS}}}scheme", "oai")
        element(ident, f"{{{OAI_IDENTIFIER_NS}}}repositoryIdentifier", self.namespace)
        element(ident, f"{{{OAI_IDENTIFIER_NS}}}delimiter", ":")
        element(ident, f"{{{OAI_IDENTIFIER_NS}}}sampleIdentifier", records.oai_identifier(self.namespace, 1))

    def list_metadata_formats(self, root: ET.Element, request: OAIRequest) -> None:
        identifier = request.get("identifier")
        if identifier is not None:
            practice = self.practice_of(identifier)
            if records.is_deleted(practice):
                raise OAIError(ErrorCode.NO_METADATA_FORMATS, "A deleted record has no metadata.")
        formats = element(root, oai("ListMetadataFormats"))
        metadata_format = element(formats, oai("metadataFormat"))
        element(metadata_format, oai("metadataPrefix"), OAI_DC_PREFIX)
        element(metadata_format, oai("schema"), OAI_DC_SCHEMA)
        element(metadata_format, oai("metadataNamespace"), OAI_DC_NS)

    def list_sets(self, root: ET.Element, request: OAIRequest) -> None:
        if request.get(RESUMPTION_TOKEN) is not None:
            # The list of sets always fits on one page, so no token was ever given out.
            raise OAIError(ErrorCode.BAD_RESUMPTION_TOKEN, "The resumption token is invalid.")
        sets = element(root, oai("ListSets"))
        for oai_set in records.oai_sets():
            node = element(sets, oai("set"))
            element(node, oai("setSpec"), oai_set.spec)
            element(node, oai("setName"), oai_set.name)
            if oai_set.description:
                description = element(node, oai("setDescription"))
                dc = element(
                    description,
                    f"{{{OAI_DC_NS}}}dc",
                    None,
                    {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
                )
                element(dc, f"{{{DC_NS}}}description", oai_set.description)

    def get_record(self, root: ET.Element, request: OAIRequest) -> None:
        practice = self.practice_of(request.get("identifier") or "")
        _check_format(request.get("metadataPrefix") or "")
        self.record(element(root, oai("GetRecord")), practice)

    def list_identifiers(self, root: ET.Element, request: OAIRequest) -> None:
        self._list(root, request, metadata=False)

    def list_records(self, root: ET.Element, request: OAIRequest) -> None:
        self._list(root, request, metadata=True)

    def _list(self, root: ET.Element, request: OAIRequest, *, metadata: bool) -> None:
        token = request.get(RESUMPTION_TOKEN)
        position: ListPosition | None = None
        if token is not None:
            position = token_decode(token, verb=request.verb)
            harvest = position.harvest
        else:
            harvest = harvest_from(request)
            _check_format(harvest.metadata_prefix)
        queryset = records.harvest_queryset(harvest)
        size = RECORDS_PER_PAGE if metadata else HEADERS_PER_PAGE
        page, more = (
            records.page_after(queryset, position.after if position else None, size, metadata=metadata)
            if queryset is not None
            else ([], False)
        )
        if not page:
            # Also when the records a token pointed to were withdrawn since: the list has ended.
            raise OAIError(ErrorCode.NO_RECORDS_MATCH, "No record matches these arguments.")
        listing = element(root, oai("ListRecords" if metadata else "ListIdentifiers"))
        for practice in page:
            if metadata:
                self.record(listing, practice)
            else:
                self.header(listing, practice)
        cursor = position.cursor if position else 0
        if position is None and not more:
            return  # a complete list needs no token
        complete_size = str(queryset.count()) if queryset is not None else "0"
        attributes = {"cursor": str(cursor), "completeListSize": complete_size}
        if more:
            last = page[-1]
            next_position = ListPosition(
                verb=request.verb,
                harvest=harvest,
                cursor=cursor + len(page),
                after=(last.updated_at, last.pk),
            )
            attributes["expirationDate"] = datestamp(datetime.now(UTC) + TOKEN_LIFETIME)
            element(listing, oai("resumptionToken"), token_encode(next_position), attributes)
        else:
            element(listing, oai("resumptionToken"), None, attributes)


def _check_format(prefix: str) -> None:
    if prefix != OAI_DC_PREFIX:
        raise OAIError(ErrorCode.CANNOT_DISSEMINATE_FORMAT, "This repository only disseminates oai_dc.")


def _admin_email() -> str:
    configured = getattr(settings, "PRACTICEHUB_OAI_ADMIN_EMAIL", "")
    if configured:
        return str(configured)
    if settings.ADMINS:
        return str(settings.ADMINS[0][1])
    sender = str(settings.DEFAULT_FROM_EMAIL)
    return sender.rsplit("<", 1)[-1].rstrip(">").strip()


_VERBS: dict[str, Callable[[Endpoint, ET.Element, OAIRequest], None]] = {
    "Identify": Endpoint.identify,
    "ListMetadataFormats": Endpoint.list_metadata_formats,
    "ListSets": Endpoint.list_sets,
    "GetRecord": Endpoint.get_record,
    "ListIdentifiers": Endpoint.list_identifiers,
    "ListRecords": Endpoint.list_records,
}


@csrf_exempt  # harvesters POST form-encoded arguments without a session; nothing is written
@require_http_methods(["GET", "HEAD", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    endpoint = Endpoint(request)
    with translation.override(settings.LANGUAGE_CODE):
        root = _answer(endpoint, params.lists())
    return HttpResponse(serialize(root), content_type="text/xml; charset=utf-8")


def _answer(endpoint: Endpoint, pairs: Iterable[tuple[str, list[str]]]) -> ET.Element:
    try:
        oai_request = parse_request(pairs)
    except OAIError as error:
        return _error(endpoint, error, {})
    echoed = {"verb": oai_request.verb, **oai_request.arguments}
    root = envelope(base_url=endpoint.base_url, request_arguments=echoed)
    try:
        _VERBS[oai_request.verb](endpoint, root, oai_request)
    except OAIError as error:
        return _error(endpoint, error, {} if error.code in ARGUMENT_ERRORS else echoed)
    return root


def _error(endpoint: Endpoint, error: OAIError, echoed: dict[str, str]) -> ET.Element:
    root = envelope(base_url=endpoint.base_url, request_arguments=echoed)
    element(root, oai("error"), error.message, {"code": str(error.code)})
    return root
