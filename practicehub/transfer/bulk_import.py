"""Bulk import of practices from a file in the downloads' own format (CSV, XLSX or JSON).

practices_import() is a service in two steps, so that other writers (a sign-in saving its session, an
editor's save) wait a second at most, never for the whole file:

1. The check reads and never writes: every row is turned into values and checked exactly as
   catalogue.services.practice_save would (practice_prepare), outside any transaction, so it takes
   no write lock (SQLite's lock is for the whole database). A dry run stops here, and so does a file
   with any error: the report says what would be created or updated and every error with its row
   and column.
2. The writes go through practice_save (so organizations, audit rows and the search index behave as
   for any save) in chunks of at most CHUNK_SECONDS (or CHUNK_ROWS rows), each one short
   transaction; on SQLite the import pauses briefly between chunks so that a waiting writer gets
   the lock. The search index follows each chunk's commit, for that chunk's practices only.

All or nothing: if a chunk fails (the check passed, so only a change made meanwhile by someone else
or a database error can cause it), that chunk rolls back and the chunks written before are undone:
the practices they created are deleted (with the organizations only they named) and the practices
they updated get their values back. Each undo leaves an audit row. Between two chunks, other users
can see the practices already written; a failed import leaves none of them.

A row whose identifier (column "id") names an existing practice updates that practice's public
fields; its status, focal point, submitter, documents and translations are kept. Other rows create
practices with the given status (published by default), identifier and publication date.
"""

import time
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import UTC
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from practicehub.catalogue.fields import NARRATIVE_TEXT_FIELDS
from practicehub.catalogue.models import Organization, OrganizationRole, Practice, PracticeStatus
from practicehub.catalogue.services import (
    LinkValue,
    OrganizationValue,
    PracticeValues,
    practice_prepare,
    practice_save,
)
from practicehub.core.audit import audit_record
from practicehub.opendata.records import Record
from practicehub.submissions.values import values_from_practice

from .readers import ImportRow

CREATE, UPDATE = "create", "update"
IMPORT_STATUSES = (PracticeStatus.PUBLISHED, PracticeStatus.DRAFT)
# A transaction of the writes ends after this long (plus the row being written), or this many rows:
# other writers wait about that long at most, whatever the machine's speed.
CHUNK_SECONDS = 1.0
CHUNK_ROWS = 100
UNDO_CHUNK_ROWS = 20  # undoing is rare: plain chunks of rows
# SQLite: a writer waiting for the lock retries every 100 ms at most; a longer pause lets it in.
SQLITE_PAUSE_SECONDS = 0.15

Progress = Callable[[Iterable[ImportRow], str], Iterable[ImportRow]]

# Model attributes (or names practice_save reports errors under) -> the column a person edits.
_ERROR_COLUMNS = {"slug": "id", "__all__": "", "organization_links": "organizations"}


@dataclass
class RowReport:
    number: int
    identifier: str
    title: str
    action: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[RowReport]
    dry_run: bool
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[int, str, str]]:
        return [(row.number, column, message) for row in self.rows for column, message in row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def committed(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.ok and row.action == CREATE)

    @property
    def updated(self) -> int:
        return sum(1 for row in self.rows if row.ok and row.action == UPDATE)


class RowError(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _keys(record: Record, name: str) -> list[str]:
    return [term["key"] for term in record.get(name) or []]


def _numbers(record: Record, name: str) -> list[int]:
    keys = _keys(record, name)
    bad = [k for k in keys if not k.isdigit() or len(k) > 4]
    if bad:
        raise RowError([(name, _("Expected numbers, found %(values)s.") % {"values": ", ".join(bad[:5])})])
    return [int(k) for k in keys]


def _key(record: Record, name: str) -> str:
    return (record.get(name) or {}).get("key", "")


def _check_length(column: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise RowError([(column, _("At most %(limit)s characters.") % {"limit": limit})])


def _organizations(record: Record) -> list[OrganizationValue]:
    found = []
    for org in record.get("organizations") or []:
        name = " ".join(str(org.get("name", "")).split())
        if not name:
            raise RowError([("organizations", _("An organization has no name."))])
        role = org.get("role") or OrganizationRole.MAIN
        if role not in OrganizationRole.values:
            allowed = ", ".join(OrganizationRole.values)
            raise RowError(
                [
                    (
                        "organization_roles",
                        _("Unknown role %(role)r; use %(allowed)s.") % {"role": role, "allowed": allowed},
                    )
                ]
            )
        _check_length("organizations", name, 400)
        _check_length("organization_acronyms", org.get("acronym", ""), 40)
        found.append(
            OrganizationValue(
                name=name,
                role=role,
                acronym=org.get("acronym", ""),
                org_type=(org.get("type") or {}).get("key", ""),
                country=(org.get("country") or {}).get("key", "").upper(),
            )
        )
    return found


def _links(record: Record) -> list[LinkValue]:
    check = URLValidator(schemes=["http", "https"])
    found = []
    for link in record.get("links") or []:
        try:
            check(link["url"])
        except ValidationError:
            raise RowError(
                [("links", _("Not a web address: %(url)r.") % {"url": link["url"][:80]})]
            ) from None
        _check_length("links", link["url"], 1000)
        _check_length("link_titles", link["title"], 300)
        found.append(LinkValue(title=link["title"] or link["url"][:300], url=link["url"]))
    return found


def values_from_record(record: Record, existing: Practice | None = None) -> PracticeValues:
    """The PracticeValues of a record; private fields are kept from `existing`."""
    values = PracticeValues(
        title=str(record.get("title") or ""),
        primary_objectives=_numbers(record, "primary_objectives"),
        secondary_objectives=_numbers(record, "secondary_objectives"),
        guiding_principles=_keys(record, "guiding_principles"),
        sdgs=_numbers(record, "sdgs"),
        start_year=record.get("start_year"),
        end_year=record.get("end_year"),
        is_ongoing=bool(record.get("is_ongoing")),
        practice_type=_key(record, "practice_type"),
        scope_level=_key(record, "scope_level"),
        regions=_keys(record, "regions"),
        countries=[k.upper() for k in _keys(record, "countries")],
        organizations=_organizations(record),
        links=_links(record),
        submitted_on=record.get("submitted_on"),
        original_language=_key(record, "original_language").lower() or "en",
    )
    for name in NARRATIVE_TEXT_FIELDS:
        setattr(values, name, str(record.get(name) or ""))
    if existing is not None:
        values.focal_point_name = existing.focal_point_name
        values.focal_point_email = existing.focal_point_email
        values.is_sample = existing.is_sample
    return values


def _constraint_error(message: str) -> tuple[str, str] | None:
    """The model's check constraints, said in words, on the column to correct."""
    if "practice_end_not_before_start" in message:
        return "end_year", _("The end year is before the start year.")
    return None


def _validation_errors(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            _constraint_error(message) or (_ERROR_COLUMNS.get(name, name), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [_constraint_error(message) or ("", message) for message in error.messages]


def _identifier(record: Record) -> str:
    identifier = str(record.get("id") or "").strip()
    if identifier:
        try:
            validate_slug(identifier)
        except ValidationError:
            raise RowError(
                [("id", _("An identifier has only letters, numbers, hyphens and underscores."))]
            ) from None
        _check_length("id", identifier, 220)
    return identifier


def _published_at(practice: Practice, *, record: Record, status: str) -> bool:
    """A created, published practice takes the row's publication date; True if it did."""
    published_at = record.get("published_at")
    if status != PracticeStatus.PUBLISHED or not published_at:
        return False
    if timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at, UTC)
    practice.published_at = published_at
    practice.full_clean(validate_unique=False, validate_constraints=False)
    return True


def _existing(identifier: str) -> Practice | None:
    return Practice.objects.filter(slug=identifier).first() if identifier else None


def _prepare(*, row: ImportRow, report: RowReport, status: str, reserved: Container[str]) -> dict[str, Any]:
    """What practice_save is given for this row (the existing practice re-read), checked for the
    import's own rules; reads only."""
    existing = _existing(report.identifier)
    report.action = UPDATE if existing else CREATE
    if existing is None and report.identifier and status != PracticeStatus.PUBLISHED:
        raise RowError(
            [
                (
                    "id",
                    _(
                        "A draft gets its public address when it is published: leave the identifier "
                        "empty, or import the row as published."
                    ),
                )
            ]
        )
    return {
        "values": values_from_record(row.record, existing),
        "practice": existing,
        "status": None if existing else status,
        # A new practice takes the row's identifier as its address, or one from its title that no
        # other row of the file claims.
        "slug": report.identifier,
        "reserved_slugs": reserved,
    }


def _check_row(*, row: ImportRow, report: RowReport, status: str, reserved: Container[str]) -> None:
    """Everything practice_save and the import would check, reading only."""
    arguments = _prepare(row=row, report=report, status=status, reserved=reserved)
    prepared = practice_prepare(**arguments)
    if arguments["practice"] is None:
        _published_at(prepared.practice, record=row.record, status=status)


# What a row can fail with; each is reported on the row, said per column.
ROW_FAILURES = (RowError, ValidationError, DatabaseError)


def _errors_of(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, RowError):
        return error.errors
    if isinstance(error, ValidationError):
        return _validation_errors(error)
    return [("", _("The database refused the row: %(error)s") % {"error": error})]


@dataclass
class _Written:
    """A practice the import wrote, and how to undo it."""

    pk: int
    before: PracticeValues | None  # None: the import created it


def _import_row(
    *, actor: Any, row: ImportRow, report: RowReport, status: str, source: str, reserved: Container[str]
) -> _Written:
    arguments = _prepare(row=row, report=report, status=status, reserved=reserved)
    existing = arguments["practice"]
    before = values_from_practice(existing) if existing else None
    practice = practice_save(actor=actor, **arguments)
    if existing is None and _published_at(practice, record=row.record, status=status):
        practice.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="practice.imported",
        target=practice,
        to_state=practice.status,
        data={"file": source[:200], "row": row.number, "action": report.action},
    )
    return _Written(practice.pk, before)


def _undo(*, actor: Any, written: list[_Written], organizations_before: int, source: str) -> None:
    """Take back what the committed chunks wrote, newest first, in short transactions too."""
    newest_first = written[::-1]
    for start in range(0, len(newest_first), UNDO_CHUNK_ROWS):
        with transaction.atomic():
            for item in newest_first[start : start + UNDO_CHUNK_ROWS]:
                practice = Practice.objects.filter(pk=item.pk).first()
                if practice is None:
                    continue
                audit_record(
                    actor=actor,
                    action="practice.import_undone",
                    target=practice,
                    data={"file": source[:200], "deleted": item.before is None},
                )
                if item.before is None:
                    practice.delete()
                else:
                    practice_save(actor=actor, values=item.before, practice=practice)
        _pause()
    # Organizations the import created that no practice names any more.
    Organization.objects.filter(pk__gt=organizations_before, practice_links__isnull=True).delete()


def _pause() -> None:
    """Between two transactions on SQLite, give a waiting writer the time to take the lock."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(SQLITE_PAUSE_SECONDS)


def _checked_rows(rows: Iterable[ImportRow], report: ImportReport, status: str) -> list[ImportRow]:
    """Step 1: every row checked, reading only; the rows come back in file order."""
    seen: dict[str, int] = {}
    checked = []
    for row in rows:
        checked.append(row)
        title = " ".join(str(row.record.get("title") or "").split())
        row_report = RowReport(row.number, str(row.record.get("id") or "").strip(), title)
        report.rows.append(row_report)
        row_report.errors.extend(row.errors.items())
        try:
            row_report.identifier = _identifier(row.record)
        except RowError as error:
            row_report.errors.extend(error.errors)
        if row_report.identifier in seen:
            row_report.errors.append(
                ("id", _("The identifier is also on row %(row)s.") % {"row": seen[row_report.identifier]})
            )
        elif row_report.identifier:
            seen[row_report.identifier] = row.number
        if row_report.errors:
            continue
        try:
            # The identifiers seen so far are enough here: the address from a title is only
            # chosen for real when the rows are written, avoiding every identifier of the file.
            _check_row(row=row, report=row_report, status=status, reserved=seen)
        except ROW_FAILURES as error:
            row_report.errors.extend(_errors_of(error))
    return checked


def _write_rows(
    *, actor: Any, rows: Iterable[ImportRow], report: ImportReport, status: str, source: str
) -> None:
    """Step 2: the checked rows written in chunks (CHUNK_SECONDS, CHUNK_ROWS), one transaction each;
    if one fails, its chunk rolls back and the chunks before it are undone."""
    organizations_before = Organization.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    pairs = zip(rows, report.rows, strict=True)  # lazily: a progress bar follows the writes
    reserved = frozenset(r.identifier for r in report.rows if r.identifier)
    written: list[_Written] = []
    while True:
        chunk: list[_Written] = []
        current: RowReport | None = None
        try:
            with transaction.atomic():
                ends = time.monotonic() + CHUNK_SECONDS
                for row, current in islice(pairs, CHUNK_ROWS):
                    chunk.append(
                        _import_row(
                            actor=actor,
                            row=row,
                            report=current,
                            status=status,
                            source=source,
                            reserved=reserved,
                        )
                    )
                    if time.monotonic() >= ends:
                        break
        except ROW_FAILURES as error:
            assert current is not None
            current.errors.extend(_errors_of(error))
            _undo(actor=actor, written=written, organizations_before=organizations_before, source=source)
            return
        if not chunk:
            return
        written += chunk
        _pause()


def practices_import(
    *,
    actor: Any,
    rows: Iterable[ImportRow],
    dry_run: bool = False,
    status: str = PracticeStatus.PUBLISHED,
    source: str = "",
    ignored_columns: Iterable[str] = (),
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update a practice per row, all or nothing; the report lists every row's outcome.

    `progress(rows, step)` may wrap the rows of each step ("check", then "write")."""
    if status not in IMPORT_STATUSES:
        raise ValueError(f"status must be one of {IMPORT_STATUSES}")
    report = ImportReport(rows=[], dry_run=dry_run, ignored_columns=list(ignored_columns))
    checked = _checked_rows(progress(rows, "check") if progress else rows, report, status)
    if dry_run or not report.ok:
        return report
    _write_rows(
        actor=actor,
        rows=progress(checked, "write") if progress else checked,
        report=report,
        status=status,
        source=source,
    )
    return report
