"""Practices: the list with exactly the list page's search, facets, counts and order, and one practice.

The list reads its query string with the list page's parser (search.params.parse) and asks the
list page's selector (search.listing.practice_search), so a query string gives the same
practices, in the same order, with the same counts, on the page and here.
"""

import hashlib
import json
import re
from typing import Any

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, create_model

from practicehub.catalogue.models import Organization, Practice, PracticeStatus
from practicehub.opendata.records import json_default, practice_record, published_in_order
from practicehub.search.counts import FacetCounts
from practicehub.search.facets import FACETS, FACETS_BY_NAME, FacetKind
from practicehub.search.listing import practice_search
from practicehub.search.params import SORTS
from practicehub.search.params import parse as parse_selection

from ..paging import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageSpec, page_info
from ..schemas import ErrorOut, PracticeOut, PracticePageOut

router = Router(tags=["practices"])

# What an identifier can look like (anything else is not one, and is never sent to the database).
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")

# A long facet (countries, organizations) lists at most this many values.
MAX_FACET_VALUES = 5000


def _list_parameters() -> type[Schema]:
    """The list page's query parameters, from the facet registry, for the OpenAPI document."""
    fields: dict[str, Any] = {
        "q": (str | None, Field(None, description="Words to search for, as in the list page's search box.")),
    }
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE:
            low, high = facet.range_params
            fields[low] = (str | None, Field(None, description=f"{facet.label}: from this year (YYYY)."))
            fields[high] = (str | None, Field(None, description=f"{facet.label}: up to this year (YYYY)."))
            continue
        fields[facet.param] = (
            list[str] | None,
            Field(
                None,
                description=(
                    f"{facet.label}. Repeat the parameter (or separate keys with commas) for several "
                    "values: values of one parameter combine with OR, parameters with AND. "
                    "Unknown values are ignored, as on the list page."
                ),
            ),
        )
    fields["sort"] = (
        str | None,
        Field(None, description=f"One of {', '.join(SORTS)}. Default: relevance with q, newest without."),
    )
    fields["page"] = (int, Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1."))
    fields["page_size"] = (
        int,
        Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Practices per page."),
    )
    return create_model("PracticeListParameters", __base__=Schema, **fields)  # type: ignore[no-any-return, call-overload]


PracticeListParameters = _list_parameters()


def _facet(counts: FacetCounts) -> dict[str, Any]:
    facet = counts.facet
    values = counts.matching("", limit=MAX_FACET_VALUES) if facet.long else counts.values
    low, high = counts.range
    return {
        "name": facet.name,
        "param": facet.param,
        "label": str(facet.label),
        "kind": str(facet.kind),
        "range_params": list(facet.range_params) if facet.kind == FacetKind.YEAR_RANGE else [],
        "range_from": low,
        "range_to": high,
        "values": [
            {"key": v.key, "label": str(v.label), "count": v.count, "selected": v.selected} for v in values
        ],
    }


@router.get(
    "/practices",
    response={200: PracticePageOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    url_name="practice_list",
    summary="Search and filter published practices",
    description=(
        "The practice list of the site as data: the same parameters, results, order and facet counts. "
        "Copy the query string of a list page to get its practices here."
    ),
)
def practice_list(request: HttpRequest, params: Query[PracticeListParameters]) -> dict[str, Any]:  # type: ignore[valid-type]
    selection = parse_selection(request.GET)
    result = practice_search(selection)
    spec = PageSpec(params.page, params.page_size)  # type: ignore[attr-defined]
    practices = published_in_order(result.search.ids[spec.start : spec.stop])
    chosen = result.selection
    query = chosen.query_string(page=False)
    list_url = reverse("discovery:practice_list") + (f"?{query}" if query else "")
    return {
        **page_info(request, spec, result.total, chosen.items(page=False)),
        "selection": {
            "q": chosen.q,
            "sort": chosen.effective_sort,
            "filters": {FACETS_BY_NAME[name].param: list(keys) for name, keys in chosen.filters.items()},
            "query": query,
        },
        "facets": [_facet(counts) for counts in result.search.facets],
        "list_url": request.build_absolute_uri(list_url),
        "results": [practice_record(p, request.build_absolute_uri) for p in practices],
    }


def _last_modified(practice: Practice, record: dict[str, Any]) -> float:
    """When the record last changed: the practice, or an organization it names."""
    ids = [org["id"] for org in record["organizations"]]
    latest = Organization.history.filter(id__in=ids).aggregate(latest=Max("history_date"))["latest"]
    return max(m for m in (practice.updated_at, latest) if m is not None).timestamp()


@router.get(
    "/practices/{id}",
    response={200: PracticeOut, 304: None, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="practice_detail",
    summary="One published practice",
    description=(
        "The practice with this identifier. Responses carry ETag and Last-Modified: send If-None-Match "
        "or If-Modified-Since to get 304 Not Modified when nothing changed."
    ),
)
def practice_detail(request: HttpRequest, id: str, response: HttpResponse) -> Any:
    published = Practice.objects.filter(status=PracticeStatus.PUBLISHED)
    pk = published.filter(slug=id).values_list("pk", flat=True).first() if _SLUG.fullmatch(id) else None
    found = published_in_order([pk]) if pk is not None else []
    if not found:
        raise HttpError(404, _("No published practice has the identifier %(id)r.") % {"id": id[:100]})
    practice = found[0]
    record = practice_record(practice, request.build_absolute_uri)
    body = json.dumps(record, sort_keys=True, default=json_default).encode("utf-8")
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    modified = _last_modified(practice, record)
    headers = {"ETag": etag, "Last-Modified": http_date(modified), "Cache-Control": "public, max-age=300"}
    conditional = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if conditional is not None:
        for name, value in headers.items():
            conditional[name] = value
        return conditional
    for name, value in headers.items():
        response[name] = value
    return record
