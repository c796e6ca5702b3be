"""Reading an XLSX import file: the zip and the sheet are bounded before openpyxl reads them.

openpyxl's read-only mode sizes a sheet from the <dimension> the file declares and builds each row
whole, padding it to the last column and yielding an empty row for every row number a sheet skips.
So the zip is checked from its directory (core/ooxml.py), the sheet's XML is streamed once to bound
its row numbers and cells per row, the declared size is ignored and at most
MAX_IMPORT_COLUMNS + 1 columns are read (the header says which are more than the import reads).
"""

import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _

from practicehub.core.ooxml import PackageLimits, PackageRefused, package_open, xml_scan

from .base import (
    MAX_IMPORT_COLUMNS,
    MAX_SHEET_ROW_CELLS,
    MAX_SHEET_ROW_NUMBER,
    ImportFile,
    ImportFileError,
    sheet_rows,
)

# A workbook of MAX_IMPORT_BYTES: our own download packs its sheet about 8 times.
XLSX_PACKAGE_LIMITS = PackageLimits(
    max_members=1_000,
    max_total_bytes=1024 * 1024 * 1024,
    max_member_bytes=512 * 1024 * 1024,
    max_ratio=100,
)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class _SheetCounter:
    """Counts a worksheet's rows and cells as its XML streams by, before openpyxl reads it: openpyxl
    builds a whole row in memory, and fills the gap up to any row number it is given."""

    def __init__(self) -> None:
        self.cells_in_row = 0

    def __call__(self, tag: str, attributes: dict[str, str], depth: int) -> None:
        name = tag.rsplit("}", 1)[-1]
        if name == "row":
            self.cells_in_row = 0
            number = attributes.get("r", "1")
            if not number.isdigit() or int(number) > MAX_SHEET_ROW_NUMBER:
                raise PackageRefused("row number")
        elif name == "c":
            self.cells_in_row += 1
            if self.cells_in_row > MAX_SHEET_ROW_CELLS:
                raise PackageRefused("row cells")


def _workbook_refused(refused: PackageRefused) -> ImportFileError:
    if refused.reason in ("row number", "row cells"):
        return ImportFileError(
            _("The sheet has rows or cells beyond the last row or column Excel allows; it was not read.")
        )
    if refused.reason in ("not a zip", "damaged member", "xml not well-formed", "xml declarations"):
        return ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    return ImportFileError(
        _("The workbook unpacks to far more than an import file can hold; it was not read.")
    )


def _xlsx_values(sheet: Any) -> Iterator[tuple[Any, ...]]:
    # read_only mode sizes the sheet from its <dimension>, which a file may overstate (a few
    # kilobytes claiming A1:XFD1048576 filled gigabytes) or understate (rows silently dropped).
    sheet.reset_dimensions()
    return sheet.iter_rows(max_col=MAX_IMPORT_COLUMNS + 1, values_only=True)  # type: ignore[no-any-return]


def _xlsx_body(values: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(values, start=2):
        # openpyxl yields an empty row for every row number the sheet skips: pass them cheaply.
        yield number, [] if row.count(None) == len(row) else [_cell_text(v) for v in row]


def _open_workbook(handle: IO[bytes]) -> tuple[Any, Any]:
    """(workbook, its first sheet or None) once the zip and that sheet's XML are within the limits."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    workbook = None
    try:
        with package_open(handle, XLSX_PACKAGE_LIMITS) as archive:
            handle.seek(0)
            workbook = load_workbook(handle, read_only=True, data_only=True)
            sheet = workbook.worksheets[0] if workbook.worksheets else None
            if sheet is not None:
                # The part openpyxl will read (it keeps the path it resolved from the workbook).
                xml_scan(archive, sheet._worksheet_path, _SheetCounter())
            return workbook, sheet
    except PackageRefused as refused:
        error = _workbook_refused(refused)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        error = ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    if workbook is not None:
        workbook.close()
    raise error


def read_xlsx(handle: IO[bytes]) -> ImportFile:
    workbook, sheet = _open_workbook(handle)
    try:
        if sheet is None:
            raise ImportFileError(_("The workbook has no sheet."))
        values = _xlsx_values(sheet)
        header = next(values, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        return sheet_rows([_cell_text(h) for h in header], _xlsx_body(values))
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, TypeError, SyntaxError):
        # A damaged part or a cell openpyxl cannot convert, found while reading the rows.
        raise ImportFileError(_("The workbook is damaged: a sheet or a cell cannot be read.")) from None
    finally:
        workbook.close()
