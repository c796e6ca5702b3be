"""Real databases and storages for the backup tests, on whichever database the suite runs on.

On SQLite the suite's test database lives in memory, where there is no WAL: ``source_database``
copies it into a WAL file in tmp_path and makes that file the default database for the test (and
every thread it starts). On PostgreSQL the suite's test database is used as it is. ``empty_database``
is a connection (outside ``connections``, so Django's test case lets the test use it) to a database
that does not exist yet (SQLite) or was just created (PostgreSQL).
"""

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

RESTORE_ALIAS = "restore_target"


@pytest.fixture(autouse=True)
def _remove_tmp_path(tmp_path: Path) -> Iterator[None]:
    """Databases, media and archives made under tmp_path go when the test ends (torn down last)."""
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture
def source_database(transactional_db: None, tmp_path: Path) -> Iterator[dict[str, Any]]:
    if connection.vendor != "sqlite":
        yield connection.settings_dict
        return
    memory = connections["default"]
    memory.ensure_connection()
    path = tmp_path / "source.sqlite3"
    with closing(sqlite3.connect(path)) as file_database:
        memory.connection.backup(file_database)
    settings_dict = {**memory.settings_dict, "NAME": str(path)}
    original = connections.settings["default"]
    file_connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections.settings["default"] = settings_dict  # what other threads connect with
    connections["default"] = file_connection
    try:
        file_connection.ensure_connection()
        yield settings_dict
    finally:
        file_connection.close()
        connections["default"] = memory
        connections.settings["default"] = original


@pytest.fixture
def empty_database(source_database: dict[str, Any], tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A connection to an empty database of the same vendor, dropped afterwards."""
    vendor = connection.vendor
    if vendor == "sqlite":
        name: Any = str(tmp_path / "restored.sqlite3")
    else:
        name = f"{source_database['NAME']}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict = {**source_database, "NAME": name}
    target = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, RESTORE_ALIAS)
    try:
        yield target
    finally:
        target.close()
        if vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def use_media(settings: Any, tmp_path: Path) -> Callable[[str], Path]:
    """Point the default storage at a local folder under tmp_path; returns the folder."""

    def use(folder: str) -> Path:
        location = tmp_path / folder
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(location)},
            },
        }
        assert default_storage.location == str(location)  # type: ignore[attr-defined]
        return location

    return use
