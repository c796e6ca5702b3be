"""Published calls for practices."""

import re
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from practicehub.catalogue.models import CallForPractices, PracticeStatus
from practicehub.opendata.records import term
from practicehub.review.selectors import calls_published

from ..paging import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageSpec, page_info
from ..schemas import CallOut, CallPageOut, ErrorOut

router = Router(tags=["calls"])

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


class CallParameters(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _calls() -> QuerySet[CallForPractices]:
    published = Q(practices__status=PracticeStatus.PUBLISHED)
    return (
        calls_published()
        .annotate(practice_count=Count("practices", filter=published, distinct=True))
        .prefetch_related("focus_objectives")
        .order_by("-opens_on", "title", "pk")
    )


def _out(request: HttpRequest, call: Any) -> dict[str, Any]:
    return {
        "id": call.slug,
        "title": call.title,
        "description": call.description,
        "focus_objectives": [term(o) for o in call.focus_objectives.all()],
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "is_open": call.is_open(),
        "contact_name": call.contact_name,
        "contact_email": call.contact_email,
        "url": request.build_absolute_uri(call.get_absolute_url()),
        "practice_count": call.practice_count,
    }


@router.get(
    "/calls",
    response={200: CallPageOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    url_name="call_list",
    summary="Published calls for practices, newest first",
)
def call_list(request: HttpRequest, params: Query[CallParameters]) -> dict[str, Any]:
    found = _calls()
    spec = PageSpec(params.page, params.page_size)
    return {
        **page_info(request, spec, found.count(), []),
        "results": [_out(request, call) for call in found[spec.start : spec.stop]],
    }


@router.get(
    "/calls/{id}",
    response={200: CallOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="call_detail",
    summary="One published call for practices",
)
def call_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    call = _calls().filter(slug=id).first() if _SLUG.fullmatch(id) else None
    if call is None:
        raise HttpError(404, _("No published call has the identifier %(id)r.") % {"id": id[:100]})
    return _out(request, call)
