"""A backup taken while the site keeps writing restores exactly the state it snapshotted.

Runs on the suite's database: SQLite on the default leg (WAL files in tmp_path), PostgreSQL on the
PostgreSQL leg (pg_dump and pg_restore must be installed; without them the test fails).
"""

import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from practicehub.core.backup.services import backup_create, backup_restore
from tests.submissions.conftest import make_user

from .helpers import Writer, archive_members, database_rows, folder_files, sha256, table_rows, write_round

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_backup_during_writes_restores_every_row_and_file_of_its_snapshot(
    source_database: dict[str, Any], empty_database: BaseDatabaseWrapper, use_media: Any, tmp_path: Path
) -> None:
    source_media = use_media("media")
    writer = Writer(make_user(username="amina"))
    writer.start()
    snapshot: dict[str, Any] = {}

    def read_snapshot(cursor: Any) -> None:
        """Runs inside the backup's snapshot, while the writer goes on committing."""
        snapshot["rounds_before"] = writer.rounds
        snapshot["rows"] = table_rows(cursor, connection.vendor)
        # Rounds committed now, after the snapshot began and before the dump is taken, must not be in it.
        snapshot["rounds_during"] = writer.wait_for(writer.rounds + 2)

    folder = tmp_path / "backups"
    folder.mkdir()
    try:
        writer.wait_for(2)
        result = backup_create(
            storage=default_storage,
            connection=connection,
            output=folder,
            on_snapshot=read_snapshot,
        )
    finally:
        rounds = writer.finish()
    rows = snapshot["rows"]
    published = "catalogue_practice"
    assert snapshot["rounds_before"] >= 2
    assert rounds >= snapshot["rounds_during"] >= snapshot["rounds_before"] + 2
    # The snapshot holds some rounds, and the database went on past it.
    assert 0 < len(rows[published]) < len(database_rows(connection)[published])

    assert result.path.parent == folder and result.path.name.startswith("practicehub-")
    manifest = json.loads(archive_members(result.path)["manifest.json"])
    assert manifest["tables"] == {name: len(table) for name, table in rows.items()}
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600

    restored_media = use_media("restored-media")
    backup_restore(archive=result.path, storage=default_storage, connection=empty_database)

    restored = database_rows(empty_database)
    assert restored.keys() == rows.keys()
    for name, table in rows.items():
        assert restored[name] == table, f"table {name} differs"
    source_files, restored_files = folder_files(source_media), folder_files(restored_media)
    assert restored_files.keys() == {entry["name"] for entry in manifest["files"]}
    for entry in manifest["files"]:
        assert restored_files[entry["name"]] == source_files[entry["name"]]
        assert sha256(restored_files[entry["name"]]) == entry["sha256"]
    # Every document of the restored database has its file.
    with empty_database.cursor() as cursor:
        cursor.execute("SELECT file FROM catalogue_practicedocument")
        names = {name for (name,) in cursor.fetchall()}
    assert names and names <= restored_files.keys()


def test_restore_with_force_puts_back_the_state_of_the_backup(
    source_database: dict[str, Any], use_media: Any, tmp_path: Path
) -> None:
    media = use_media("media")
    contributor = make_user(username="amina")
    write_round(contributor, 1)
    archive = backup_create(
        storage=default_storage, connection=connection, output=tmp_path / "backup.tar.gz"
    ).path
    rows_then, files_then = database_rows(connection), folder_files(media)
    # Later: more writes, a stored file overwritten, a table a later version might have added.
    write_round(contributor, 2)
    (backed_up,) = files_then
    (media / backed_up).write_bytes(b"%PDF-1.4 changed since")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE added_after_the_backup (id integer)")

    call_command("restore", str(archive), force=True, stdout=io.StringIO())

    assert database_rows(connection) == rows_then
    files_now = folder_files(media)
    assert files_now[backed_up] == files_then[backed_up]
    # A file the backup does not hold is left in place.
    assert len(files_now) == 2
