import pytest
from django.core.cache import cache

from tests.api.data import OpenCatalogue, build_open_catalogue


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters and the facet index start empty in every test."""
    cache.clear()


@pytest.fixture
def open_catalogue(editor) -> OpenCatalogue:  # type: ignore[no-untyped-def]
    return build_open_catalogue(editor)
