from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from practicehub.transfer.pages import NotAPracticePage, import_practice_file


class Command(BaseCommand):
    help = (
        "Import published practice pages, saved as text, as published practices. Importing a page "
        "again updates its practice. Each file is imported in its own transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="Text of a practice page.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the pages and report what would be imported, without saving anything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        dry_run: bool = options["dry_run"]
        failed = 0
        for path in files:
            try:
                report = import_practice_file(path, dry_run=dry_run)
            except NotAPracticePage as exc:
                failed += 1
                self.stderr.write(
                    self.style.ERROR(
                        _("%(file)s: not imported. %(reason)s")
                        % {
                            "file": path,
                            "reason": exc,
                        }
                    )
                )
                continue
            except ValidationError as exc:
                failed += 1
                self.stderr.write(
                    self.style.ERROR(
                        _("%(file)s: not imported. %(reason)s")
                        % {
                            "file": path,
                            "reason": " ".join(exc.messages),
                        }
                    )
                )
                continue
            if dry_run:
                verb = _("Would create") if report.created else _("Would update")
            else:
                verb = _("Created") if report.created else _("Updated")
            self.stdout.write(self.style.SUCCESS(f"{path}: {verb} “{report.title}” ({report.slug})"))
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"  - {warning}"))
        if failed:
            raise CommandError(
                _("Files not imported: %(failed)d of %(total)d.") % {"failed": failed, "total": len(files)}
            )
