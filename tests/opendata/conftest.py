"""The export tests' data: the practices shared with the API tests (tests/open_data.py), in every
state, with private data that must never leave the site."""

from tests.open_data import catalogue, fresh_cache, open_catalogue

__all__ = ["catalogue", "fresh_cache", "open_catalogue"]
