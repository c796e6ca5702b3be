"""Rate limit of the API: a fixed allowance per client address, counted on the shared cache
(practicehub.core.ratelimit), answered with 429, a JSON message and Retry-After."""

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from practicehub.core.ratelimit import configured_rate, key_ip, rate_limit, seconds_left


def api_rate() -> tuple[int, int]:
    """(requests, seconds) per client address: PRACTICEHUB_API_RATE, from the environment."""
    return configured_rate("PRACTICEHUB_API_RATE")


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        limit, period = api_rate()
        return rate_limit(f"api:{key_ip(request)}", limit=limit, period_seconds=period)

    def wait(self) -> float:
        _limit, period = api_rate()
        return float(seconds_left(period))
