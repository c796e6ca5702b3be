"""Reading an import file (CSV, XLSX or JSON, in the downloads' own format) into partial records.

Each reader yields ImportRow: the row number a person sees (the header is row 1 of a sheet; the
first record of a JSON array is row 1), the record (records.py shape, vocabulary values as
{"key": ...}) and the errors found while reading its cells, by column.

Nothing a file declares about itself is trusted, and the work is bounded as the file is read: a
workbook's zip and its sheet are checked before openpyxl reads them (import_xlsx.py), the sheet's
declared size (<dimension>) is ignored, a file beyond MAX_IMPORT_ROWS practices or
MAX_IMPORT_COLUMNS columns is refused with a message, and no row is ever dropped without a word.
Text XML cannot carry (core/xmltext.py) is refused with its row and column: the importer does not
change what the file says, and the downloads could not write it back.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from practicehub.core.xmltext import describe_forbidden, xml_text
from practicehub.opendata.columns import (
    COLUMNS_BY_NAME,
    FORMULA_STARTS,
    CellError,
    parse_bool,
    parse_day,
    parse_int,
    parse_moment,
    row_record,
)
from practicehub.opendata.records import ATTRIBUTES, AttrType, Record

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


def _bounded_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a CSV file, refusing a row (lines joined by quoted line breaks) with more commas
    than a sheet has cells before the csv module builds it: one line of 40 million commas took
    800 MB. (Commas inside quotes count too: no real row has that many.)"""
    commas, quoted = 0, False
    for line in lines:
        commas += line.count(",")
        if commas > MAX_SHEET_ROW_CELLS:
            raise _too_wide()
        quoted ^= line.count('"') % 2 == 1
        if not quoted:
            commas = 0
        yield line


def read_csv(handle: IO[bytes]) -> ImportFile:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(_bounded_lines(text))
        header = next(reader, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        body = ((n, [_unguard(c) for c in cells]) for n, cells in enumerate(reader, start=2))
        return sheet_rows(header, body)
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    except csv.Error as error:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    finally:
        text.detach()


# --- JSON: the records of the JSON download (or an API page, whose "results" are records) --------


def _storable(value: str) -> str:
    """The text, or a CellError when it holds a character XML cannot carry (NUL, a lone surrogate:
    JSON can write "\\ud800", no database or XML document can hold it)."""
    if found := describe_forbidden(value):
        raise CellError(_forbidden_message(found))
    return value


def _key(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("key", "")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise CellError(_("Expected a key or {“key”: …}, found %(value)s.") % {"value": type(value).__name__})
    return _storable(str(value)).strip()


def _term(value: Any) -> dict[str, str] | None:
    key = _key(value)
    return {"key": key, "label": ""} if key else None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CellError(_("Expected a list."))
    return value


def _dicts(value: Any) -> list[dict[str, Any]]:
    items = _list(value)
    if not all(isinstance(item, dict) for item in items):
        raise CellError(_("Expected a list of objects."))
    return items


def _string(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CellError(_("Expected text."))
    return _storable(value)


def _json_value(kind: AttrType, value: Any) -> Any:
    match kind:
        case AttrType.TEXT:
            return _string(value)
        case AttrType.INT:
            if isinstance(value, bool):
                raise CellError(_("Expected a whole number."))
            return value if isinstance(value, int) else parse_int(_string(value))
        case AttrType.BOOL:
            return value if isinstance(value, bool) else parse_bool(_string(value))
        case AttrType.DATE:
            return parse_day(_string(value))
        case AttrType.DATETIME:
            return parse_moment(_string(value))
        case AttrType.TERM:
            return _term(value)
        case AttrType.TERMS:
            return [t for v in _list(value) if (t := _term(v))]
        case AttrType.ORGANIZATIONS:
            return [
                {
                    "name": _string(o.get("name")).strip(),
                    "role": _string(o.get("role")).strip() or "main",
                    "acronym": _string(o.get("acronym")).strip(),
                    "type": _term(o.get("type")),
                    "country": _term(o.get("country")),
                }
                for o in _dicts(value)
            ]
        case AttrType.LINKS | AttrType.DOCUMENTS:
            return [
                {"url": _string(i.get("url")).strip(), "title": _string(i.get("title")).strip()}
                for i in _dicts(value)
            ]
    raise CellError(_("Unknown value."))  # pragma: no cover


def json_record(item: dict[str, Any]) -> tuple[Record, dict[str, str]]:
    record: Record = {}
    errors: dict[str, str] = {}
    for attr in ATTRIBUTES:
        if not attr.import_as or attr.name not in item:
            continue
        try:
            record[attr.name] = _json_value(attr.type, item[attr.name])
        except CellError as error:
            errors[attr.name] = str(error)
    return record, errors


def read_json(handle: IO[bytes]) -> ImportFile:
    try:
        data = json.load(io.TextIOWrapper(handle, encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text.")) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    except RecursionError:
        # The decoder stops at Python's recursion limit (about a thousand levels; a record has five).
        raise ImportFileError(_("The file nests lists or objects far deeper than practices do.")) from None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if not isinstance(data, list):
        raise ImportFileError(_("The file must hold a list of practices (as the JSON download does)."))
    if len(data) > MAX_IMPORT_ROWS:
        raise _too_many_rows()
    known = {a.name for a in ATTRIBUTES}
    rows: list[ImportRow] = []
    ignored: set[str] = set()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            rows.append(ImportRow(number, {}, {"": _("Expected an object (one practice).")}))
            continue
        ignored.update(k for k in item if k not in known)
        record, errors = json_record(item)
        if "title" not in item:
            errors["title"] = _("A practice needs a title.")
        rows.append(ImportRow(number, record, errors))
    # Names are shown on the report page: one that is not text (a lone surrogate) must not break it.
    return ImportFile(rows, sorted(xml_text(name) for name in ignored))


def read_file(handle: IO[bytes], *, filename: str, declared_format: str = "") -> ImportFile:
    """Read an import file; ImportFileError when it cannot be read as a whole."""
    from .import_xlsx import read_xlsx  # (it imports this module; openpyxl loads only when needed)

    kind = format_of(filename, declared_format)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[kind]
    found = reader(handle)
    if not found.rows:
        raise ImportFileError(_("The file holds no practices."))
    return found
