"""The columns of the CSV and Excel exports, one row per practice, derived from the record
attributes (records.py, themselves from the field definition); and the way back, for the importer.

Multi-values share one cell, joined with " | ". Inside a value a "|" is written "\\|" and a
backslash "\\\\", so any text survives the round trip. Lists that belong together (an
organization's name, role, acronym, type and country; a link's address and title) are parallel
columns: the n-th entry of each describes the n-th item.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.models import OrganizationRole

from .records import ATTRIBUTES, Attribute, AttrType, Record

SEPARATOR = " | "
YES, NO = "yes", "no"
_TRUE = {"yes", "true", "1", "y", "oui", "sí", "si"}
_FALSE = {"no", "false", "0", "n", "non", ""}
# A spreadsheet program reads a cell starting with one of these as a formula. The CSV writes such a
# cell with a leading apostrophe, which the importer removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected, `column` which cell it is
    when it is not the column being read (a parallel column)."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.column = column


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def join(values: Iterable[Any]) -> str:
    return SEPARATOR.join(escape("" if v is None else str(v)) for v in values)


def split(cell: str) -> list[str]:
    """A multi-value cell back into its values (unescaped, stripped); "" gives no values."""
    if not cell.strip():
        return []
    values, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == "|":
            values.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    values.append("".join(current).strip())
    return values


def _parallel(cell: str, count: int, column: str) -> list[str]:
    values = split(cell)
    if not values:
        return [""] * count
    if len(values) != count:
        raise CellError(
            _("%(found)s entries for %(count)s items; leave an entry empty rather than out.")
            % {"found": len(values), "count": count},
            column,
        )
    return values


@dataclass(frozen=True)
class Column:
    name: str
    attribute: Attribute
    description: Promise | str
    # Written from a record; read back into the record (None: the column is not imported).
    write: Callable[[Record], Any]
    read: Callable[[Record, str, dict[str, str]], None] | None = None

    @property
    def label(self) -> str:
        return str(self.attribute.label)

    @property
    def importable(self) -> bool:
        return self.read is not None and bool(self.attribute.import_as)


def _keys(values: list[dict[str, str]] | None) -> str:
    return join(v["key"] for v in values or [])


def _labels(values: list[dict[str, str]] | None) -> str:
    return join(v["label"] for v in values or [])


def parse_int(cell: str) -> int | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        number = float(cell) if "." in cell else int(cell)
    except ValueError:
        raise CellError(_("Expected a whole number, found %(value)r.") % {"value": cell[:40]}) from None
    if number != int(number):
        raise CellError(_("Expected a whole number, found %(value)r.") % {"value": cell[:40]})
    return int(number)


def parse_bool(cell: str) -> bool:
    value = cell.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(_("Expected yes or no, found %(value)r.") % {"value": cell[:40]})


def parse_day(cell: str) -> date | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        found = parse_date(cell[:10]) if len(cell) >= 10 else None
    except ValueError:
        found = None
    if found is None:
        raise CellError(_("Expected a date like 2024-03-31, found %(value)r.") % {"value": cell[:40]})
    return found


def parse_moment(cell: str) -> datetime | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        found = parse_datetime(cell)
    except ValueError:
        found = None
    if found is None:
        raise CellError(
            _("Expected a date and time like 2024-03-31T12:00:00+00:00, found %(value)r.")
            % {"value": cell[:40]}
        )
    return found


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime | date):
        return value.isoformat()
    return "" if value is None else str(value)


def _columns_of(attr: Attribute) -> list[Column]:
    name, kind = attr.name, attr.type

    def setter(parse: Callable[[str], Any]) -> Callable[[Record, str, dict[str, str]], None]:
        def read(record: Record, cell: str, _row: dict[str, str]) -> None:
            record[name] = parse(cell)

        return read

    def simple(description: Any, parse: Callable[[str], Any]) -> list[Column]:
        return [Column(name, attr, description, lambda r: _text(r[name]), setter(parse))]

    match kind:
        case AttrType.TEXT:
            return simple(_("Text. Long texts keep their paragraphs and simple formatting (Markdown)."), str)
        case AttrType.INT:
            return simple(_("A whole number, or empty."), parse_int)
        case AttrType.BOOL:
            return simple(_('"yes" or "no".'), parse_bool)
        case AttrType.DATE:
            return simple(_("A date (YYYY-MM-DD), or empty."), parse_day)
        case AttrType.DATETIME:
            return simple(_("A date and time (ISO 8601, UTC)."), parse_moment)
        case AttrType.TERM:

            def read_term(record: Record, cell: str, _row: dict[str, str]) -> None:
                values = split(cell)
                if len(values) > 1:
                    raise CellError(_("Expected one value, found %(count)s.") % {"count": len(values)})
                record[name] = {"key": values[0], "label": ""} if values else None

            return [
                Column(
                    name,
                    attr,
                    _("One key (%(keys)s), or empty.") % {"keys": attr.keys},
                    lambda r: (r[name] or {}).get("key", ""),
                    read_term,
                ),
                Column(
                    f"{name}_label",
                    attr,
                    _("The text of the value in the column before. Not imported."),
                    lambda r: (r[name] or {}).get("label", ""),
                ),
            ]
        case AttrType.TERMS:

            def read_terms(record: Record, cell: str, _row: dict[str, str]) -> None:
                record[name] = [{"key": key, "label": ""} for key in split(cell) if key]

            return [
                Column(
                    name,
                    attr,
                    _('Keys (%(keys)s) joined with " | ".') % {"keys": attr.keys},
                    lambda r: _keys(r[name]),
                    read_terms,
                ),
                Column(
                    f"{name}_labels",
                    attr,
                    _("The texts of the values in the column before, in the same order. Not imported."),
                    lambda r: _labels(r[name]),
                ),
            ]
        case AttrType.ORGANIZATIONS:
            return _organization_columns(attr)
        case AttrType.LINKS:
            return _pair_columns(attr, "links", "link_titles", importable=True)
        case AttrType.DOCUMENTS:
            return _pair_columns(attr, "documents", "document_titles", importable=False)
    raise ValueError(f"No columns for {kind!r}")  # pragma: no cover


_ORG_PARTS = (
    # column, key in the record's organization, description
    ("organization_roles", "role", _("Each organization's role: %(roles)s.")),
    ("organization_acronyms", "acronym", _("Each organization's acronym, or an empty entry.")),
    (
        "organization_types",
        "type",
        _("Each organization's type key (e.g. civil-society-ngo), or an empty entry."),
    ),
    ("organization_countries", "country", _("Each organization's country (ISO alpha-3), or an empty entry.")),
)


def _org_part(org: dict[str, Any], key: str) -> str:
    value = org.get(key)
    return (value or {}).get("key", "") if isinstance(value, dict) or value is None else str(value)


def _organization_columns(attr: Attribute) -> list[Column]:
    roles = ", ".join(OrganizationRole.values)

    def read(record: Record, cell: str, row: dict[str, str]) -> None:
        names = split(cell)
        orgs: list[dict[str, Any]] = [{"name": n} for n in names]
        for column, key, _description in _ORG_PARTS:
            parts = _parallel(row.get(column, ""), len(names), column)
            for org, part in zip(orgs, parts, strict=True):
                if key in ("type", "country"):
                    org[key] = {"key": part, "label": ""} if part else None
                else:
                    org[key] = part
        for org in orgs:
            org["role"] = org.get("role") or OrganizationRole.MAIN
        record["organizations"] = orgs

    columns = [
        Column(
            "organizations",
            attr,
            _('Names of the organizations joined with " | "; the columns after it describe each in turn.'),
            lambda r: join(o["name"] for o in r["organizations"]),
            read,
        )
    ]
    for column, key, description in _ORG_PARTS:
        columns.append(
            Column(
                column,
                attr,
                description % {"roles": roles} if key == "role" else description,
                (lambda k: lambda r: join(_org_part(o, k) for o in r["organizations"]))(key),
            )
        )
    return columns


def _pair_columns(attr: Attribute, urls: str, titles: str, *, importable: bool) -> list[Column]:
    name = attr.name

    def read(record: Record, cell: str, row: dict[str, str]) -> None:
        addresses = split(cell)
        names = _parallel(row.get(titles, ""), len(addresses), titles)
        record[name] = [{"url": u, "title": t or u} for u, t in zip(addresses, names, strict=True)]

    note = "" if importable else _(" Not imported.")
    return [
        Column(
            urls,
            attr,
            _('Addresses joined with " | ".%(note)s') % {"note": note},
            lambda r: join(item["url"] for item in r[name]),
            read if importable else None,
        ),
        Column(
            titles,
            attr,
            _("The title of each address, in the same order.%(note)s") % {"note": note},
            lambda r: join(item["title"] for item in r[name]),
        ),
    ]


COLUMNS: tuple[Column, ...] = tuple(c for a in ATTRIBUTES for c in _columns_of(a))
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
assert len(COLUMNS_BY_NAME) == len(COLUMNS), "two columns share a name"


def record_row(record: Record) -> list[Any]:
    """One row: a value per column, in COLUMNS order (text, or an int for whole numbers)."""
    return [column.write(record) for column in COLUMNS]


def row_record(row: dict[str, str]) -> tuple[Record, dict[str, str]]:
    """A row (column name -> cell text) read back into a partial record, with the errors by column."""
    record: Record = {}
    errors: dict[str, str] = {}
    for column in COLUMNS:
        if column.read is None or column.name not in row:
            continue
        try:
            column.read(record, row[column.name], row)
        except CellError as error:
            errors[error.column or column.name] = str(error)
    return record, errors
