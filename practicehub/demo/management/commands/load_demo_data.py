import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from practicehub.demo.services import (
    demo_data_present,
    sample_practices_create,
    seed_files,
    seed_practices_import,
)
from practicehub.transfer.pages import NotAPracticePage

DEFAULT_SAMPLES = 240


class Command(BaseCommand):
    help = (
        "Load demonstration data: the seed practice pages from the shared folder (imported with the "
        "importer) and generated sample practices, published and marked as sample data. "
        "Vocabularies come from the migrations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already holds any practice."
        )
        parser.add_argument(
            "--samples",
            type=int,
            default=DEFAULT_SAMPLES,
            metavar="N",
            help=f"How many sample practices to generate (default {DEFAULT_SAMPLES}; 0 for none).",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed for the sample practices (default 0)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        samples: int = options["samples"]
        if samples < 0:
            raise CommandError(_("--samples must be 0 or more."))
        if options["if_empty"] and demo_data_present():
            self.stdout.write(_("The database already holds practices; no demo data loaded."))
            return
        started = time.monotonic()
        self._import_seeds(Path(settings.PRACTICEHUB_SHARED_DIR))
        if samples:
            created = sample_practices_create(count=samples, seed=options["seed"], progress=self._progress)
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    _("Created %(count)d sample practices (run remove_sample_data to delete them).")
                    % {"count": created}
                )
            )
        self.stdout.write(_("Demo data loaded in %(seconds).1f s.") % {"seconds": time.monotonic() - started})

    def _import_seeds(self, shared_dir: Path) -> None:
        if not seed_files(shared_dir):
            self.stdout.write(
                self.style.WARNING(
                    _("No seed pages in %(folder)s; the seed practice is skipped.")
                    % {"folder": shared_dir / "seeds"}
                )
            )
            return
        try:
            reports = seed_practices_import(shared_dir=shared_dir)
        except (NotAPracticePage, ValidationError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(_("A seed page could not be imported: %s") % " ".join(messages)) from exc
        for report in reports:
            verb = _("Imported") if report.created else _("Updated")
            self.stdout.write(self.style.SUCCESS(f"{verb} “{report.title}” ({report.slug})"))
            for warning in report.warnings:
                self.stdout.write(f"  - {warning}")

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(
            "\r" + _("Sample practices: %(done)d of %(total)d") % {"done": done, "total": total}, ending=""
        )
        self.stdout.flush()
