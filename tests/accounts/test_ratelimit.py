"""practicehub.core.ratelimit: a fixed-window counter on the shared cache, and the 429 view decorator."""

import uuid
from typing import Any
from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from practicehub.core import ratelimit
from practicehub.core.ratelimit import rate_limit, ratelimited

from .conftest import make_user


def fresh_key() -> str:
    return f"test:{uuid.uuid4()}"


def test_allows_up_to_the_limit_then_refuses() -> None:
    key = fresh_key()
    results = [rate_limit(key, limit=3, period_seconds=60) for _ in range(5)]

    assert results == [True, True, True, False, False]


@settings(max_examples=40, deadline=None)
@given(limit=st.integers(min_value=0, max_value=15), hits=st.integers(min_value=0, max_value=30))
def test_exactly_limit_hits_pass_in_a_window(limit: int, hits: int) -> None:
    key = fresh_key()
    with mock.patch("practicehub.core.ratelimit.time.time", return_value=1_000_000.0):
        allowed = sum(rate_limit(key, limit=limit, period_seconds=60) for _ in range(hits))

    assert allowed == min(limit, hits)


def test_keys_are_counted_separately() -> None:
    first, second = fresh_key(), fresh_key()
    assert rate_limit(first, limit=1, period_seconds=60)
    assert not rate_limit(first, limit=1, period_seconds=60)

    assert rate_limit(second, limit=1, period_seconds=60)


def test_the_allowance_comes_back_in_the_next_window() -> None:
    key = fresh_key()
    with mock.patch("practicehub.core.ratelimit.time.time", return_value=6_000.0):
        assert rate_limit(key, limit=1, period_seconds=60)
        assert not rate_limit(key, limit=1, period_seconds=60)
    with mock.patch("practicehub.core.ratelimit.time.time", return_value=6_060.0):
        assert rate_limit(key, limit=1, period_seconds=60)


def test_keys_with_odd_characters_are_fine() -> None:
    key = "submission:ip:" + "é 🙂\n\x00" * 200
    assert rate_limit(key, limit=1, period_seconds=60)
    assert not rate_limit(key, limit=1, period_seconds=60)


def test_a_period_below_one_second_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        rate_limit(fresh_key(), limit=1, period_seconds=0)


def test_two_processes_share_the_count() -> None:
    """Two cache clients on one location stand for two app servers on one Redis."""
    location = f"shared-{uuid.uuid4()}"
    process_a = LocMemCache(location, {})
    process_b = LocMemCache(location, {})
    key = fresh_key()
    results = []
    for client in (process_a, process_b, process_a, process_b, process_a):
        with mock.patch.object(ratelimit, "cache", client):
            results.append(rate_limit(key, limit=3, period_seconds=60))

    assert results == [True, True, True, False, False]


def test_an_expired_counter_starts_again() -> None:
    """If the counter vanishes between add and incr, the hit counts as the first of a new window."""
    key = fresh_key()
    real_incr = ratelimit.cache.incr
    calls = {"n": 0}

    def vanishing_incr(cache_key: str, delta: int = 1, version: Any = None) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            ratelimit.cache.delete(cache_key)
        return real_incr(cache_key, delta)

    with mock.patch.object(ratelimit.cache, "incr", side_effect=vanishing_incr):
        assert rate_limit(key, limit=1, period_seconds=60)
    assert not rate_limit(key, limit=1, period_seconds=60)


@ratelimited("test-form", limit=2, period=600)
def limited_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("done")


@ratelimited("test-every-request", limit=1, period=600, key="ip", methods=None)
def limited_for_every_method(request: HttpRequest) -> HttpResponse:
    return HttpResponse("done")


def anonymous_request(rf: RequestFactory, method: str = "post", ip: str = "192.0.2.10") -> HttpRequest:
    from django.contrib.auth.models import AnonymousUser

    request = getattr(rf, method)("/form/", REMOTE_ADDR=ip)
    request.user = AnonymousUser()
    return request


def test_decorator_answers_429_with_a_friendly_page(rf: RequestFactory, db: None) -> None:
    responses = [limited_view(anonymous_request(rf)) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    page = responses[2].content.decode()
    assert "Too many attempts" in page
    assert "Please try again in" in page
    assert 0 < int(responses[2]["Retry-After"]) <= 600


def test_decorator_does_not_count_reading_the_form(rf: RequestFactory, db: None) -> None:
    for _ in range(5):
        assert limited_view(anonymous_request(rf, method="get")).status_code == 200

    assert limited_view(anonymous_request(rf)).status_code == 200


def test_decorator_counts_each_address_separately(rf: RequestFactory, db: None) -> None:
    for _ in range(2):
        limited_view(anonymous_request(rf, ip="192.0.2.10"))

    assert limited_view(anonymous_request(rf, ip="192.0.2.10")).status_code == 429
    assert limited_view(anonymous_request(rf, ip="192.0.2.11")).status_code == 200


def test_decorator_counts_signed_in_users_by_account(rf: RequestFactory, db: None) -> None:
    first, second = make_user(), make_user()

    def as_user(user: Any) -> HttpRequest:
        request = rf.post("/form/", REMOTE_ADDR="192.0.2.20")  # same office address
        request.user = user
        return request

    for _ in range(2):
        limited_view(as_user(first))
    assert limited_view(as_user(first)).status_code == 429
    assert limited_view(as_user(second)).status_code == 200


def test_decorator_can_count_every_method(rf: RequestFactory, db: None) -> None:
    assert limited_for_every_method(anonymous_request(rf, method="get")).status_code == 200
    assert limited_for_every_method(anonymous_request(rf, method="get")).status_code == 429


@ratelimited("test-from-settings", setting="PRACTICEHUB_TEST_FORM_RATE")
def limited_by_a_setting(request: HttpRequest) -> HttpResponse:
    return HttpResponse("done")


def test_decorator_reads_its_allowance_from_the_setting_on_each_request(
    rf: RequestFactory, db: None, settings: Any
) -> None:
    settings.PRACTICEHUB_TEST_FORM_RATE = (1, 600)
    assert [limited_by_a_setting(anonymous_request(rf)).status_code for _ in range(2)] == [200, 429]
    settings.PRACTICEHUB_TEST_FORM_RATE = (3, 600)  # changed without decorating the view again
    assert [limited_by_a_setting(anonymous_request(rf)).status_code for _ in range(2)] == [200, 429]


def test_decorator_takes_a_setting_or_a_limit_and_period_not_both_nor_neither() -> None:
    with pytest.raises(TypeError):
        ratelimited("x", limit=1, period=60, setting="PRACTICEHUB_API_RATE")
    with pytest.raises(TypeError):
        ratelimited("x")
    with pytest.raises(TypeError):
        ratelimited("x", limit=1)
