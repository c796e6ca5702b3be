"""/healthz, for load balancers and monitors: can this app server answer requests?

200 "ok" when the database answers a trivial query and the cache stores and returns a value; 503 naming
what failed otherwise. Plain text, no data, no session or CSRF cookie, never cached, never rate
limited (a load balancer checks every few seconds from one address), no Content-Security-Policy (not
a page). Exempt from the HTTPS redirect in production (prod.py: SECURE_REDIRECT_EXEMPT).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from csp.decorators import csp_exempt
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_KEY = "practicehub:healthz"


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return row is not None and row[0] == 1


def cache_answers() -> bool:
    # A fresh value each time: an old one left by another server or an earlier check proves nothing.
    token = secrets.token_hex(8)
    cache.set(CACHE_KEY, token, timeout=30)
    return bool(cache.get(CACHE_KEY) == token)


CHECKS: dict[str, Callable[[], bool]] = {"database": database_answers, "cache": cache_answers}


def _failed(name: str, check: Callable[[], bool]) -> bool:
    try:
        return not check()
    except Exception:  # any failure of the backend means "not healthy", never a 500
        logger.exception("Health check: the %s failed", name)
        return True


@never_cache
@csp_exempt()
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    failed = [name for name, check in CHECKS.items() if _failed(name, check)]
    if failed:
        body, status = "failed: " + ", ".join(failed) + "\n", 503
    else:
        body, status = "ok\n", 200
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
