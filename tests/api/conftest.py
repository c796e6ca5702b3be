"""The API tests' data: the practices shared with the export tests (tests/open_data.py)."""

from tests.open_data import fresh_cache, open_catalogue

__all__ = ["fresh_cache", "open_catalogue"]
