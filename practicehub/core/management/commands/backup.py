from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from practicehub.core.backup.manifest import BackupError, manifest_figures
from practicehub.core.backup.services import backup_create, backup_default_dir


class Command(BaseCommand):
    help = (
        "Write one archive (tar.gz, mode 0600) holding a consistent copy of the database, taken while "
        "the site runs, every uploaded file, and a manifest with row counts and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help=(
                "The archive to write, or a folder to write practicehub-<UTC time>.tar.gz into "
                f"(default: {backup_default_dir()})."
            ),
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(
                storage=default_storage, connection=connections[options["database"]], output=options["output"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        figures = manifest_figures(result.manifest)
        for name in result.skipped_files:
            self.stderr.write(_("Skipped %(name)s: deleted while the backup ran.") % {"name": name})
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s (%(size)s): %(vendor)s database, %(tables)d tables, "
                    "%(rows)d rows; %(files)d files (%(file_bytes)s)."
                )
                % {
                    **figures,
                    "path": result.path,
                    "size": filesizeformat(result.path.stat().st_size),
                    "file_bytes": filesizeformat(figures["file_bytes"]),
                }
            )
        )
