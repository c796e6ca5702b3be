"""Password reset by email, password change, and Argon2 for stored passwords."""

import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from config.settings import base as production_settings
from practicehub.accounts.models import User

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-passphrase-77"


def reset_path(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_password_reset_by_email(client: Client) -> None:
    user = make_user()

    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]

    # The link leads to a form (allauth moves the key into the session first).
    form_page = client.get(reset_path(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    assert authenticate(email=user.email, password=NEW_PASSWORD) is not None
    assert authenticate(email=user.email, password=PASSWORD) is None
    signed_in = Client()
    signed_in.post(reverse("account_login"), {"login": user.email, "password": NEW_PASSWORD})
    assert int(signed_in.session["_auth_user_id"]) == user.pk


def test_password_reset_does_not_reveal_whether_an_account_exists(client: Client) -> None:
    known = make_user()
    for_known = client.post(reverse("account_reset_password"), {"email": known.email}, follow=True)
    for_unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)

    assert for_known.redirect_chain == for_unknown.redirect_chain
    assert for_unknown.status_code == 200


def test_a_used_or_forged_reset_link_is_refused(client: Client) -> None:
    user = make_user()
    response = client.get(f"/accounts/password/reset/key/{user.pk}-not-a-token/", follow=True)

    assert response.status_code == 200
    assert "Bad Token" in response.content.decode()


def test_password_change(client: Client) -> None:
    user = make_user()
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[0][1] == 302
    # The confirmation shows on the next page, inside the site's layout.
    assert '<ul class="messages" role="status">' in response.content.decode()
    assert "Password successfully changed." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Still signed in after the change.
    assert "_auth_user_id" in client.session


def test_password_change_needs_the_current_password(client: Client) -> None:
    user = make_user()
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_page_links_back_to_the_account(client: Client) -> None:
    client.force_login(make_user())

    html = client.get(reverse("account_change_password")).content.decode()

    assert f'href="{reverse("accounts:profile")}"' in html


@override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS)
def test_new_passwords_are_stored_with_argon2(client: Client) -> None:
    client.post(
        reverse("account_signup"),
        {
            "full_name": "Hashed Person",
            "email": "hashed@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    stored = User.objects.get(email="hashed@example.org").password
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert stored.startswith("argon2$argon2id$")
