"""Search backends, chosen by the database in use."""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import SearchBackend
from .postgres import PostgresBackend
from .sqlite import SQLiteBackend


@cache
def _backend_for(vendor: str) -> SearchBackend:
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor}.")


def get_backend() -> SearchBackend:
    """The backend for the default database."""
    return _backend_for(connection.vendor)


__all__ = ["SearchBackend", "get_backend"]
