import pytest
from django.urls import reverse

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees_reviews", "sees_dashboard"),
    [
        ({}, False, False),
        ({"reviewer_kind": "external"}, True, False),
        ({"reviewer_kind": "internal"}, True, False),
        ({"is_editor": True}, False, True),
        ({"is_superuser": True, "is_staff": True}, False, True),
    ],
)
def test_header_offers_each_role_its_own_queues(client, role, sees_reviews, sees_dashboard) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(**role))
    html = client.get(reverse("discovery:home")).content.decode()
    assert (reverse("review:my_reviews") in html) is sees_reviews
    assert (reverse("review:dashboard") in html) is sees_dashboard
    assert reverse("accounts:profile") in html


def test_anonymous_header_offers_sign_in_and_register(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("discovery:home")).content.decode()
    assert reverse("account_login") in html and reverse("account_signup") in html
    assert reverse("review:dashboard") not in html
