"""How long each hostile upload takes to be refused (the tests check that it is; the time is here).

    DJANGO_SETTINGS_MODULE=config.settings.test python -m bench.hostile [--repeat 5]

Builds every hostile Word file, workbook and JSON file of tests/hostile_files.py in memory, reads
each the way the site does (docx.template_read for the "start from the Word template" upload,
readers.read_file for the bulk import) and prints the file's size, what the reader said and
the median time over --repeat runs. A real filled template and a real workbook are timed too.
Uses an in-memory test database (the template lists the vocabularies).
"""

import argparse
import io
import statistics
import time
from collections.abc import Callable
from typing import Any


def _time(read: Callable[[], Any], repeat: int) -> tuple[str, float]:
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            read()
            outcome = "read"
        except Exception as error:  # the refusal is what is measured
            outcome = f"{type(error).__name__}: {getattr(error, 'code', '') or str(error)[:60]}"
        times.append((time.perf_counter() - start) * 1000)
    return outcome, statistics.median(times)


def _cases() -> list[tuple[str, bytes, Callable[[bytes], Any]]]:
    from practicehub.submissions.docx import template_build, template_read
    from practicehub.transfer.readers import read_file
    from tests import hostile_files as hostile

    def word(content: bytes) -> Any:
        return template_read(io.BytesIO(content), size=len(content))

    def sheet(name: str) -> Callable[[bytes], Any]:
        return lambda content: read_file(io.BytesIO(content), filename=name)

    template = template_build()
    rows: list[list[object]] = [["title", "start_year"], ["Practice 1", 2001], ["Practice 2", 2002]]
    book = hostile.workbook(rows)
    return [
        ("docx: the template filled to the form's maxima", hostile.filled_to_the_maxima(template), word),
        ("docx: one cell spanning 1,000,000 columns", hostile.huge_grid_span(template), word),
        ("docx: 50,000 empty cells", hostile.many_empty_cells(template), word),
        ("docx: a 50 MB zero-filled member (zip bomb)", hostile.zip_bomb_member(template), word),
        ("docx: 20,000 members", hostile.many_members(template), word),
        ("docx: 300 vertically merged cells", hostile.vertical_merges(template), word),
        ("docx: 15,000 list items in one answer", hostile.many_paragraphs(template), word),
        ("docx: 40 nested tables", hostile.nested_tables(template), word),
        ("docx: elements nested 50,000 deep", hostile.deep_xml(template), word),
        ("docx: billion laughs (DTD entities)", hostile.billion_laughs(template), word),
        ("docx: not a zip", hostile.not_a_zip(), word),
        (
            "xlsx: 3 rows, the last on row 1,048,576, dimension A1:XFD1048576",
            hostile.far_row(hostile.false_dimension(book, "A1:XFD1048576"), 1_048_576),
            sheet("p.xlsx"),
        ),
        ("xlsx: a row numbered 10^12", hostile.far_row(book), sheet("p.xlsx")),
        ("xlsx: a row of 100,000 cells", hostile.wide_row(book), sheet("p.xlsx")),
        ("xlsx: a 50 MB zero-filled member (zip bomb)", hostile.workbook_zip_bomb(book), sheet("p.xlsx")),
        ("xlsx: not a zip", hostile.not_a_zip(), sheet("p.xlsx")),
        ("json: a list nested 100,000 deep", hostile.nested_json(), sheet("p.json")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.test.runner import DiscoverRunner

    runner = DiscoverRunner(verbosity=0)
    databases = runner.setup_databases()
    try:
        print(f"{'file':<70} {'size':>10}  {'median ms':>9}  outcome")
        for name, content, read in _cases():
            outcome, median = _time(lambda c=content, r=read: r(c), args.repeat)  # type: ignore[misc]
            print(f"{name:<70} {len(content):>10,}  {median:>9.1f}  {outcome}")
    finally:
        runner.teardown_databases(databases)


if __name__ == "__main__":
    main()
