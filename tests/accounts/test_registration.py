"""Registering, confirming the email address, signing in and out."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from practicehub.accounts.models import User
from practicehub.catalogue.models import Country

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def signup_data(**overrides: str) -> dict[str, str]:
    country = Country.objects.get(iso3="KEN")
    data = {
        "full_name": "Wanjiru Kamau",
        "email": "wanjiru@example.org",
        "organization_name": "Nairobi Migrant Resource Centre",
        "country_code": country.iso3,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


def confirmation_path(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_signup_page_asks_for_name_organization_and_country(client: Client) -> None:
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Full name", "Email", "Organization", "Country", "Password"):
        assert label in html
    # The country is a select of the catalogue's country names.
    assert '<select name="country_code"' in html
    assert f'<option value="KEN">{Country.objects.get(iso3="KEN").name}</option>' in html
    # In the site's look: the site header and the page title.
    assert 'class="site-header"' in html
    assert "<title>" in html and "Sign Up" in html


def test_register_confirm_then_sign_in(client: Client) -> None:
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    user = User.objects.get(email="wanjiru@example.org")
    assert user.full_name == "Wanjiru Kamau"
    assert user.organization_name == "Nairobi Migrant Resource Centre"
    assert user.country_code == "KEN"
    # Not signed in yet: the address must be confirmed first.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wanjiru@example.org"]
    assert message.subject.startswith("[Repository of Practices] ")
    assert "Hello from Repository of Practices!" in str(message.body)

    confirm_url = confirmation_path(message)
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "wanjiru@example.org" in page.content.decode()
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="wanjiru@example.org").verified

    other = Client()
    response = other.post(
        reverse("account_login"), {"login": "wanjiru@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert int(other.session["_auth_user_id"]) == user.pk
    home = other.get("/")
    assert "Wanjiru Kamau" in home.content.decode()


def test_cannot_sign_in_before_confirming(client: Client) -> None:
    client.post(reverse("account_signup"), signup_data())

    other = Client()
    response = other.post(
        reverse("account_login"), {"login": "wanjiru@example.org", "password": NEW_PASSWORD}, follow=True
    )

    assert "_auth_user_id" not in other.session
    assert "Verify Your Email Address" in response.content.decode()


def test_signup_without_a_name_is_refused(client: Client) -> None:
    response = client.post(reverse("account_signup"), signup_data(full_name="   "))

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(email="wanjiru@example.org").exists()
    assert mail.outbox == []


def test_signup_with_an_unknown_country_is_refused(client: Client) -> None:
    response = client.post(reverse("account_signup"), signup_data(country_code="XYZ<script>"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="wanjiru@example.org").exists()


def test_organization_and_country_are_optional(client: Client) -> None:
    client.post(reverse("account_signup"), signup_data(organization_name="", country_code=""))

    user = User.objects.get(email="wanjiru@example.org")
    assert (user.organization_name, user.country_code) == ("", "")


def test_registering_an_existing_address_creates_no_second_account(client: Client) -> None:
    make_user(email="wanjiru@example.org")

    client.post(reverse("account_signup"), signup_data())

    assert User.objects.filter(email__iexact="wanjiru@example.org").count() == 1


def test_a_bad_confirmation_key_is_not_an_error(client: Client) -> None:
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_sign_in_and_sign_out(client: Client) -> None:
    user = make_user(full_name="Li Wei")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session

    home = client.get("/").content.decode()
    assert "Li Wei" in home
    assert f'action="{reverse("account_logout")}"' in home

    # Visiting the sign-out address only asks; the POST signs out.
    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
    home = client.get("/").content.decode()
    assert "Li Wei" not in home
    assert "Sign in" in home and "Register" in home


def test_wrong_password_is_refused(client: Client) -> None:
    user = make_user()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "not-the-password"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode()
