"""Lock-out after repeated failed sign-ins, limits on registration, CSRF on the sign-in form."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from practicehub.accounts.models import User

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client: Client, email: str, password: str, ip: str = "192.0.2.1"):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_after_five_failed_sign_ins_the_right_password_is_refused() -> None:
    user = make_user()
    attacker = Client()
    for _ in range(5):
        response = sign_in(attacker, user.email, "guess-guess-guess")
        assert response.status_code == 200
        assert "_auth_user_id" not in attacker.session

    # The account is locked, even for its owner signing in correctly from elsewhere.
    owner = Client()
    response = sign_in(owner, user.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 200
    assert "_auth_user_id" not in owner.session
    assert "Too many failed login attempts" in response.content.decode()


def test_the_lock_is_per_account() -> None:
    locked = make_user()
    other = make_user()
    attacker = Client()
    for _ in range(5):
        sign_in(attacker, locked.email, "guess-guess-guess")

    client = Client()
    sign_in(client, other.email, PASSWORD, ip="198.51.100.7")

    assert int(client.session["_auth_user_id"]) == other.pk


def test_four_failures_do_not_lock_the_account() -> None:
    user = make_user()
    client = Client()
    for _ in range(4):
        sign_in(client, user.email, "guess-guess-guess")

    sign_in(client, user.email, PASSWORD)

    assert int(client.session["_auth_user_id"]) == user.pk


def test_registration_is_rate_limited_with_a_friendly_page() -> None:
    client = Client()
    statuses = []
    for n in range(11):
        response = client.post(
            reverse("account_signup"),
            {
                "full_name": f"Person {n}",
                "email": f"person{n}@example.org",
                "password1": "a-long-and-unusual-passphrase-42",
                "password2": "a-long-and-unusual-passphrase-42",
            },
            REMOTE_ADDR="203.0.113.9",
        )
        statuses.append(response.status_code)

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert "Too many attempts" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
    assert User.objects.filter(email__startswith="person").count() == 10


def test_sign_in_needs_the_csrf_token() -> None:
    user = make_user()
    client = Client(enforce_csrf_checks=True)

    refused = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert refused.status_code == 403
    assert "The form could not be sent" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # With the token from the sign-in page it works.
    page = client.get(reverse("account_login")).content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match
    accepted = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1)},
    )
    assert accepted.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_profile_and_sign_out_need_the_csrf_token() -> None:
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    assert client.post(reverse("accounts:profile"), {"full_name": "Changed"}).status_code == 403
    assert client.post(reverse("account_logout")).status_code == 403
    user.refresh_from_db()
    assert user.full_name != "Changed"
    assert "_auth_user_id" in client.session
