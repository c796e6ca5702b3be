"""Organizations that take part in at least one published practice."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from practicehub.catalogue.models import Organization, PracticeStatus
from practicehub.opendata.records import term

from ..paging import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageSpec, page_info
from ..schemas import ErrorOut, OrganizationOut, OrganizationPageOut

router = Router(tags=["organizations"])

_PUBLISHED = Q(practice_links__practice__status=PracticeStatus.PUBLISHED)
MAX_ID = 2**63 - 1


class OrganizationParameters(Schema):
    q: str | None = Field(None, description="Part of the name or acronym (case ignored).")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _organizations() -> QuerySet[Organization]:
    return (
        Organization.objects.annotate(
            practice_count=Count("practice_links__practice", filter=_PUBLISHED, distinct=True)
        )
        .filter(practice_count__gt=0)
        .select_related("org_type", "country")
        .order_by("name", "pk")
    )


def _out(request: HttpRequest, org: Any) -> dict[str, Any]:
    practices = reverse("api:practice_list")
    return {
        "id": org.pk,
        "name": org.name,
        "acronym": org.acronym,
        "type": term(org.org_type),
        "country": term(org.country),
        "website": org.website,
        "practice_count": org.practice_count,
        "practices_url": request.build_absolute_uri(f"{practices}?organization={org.pk}"),
    }


@router.get(
    "/organizations",
    response={200: OrganizationPageOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    url_name="organization_list",
    summary="Organizations taking part in published practices",
)
def organization_list(request: HttpRequest, params: Query[OrganizationParameters]) -> dict[str, Any]:
    found = _organizations()
    # Printable characters only: a NUL byte or a control character never reaches the database.
    words = " ".join("".join(ch for ch in (params.q or "") if ch.isprintable()).split())[:200]
    if words:
        found = found.filter(Q(name__icontains=words) | Q(acronym__icontains=words))
    spec = PageSpec(params.page, params.page_size)
    count = found.count()
    items = [("q", words)] if words else []
    return {
        **page_info(request, spec, count, items),
        "results": [_out(request, org) for org in found[spec.start : spec.stop]],
    }


@router.get(
    "/organizations/{id}",
    response={200: OrganizationOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="organization_detail",
    summary="One organization",
)
def organization_detail(request: HttpRequest, id: int) -> dict[str, Any]:
    org = _organizations().filter(pk=id).first() if 0 < id <= MAX_ID else None
    if org is None:
        raise HttpError(
            404, _("No organization of a published practice has the identifier %(id)s.") % {"id": id}
        )
    return _out(request, org)
