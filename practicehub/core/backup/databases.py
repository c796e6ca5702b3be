"""The database half of a backup, with each database's own tools.

SQLite: one read transaction on the live file is the snapshot; the row counts, the migration state
and the online backup API's page copy are all read inside it, so the copy holds every committed
transaction (including those still in the WAL) and nothing written after it began.

PostgreSQL: a REPEATABLE READ transaction exports its snapshot; the counts are read in it and
``pg_dump --snapshot`` dumps exactly that state. ``pg_restore`` loads it back in one transaction.
Connection parameters reach pg_dump and pg_restore through PG* environment variables (the password
never appears on a command line).
"""

import os
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from .manifest import VENDORS, BackupError

# Called with a DB-API cursor that reads the snapshot being backed up, before the dump is taken.
SnapshotHook = Callable[[Any], None]

_POSTGRES_TABLES = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY 1, 2
"""
_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
# Environment variables libpq reads, for the OPTIONS a DATABASE_URL can carry beyond Django's own.
_LIBPQ_OPTIONS = {
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


@dataclass
class DatabaseDump:
    vendor: str
    server_version: str
    path: Path
    member: str
    tables: dict[str, int]
    migrations: dict[str, str]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qualified(schema: str, table: str) -> str:
    return table if schema == "public" else f"{schema}.{table}"


def table_names(cursor: Any, vendor: str) -> list[str]:
    """Every table (virtual and shadow tables of the search index included), as manifest keys."""
    if vendor == "sqlite":
        cursor.execute(_SQLITE_TABLES)
        return [name for (name,) in cursor.fetchall()]
    cursor.execute(_POSTGRES_TABLES)
    return [_qualified(schema, table) for schema, table in cursor.fetchall()]


def _sql_name(key: str, vendor: str) -> str:
    """A manifest key as SQL: on PostgreSQL a dotted key is schema.table, SQLite names are whole."""
    schema, dot, table = key.rpartition(".")
    return f"{quote(schema)}.{quote(table)}" if dot and vendor == "postgresql" else quote(key)


def row_counts(cursor: Any, vendor: str) -> dict[str, int]:
    counts = {}
    for key in table_names(cursor, vendor):
        cursor.execute(f"SELECT count(*) FROM {_sql_name(key, vendor)}")  # noqa: S608 (quoted names)
        counts[key] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(cursor: Any, tables: dict[str, int]) -> dict[str, str]:
    """The migration applied last in each app (empty for a database never migrated)."""
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())


def vendor_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in VENDORS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL; this database is %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


# SQLite --------------------------------------------------------------------------------------------


def sqlite_path(connection: BaseDatabaseWrapper) -> Path:
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        raise BackupError(_("An in-memory SQLite database cannot be backed up or restored."))
    return Path(connection.settings_dict["NAME"])


def _sqlite_dump(
    connection: BaseDatabaseWrapper, workdir: Path, on_snapshot: SnapshotHook | None
) -> DatabaseDump:
    source_path = sqlite_path(connection)
    if not source_path.is_file():
        raise BackupError(_("There is no database at %(path)s.") % {"path": source_path})
    target = workdir / "practicehub.sqlite3"
    timeout = float(connection.settings_dict["OPTIONS"].get("timeout", 20))
    with closing(sqlite3.connect(source_path, timeout=timeout, isolation_level=None)) as source:
        source.execute("PRAGMA query_only = ON")
        cursor = source.cursor()
        # The snapshot starts at the transaction's first read and lasts until COMMIT; writers go on
        # meanwhile (WAL), and the backup API below copies the pages this transaction sees.
        cursor.execute("BEGIN")
        tables = row_counts(cursor, "sqlite")
        migrations = applied_migrations(cursor, tables)
        if on_snapshot is not None:
            on_snapshot(cursor)
        with closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        cursor.execute("COMMIT")
    return DatabaseDump(
        "sqlite", sqlite3.sqlite_version, target, "database/practicehub.sqlite3", tables, migrations
    )


def sqlite_tables(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Row counts of the target file, without creating it when it does not exist."""
    path = sqlite_path(connection)
    if not path.exists():
        return {}
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            return row_counts(db.cursor(), "sqlite")
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(path)s cannot be read as a SQLite database: %(error)s") % {"path": path, "error": error}
        ) from None


def _sqlite_restore(connection: BaseDatabaseWrapper, dump: Path) -> None:
    target = sqlite_path(connection)
    connection.close()
    with closing(sqlite3.connect(dump)) as source:
        (verdict,) = source.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise BackupError(_("The database in the archive is damaged: %(detail)s") % {"detail": verdict})
        target.parent.mkdir(parents=True, exist_ok=True)
        timeout = float(connection.settings_dict["OPTIONS"].get("timeout", 20))
        # Through SQLite's own locking and journal, never a file copy over a live file and its WAL.
        with closing(sqlite3.connect(target, timeout=timeout)) as destination:
            source.backup(destination)


# PostgreSQL ----------------------------------------------------------------------------------------


def postgres_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: connection parameters as PG* variables."""
    env = dict(os.environ)
    env.update(DatabaseClient.settings_to_cmd_args_env(settings_dict, [])[1] or {})
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("NAME", "PGDATABASE")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in _LIBPQ_OPTIONS.items():
        if settings_dict["OPTIONS"].get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return env


def _run_postgres_tool(arguments: list[str], settings_dict: dict[str, Any]) -> None:
    try:
        result = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
            arguments, env=postgres_environment(settings_dict), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            _("%(tool)s was not found. Install the PostgreSQL client tools (Debian: postgresql-client-15).")
            % {"tool": arguments[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(detail)s") % {"tool": arguments[0], "detail": result.stderr.strip()}
        )


def _postgres_connect(connection: BaseDatabaseWrapper) -> Any:
    raw = connection.Database.connect(**connection.get_connection_params())  # type: ignore[attr-defined]
    raw.autocommit = True
    return raw


def _postgres_dump(
    connection: BaseDatabaseWrapper, workdir: Path, on_snapshot: SnapshotHook | None
) -> DatabaseDump:
    target = workdir / "practicehub.pgdump"
    with closing(_postgres_connect(connection)) as raw:
        cursor = raw.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        tables = row_counts(cursor, "postgresql")
        migrations = applied_migrations(cursor, tables)
        if on_snapshot is not None:
            on_snapshot(cursor)
        # Uncompressed: the archive around it is gzipped once.
        _run_postgres_tool(
            ["pg_dump", "--format=custom", "--compress=0", f"--snapshot={snapshot}", f"--file={target}"],
            connection.settings_dict,
        )
        cursor.execute("COMMIT")
    return DatabaseDump(
        "postgresql", server_version, target, "database/practicehub.pgdump", tables, migrations
    )


def postgres_tables(connection: BaseDatabaseWrapper) -> dict[str, int]:
    try:
        with closing(_postgres_connect(connection)) as raw:
            return row_counts(raw.cursor(), "postgresql")
    except connection.Database.OperationalError as error:  # type: ignore[attr-defined]
        raise BackupError(
            _("Cannot connect to the database (create it first, empty): %(detail)s") % {"detail": error}
        ) from None


def _postgres_restore(
    connection: BaseDatabaseWrapper, dump: Path, *, replace: bool, keep: set[str]
) -> list[str]:
    """Load the dump in one transaction; with ``replace``, drop its objects first and afterwards the
    tables the archive does not hold. Returns the names of the tables dropped that way."""
    connection.close()
    arguments = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if replace:
        arguments += ["--clean", "--if-exists"]
    # The database name is not secret; pg_restore only connects when it is given one.
    name = connection.settings_dict["NAME"] or "postgres"
    _run_postgres_tool([*arguments, f"--dbname={name}", str(dump)], connection.settings_dict)
    if not replace:
        return []
    with closing(_postgres_connect(connection)) as raw:
        cursor = raw.cursor()
        leftovers = [key for key in table_names(cursor, "postgresql") if key not in keep]
        if leftovers:
            cursor.execute(
                "DROP TABLE IF EXISTS "
                + ", ".join(_sql_name(key, "postgresql") for key in leftovers)
                + " CASCADE"
            )
    return leftovers


# Both ----------------------------------------------------------------------------------------------


def database_dump(
    connection: BaseDatabaseWrapper, workdir: Path, *, on_snapshot: SnapshotHook | None = None
) -> DatabaseDump:
    """Dump a consistent snapshot of the database into ``workdir``, with its row counts."""
    if vendor_of(connection) == "sqlite":
        return _sqlite_dump(connection, workdir, on_snapshot)
    return _postgres_dump(connection, workdir, on_snapshot)


def database_tables(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Row counts of every table of the database as it is now."""
    if vendor_of(connection) == "sqlite":
        return sqlite_tables(connection)
    return postgres_tables(connection)


def database_load(connection: BaseDatabaseWrapper, dump: Path, *, replace: bool, keep: set[str]) -> list[str]:
    """Replace the database's content with the dump; returns tables dropped as not in the backup."""
    if vendor_of(connection) == "sqlite":
        _sqlite_restore(connection, dump)
        return []
    return _postgres_restore(connection, dump, replace=replace, keep=keep)
