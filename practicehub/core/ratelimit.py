"""Rate limits on the configured Django cache.

A fixed window per key: the first hit of a window creates the counter with ``cache.add`` (atomic on
every backend), later hits raise it with ``cache.incr`` (atomic on Redis and Memcached). With Redis as
the cache, every app server process therefore counts against the same number.

Sign-in, registration and password reset are limited by django-allauth (``ACCOUNT_RATE_LIMITS``);
use ``ratelimited`` for the site's own forms, e.g. submitting a practice. Every allowance is a setting
read from the environment (config/settings/base.py), looked up on each request.

Who "one address" is comes from ``client_ip``, which reads the client's address exactly as allauth
does, with the same trusted proxy settings (TRUSTED_PROXY_COUNT or TRUSTED_CLIENT_IP_HEADER).
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

KeyFunc = Callable[[HttpRequest], str]
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
CACHE_PREFIX = "practicehub:rl"


def _cache_key(key: str, window: int) -> str:
    # Hash the caller's key: it may hold an email address or characters the cache refuses.
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{CACHE_PREFIX}:{digest}:{window}"


def rate_limit(key: str, *, limit: int, period_seconds: int) -> bool:
    """Count one hit for `key`; True while at most `limit` hits fell in the current window.

    Windows are fixed: they start every `period_seconds` seconds (since the epoch), so a burst that
    straddles two windows may pass up to twice `limit` in a short time. A `limit` below one refuses
    everything.
    """
    if period_seconds < 1:
        raise ValueError("period_seconds must be at least 1")
    if limit < 1:
        return False
    window = int(time.time() // period_seconds)
    cache_key = _cache_key(key, window)
    # Keep the counter a little past its window so that a late incr never recreates it.
    timeout = period_seconds + 1
    cache.add(cache_key, 0, timeout=timeout)
    try:
        hits = cache.incr(cache_key)
    except ValueError:
        # The counter expired (or was evicted) between add and incr: this hit starts it again.
        hits = 1 if cache.add(cache_key, 1, timeout=timeout) else cache.incr(cache_key)
    return int(hits) <= limit


def client_ip(request: HttpRequest) -> str:
    """The client's address as django-allauth's sign-in limits see it (accounts/adapter.py), so both
    count the same person alike: an IPv6 address stands for its /64 network (one subscriber's,
    ALLAUTH_RATE_LIMIT_IPV6_PREFIX). "unknown" when the trusted header is missing."""
    try:
        address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ValueError):
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network(f"{address}/{allauth_settings.RATE_LIMIT_IPV6_PREFIX}", strict=False)
        return str(network.network_address)
    return str(address)


def configured_rate(setting: str) -> tuple[int, int]:
    """(requests, seconds) of a rate setting such as PRACTICEHUB_DOWNLOAD_RATE."""
    limit, period = getattr(settings, setting)
    return int(limit), int(period)


def seconds_left(period: int) -> int:
    """Fixed windows: the allowance comes back when the current window ends."""
    return period - int(time.time() % period)


def key_user_or_ip(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def key_ip(request: HttpRequest) -> str:
    return f"ip:{client_ip(request)}"


KEY_FUNCS: dict[str, KeyFunc] = {"user_or_ip": key_user_or_ip, "ip": key_ip}


def too_many_requests(request: HttpRequest, *, retry_after_seconds: int | None = None) -> HttpResponse:
    """The friendly 429 page (django-allauth renders the same template for its own limits)."""
    minutes = None if not retry_after_seconds else max(1, -(-retry_after_seconds // 60))
    response = render(request, "429.html", {"retry_after_minutes": minutes}, status=429)
    if retry_after_seconds:
        response["Retry-After"] = str(retry_after_seconds)
    return response


def ratelimited(
    scope: str,
    limit: int | None = None,
    period: int | None = None,
    key: str | KeyFunc = "user_or_ip",
    *,
    methods: Iterable[str] | None = UNSAFE_METHODS,
    setting: str | None = None,
) -> Callable[[ViewFunc], ViewFunc]:
    """Answer 429 once a client has made more than `limit` requests to `scope` within `period` seconds.

    The allowance is either `setting`, the name of a (requests, seconds) setting read on every request
    (how the site's views do it, so that the environment can change it), or `limit` and `period`.
    `key` says who is counted: "user_or_ip" (the signed-in user, otherwise the address), "ip", or a
    function of the request. Only `methods` are counted (by default the ones that change something,
    so reading a form never uses up the allowance); pass ``methods=None`` to count every request.

        @ratelimited("submission", setting="PRACTICEHUB_SUBMISSION_RATE")
        def submit(request): ...
    """
    if (setting is None) == (limit is None or period is None):
        raise TypeError("ratelimited() takes either setting= or both limit and period")
    key_func = KEY_FUNCS[key] if isinstance(key, str) else key
    counted = None if methods is None else {m.upper() for m in methods}

    def allowance() -> tuple[int, int]:
        if setting is not None:
            return configured_rate(setting)
        assert limit is not None and period is not None
        return limit, period

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if counted is None or request.method in counted:
                allowed, seconds = allowance()
                if not rate_limit(f"{scope}:{key_func(request)}", limit=allowed, period_seconds=seconds):
                    return too_many_requests(request, retry_after_seconds=seconds_left(seconds))
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapper)

    return decorator
