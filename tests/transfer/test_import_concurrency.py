"""A bulk import never keeps other writers waiting for the whole file, and stays all or nothing.

On SQLite one writer holds the lock for the whole database: a sign-in saving its session while an
import ran used to wait until the import ended, and failed with "database is locked" after the busy
timeout. The check now only reads, and the writes go in short transactions. These tests run a real
import in one thread and another writer in a second thread, on a real SQLite file with the project's
options (the in-memory test database locks differently), or on the PostgreSQL test database. They
check the order of events, not how long anything took.
"""

import csv
import io
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.settings.base import database_from_env
from practicehub.accounts.models import User
from practicehub.catalogue.models import Objective, Organization, Practice
from practicehub.core.models import AuditEvent
from practicehub.opendata.columns import COLUMN_NAMES
from practicehub.transfer import bulk_import
from practicehub.transfer.bulk_import import practices_import
from practicehub.transfer.readers import ImportRow, read_file
from tests.factories import UserFactory

# Writes really commit; the vocabularies are restored for the next test.
TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CHUNK = 5  # rows per transaction in these tests, so that a small file has several chunks
ROWS = 4 * CHUNK
WAIT_SECONDS = 60  # only reached when something is broken


def _chunks_of(monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    """Chunks of exactly `rows` rows, however fast the machine (and undo chunks of that size too)."""
    monkeypatch.setattr(bulk_import, "CHUNK_ROWS", rows)
    monkeypatch.setattr(bulk_import, "UNDO_CHUNK_ROWS", rows)
    monkeypatch.setattr(bulk_import, "CHUNK_SECONDS", 3600)


def _rows(count: int, **cells: str) -> list[ImportRow]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for n in range(count):
        row = {
            "title": f"Returnee skills desk {n}",
            "primary_objectives": "2 | 23",
            "countries": "KEN",
            "start_year": "2021",
            "is_ongoing": "yes",
            "organizations": f"Desk Office {n}",
            "organization_roles": "main",
            "summary": "Skills passports for returnees.",
            **cells,
        }
        writer.writerow({name: row.get(name, "") for name in COLUMN_NAMES})
    return read_file(io.BytesIO(out.getvalue().encode()), filename="practices.csv").rows


@pytest.fixture
def file_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """SQLite: the default database becomes a file in tmp_path with the project's options (WAL,
    IMMEDIATE transactions, busy timeout), migrated. PostgreSQL: the test database, as it is.
    For tests marked TRANSACTIONAL (committed writes, seen by other threads)."""
    _chunks_of(monkeypatch, CHUNK)
    if connection.vendor != "sqlite":
        yield
        return
    monkeypatch.delenv("DATABASE_URL", raising=False)
    project = database_from_env(tmp_path / "practicehub.sqlite3")
    original_settings = connections.settings["default"]
    original_connection = connections["default"]
    connections.settings["default"] = {**original_settings, "NAME": project["NAME"], **project}
    del connections["default"]
    try:
        call_command("migrate", verbosity=0)
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = original_settings
        connections["default"] = original_connection


@dataclass
class Writer:
    """Another request's writes, in its own thread and connection: a session saved and a user's
    last sign-in updated, as a sign-in does. Starts when `go` is set; `practices_seen` is how many
    practices had been imported when its writes were done."""

    user_pk: int
    go: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None
    practices_seen: int | None = None

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        return thread

    def _run(self) -> None:
        try:
            if not self.go.wait(WAIT_SECONDS):
                raise AssertionError("the import never reached the point where the writer starts")
            session = SessionStore()
            session["signed_in"] = True
            session.save()
            User.objects.filter(pk=self.user_pk).update(last_login=timezone.now())
            self.practices_seen = Practice.objects.count()
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            self.done.set()
            connections.close_all()


def _step_of(args: tuple[Any, ...]) -> str:
    return args[0] if args else "check"  # one pass before the fix, two ("check", "write") after


@TRANSACTIONAL
def test_a_sign_in_during_the_check_does_not_wait_for_it(file_database: None) -> None:
    """The check (the dry run the admin page shows before confirming) takes no write lock: the
    check waits at its second row until the other writer is done, so a lock held by the check
    would leave that writer failing with "database is locked"."""
    editor = UserFactory(is_editor=True)
    writer = Writer(UserFactory().pk)

    def progress(rows: Iterable[ImportRow], *step: str) -> Iterator[ImportRow]:
        for number, row in enumerate(rows):
            if _step_of(step) == "check" and number == 1:
                writer.go.set()
                writer.done.wait(WAIT_SECONDS)
            yield row

    thread = writer.start()
    report = practices_import(actor=editor, rows=_rows(ROWS), dry_run=True, progress=progress)
    thread.join(WAIT_SECONDS)
    assert writer.error is None, f"the other writer failed: {writer.error!r}"
    assert writer.done.is_set() and writer.practices_seen == 0
    assert report.ok and len(report.rows) == ROWS and Practice.objects.count() == 0
    assert User.objects.get(pk=writer.user_pk).last_login is not None


@TRANSACTIONAL
def test_a_sign_in_during_the_writes_waits_for_one_chunk_not_the_whole_import(file_database: None) -> None:
    """The other writer starts while the first chunk is being written; its writes are done before
    the import has written every row."""
    editor = UserFactory(is_editor=True)
    writer = Writer(UserFactory().pk)

    def progress(rows: Iterable[ImportRow], *step: str) -> Iterator[ImportRow]:
        for row in rows:
            if _step_of(step) != "write" and step:
                yield row
                continue
            writer.go.set()
            yield row

    thread = writer.start()
    report = practices_import(actor=editor, rows=_rows(ROWS), progress=progress)
    thread.join(WAIT_SECONDS)
    assert report.committed, report.errors
    assert Practice.objects.count() == ROWS
    assert writer.error is None, f"the other writer failed: {writer.error!r}"
    assert writer.practices_seen is not None
    assert writer.practices_seen < ROWS, "the other writer waited for the whole import"
    assert User.objects.get(pk=writer.user_pk).last_login is not None


# All or nothing --------------------------------------------------------------------------------------


def _fail_at(monkeypatch: pytest.MonkeyPatch, row_number: int) -> None:
    """Writing row `row_number` fails as a database refusing it would."""
    write = bulk_import._import_row

    def failing(**kwargs: Any) -> Any:
        if kwargs["row"].number == row_number:
            raise DatabaseError("disk I/O error")
        return write(**kwargs)

    monkeypatch.setattr(bulk_import, "_import_row", failing)


@TRANSACTIONAL
def test_a_failing_later_chunk_undoes_the_chunks_written_before(monkeypatch: pytest.MonkeyPatch) -> None:
    _chunks_of(monkeypatch, CHUNK)
    editor = UserFactory(is_editor=True)
    kept = practices_import(actor=editor, rows=_rows(1, id="kept-desk", summary="Before the import."))
    assert kept.committed
    organizations = set(Organization.objects.values_list("pk", flat=True))
    rows = _rows(ROWS)
    rows[0] = _rows(1, id="kept-desk", summary="Changed by the import.")[0]  # an update, in chunk 1
    _fail_at(monkeypatch, rows[3 * CHUNK].number)  # the first row of the fourth chunk

    report = practices_import(actor=editor, rows=rows)

    assert not report.committed
    assert report.errors == [(rows[3 * CHUNK].number, "", "The database refused the row: disk I/O error")]
    assert list(Practice.objects.values_list("slug", "summary")) == [("kept-desk", "Before the import.")]
    assert set(Organization.objects.values_list("pk", flat=True)) == organizations
    undone = AuditEvent.objects.filter(action="practice.import_undone")
    assert undone.count() == 3 * CHUNK  # every practice the first three chunks wrote


@TRANSACTIONAL
def test_a_chunk_ends_when_its_time_is_up_whatever_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no time per chunk, each row is a transaction of its own: a failure at the third row
    finds two committed chunks to undo."""
    monkeypatch.setattr(bulk_import, "CHUNK_SECONDS", 0)
    monkeypatch.setattr(bulk_import, "SQLITE_PAUSE_SECONDS", 0)
    rows = _rows(5)
    _fail_at(monkeypatch, rows[2].number)
    report = practices_import(actor=UserFactory(is_editor=True), rows=rows)
    assert not report.committed and Practice.objects.count() == 0
    assert AuditEvent.objects.filter(action="practice.import_undone").count() == 2


@pytest.mark.django_db
def test_a_file_with_an_error_writes_nothing_at_all(editor: Any) -> None:
    rows = _rows(ROWS)
    rows[-1] = _rows(1, countries="QQQ")[0]
    audit_before = AuditEvent.objects.count()
    report = practices_import(actor=editor, rows=rows)
    assert not report.ok
    assert [(column, message) for _n, column, message in report.errors] == [
        ("countries", "Unknown values: QQQ.")
    ]
    assert Practice.objects.count() == 0 and AuditEvent.objects.count() == audit_before


@TRANSACTIONAL
def test_a_vocabulary_value_removed_between_check_and_write_undoes_the_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check passed; by the time the last chunk is written, an objective it uses is gone."""
    _chunks_of(monkeypatch, CHUNK)
    editor = UserFactory(is_editor=True)
    rows = _rows(ROWS - 1) + _rows(1, primary_objectives="7")
    rows[-1].number = ROWS + 1
    check = bulk_import._checked_rows

    def then_remove(*args: Any) -> Any:
        checked = check(*args)
        Objective.objects.filter(number=7).delete()
        return checked

    monkeypatch.setattr(bulk_import, "_checked_rows", then_remove)
    report = practices_import(actor=editor, rows=rows)
    assert [(column, message) for _n, column, message in report.errors] == [
        ("primary_objectives", "Unknown values: 7.")
    ]
    assert Practice.objects.count() == 0


_CELL = st.sampled_from(["", "KEN", "QQQ", "1 | 2", "99", "yes", "2020", "1800", "main | x", "=1", "-1"])
_COLUMNS = st.sampled_from(
    ["countries", "primary_objectives", "start_year", "end_year", "organization_roles"]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.dictionaries(_COLUMNS, _CELL, max_size=3),
        min_size=1,
        max_size=3,
    )
)
@pytest.mark.django_db
def test_the_check_predicts_the_import(editor: Any, cells: list[dict[str, str]]) -> None:
    """Whatever the cells, the import writes every row exactly when the check found no error, and
    nothing otherwise: the check reads only, yet misses nothing the writes would refuse."""
    rows = [_rows(1, **row)[0] for row in cells]
    for number, row in enumerate(rows, start=2):
        row.number = number
    before = Practice.objects.count()
    checked = practices_import(actor=editor, rows=rows, dry_run=True)
    report = practices_import(actor=editor, rows=rows)
    assert [e[:2] for e in checked.errors] == [e[:2] for e in report.errors]
    assert Practice.objects.count() - before == (len(rows) if report.ok else 0)
