"""Who "one address" is, behind a load balancer and not.

By default only the connection's address counts, so a forged X-Forwarded-For changes nothing. With
TRUSTED_PROXY_COUNT (ALLAUTH_TRUSTED_PROXY_COUNT) or TRUSTED_CLIENT_IP_HEADER, the sign-in lock-out
(django-allauth) and the site's own limits (core/ratelimit.py: client_ip; the API, downloads,
submissions) all count each client behind the proxy apart, and alike.
"""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from practicehub.core.ratelimit import client_ip

from .conftest import PASSWORD, World

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.5"  # every request reaches the app from here
ALICE, BOB = "203.0.113.10", "198.51.100.20"
API = "/api/v1/vocabularies"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def api_get(client: Client, **headers: str) -> int:
    return int(client.get(API, REMOTE_ADDR=headers.pop("remote", BALANCER), headers=headers).status_code)


def address_of(rf: RequestFactory, remote: str = BALANCER, **headers: str) -> str:
    return client_ip(rf.get("/", REMOTE_ADDR=remote, headers=headers))


def test_by_default_a_forged_forwarded_for_changes_nothing(rf: RequestFactory) -> None:
    assert address_of(rf, "192.0.2.7", x_forwarded_for=ALICE) == "192.0.2.7"
    assert address_of(rf, "192.0.2.7", x_forwarded_for=BOB) == "192.0.2.7"
    assert address_of(rf, "192.0.2.7", x_real_ip=ALICE) == "192.0.2.7"


@override_settings(PRACTICEHUB_API_RATE=(2, 60))
def test_by_default_forging_the_header_does_not_buy_more_api_requests() -> None:
    client = Client()
    statuses = [api_get(client, remote="192.0.2.7", x_forwarded_for=f"203.0.113.{n}") for n in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1, PRACTICEHUB_API_RATE=(2, 60))
def test_behind_one_proxy_each_client_has_its_own_api_allowance(rf: RequestFactory) -> None:
    client = Client()
    assert [api_get(client, x_forwarded_for=ALICE) for _ in range(3)] == [200, 200, 429]
    assert api_get(client, x_forwarded_for=BOB) == 200
    # The proxy appends the address it saw: what a client writes before it is not believed.
    assert api_get(client, x_forwarded_for=f"{BOB}, {ALICE}") == 429
    assert address_of(rf, x_forwarded_for=f"{BOB}, {ALICE}") == ALICE


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_failed_sign_ins_lock_out_only_that_client(world: World) -> None:
    attacker = Client()
    victims = [world.users[role] for role in ("contributor", "other_contributor", "unassigned_reviewer")]
    victims += [world.users[role] for role in ("assigned_reviewer", "editor")]
    for user in victims:  # 20 failures from one client: its address is used up
        for _ in range(4):
            attacker.post(
                reverse("account_login"),
                {"login": user.email, "password": "guess-guess-guess"},
                REMOTE_ADDR=BALANCER,
                headers={"x-forwarded-for": ALICE},
            )
    administrator = world.users["administrator"]

    def sign_in(client: Client, address: str) -> bool:
        client.post(
            reverse("account_login"),
            {"login": administrator.email, "password": PASSWORD},
            REMOTE_ADDR=BALANCER,
            headers={"x-forwarded-for": address},
        )
        return "_auth_user_id" in client.session

    assert not sign_in(attacker, ALICE)
    # Everyone else behind the same load balancer still signs in.
    assert sign_in(Client(), BOB)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2, PRACTICEHUB_API_RATE=(1, 60))
def test_a_request_that_skipped_the_proxies_is_counted_by_its_own_address_not_a_server_error(
    rf: RequestFactory, world: World
) -> None:
    # Two trusted proxies would have written two addresses; one means the request did not come
    # through them: the connection's address is all that is known.
    assert address_of(rf, "192.0.2.99", x_forwarded_for=ALICE) == "192.0.2.99"
    client = Client()
    assert api_get(client, remote="192.0.2.99", x_forwarded_for=ALICE) == 200
    assert api_get(client, remote="192.0.2.99", x_forwarded_for=BOB) == 429
    response = client.post(
        reverse("account_login"),
        {"login": world.users["contributor"].email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.99",
        headers={"x-forwarded-for": ALICE},
    )
    assert response.status_code == 302


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP", PRACTICEHUB_API_RATE=(1, 60))
def test_a_trusted_client_header_names_the_client(rf: RequestFactory) -> None:
    assert address_of(rf, x_real_ip=ALICE, x_forwarded_for=BOB) == ALICE
    client = Client()
    assert api_get(client, x_real_ip=ALICE) == 200
    assert api_get(client, x_real_ip=ALICE, x_forwarded_for=BOB) == 429
    assert api_get(client, x_real_ip=BOB) == 200


@override_settings(PRACTICEHUB_API_RATE=(1, 60))
def test_an_ipv6_client_is_counted_by_its_network_as_allauth_does(rf: RequestFactory) -> None:
    assert (
        address_of(rf, "2001:db8:1:2:aaaa::1") == address_of(rf, "2001:db8:1:2:bbbb::9") == "2001:db8:1:2::"
    )
    client = Client()
    assert api_get(client, remote="2001:db8:1:2:aaaa::1") == 200
    assert api_get(client, remote="2001:db8:1:2:bbbb::9") == 429
    assert api_get(client, remote="2001:db8:1:3::1") == 200
