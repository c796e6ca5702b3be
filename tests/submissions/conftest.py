"""People and form data for the submission tests."""

from collections.abc import Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.factories import UserFactory

from .helpers import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def make_user(**kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def contributor(db: None) -> Any:
    return make_user(username="amina", full_name="Amina Contributor")


@pytest.fixture
def other_contributor(db: None) -> Any:
    return make_user(username="boris", full_name="Boris Contributor")


@pytest.fixture
def staff_editor(db: None) -> Any:
    return make_user(username="edna", full_name="Edna Editor", is_editor=True)


@pytest.fixture
def second_editor(db: None) -> Any:
    return make_user(username="eli", full_name="Eli Editor", is_editor=True)


@pytest.fixture
def signed_in(client: Any, contributor: Any) -> Any:
    client.login(username=contributor.username, password=PASSWORD)
    return client
