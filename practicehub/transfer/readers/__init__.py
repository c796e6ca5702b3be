"""Reading an import file (CSV, XLSX or JSON, in the downloads' own format) into partial records.

Each reader yields ImportRow: the row number a person sees (the header is row 1 of a sheet; the
first record of a JSON array is row 1), the record (records.py shape, vocabulary values as
{"key": ...}) and the errors found while reading its cells, by column.

Nothing a file declares about itself is trusted, and the work is bounded as the file is read: a
workbook's zip and its sheet are checked before openpyxl reads them (xlsx_file.py), the sheet's
declared size (<dimension>) is ignored, a file beyond MAX_IMPORT_ROWS practices or
MAX_IMPORT_COLUMNS columns is refused with a message, and no row is ever dropped without a word.
Text XML cannot carry (core/xmltext.py) is refused with its row and column: the importer does not
change what the file says, and the downloads could not write it back.
"""

from typing import IO

from django.utils.translation import gettext as _

from .base import FORMATS, MAX_IMPORT_BYTES, ImportFile, ImportFileError, ImportRow, format_of
from .csv_file import read_csv
from .json_file import read_json
from .xlsx_file import read_xlsx

__all__ = [
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "ImportFile",
    "ImportFileError",
    "ImportRow",
    "format_of",
    "read_file",
]


def read_file(handle: IO[bytes], *, filename: str, declared_format: str = "") -> ImportFile:
    """Read an import file; ImportFileError when it cannot be read as a whole."""
    kind = format_of(filename, declared_format)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[kind]
    found = reader(handle)
    if not found.rows:
        raise ImportFileError(_("The file holds no practices."))
    return found
