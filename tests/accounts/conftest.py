from collections.abc import Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.factories import UserFactory

PASSWORD = "pw-123456-test"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits and lock-outs live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def make_user(*, verified: bool = True, **kwargs: Any) -> Any:
    """A user who can sign in with PASSWORD (once their email address is verified)."""
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@pytest.fixture
def contributor(db: None) -> Any:
    return make_user(full_name="Amina Contributor")
