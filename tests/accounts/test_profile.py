"""The account page: see your roles, edit name, organization and country."""

import pytest
from django.test import Client
from django.urls import reverse

from practicehub.catalogue.models import Country
from practicehub.core.models import AuditEvent

from .conftest import make_user

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


def test_visitors_are_asked_to_sign_in(client: Client) -> None:
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={PROFILE}"


def test_profile_shows_details_roles_and_account_links(client: Client) -> None:
    user = make_user(full_name="Nadia Haddad", organization_name="Beirut Labour Office", country_code="LBN")
    client.force_login(user)

    response = client.get(PROFILE)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Nadia Haddad"' in html
    assert 'value="Beirut Labour Office"' in html
    assert '<option value="LBN" selected>' in html
    assert Country.objects.get(iso3="LBN").name in html
    assert user.email in html
    assert "Contributor" in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'href="{reverse("account_email")}"' in html


def test_edit_profile(client: Client) -> None:
    user = make_user(full_name="Old Name")
    client.force_login(user)

    response = client.post(
        PROFILE,
        {"full_name": "  New Name ", "organization_name": "Migration Office", "country_code": "MEX"},
        follow=True,
    )

    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Your profile has been saved." in response.content.decode()
    user.refresh_from_db()
    assert (user.full_name, user.organization_name, user.country_code) == (
        "New Name",
        "Migration Office",
        "MEX",
    )
    event = AuditEvent.objects.get(action="user.profile_updated", target_id=str(user.pk))
    assert event.actor == user
    assert sorted(event.data["changed"]) == ["country_code", "full_name", "organization_name"]


def test_saving_unchanged_details_writes_no_audit_row(client: Client) -> None:
    user = make_user(full_name="Same Name")
    client.force_login(user)

    client.post(PROFILE, {"full_name": "Same Name", "organization_name": "", "country_code": ""})

    assert not AuditEvent.objects.filter(action="user.profile_updated").exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"full_name": "", "country_code": ""}, "This field is required."),
        ({"full_name": "x" * 201, "country_code": ""}, "Ensure this value has at most 200 characters"),
        ({"full_name": "Valid", "country_code": "ZZZ"}, "Select a valid choice"),
        ({"full_name": "Valid\x00", "country_code": ""}, "Null characters are not allowed."),
        ({"full_name": "Valid", "country_code": "<b>KEN</b>"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_shown_back_not_saved(client: Client, data: dict, error: str) -> None:
    user = make_user(full_name="Kept Name")
    client.force_login(user)

    response = client.post(PROFILE, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Kept Name"


def test_a_repeated_parameter_takes_the_last_value(client: Client) -> None:
    user = make_user()
    client.force_login(user)

    response = client.post(PROFILE, {"full_name": "Valid", "country_code": ["KEN", "MEX"]})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.country_code == "MEX"


def test_profile_does_not_accept_other_methods(client: Client) -> None:
    client.force_login(make_user())

    assert client.delete(PROFILE).status_code == 405
