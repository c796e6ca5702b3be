"""Downloads of a list of practices as CSV, Excel (XLSX) and JSON, written a chunk at a time.

The practices and their order come from the list page's own selector
(search.listing.practice_search), so a download holds exactly what the page lists, every page
of it. The columns come from columns.py (the field definition); the JSON holds the same records as
the API (records.py). Records are read from the database CHUNK_SIZE at a time, so a download of
100,000 practices never holds them all in memory.
"""

import codecs
import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from practicehub.core.xmltext import xml_text
from practicehub.search.listing import practice_search
from practicehub.search.params import Selection

from .columns import COLUMN_NAMES, COLUMNS, FORMULA_STARTS, record_row
from .records import AttrType, Record, json_default, records_for_ids

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"

# An Excel cell holds at most this many characters.
XLSX_CELL_LIMIT = 32_767


def selection_ids(selection: Selection) -> list[int]:
    """Every practice the list page shows for this selection, in its order (all pages)."""
    result = practice_search(selection)
    return list(result.search.ids)


def selection_records(selection: Selection, absolute: Callable[[str], str] = str) -> Iterator[Record]:
    return records_for_ids(selection_ids(selection), absolute)


class _Line:
    """A file-like object whose write() returns what it is given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet program will not run as a formula (the importer reverses it)."""
    # A value that already starts with apostrophes before such a character gets one more, so that
    # removing exactly one on import always gives the value back.
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(records: Iterable[Record]) -> Iterator[str]:
    """The CSV text: a byte order mark (so spreadsheet programs read UTF-8), the header, a row each."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield codecs.BOM_UTF8.decode("utf-8") + writer.writerow(COLUMN_NAMES)
    for record in records:
        yield writer.writerow([csv_safe(value) for value in record_row(record)])


def json_chunks(records: Iterable[Record]) -> Iterator[str]:
    """A JSON array of records, one record per line."""
    yield "["
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, default=json_default)
        first = False
    yield "\n]\n"


def _xlsx_cell(sheet: Any, value: Any, numeric: bool) -> Any:
    """A cell's value: a number for whole-number columns, otherwise text (never a formula)."""
    if not value:
        return None
    if numeric and isinstance(value, str) and value.isdigit():
        return int(value)
    # A sheet is XML: openpyxl refuses control characters and lxml U+FFFE and U+FFFF.
    text = xml_text(value)[:XLSX_CELL_LIMIT]
    if text.startswith("="):
        # openpyxl would write this as a formula: say it is text.
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def xlsx_file(records: Iterable[Record], *, title: str = "Practices") -> BinaryIO:
    """An XLSX workbook (one sheet, a header row, a row per practice) in a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, name, False) for name in COLUMN_NAMES])
    numeric = [column.attribute.type == AttrType.INT for column in COLUMNS]
    for record in records:
        sheet.append([_xlsx_cell(sheet, v, n) for v, n in zip(record_row(record), numeric, strict=True)])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  - closed by the response
    workbook.save(handle)
    handle.seek(0)
    return handle
