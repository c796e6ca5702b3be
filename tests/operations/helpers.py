"""A writer that keeps the site busy, and exact readings of databases, storages and archives."""

import hashlib
import io
import sqlite3
import tarfile
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from practicehub.catalogue.models import PracticeStatus
from practicehub.catalogue.services import PracticeValues, practice_save
from practicehub.submissions import services as submissions
from practicehub.submissions.uploads import KINDS_BY_KEY

STALL_SECONDS = 120  # only a deadlock guard: the writer normally commits many times a second


def pdf(number: int) -> bytes:
    return b"%PDF-1.4\n%% report " + str(number).encode() + b"\ntrailer << >>\n%%EOF\n"


def write_round(contributor: Any, number: int) -> None:
    """What the site does all day, through the services: a practice published (history, audit and
    search index rows), a draft saved and a document uploaded to it."""
    practice_save(
        actor=None,
        values=PracticeValues(title=f"Practice written while backing up {number}", summary="Helps."),
        status=PracticeStatus.PUBLISHED,
    )
    draft = submissions.submission_save_draft(
        actor=contributor, practice=None, values=PracticeValues(title=f"Draft {number}")
    )
    content = pdf(number)
    submissions.document_add(
        actor=contributor,
        upload=io.BytesIO(content),
        name=f"report {number}.pdf",
        size=len(content),
        kind=KINDS_BY_KEY["pdf"],
        title=f"Report {number}",
        practice=draft,
    )


class Writer(threading.Thread):
    """Runs write rounds until stopped; ``rounds`` counts those committed."""

    def __init__(self, contributor: Any) -> None:
        super().__init__(daemon=True)
        self.contributor = contributor
        self.rounds = 0
        self.error: BaseException | None = None
        self._stop_asked = threading.Event()
        self._progress = threading.Condition()

    def run(self) -> None:
        try:
            while not self._stop_asked.is_set():
                write_round(self.contributor, self.rounds)
                with self._progress:
                    self.rounds += 1
                    self._progress.notify_all()
        except BaseException as error:
            self.error = error
            with self._progress:
                self._progress.notify_all()
        finally:
            connection.close()

    def wait_for(self, rounds: int) -> int:
        with self._progress:
            reached = self._progress.wait_for(
                lambda: self.rounds >= rounds or self.error is not None, timeout=STALL_SECONDS
            )
        if self.error is not None:
            raise AssertionError(f"the writer failed: {self.error!r}") from self.error
        assert reached, f"the writer stalled at {self.rounds} rounds"
        return self.rounds

    def finish(self) -> int:
        self._stop_asked.set()
        self.join(STALL_SECONDS)
        assert not self.is_alive(), "the writer did not stop"
        if self.error is not None:
            raise AssertionError(f"the writer failed: {self.error!r}") from self.error
        return self.rounds


def table_rows(cursor: Any, vendor: str) -> dict[str, list[Any]]:
    """Every row of every table (virtual and shadow tables included), sorted, compared whole: on
    PostgreSQL as the row's text form, on SQLite as the stored values."""
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        names = [name for (name,) in cursor.fetchall()]
        query = 'SELECT * FROM "{}"'
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
        names = [name for (name,) in cursor.fetchall()]
        query = 'SELECT (t.*)::text FROM "{}" t'
    rows = {}
    for name in names:
        cursor.execute(query.format(name))
        rows[name] = sorted(cursor.fetchall(), key=repr)
    return rows


def database_rows(database: BaseDatabaseWrapper) -> dict[str, list[Any]]:
    """Every row of a database, read the way the backup reads its snapshot."""
    if database.vendor == "sqlite":
        # A plain connection, as in the backup: Django's converts dates and booleans as it reads.
        with closing(sqlite3.connect(database.settings_dict["NAME"])) as raw:
            return table_rows(raw.cursor(), "sqlite")
    with database.cursor() as cursor:
        return table_rows(cursor, database.vendor)


def folder_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rewrite_archive(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy an archive member by member; ``change`` returns a member's new content, None to drop it."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for info in old:
            extracted = old.extractfile(info)
            assert extracted is not None
            content = change(info.name, extracted.read())
            if content is not None:
                info.size = len(content)
                new.addfile(info, io.BytesIO(content))


def archive_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as archive:
        return {info.name: archive.extractfile(info).read() for info in archive}  # type: ignore[union-attr]
