"""The Word template: generated from the field definition, and read back into form data.

Layout of a generated template (python-docx):
- a hidden first paragraph ``PRACTICEHUB-TEMPLATE v<N>`` and the core properties identifier and version:
  together they say that a file is our template, and which version;
- for each group of fields (in the order of catalogue/fields.py) a heading, then for each part of a
  field one table whose first row holds the label, the help text and a hidden key ``{ph:<name>}``
  (<name> is the form field or formset it fills);
- choices are rows of [mark cell | label with a hidden ``{v:<key>}``]: any mark (X) in the first cell
  chooses the row; texts go in the empty cell under the label; organizations and links are rows of cells.

Reading a file back gives the same data a browser would post (field name -> list of strings), so the
ordinary form checks it and shows any problem beside its field.
"""

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table, _Cell

from practicehub.catalogue.fields import GROUP_LABELS, PRACTICE_FIELDS, Group, Kind, PracticeField
from practicehub.catalogue.models import Country, OrganizationRole, OrganizationType
from practicehub.core.ooxml import PackageRefused
from practicehub.core.xmltext import xml_text

from . import forms as sf
from .docx_guard import DAMAGED_REASONS, docx_check

TEMPLATE_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
TEMPLATE_IDENTIFIER = "practicehub-practice-template"
MARKER_PREFIX = "PRACTICEHUB-TEMPLATE v"
DEFAULT_MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
ORGANIZATION_ROWS, LINK_ROWS = 6, 5
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_KEY = re.compile(r"\{ph:([a-z_]+)\}")
_VALUE = re.compile(r"\{v:([^}]*)\}")
_MARKERS = re.compile(r"\{(?:ph|v):[^}]*\}")
_UNMARKED = {"", "☐", "□", "[ ]", "[]", "()", "( )"}
LONG_TEXT_PARTS = frozenset(
    {pf.name for pf in PRACTICE_FIELDS if pf.kind == Kind.LONG_TEXT} | {"implementer_details"}
)


def max_template_bytes() -> int:
    return int(getattr(settings, "PRACTICEHUB_MAX_TEMPLATE_BYTES", DEFAULT_MAX_TEMPLATE_BYTES))


# Writing -----------------------------------------------------------------------------------------


def _hidden(paragraph: Any, text: str) -> None:
    run = paragraph.add_run(xml_text(text))
    run.font.hidden = True


def _shade(cell: _Cell, fill: str = "EDEDED") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document: Any, key: str, columns: int, label: str, help_text: str, required: bool) -> Table:
    """A table whose merged first row is the label, the help text and the hidden key."""
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    head = table.rows[0].cells[0]
    if columns > 1:
        head = head.merge(table.rows[0].cells[-1])
    paragraph = head.paragraphs[0]
    # Labels and help texts come from the field definition; choices from vocabularies editors change.
    run = paragraph.add_run(xml_text(label))
    run.bold = True
    if required:
        paragraph.add_run(" " + _("(required for submission)")).italic = True
    _hidden(paragraph, f"{{ph:{key}}}")
    if help_text:
        note = head.add_paragraph()
        note.add_run(xml_text(help_text)).italic = True
    _shade(head)
    return table


def _widths(table: Table, *widths: Cm) -> None:
    """Fixed column widths (Word and LibreOffice read them from every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        cells = row.cells
        if len({id(cell._tc) for cell in cells}) == len(widths):
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width


def _answer_row(table: Table, *, tall: bool = False) -> None:
    row = table.add_row()
    if len(row.cells) > 1:
        row.cells[0].merge(row.cells[-1])
    if tall:
        row.height = Cm(4)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _choice_rows(table: Table, choices: Iterable[tuple[str, str]]) -> None:
    for key, label in choices:
        row = table.add_row()
        paragraph = row.cells[1].paragraphs[0]
        paragraph.add_run(xml_text(label))
        _hidden(paragraph, f"{{v:{key}}}")
    _widths(table, Cm(1.5), Cm(14.5))


def _field_tables(document: Any, pf: PracticeField) -> None:
    label, help_text = str(pf.label), str(pf.help_text or "")
    required = pf.required_for_submission
    many = _("Type X in the first cell of every row that applies.")
    one = _("Type X in the first cell of one row.")
    if pf.kind in (Kind.TITLE, Kind.SHORT_TEXT, Kind.EMAIL, Kind.LONG_TEXT):
        _answer_row(_table(document, pf.name, 1, label, help_text, required), tall=pf.kind == Kind.LONG_TEXT)
    elif pf.kind == Kind.OBJECTIVES:
        table = _table(document, pf.name, 2, label, f"{help_text} {many}".strip(), required)
        _choice_rows(table, sf.objective_choices())
    elif pf.kind == Kind.VOCABULARY:
        choices = sf.sdg_choices() if pf.name == "sdgs" else sf.principle_choices()
        _choice_rows(_table(document, pf.name, 2, label, f"{help_text} {many}".strip(), required), choices)
    elif pf.kind == Kind.CHOICE:
        table = _table(document, pf.name, 2, label, f"{help_text} {one}".strip(), required)
        _choice_rows(table, sf.practice_type_choices())
    elif pf.kind == Kind.LANGUAGE:
        table = _table(document, pf.name, 2, label, f"{help_text} {one}".strip(), required)
        _choice_rows(table, sf.language_choices())
    elif pf.kind == Kind.DATES:
        table = _table(document, "dates", 2, label, help_text, required)
        for key, text in (
            ("start_year", _("Start year")),
            ("end_year", _("End year")),
            ("is_ongoing", _("Ongoing (type X)")),
        ):
            row = table.add_row()
            paragraph = row.cells[0].paragraphs[0]
            paragraph.add_run(text)
            _hidden(paragraph, f"{{v:{key}}}")
            _shade(row.cells[0])
        _widths(table, Cm(5), Cm(11))
    elif pf.kind == Kind.SCOPE:
        table = _table(
            document, "scope_level", 2, f"{label}: {_('Scope')}", f"{help_text} {one}".strip(), required
        )
        _choice_rows(table, sf.scope_choices())
        document.add_paragraph()
        _choice_rows(
            _table(document, "regions", 2, _("Regions and sub-regions"), many, False), sf.region_choices()
        )
        document.add_paragraph()
        countries_help = _("Country names, separated by commas.")
        _answer_row(_table(document, "countries", 1, _("Countries"), countries_help, False))
    elif pf.kind == Kind.ORGANIZATIONS:
        roles = ", ".join(str(label) for _key, label in OrganizationRole.choices)
        help_more = _("One organization per row; add rows if you need more. Role: %(roles)s.") % {
            "roles": roles
        }
        table = _table(document, "organizations", 5, label, f"{help_text} {help_more}".strip(), required)
        header = table.add_row().cells
        for cell, text in zip(
            header, (_("Name"), _("Acronym"), _("Role"), _("Type of organization"), _("Country")), strict=True
        ):
            cell.paragraphs[0].add_run(text).bold = True
            _shade(cell)
        _hidden(header[0].paragraphs[0], "{v:header}")
        for _i in range(ORGANIZATION_ROWS):
            table.add_row()
        _widths(table, Cm(4.6), Cm(2.2), Cm(3.4), Cm(3.2), Cm(2.6))
        document.add_paragraph()
        details = _("Detailed information (for example the unit that runs the practice)")
        _answer_row(_table(document, "implementer_details", 1, details, "", False), tall=True)
    elif pf.kind == Kind.RESOURCES:
        help_more = _("One link per row. Upload documents on the online form.")
        table = _table(document, "links", 2, label, f"{help_text} {help_more}".strip(), required)
        header = table.add_row().cells
        for cell, text in zip(header, (_("Title"), _("Address (URL)")), strict=True):
            cell.paragraphs[0].add_run(text).bold = True
            _shade(cell)
        _hidden(header[0].paragraphs[0], "{v:header}")
        for _i in range(LINK_ROWS):
            table.add_row()
        _widths(table, Cm(6), Cm(10))
    elif pf.kind == Kind.DATE:
        document.add_paragraph(f"{label}: " + _("filled in automatically when you submit online."))
        return
    document.add_paragraph()


def template_build() -> bytes:
    """The current Word template, in the current language."""
    document = Document()
    marker = document.add_paragraph()
    _hidden(marker, f"{MARKER_PREFIX}{TEMPLATE_VERSION}")
    properties = document.core_properties
    properties.identifier = TEMPLATE_IDENTIFIER
    properties.version = str(TEMPLATE_VERSION)
    properties.title = _("Practice submission template")
    properties.subject = _("Repository of Practices of the Global Compact for Migration")
    properties.author = str(getattr(settings, "PRACTICEHUB_SITE_NAME", "PracticeHub"))

    document.add_heading(_("Submit a practice: Word template"), level=0)
    for text in (
        _(
            "Prepare your practice in this file, then upload it on the submission page of the repository: "
            "the online form is filled in from it, and you can check and complete everything before "
            "submitting."
        ),
        _(
            "Type your answers in the empty boxes. To choose from a list, type X in the first cell of the "
            "row. Do not change the grey cells or the order of the tables. Text in the long boxes can use "
            "paragraphs and bulleted lists."
        ),
    ):
        document.add_paragraph(text)
    document.add_heading(_("What the repository looks for"), level=1)
    for item in sf.CHECKLIST:
        document.add_paragraph(str(item), style="List Bullet")

    seen: list[Group] = []
    for pf in PRACTICE_FIELDS:
        if pf.group not in seen:
            seen.append(pf.group)
    for group in seen:
        document.add_heading(str(GROUP_LABELS[group]), level=1)
        if group == Group.CONTACT:
            document.add_paragraph(_("The focal point is never published."))
        for pf in PRACTICE_FIELDS:
            if pf.group == group:
                _field_tables(document, pf)
    end = document.add_paragraph()
    end.add_run().add_break(WD_BREAK.LINE)
    end.add_run(_("The two confirmations (guiding principles, focal point's consent) are given online."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Reading -------------------------------------------------------------------------------------------


class TemplateError(Exception):
    """An upload that cannot be read as our template; `code` says why, `message` says it to the person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _clean(text: str) -> str:
    return _MARKERS.sub("", text).replace("\xa0", " ").strip()


def _cell_text(cell: _Cell, *, long: bool) -> str:
    """The text typed in a cell: paragraphs (blank line between them) and list items ("- ")."""
    if not long:
        return " ".join(_clean(p.text) for p in cell.paragraphs if _clean(p.text))
    blocks: list[list[str]] = []  # the lines of each block (a paragraph, or a run of list items)
    last = ""
    for paragraph in cell.paragraphs:
        text = _clean(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("List Number"):
            item = f"1. {text}"
        elif style.startswith("List"):
            item = f"- {text}"
        else:
            item = ""
        if item and blocks and last[:2] in ("- ", "1."):
            blocks[-1].append(item)
        else:
            blocks.append([item or text])
        last = item or text
    return "\n\n".join("\n".join(lines) for lines in blocks)


def _unique_cells(row: Any) -> list[_Cell]:
    cells: list[_Cell] = []
    for cell in row.cells:
        if not any(cell._tc is seen._tc for seen in cells):
            cells.append(cell)
    return cells


def _marked(cell: _Cell) -> bool:
    return _clean(cell.text) not in _UNMARKED


def _choices(table: Table) -> list[str]:
    keys = []
    for row in table.rows[1:]:
        cells = _unique_cells(row)
        if len(cells) < 2:
            continue
        found = _VALUE.search(cells[1].text)
        if found and _marked(cells[0]):
            keys.append(found.group(1))
    return keys


def _lookup(text: str, table: dict[str, str]) -> str:
    return table.get(" ".join(text.split()).casefold(), text)


def _role_lookup() -> dict[str, str]:
    found: dict[str, str] = {}
    for key, label in OrganizationRole.choices:
        found[key] = key
        found[str(label).casefold()] = key
    found.update({"main implementer": "main", "partner": "partner", "donor": "partner", "other": "other"})
    return found


def _country_lookup() -> dict[str, str]:
    found: dict[str, str] = {}
    for iso3, iso2, name in Country.objects.values_list("iso3", "iso2", "name"):
        for key in (iso3, iso2, name):
            found[key.casefold()] = iso3
    return found


def _org_type_lookup() -> dict[str, str]:
    found: dict[str, str] = {}
    for key, name in OrganizationType.objects.values_list("key", "name"):
        found[key.casefold()] = key
        found[name.casefold()] = key
    return found


def _rows(table: Table, columns: int) -> list[list[str]]:
    rows = []
    for row in table.rows[1:]:
        cells = _unique_cells(row)
        if len(cells) < columns or any(_VALUE.search(c.text) for c in cells):
            continue
        rows.append([_cell_text(c, long=False) for c in cells[:columns]])
    return rows


@dataclass
class _Reader:
    data: dict[str, list[str]]

    def text(self, name: str, table: Table) -> None:
        answer = table.rows[1] if len(table.rows) > 1 else None
        if answer is not None:
            self.data[name] = [_cell_text(_unique_cells(answer)[0], long=name in LONG_TEXT_PARTS)]

    def dates(self, table: Table) -> None:
        for row in table.rows[1:]:
            cells = _unique_cells(row)
            found = _VALUE.search(cells[0].text) if cells else None
            if not found or len(cells) < 2:
                continue
            if found.group(1) == "is_ongoing":
                if _marked(cells[1]):
                    self.data["is_ongoing"] = ["on"]
            elif found.group(1) in ("start_year", "end_year"):
                self.data[found.group(1)] = [_cell_text(cells[1], long=False)]

    def countries(self, table: Table) -> None:
        answer = table.rows[1] if len(table.rows) > 1 else None
        if answer is None:
            return
        text = _cell_text(_unique_cells(answer)[0], long=False)
        lookup = _country_lookup()
        names = [n.strip() for n in re.split(r"[,;\n]", text) if n.strip()]
        self.data["countries"] = list(dict.fromkeys(_lookup(n, lookup) for n in names))

    def organizations(self, table: Table) -> None:
        roles, types, countries = _role_lookup(), _org_type_lookup(), _country_lookup()
        rows = [r for r in _rows(table, 5) if any(r)]
        for index, (name, acronym, role, org_type, country) in enumerate(rows):
            prefix = f"{sf.ORGANIZATIONS_PREFIX}-{index}"
            default_role = OrganizationRole.MAIN if index == 0 else OrganizationRole.PARTNER
            self.data[f"{prefix}-name"] = [name]
            self.data[f"{prefix}-acronym"] = [acronym]
            self.data[f"{prefix}-role"] = [_lookup(role, roles) if role else default_role]
            self.data[f"{prefix}-org_type"] = [_lookup(org_type, types) if org_type else ""]
            self.data[f"{prefix}-country"] = [_lookup(country, countries) if country else ""]
        self.data.update(sf.management_data(sf.ORGANIZATIONS_PREFIX, len(rows)))

    def links(self, table: Table) -> None:
        rows = [r for r in _rows(table, 2) if any(r)]
        for index, (title, url) in enumerate(rows):
            self.data[f"{sf.LINKS_PREFIX}-{index}-title"] = [title]
            self.data[f"{sf.LINKS_PREFIX}-{index}-url"] = [url]
        self.data.update(sf.management_data(sf.LINKS_PREFIX, len(rows)))


SINGLE_CHOICE_PARTS = frozenset({"practice_type", "scope_level", "original_language"})
MULTIPLE_CHOICE_PARTS = frozenset(
    {"primary_objectives", "secondary_objectives", "guiding_principles", "sdgs", "regions"}
)
TEXT_PARTS = frozenset(
    {
        pf.name
        for pf in PRACTICE_FIELDS
        if pf.kind in (Kind.TITLE, Kind.SHORT_TEXT, Kind.EMAIL, Kind.LONG_TEXT)
    }
    | {"implementer_details"}
)


def _open(upload: IO[bytes], size: int) -> Any:
    limit = max_template_bytes()
    if size > limit:
        raise TemplateError(
            "too_large",
            _(
                "This file is %(size)s; a filled template can be at most %(limit)s. Remove pictures or "
                "other content that is not part of the template, and upload it again."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    damaged = _(
        "This file cannot be read as a Word document (.docx): it may be damaged, or saved in another "
        "format. Open it in your word processor, save it as a Word document (.docx), and upload it again."
    )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise TemplateError(
            "too_large", _("This file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    try:
        docx_check(io.BytesIO(content))
    except PackageRefused as refused:
        if refused.reason in DAMAGED_REASONS:
            raise TemplateError("damaged", damaged) from refused
        raise TemplateError(
            "too_complex",
            _(
                "This file holds far more than a filled template can (tables, cells or other content "
                "beyond the template's), so it was not read. Download the template from this page, copy "
                "your text into it, and upload it again."
            ),
        ) from refused
    try:
        return Document(io.BytesIO(content))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError) as error:
        raise TemplateError("damaged", damaged) from error
    except Exception as error:  # lxml and python-docx raise many kinds of errors on broken parts
        raise TemplateError("damaged", damaged) from error


def template_version(document: Any) -> int | None:
    """The template version a document says it is, from its hidden marker or its properties."""
    for paragraph in document.paragraphs[:3]:
        text = paragraph.text.strip()
        if text.startswith(MARKER_PREFIX) and text[len(MARKER_PREFIX) :].isdigit():
            return int(text[len(MARKER_PREFIX) :])
    properties = document.core_properties
    if (properties.identifier or "") == TEMPLATE_IDENTIFIER and (properties.version or "").isdigit():
        return int(properties.version)
    return None


def template_read(upload: IO[bytes], *, size: int) -> dict[str, list[str]]:
    """Form data from a filled template, or a TemplateError (too large, damaged, not the template)."""
    document = _open(upload, size)
    version = template_version(document)
    if version is None:
        raise TemplateError(
            "not_template",
            _(
                "This Word file is not the repository's practice template. Download the template from this "
                "page, copy your text into it, and upload it again."
            ),
        )
    if version not in SUPPORTED_VERSIONS:
        raise TemplateError(
            "old_version",
            _(
                "This file was made from another version of the template. Download the current template "
                "and copy your text into it."
            ),
        )
    reader = _Reader(data={})
    for table in document.tables:
        if not table.rows:
            continue
        found = _KEY.search(table.rows[0].cells[0].text)
        if not found:
            continue
        key = found.group(1)
        if key in TEXT_PARTS:
            reader.text(key, table)
        elif key in MULTIPLE_CHOICE_PARTS:
            reader.data[key] = _choices(table)
        elif key in SINGLE_CHOICE_PARTS:
            reader.data[key] = _choices(table)[:1]
        elif key == "dates":
            reader.dates(table)
        elif key == "countries":
            reader.countries(table)
        elif key == "organizations":
            reader.organizations(table)
        elif key == "links":
            reader.links(table)
    reader.data.setdefault(sf.ORGANIZATIONS_PREFIX + "-TOTAL_FORMS", ["0"])
    if reader.data[sf.ORGANIZATIONS_PREFIX + "-TOTAL_FORMS"] == ["0"]:
        reader.data.update(sf.management_data(sf.ORGANIZATIONS_PREFIX, 0))
    reader.data.setdefault(sf.LINKS_PREFIX + "-TOTAL_FORMS", ["0"])
    if reader.data[sf.LINKS_PREFIX + "-TOTAL_FORMS"] == ["0"]:
        reader.data.update(sf.management_data(sf.LINKS_PREFIX, 0))
    return reader.data
