"""python manage.py import_practices FILE [--dry-run] [--status draft] [--actor EMAIL]

Imports a CSV, XLSX or JSON file in the downloads' own format: all or nothing, with a progress bar
for the check (reads only) and one for the writes (short transactions, see transfer/bulk_import.py),
and every row error reported with its row number and column.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from tqdm import tqdm

from practicehub.transfer.bulk_import import CREATE, IMPORT_STATUSES, ImportReport, practices_import
from practicehub.transfer.readers import FORMATS, ImportFileError, read_file


class Command(BaseCommand):
    help = "Import practices from a CSV, XLSX or JSON file in the download format (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The file to import (.csv, .xlsx or .json).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and report, but change nothing."
        )
        parser.add_argument(
            "--format", choices=FORMATS, default="", help="The file's format when its name does not say."
        )
        parser.add_argument(
            "--status",
            choices=[str(s) for s in IMPORT_STATUSES],
            default="published",
            help="Status of the practices the file creates (existing practices keep theirs).",
        )
        parser.add_argument("--actor", default="", help="Email or username recorded as the importer.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = self._actor(options["actor"])
        try:
            with path.open("rb") as handle:
                found = read_file(handle, filename=path.name, declared_format=options["format"])
        except ImportFileError as error:
            raise CommandError(str(error)) from None

        def progress(rows: Any, step: str) -> Any:
            return tqdm(
                rows,
                desc=step,
                total=len(found.rows),
                unit="row",
                file=self.stderr,
                disable=options["no_progress"],
            )

        report = practices_import(
            actor=actor,
            rows=found.rows,
            dry_run=options["dry_run"],
            status=options["status"],
            source=path.name,
            ignored_columns=found.ignored,
            progress=progress,
        )
        self._print(report)
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s): nothing was imported.")

    def _actor(self, who: str) -> Any:
        if not who:
            return None
        user = get_user_model().objects.filter(Q(email__iexact=who) | Q(username=who)).first()
        if user is None:
            raise CommandError(f"No user with the email or username {who!r}.")
        return user

    def _print(self, report: ImportReport) -> None:
        for column in report.ignored_columns:
            self.stdout.write(self.style.WARNING(f"Column {column!r} is not known and was ignored."))
        for number, column, message in report.errors:
            where = f"row {number}" + (f", {column}" if column else "")
            self.stdout.write(self.style.ERROR(f"{where}: {message}"))
        would = "would be " if report.dry_run or not report.ok else ""
        created = sum(1 for r in report.rows if r.action == CREATE and r.ok)
        updated = sum(1 for r in report.rows if r.action != CREATE and r.ok)
        summary = f"{len(report.rows)} rows: {created} {would}created, {updated} {would}updated."
        if report.dry_run and report.ok:
            summary += " Dry run: nothing was changed."
        self.stdout.write(self.style.SUCCESS(summary) if report.ok else summary)
