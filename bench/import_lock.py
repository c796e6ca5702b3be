"""How long a bulk import holds SQLite's write lock, seen by another writer.

    python -m bench.import_lock --rows 1000

Builds a fresh SQLite file (the project's options: WAL, IMMEDIATE transactions, busy timeout) in a
temporary folder, writes a CSV of N rows in the download format, and runs the import's check (a dry
run) and then the import itself, as the admin page does. Meanwhile a second connection asks for the
write lock (BEGIN IMMEDIATE; COMMIT) every 20 ms, as a sign-in saving its session would. The longest
wait of that writer is the longest time the import held the lock in one go.
"""

import argparse
import csv
import io
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


class LockProbe(threading.Thread):
    """Takes and releases the write lock in a loop; records how long each attempt waited."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.waits: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(self.path, timeout=600, isolation_level=None)
        while not self.stop.is_set():
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("COMMIT")
            self.waits.append(time.perf_counter() - started)
            time.sleep(0.02)
        connection.close()


def _csv(rows: int) -> bytes:
    from practicehub.opendata.columns import COLUMN_NAMES

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for n in range(rows):
        cells = {
            "title": f"Skills passports for returnees, district {n}",
            "primary_objectives": "2 | 23",
            "countries": "KEN",
            "start_year": "2021",
            "is_ongoing": "yes",
            "practice_type": "project-programme",
            "organizations": f"Kenya Skills Office | Friends of District {n}",
            "organization_roles": "main | partner",
            "organization_acronyms": "KSO | ",
            "organization_types": " | ",
            "organization_countries": "KEN | KEN",
            "summary": f"Skills passports help returnees of district {n} find work quickly.",
            "key_lessons": "Start with the employers. Keep the passport short.",
        }
        writer.writerow({name: cells.get(name, "") for name in COLUMN_NAMES})
    return out.getvalue().encode("utf-8")


def _measure(path: Path, label: str, run: Any) -> dict[str, Any]:
    probe = LockProbe(path)
    probe.start()
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    probe.stop.set()
    probe.join()
    return {
        "step": label,
        "seconds": round(elapsed, 2),
        "longest_wait": round(max(probe.waits, default=0.0), 2),
        "writes": len(probe.waits),
        "result": result,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PRACTICEHUB_VAR_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from practicehub.transfer.bulk_import import practices_import
        from practicehub.transfer.readers import read_file

        call_command("migrate", verbosity=0)
        path = Path(settings.DATABASES["default"]["NAME"])
        content = _csv(args.rows)

        def step(dry_run: bool) -> Any:
            def go() -> str:
                found = read_file(io.BytesIO(content), filename="practices.csv")
                report = practices_import(actor=None, rows=found.rows, dry_run=dry_run, source="bench.csv")
                return f"{report.created} created, {len(report.errors)} errors"

            return go

        results = [
            _measure(path, "check (dry run)", step(True)),
            _measure(path, "import", step(False)),
        ]
    for r in results:
        print(
            f"{r['step']:>16}: {args.rows} rows in {r['seconds']:.2f} s ({r['result']}); another writer "
            f"waited at most {r['longest_wait']:.2f} s ({r['writes']} writes during the run)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
