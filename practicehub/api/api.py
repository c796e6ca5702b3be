"""The public, read-only API at /api/v1/: published practices, vocabularies, organizations, calls.

Errors are JSON with a message in "detail"; every operation is rate limited per client address
(throttling.py); CORS headers and the JSON 404 for unknown addresses are added in urls.py. The
interactive documentation is Swagger UI served from django-ninja's own static files (no CDN).
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from practicehub.opendata.records import json_default

from .routers import calls, organizations, practices, vocabularies
from .throttling import ClientRateThrottle, api_rate

logger = logging.getLogger(__name__)

DESCRIPTION = """Open data of the Repository of Practices: every **published** practice, the
controlled vocabularies, the organizations and the calls for practices. Read-only, no key needed.

- The practice list takes exactly the list page's query string (search, filters, sort) and answers
  with the same practices, order and facet counts. Pages hold 20 practices (`page_size` up to 100);
  `next` and `previous` are full addresses.
- Identifiers are stable: a practice's `id` is the last part of its address on the site.
- A practice carries `ETag` and `Last-Modified`; conditional requests get `304 Not Modified`.
- Errors are JSON: `{"detail": "..."}`. A query string of more than 1,000 parameters gets `400`.
  Too many requests from one address get `429` with `Retry-After` (seconds).
- Responses to GET allow any origin (CORS).
- The same records can be downloaded for any list as CSV, Excel or JSON: see /exports/columns/.
"""


class _Encoder(NinjaJSONEncoder):
    """Dates and times in full ISO 8601, as the JSON download writes them."""

    def default(self, o: Any) -> Any:
        try:
            return json_default(o)
        except TypeError:
            return super().default(o)


class _Renderer(JSONRenderer):
    encoder_class = _Encoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Repository of Practices API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0, "tryItOutEnabled": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
    renderer=_Renderer(),
)
api.add_router("", practices.router)
api.add_router("", vocabularies.router)
api.add_router("", organizations.router)
api.add_router("", calls.router)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: {error.get('msg', '')}"
        for error in exc.errors
    )
    detail = _("Invalid parameters: %(problems)s") % {"problems": problems}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
    limit, period = api_rate()
    detail = _(
        "Too many requests: at most %(limit)s requests per %(period)s seconds from one address. "
        "Try again after the number of seconds in the Retry-After header."
    ) % {"limit": limit, "period": period}
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(SuspiciousOperation)
def bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """What Django refuses to read (as its own pages answer 400): too many query parameters, mostly."""
    if isinstance(exc, TooManyFieldsSent):
        detail = _("Too many query parameters: at most %(limit)s.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        }
    else:
        detail = _("The request could not be read.")
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s", request.path, exc_info=exc)
    return api.create_response(
        request, {"detail": _("Server error: the request could not be answered.")}, status=500
    )


def api_index(request: HttpRequest, **kwargs: Any) -> dict[str, str]:
    """The addresses of the API's resources and documentation."""

    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return {
        "practices": url("practice_list"),
        "vocabularies": url("vocabulary_list"),
        "organizations": url("organization_list"),
        "calls": url("call_list"),
        "openapi": url("openapi-json"),
        "docs": url("openapi-view"),
        "columns": request.build_absolute_uri(reverse("opendata:columns")),
    }
