"""Search backends, chosen by the database in use."""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import SearchBackend


@cache
def _backend_for(vendor: str) -> SearchBackend:
    if vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor}.")


def get_backend() -> SearchBackend:
    """The backend for the default database."""
    return _backend_for(connection.vendor)


__all__ = ["SearchBackend", "get_backend"]
