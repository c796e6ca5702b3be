from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from practicehub.core.backup.archive import archive_verify
from practicehub.core.backup.manifest import BackupError, Manifest, manifest_figures
from practicehub.core.backup.services import RestoreResult, backup_restore


def _contents(manifest: Manifest) -> dict[str, Any]:
    figures = manifest_figures(manifest)
    return {**figures, "file_bytes": filesizeformat(figures["file_bytes"])}


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty database and storage (the site stopped): "
        "every checksum is verified first, and the row counts after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the data of a database and storage that are not empty.",
        )
        parser.add_argument(
            "--verify-only", action="store_true", help="Only check the archive against its manifest."
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["verify_only"]:
                manifest = archive_verify(options["archive"])
                self.stdout.write(
                    self.style.SUCCESS(
                        _(
                            "The archive is complete: a %(vendor)s backup of %(created_at)s, %(tables)d "
                            "tables, %(rows)d rows, %(files)d files (%(file_bytes)s); every checksum matches."
                        )
                        % _contents(manifest)
                    )
                )
                return
            result = backup_restore(
                archive=options["archive"],
                storage=default_storage,
                connection=connections[options["database"]],
                force=options["force"],
                announce=self._announce,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self._report(result)

    def _announce(self, plan: RestoreResult) -> None:
        self.stdout.write(
            _(
                "The archive is complete (a %(vendor)s backup of %(created_at)s, %(tables)d tables, "
                "%(rows)d rows, %(files)d files); restoring."
            )
            % _contents(plan.manifest)
        )
        if plan.replaced_tables or plan.replaced_files or plan.files_not_in_backup:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Replacing the database (%(tables)d tables, %(rows)d rows) and %(files)d stored "
                        "files of the same names; %(others)d other stored files are left as they are."
                    )
                    % {
                        "tables": len(plan.replaced_tables),
                        "rows": sum(plan.replaced_tables.values()),
                        "files": plan.replaced_files,
                        "others": plan.files_not_in_backup,
                    }
                )
            )

    def _report(self, result: RestoreResult) -> None:
        if result.dropped_tables:
            self.stdout.write(
                _("Dropped tables the backup does not hold: %(names)s.")
                % {"names": ", ".join(result.dropped_tables)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(tables)d tables (%(rows)d rows, every count as in the manifest) and "
                    "%(files)d files. The cache was emptied."
                )
                % _contents(result.manifest)
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("The backup predates %(count)d migrations of this version: run `manage.py migrate`.")
                    % {"count": len(result.pending_migrations)}
                )
            )
