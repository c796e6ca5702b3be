"""A NUL in a query string is read as a space.

No page means anything by one, and PostgreSQL refuses a query holding it: the admin's list filters
and autocomplete passed it straight to the database (a 500). Rewritten before anything reads
request.GET, a NUL reaches every view as the space the forms would make of it (core/forms.py).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class QueryStringNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            request.META["QUERY_STRING"] = query.replace("%00", "%20").replace("\x00", "%20")
        return self.get_response(request)
