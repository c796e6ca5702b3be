"""What the backup writes, and every archive or target that restore refuses before touching anything."""

import io
import json
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from practicehub.core.backup.archive import archive_verify
from practicehub.core.backup.databases import database_tables
from practicehub.core.backup.manifest import BackupError
from practicehub.core.backup.services import backup_create, backup_restore
from tests.submissions.conftest import make_user

from .helpers import archive_members, database_rows, folder_files, rewrite_archive, sha256, write_round

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def archive(source_database: dict[str, Any], use_media: Any, settings: Any, tmp_path: Path) -> Path:
    """A backup, by the command, of a site with a published practice, a draft and its document."""
    use_media("media")
    write_round(make_user(username="amina"), 1)
    settings.VAR_DIR = tmp_path / "var"
    call_command("backup", stdout=io.StringIO())
    (path,) = (tmp_path / "var" / "backups").iterdir()
    return path


def _untouched(target: BaseDatabaseWrapper, media: Path) -> bool:
    return database_tables(target) == {} and folder_files(media) == {}


def test_backup_writes_a_private_timestamped_archive_of_every_table_and_file(
    archive: Path, tmp_path: Path
) -> None:
    assert re.fullmatch(r"practicehub-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    members = archive_members(archive)
    manifest = json.loads(members["manifest.json"])
    assert manifest["database"]["vendor"] == connection.vendor
    assert sha256(members[manifest["database"]["member"]]) == manifest["database"]["sha256"]
    # History, audit and search index tables are counted with the rest.
    for table in (
        "catalogue_practice",
        "catalogue_historicalpractice",
        "core_auditevent",
        "search_searchdocument",
    ):
        assert manifest["tables"][table] > 0
    if connection.vendor == "sqlite":
        assert manifest["tables"]["search_fts"] == 1
    assert manifest["tables"] == {name: len(rows) for name, rows in database_rows(connection).items()}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM django_migrations WHERE app = 'catalogue' ORDER BY id")
        assert manifest["migrations"]["catalogue"] == cursor.fetchall()[-1][0]
    (document,) = manifest["files"]
    stored = folder_files(tmp_path / "media")
    assert stored.keys() == {document["name"]}
    assert members["files/" + document["name"]] == stored[document["name"]]
    assert (document["size"], document["sha256"]) == (
        len(stored[document["name"]]),
        sha256(stored[document["name"]]),
    )


class StorageLosingAFile(FileSystemStorage):
    """A storage where a document is deleted just after the backup listed it (as a reviewer might)."""

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        folders, names = super().listdir(path)
        for name in names:
            self.delete(f"{path}/{name}" if path else name)
        return folders, names


def test_backup_skips_a_file_deleted_while_it_runs_and_names_it(
    source_database: dict[str, Any], use_media: Any, tmp_path: Path
) -> None:
    media = use_media("media")
    write_round(make_user(username="amina"), 1)
    (name,) = folder_files(media)

    result = backup_create(
        storage=StorageLosingAFile(location=media), connection=connection, output=tmp_path / "b.tar.gz"
    )

    assert result.skipped_files == [name]
    assert result.manifest.files == []
    assert archive_verify(result.path).files == []


def test_restore_refuses_a_database_that_is_not_empty(archive: Path, tmp_path: Path) -> None:
    before, files_before = database_rows(connection), folder_files(tmp_path / "media")

    with pytest.raises(CommandError, match=r"not empty.*--force"):
        call_command("restore", str(archive))

    assert database_rows(connection) == before
    assert folder_files(tmp_path / "media") == files_before


def test_restore_refuses_a_storage_that_is_not_empty(
    archive: Path, empty_database: BaseDatabaseWrapper, use_media: Any
) -> None:
    media = use_media("other-media")
    default_storage.save("practices/9/kept.pdf", ContentFile(b"%PDF-1.4 kept"))

    with pytest.raises(BackupError, match="storage 1 files"):
        backup_restore(archive=archive, storage=default_storage, connection=empty_database)

    assert database_tables(empty_database) == {}
    assert folder_files(media) == {"practices/9/kept.pdf": b"%PDF-1.4 kept"}


def _changed_file(name: str, data: bytes) -> bytes:
    return data.replace(b"report", b"REPORT") if name.startswith("files/") else data


def _changed_database(name: str, data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database/") else data


def _future_manifest(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["migrations"]["catalogue"] = "9999_from_a_later_version"
    return json.dumps(manifest).encode()


def _other_vendor(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["database"]["vendor"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    return json.dumps(manifest).encode()


def _escaping_name(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["files"][0]["name"] = "../../outside.pdf"
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_changed_file, r"files/practices/\d+/.*does not match its checksum"),
        (_changed_database, r"database/practicehub\.\w+ does not match its checksum"),
        (lambda name, data: None if name == "manifest.json" else data, "has no manifest"),
        (
            lambda name, data: None if name.startswith("files/") else data,
            "listed in the manifest but missing",
        ),
        (_future_manifest, "newer version of PracticeHub"),
        (_other_vendor, "backup of a (postgresql|sqlite) database"),
        (_escaping_name, "manifest is not valid: file name"),
    ],
    ids=["file-checksum", "database-checksum", "no-manifest", "missing-file", "newer", "vendor", "escape"],
)
def test_restore_refuses_a_damaged_or_foreign_archive_and_touches_nothing(
    archive: Path,
    empty_database: BaseDatabaseWrapper,
    use_media: Any,
    tmp_path: Path,
    change: Callable[[str, bytes], bytes | None],
    message: str,
) -> None:
    damaged = tmp_path / "damaged.tar.gz"
    rewrite_archive(archive, damaged, change)
    media = use_media("restored-media")

    with pytest.raises(BackupError, match=message):
        backup_restore(archive=damaged, storage=default_storage, connection=empty_database, force=True)

    assert _untouched(empty_database, media)


def test_restore_refuses_an_archive_cut_short(
    archive: Path, empty_database: BaseDatabaseWrapper, use_media: Any, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    media = use_media("restored-media")

    with pytest.raises(BackupError, match="damaged or cut short"):
        backup_restore(archive=cut, storage=default_storage, connection=empty_database)

    assert _untouched(empty_database, media)


def test_verify_only_checks_the_archive_and_says_what_it_holds(archive: Path, capsys: Any) -> None:
    call_command("restore", str(archive), verify_only=True)

    assert "every checksum matches" in capsys.readouterr().out
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore", str(archive.with_name("missing.tar.gz")), verify_only=True)
