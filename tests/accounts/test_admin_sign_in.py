"""The Django admin has no way in of its own: it sends people to the site's sign-in, so its lock-out
(ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per account, 20 per address, in 15 minutes) covers it."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ATTACKER_IP, OWNER_IP = "203.0.113.66", "198.51.100.8"
WRONG = "guess-guess-guess"
LOCKED = "Too many failed login attempts"


def admin_sign_in_page(client: Client) -> str:
    """Where a visitor of /admin/ is sent to sign in, followed to the page with the form."""
    location = "/admin/"
    for _ in range(5):
        response = client.get(location)
        if response.status_code != 302:
            return location
        location = response["Location"]
    raise AssertionError("too many redirects")


def post_credentials(client: Client, page: str, user: Any, password: str, ip: str) -> Any:
    # Both forms' field names: the admin's (username) and the site's (login, by e-mail).
    data = {"username": user.get_username(), "login": user.email, "password": password}
    return client.post(page, data, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def editor() -> Any:
    return make_user(full_name="Eda Editor", is_editor=True, is_staff=True)


def test_visitors_of_the_admin_sign_in_on_the_site_and_come_back(editor: Any) -> None:
    client = Client()
    page = admin_sign_in_page(client)
    parts = urlsplit(page)
    assert parts.path == reverse("account_login")
    assert parse_qs(parts.query)["next"] == ["/admin/"]

    response = post_credentials(client, page, editor, PASSWORD, OWNER_IP)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_25_wrong_passwords_then_the_right_one_are_refused_on_the_way_into_the_admin(editor: Any) -> None:
    attacker = Client()
    page = admin_sign_in_page(attacker)
    for _ in range(25):
        post_credentials(attacker, page, editor, WRONG, ATTACKER_IP)
        assert not signed_in(attacker)

    response = post_credentials(attacker, page, editor, PASSWORD, ATTACKER_IP)

    assert not signed_in(attacker)
    assert response.status_code == 429 or LOCKED in response.content.decode()
    assert attacker.get("/admin/").status_code == 302  # still sent to sign in


def test_the_admin_form_signs_no_one_in_even_with_the_right_password(editor: Any) -> None:
    """A POST to /admin/login/ is never read: no second way in that the lock-out would not count."""
    attacker = Client()
    admin_login = reverse("admin:login")
    for password in [WRONG] * 25 + [PASSWORD]:
        response = post_credentials(attacker, admin_login + "?next=/admin/", editor, password, ATTACKER_IP)
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == reverse("account_login")
        assert not signed_in(attacker)


def test_failures_lock_the_account_for_the_admin_and_the_site_alike(editor: Any) -> None:
    # Five failures through the admin's way in lock the account on the site's own sign-in page...
    attacker = Client()
    page = admin_sign_in_page(attacker)
    for _ in range(5):
        post_credentials(attacker, page, editor, WRONG, ATTACKER_IP)
    owner = Client()
    response = owner.post(
        reverse("account_login"), {"login": editor.email, "password": PASSWORD}, REMOTE_ADDR=OWNER_IP
    )
    assert not signed_in(owner)
    assert LOCKED in response.content.decode()

    # ...and five on the site's sign-in lock the way into the admin.
    other = make_user(is_staff=True, is_editor=True)
    for _ in range(5):
        attacker.post(
            reverse("account_login"), {"login": other.email, "password": WRONG}, REMOTE_ADDR=ATTACKER_IP
        )
    owner = Client()
    post_credentials(owner, admin_sign_in_page(owner), other, PASSWORD, OWNER_IP)
    assert not signed_in(owner)


def test_twenty_failures_from_one_address_across_accounts_lock_that_address_out_of_the_admin(
    editor: Any,
) -> None:
    attacker = Client()
    page = admin_sign_in_page(attacker)
    for _ in range(5):  # four failures on each of five accounts: none of them is locked
        victim = make_user()
        for _ in range(4):
            post_credentials(attacker, page, victim, WRONG, ATTACKER_IP)

    post_credentials(attacker, page, editor, PASSWORD, ATTACKER_IP)
    assert not signed_in(attacker)

    # From another address the editor signs in.
    owner = Client()
    post_credentials(owner, admin_sign_in_page(owner), editor, PASSWORD, OWNER_IP)
    assert signed_in(owner) and owner.get("/admin/").status_code == 200


def test_signed_in_people_who_are_not_staff_get_the_friendly_403_and_are_not_signed_in_again(
    editor: Any,
) -> None:
    contributor = make_user(full_name="Casey Contributor")
    client = Client()
    client.force_login(contributor)

    page = client.get(reverse("admin:login"))
    assert page.status_code == 403
    assert "editors and administrators can open the administration" in page.content.decode()

    # Nor can they switch to a staff account through the admin's form.
    response = post_credentials(client, reverse("admin:login"), editor, PASSWORD, OWNER_IP)
    assert response.status_code == 403
    assert int(client.session["_auth_user_id"]) == contributor.pk
