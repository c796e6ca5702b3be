"""Rate limit of the API: a fixed allowance per client address, counted on the shared cache
(practicehub.core.ratelimit), answered with 429, a JSON message and Retry-After."""

import time

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from practicehub.core.ratelimit import key_ip, rate_limit

# Requests per client address per period, unless settings say otherwise.
DEFAULT_LIMIT, DEFAULT_PERIOD = 120, 60


def api_rate() -> tuple[int, int]:
    """(requests, seconds): PRACTICEHUB_API_RATE_LIMIT and PRACTICEHUB_API_RATE_PERIOD."""
    limit = int(getattr(settings, "PRACTICEHUB_API_RATE_LIMIT", DEFAULT_LIMIT))
    period = int(getattr(settings, "PRACTICEHUB_API_RATE_PERIOD", DEFAULT_PERIOD))
    return limit, max(1, period)


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        limit, period = api_rate()
        return rate_limit(f"api:{key_ip(request)}", limit=limit, period_seconds=period)

    def wait(self) -> float:
        # Fixed windows: the allowance comes back when the current window ends.
        _limit, period = api_rate()
        return float(period - int(time.time() % period))
