from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from practicehub.search.services import REBUILD_BATCH_SIZE, rebuild_index


class Command(BaseCommand):
    help = "Empty the search index and index every published practice again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=REBUILD_BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = tqdm(
            desc="Indexing practices",
            unit="practice",
            file=self.stderr._out,
            disable=options["no_progress"] or options["verbosity"] == 0,
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            count = rebuild_index(progress=progress, batch_size=max(1, options["batch_size"]))
        finally:
            bar.close()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} published practices."))
