"""JSON: the records of the JSON download (or an API page, whose "results" are records)."""

import io
import json
from typing import IO, Any

from django.utils.translation import gettext as _

from practicehub.core.xmltext import describe_forbidden, xml_text
from practicehub.opendata.columns import (
    CellError,
    parse_bool,
    parse_day,
    parse_int,
    parse_moment,
)
from practicehub.opendata.records import ATTRIBUTES, AttrType, Record

from . import base
from .base import ImportFile, ImportFileError, ImportRow, _forbidden_message, _too_many_rows


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
    if len(data) > base.MAX_IMPORT_ROWS:
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
