"""Reading an import file (CSV, XLSX or JSON, in the downloads' own format) into partial records.

Each reader yields ImportRow: the row number a person sees (the header is row 1 of a sheet; the
first record of a JSON array is row 1), the record (records.py shape, vocabulary values as
{"key": ...}) and the errors found while reading its cells, by column.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _

from .columns import (
    COLUMNS_BY_NAME,
    FORMULA_STARTS,
    CellError,
    parse_bool,
    parse_day,
    parse_int,
    parse_moment,
    row_record,
)
from .records import ATTRIBUTES, AttrType, Record

FORMATS = ("csv", "xlsx", "json")
# An import file may be at most this big.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
_CSV_FIELD_LIMIT = 10 * 1024 * 1024


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


def _sheet_rows(header: list[str], body: Iterator[tuple[int, list[str]]]) -> ImportFile:
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "title" not in names:
        raise ImportFileError(_("The first row must name the columns, and one of them must be “title”."))
    # Columns the downloads do not have; read-only ones (labels, url) are skipped without a word.
    ignored = [n for n in names if n and n not in COLUMNS_BY_NAME]
    rows = []
    for number, cells in body:
        if not any(c.strip() for c in cells):
            continue  # blank lines at the end of a sheet
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names) if name}
        record, errors = row_record(row)
        rows.append(ImportRow(number, record, errors))
    return ImportFile(rows, ignored)


def read_csv(handle: IO[bytes]) -> ImportFile:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        body = [(n, [_unguard(c) for c in cells]) for n, cells in enumerate(reader, start=2)]
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    except csv.Error as error:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    finally:
        text.detach()
    return _sheet_rows(header, iter(body))


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


def read_xlsx(handle: IO[bytes]) -> ImportFile:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(_("The workbook has no sheet."))
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        body = [(n, [_cell_text(v) for v in row]) for n, row in enumerate(values, start=2)]
    finally:
        workbook.close()
    return _sheet_rows([_cell_text(h) for h in header], iter(body))


# --- JSON: the records of the JSON download (or an API page, whose "results" are records) --------


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise CellError(_("Text cannot contain the NUL character."))
    return value


def _key(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("key", "")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise CellError(_("Expected a key or {“key”: …}, found %(value)s.") % {"value": type(value).__name__})
    return _no_nul(str(value)).strip()


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
    return _no_nul(value)


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
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if not isinstance(data, list):
        raise ImportFileError(_("The file must hold a list of practices (as the JSON download does)."))
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
    return ImportFile(rows, sorted(ignored))


def read_file(handle: IO[bytes], *, filename: str, declared_format: str = "") -> ImportFile:
    """Read an import file; ImportFileError when it cannot be read as a whole."""
    kind = format_of(filename, declared_format)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[kind]
    found = reader(handle)
    if not found.rows:
        raise ImportFileError(_("The file holds no practices."))
    return found
