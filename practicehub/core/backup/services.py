"""Take a backup and restore one: the database snapshot, every uploaded file, and the manifest."""

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import Storage
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from .archive import archive_create, archive_read, archive_verify
from .databases import SnapshotHook, database_dump, database_load, database_tables, vendor_of
from .files import file_restore, storage_walk
from .manifest import FILES_PREFIX, MANIFEST_MEMBER, BackupError, Manifest, Member


def backup_default_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def backup_path(output: Path | None, now: datetime) -> Path:
    """Where the archive goes: ``output`` if it names a file, else a timestamped name in ``output``
    (a folder) or in the default folder."""
    if output is not None and not output.is_dir() and not str(output).endswith("/"):
        return output
    folder = output or backup_default_dir()
    return folder / f"practicehub-{now:%Y%m%dT%H%M%SZ}.tar.gz"


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest
    skipped_files: list[str] = field(default_factory=list)


def backup_create(
    *,
    storage: Storage,
    connection: BaseDatabaseWrapper,
    output: Path | None = None,
    on_snapshot: SnapshotHook | None = None,
) -> BackupResult:
    """Write one archive holding a consistent dump of the database, every file in ``storage`` and a
    manifest. The database is read first and the files after it, so every file that a row of the
    snapshot names was already stored (files are written before the row that names them commits).
    ``on_snapshot`` is called with a cursor reading the snapshot, before the dump."""
    vendor_of(connection)
    now = datetime.now(UTC)
    path = backup_path(output, now)
    if path.exists():
        raise BackupError(_("%(path)s already exists.") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".practicehub-backup-", dir=path.parent) as work:
        dump = database_dump(connection, Path(work), on_snapshot=on_snapshot)
        with archive_create(path) as archive:
            with dump.path.open("rb") as raw:
                database = archive.add(dump.member, raw, dump.path.stat().st_size)
            dump.path.unlink()  # the archive has it; free the space before the files go in
            files = []
            for name in storage_walk(storage):
                try:
                    size, stored = storage.size(name), storage.open(name, "rb")
                except FileNotFoundError:  # deleted since it was listed: it is no longer anyone's file
                    skipped.append(name)
                    continue
                with stored:
                    files.append(archive.add(FILES_PREFIX + name, stored, size, name=name))
            manifest = Manifest(
                created_at=now.isoformat().replace("+00:00", "Z"),
                vendor=dump.vendor,
                server_version=dump.server_version,
                database=database,
                migrations=dump.migrations,
                tables=dump.tables,
                files=files,
            )
            archive.add_bytes(MANIFEST_MEMBER, manifest.to_json())
    return BackupResult(path=path, manifest=manifest, skipped_files=skipped)


# Restore -------------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: Manifest
    replaced_tables: dict[str, int]
    replaced_files: int
    dropped_tables: list[str] = field(default_factory=list)
    files_not_in_backup: int = 0
    pending_migrations: list[str] = field(default_factory=list)


def _check_migrations(manifest: Manifest) -> None:
    """Refuse a backup taken by a newer PracticeHub: its schema has migrations this code lacks."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known_apps = {app for app, _name in loader.disk_migrations}
    for app, name in sorted(manifest.migrations.items()):
        if app in known_apps and (app, name) not in loader.disk_migrations:
            raise BackupError(
                _(
                    "This backup was taken by a newer version of PracticeHub (migration %(app)s.%(name)s "
                    "is unknown here). Restore it with the version that took it."
                )
                % {"app": app, "name": name}
            )


def _pending_migrations(connection: BaseDatabaseWrapper, tables: dict[str, int]) -> list[str]:
    """Migrations of this code that the restored database has not applied (read with plain SQL: the
    connection need not be one of settings.DATABASES)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    applied: set[tuple[str, str]] = set()
    if "django_migrations" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(app, name) for app, name in cursor.fetchall()}
    for key, squashed in loader.replacements.items():
        if all(replaced in applied for replaced in squashed.replaces):
            applied.add(key)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes if (app, name) not in applied)


def backup_check_target(
    *, manifest: Manifest, storage: Storage, connection: BaseDatabaseWrapper, force: bool
) -> RestoreResult:
    """What a restore would replace; BackupError if it may not go ahead."""
    if vendor_of(connection) != manifest.vendor:
        raise BackupError(
            _("This is a backup of a %(backup)s database; the configured database is %(target)s.")
            % {"backup": manifest.vendor, "target": connection.vendor}
        )
    _check_migrations(manifest)
    tables = database_tables(connection)
    names = {entry.name for entry in manifest.files}
    existing = list(storage_walk(storage))
    if (tables or existing) and not force:
        raise BackupError(
            _(
                "The target is not empty: the database has %(tables)d tables holding %(rows)d rows and the "
                "storage %(files)d files. Restore into an empty database and storage, or pass --force "
                "to replace them."
            )
            % {"tables": len(tables), "rows": sum(tables.values()), "files": len(existing)}
        )
    return RestoreResult(
        manifest=manifest,
        replaced_tables=tables,
        replaced_files=sum(1 for name in existing if name in names),
        files_not_in_backup=sum(1 for name in existing if name not in names),
    )


def _count_differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    return [
        f"{table}: {expected.get(table, '-')} / {found.get(table, '-')}"
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    ]


def backup_restore(
    *,
    archive: Path,
    storage: Storage,
    connection: BaseDatabaseWrapper,
    force: bool = False,
    announce: Callable[[RestoreResult], None] | None = None,
) -> RestoreResult:
    """Verify the archive, then replace the database and put every file back into ``storage``.

    Nothing is touched until every checksum matches and the target is found empty (or ``force``);
    ``announce`` is then told what will be replaced. The site must be stopped meanwhile. Ends by
    checking every table's row count against the manifest and emptying the cache, which may hold
    results computed from the replaced data."""
    manifest = archive_verify(archive)
    result = backup_check_target(manifest=manifest, storage=storage, connection=connection, force=force)
    if announce is not None:
        announce(result)
    with tempfile.TemporaryDirectory(prefix="practicehub-restore-") as work:

        def restore_member(entry: Member, reader: IO[bytes]) -> None:
            if entry is manifest.database:
                dump = Path(work) / Path(entry.member).name
                with dump.open("wb") as out:
                    shutil.copyfileobj(reader, out, 1024 * 1024)
                result.dropped_tables = database_load(
                    connection, dump, replace=bool(result.replaced_tables), keep=set(manifest.tables)
                )
                dump.unlink()
            else:
                file_restore(storage, entry.name, reader, entry.size, replace=force)

        try:
            archive_read(archive, manifest, restore_member)
        finally:
            cache.clear()  # whatever was restored, results cached from the replaced data are stale
    differences = _count_differences(manifest.tables, database_tables(connection))
    if differences:
        raise BackupError(
            _("The restored database does not match the manifest (table: expected / found): %(list)s")
            % {"list": "; ".join(differences)}
        )
    result.pending_migrations = _pending_migrations(connection, manifest.tables)
    return result
