"""The import tests share the open-data practices and an empty cache around each test (tests/open_data.py)."""

from tests.open_data import catalogue, fresh_cache, open_catalogue

__all__ = ["catalogue", "fresh_cache", "open_catalogue"]
