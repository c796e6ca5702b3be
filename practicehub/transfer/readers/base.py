"""What every reader of an import file shares: the limits, the rows it yields and the checks of a
sheet's cells (CSV and XLSX), bounded as the file is read."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from practicehub.core.xmltext import describe_forbidden
from practicehub.opendata.columns import (
    COLUMNS_BY_NAME,
    FORMULA_STARTS,
    row_record,
)
from practicehub.opendata.records import Record

FORMATS = ("csv", "xlsx", "json")
# An import file may be at most this big.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
_CSV_FIELD_LIMIT = 10 * 1024 * 1024
# At most this many practices (non-blank rows, or records) and named columns in one file.
MAX_IMPORT_ROWS = 100_000
MAX_IMPORT_COLUMNS = 200
# A sheet's rows are numbered up to Excel's last row, and a row has at most Excel's 16,384 cells.
MAX_SHEET_ROW_NUMBER = 1_048_576
MAX_SHEET_ROW_CELLS = 16_384


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class ImportRow:
    number: int
    record: Record
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportFile:
    rows: list[ImportRow]
    # Columns or keys the file has that the importer does not read.
    ignored: list[str] = field(default_factory=list)


def format_of(filename: str, declared: str = "") -> str:
    name = (declared or filename.rsplit(".", 1)[-1]).strip().lower().lstrip(".")
    if name not in FORMATS:
        raise ImportFileError(_("Unknown file type: use a .csv, .xlsx or .json file."))
    return name


def _unguard(cell: str) -> str:
    """Undo the CSV export's apostrophe in front of a formula-like cell."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file holds more than %(limit)s practices; split it into several files.")
        % {"limit": f"{MAX_IMPORT_ROWS:,}"}
    )


def _forbidden_message(character: str) -> str:
    return _(
        "The text contains the character %(character)s, which the repository cannot store or export "
        "(a control character or a broken one); remove it."
    ) % {"character": character}


def _forbidden_errors(row: dict[str, str]) -> dict[str, str]:
    """The cells holding a character XML cannot carry, with a message saying which."""
    found = {name: describe_forbidden(cell) for name, cell in row.items()}
    return {name: _forbidden_message(character) for name, character in found.items() if character}


def _too_wide() -> ImportFileError:
    return ImportFileError(
        _("The file has a row of more than %(limit)s cells, more than a sheet can have.")
        % {"limit": f"{MAX_SHEET_ROW_CELLS:,}"}
    )


def _check_width(cells: list[str]) -> None:
    if len(cells) > MAX_SHEET_ROW_CELLS:
        raise _too_wide()


def sheet_rows(header: list[str], body: Iterator[tuple[int, list[str]]]) -> ImportFile:
    _check_width(header)
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "title" not in names:
        raise ImportFileError(_("The first row must name the columns, and one of them must be “title”."))
    while names and not names[-1]:
        names.pop()
    if len(names) > MAX_IMPORT_COLUMNS:
        raise ImportFileError(
            _("The file has more than %(limit)s named columns; an import reads at most %(limit)s.")
            % {"limit": MAX_IMPORT_COLUMNS}
        )
    # Columns the downloads do not have; read-only ones (labels, url) are skipped without a word.
    ignored = [n for n in names if n and n not in COLUMNS_BY_NAME]
    rows: list[ImportRow] = []
    for number, cells in body:
        if number > MAX_SHEET_ROW_NUMBER:
            raise ImportFileError(
                _("The file has more than %(limit)s rows.") % {"limit": f"{MAX_SHEET_ROW_NUMBER:,}"}
            )
        _check_width(cells)
        if not any(c.strip() for c in cells):
            continue  # blank lines at the end of a sheet
        if len(rows) == MAX_IMPORT_ROWS:
            raise _too_many_rows()
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names) if name}
        forbidden = _forbidden_errors(row)
        record, errors = row_record({name: "" if name in forbidden else cell for name, cell in row.items()})
        rows.append(ImportRow(number, record, {**errors, **forbidden}))
    return ImportFile(rows, ignored)
