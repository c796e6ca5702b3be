"""The API's URLs: django-ninja's, wrapped so that GET responses allow any origin (CORS), with a
JSON index at the root and a JSON 404 for every other address under /api/v1/."""

import functools
import json
from collections.abc import Callable
from typing import Any

from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, URLPattern, re_path, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api, api_index

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def cors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer CORS preflight requests, and let any origin read GET responses."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
            return response
        head = request.method == "HEAD"
        if head:  # answered as GET, without the body
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        if request.method in ("GET", "HEAD"):
            for name, value in CORS_HEADERS.items():
                response[name] = value
        return response

    return csrf_exempt(wrapper)


def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return JsonResponse({"detail": _("Only GET is allowed.")}, status=405, headers={"Allow": "GET, HEAD"})
    return HttpResponse(json.dumps(api_index(request)), content_type="application/json; charset=utf-8")


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown API address: JSON, and a redirect when only a trailing slash is in the way."""
    if request.path.endswith("/") and request.method in ("GET", "HEAD"):
        try:
            match = resolve(request.path[:-1])
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path[:-1] + (f"?{query}" if query else ""))
    return JsonResponse({"detail": _("No API resource at this address.")}, status=404)


# Swagger UI's stylesheet draws its icons as data: images; the rest of the site's policy holds
# (its scripts and styles are files served by the site).
docs_policy = csp_update({"img-src": ["data:"]})


def _wrapped(pattern: Any) -> Any:
    if not isinstance(pattern, URLPattern):
        return pattern
    callback = index if pattern.name == "api-root" else pattern.callback
    if pattern.name == "openapi-view":
        callback = docs_policy(callback)
    return URLPattern(pattern.pattern, cors(callback), pattern.default_args, pattern.name)


_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    *(_wrapped(p) for p in _patterns),
    re_path(r"^(?P<rest>.*)$", cors(not_found), name="not_found"),
]
app_name = _namespace
