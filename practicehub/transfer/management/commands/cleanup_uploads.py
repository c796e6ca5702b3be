"""python manage.py cleanup_uploads [--older-than HOURS]

Removes the files uploaded to the import page that were never confirmed or cancelled, once older than
PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS (24 by default). Idempotent, and safe to run while another run
or an import is going on; meant to be scheduled (hourly, say).
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practicehub.transfer.import_uploads import import_uploads_remove_expired, upload_max_age


class Command(BaseCommand):
    help = "Remove import uploads that were never confirmed or cancelled, once expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=None,
            metavar="HOURS",
            help="Remove uploads older than this many hours "
            "(default: PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS, 24).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["older_than"]
        if hours is not None and hours < 0:
            raise CommandError("--older-than must be zero or more hours.")
        max_age = timedelta(hours=hours) if hours is not None else upload_max_age()
        removed = import_uploads_remove_expired(max_age=max_age)
        self.stdout.write(f"Removed {len(removed)} import upload(s) older than {max_age}.")
