"""Hostile files, made in memory (never committed): Word files, workbooks and JSON that cost a naive
reader minutes and gigabytes. Shared by the tests and by bench/hostile.py, which times the refusals."""

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from docx import Document

from practicehub.submissions.docx import LONG_TEXT_PARTS
from practicehub.submissions.forms import LONG_TEXT_MAX

_BODY_END = "<w:sectPr"


def rezip(
    content: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None, *, stored: bool = False
) -> bytes:
    """The zip `content` with some members' bytes replaced and others added: deflated, or `stored`
    (as a file built to pass a compression-ratio check would be)."""
    buffer = io.BytesIO()
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(
        buffer, "w", compression=compression
    ) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def with_document(template: bytes, change: Callable[[str], str], *, stored: bool = False) -> bytes:
    """The Word file `template` with its main document part changed by `change`."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    return rezip(template, {"word/document.xml": change(document).encode("utf-8")}, stored=stored)


def _before_section(xml: str, addition: str) -> str:
    """`addition` put at the end of the body (before the section properties)."""
    at = xml.rindex(_BODY_END)
    return xml[:at] + addition + xml[at:]


def _cell(content: str = "<w:p/>", properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def huge_grid_span(template: bytes, span: int = 1_000_000) -> bytes:
    """One cell that declares a span of `span` columns (python-docx builds a cell for each)."""
    cell = _cell(properties=f'<w:gridSpan w:val="{span}"/>')
    table = f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"
    return with_document(template, lambda xml: _before_section(xml, table))


def many_empty_cells(template: bytes, rows: int = 1_000, columns: int = 50) -> bytes:
    """rows x columns empty cells (50,000 by default), stored unpacked: no compression ratio gives
    it away, only counting does."""
    row = "<w:tr>" + _cell() * columns + "</w:tr>"
    grid = "<w:tblGrid>" + '<w:gridCol w:w="100"/>' * columns + "</w:tblGrid>"
    table = f"<w:tbl>{grid}{row * rows}</w:tbl>"
    return with_document(template, lambda xml: _before_section(xml, table), stored=True)


def vertical_merges(template: bytes, rows: int = 300) -> bytes:
    """A column of `rows` cells merged vertically (python-docx's cost grows with its square)."""
    first = _cell(properties='<w:vMerge w:val="restart"/>')
    table = "<w:tbl><w:tr>" + first + "</w:tr>" + f"<w:tr>{_cell(properties='<w:vMerge/>')}</w:tr>" * rows
    return with_document(template, lambda xml: _before_section(xml, table + "</w:tbl>"), stored=True)


def many_paragraphs(template: bytes, count: int = 15_000) -> bytes:
    """`count` short list items in the summary's answer box, stored unpacked."""
    items = '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>a point</w:t></w:r></w:p>' * count

    def change(xml: str) -> str:
        answer_row = xml.index("<w:tr", xml.index("{ph:summary}"))
        at = xml.index("<w:p", answer_row)
        return xml[:at] + items + xml[at:]

    return with_document(template, change, stored=True)


def nested_tables(template: bytes, depth: int = 40) -> bytes:
    """A table in a cell of a table in a cell of ... `depth` times."""
    inner = "<w:p/>"
    for _level in range(depth):
        inner = f"<w:tbl><w:tr>{_cell(inner + '<w:p/>')}</w:tr></w:tbl>"
    return with_document(template, lambda xml: _before_section(xml, inner))


def deep_xml(template: bytes, depth: int = 50_000) -> bytes:
    """Elements nested `depth` deep in a paragraph (lxml and python-docx recurse on such trees)."""
    deep = "<w:p>" + "<w:r>" * depth + "</w:r>" * depth + "</w:p>"
    return with_document(template, lambda xml: _before_section(xml, deep))


def _laugh(level: int) -> str:
    inner = f"&lol{level - 1};" if level > 1 else "&lol;"
    return f'<!ENTITY lol{level} "{inner * 10}">'


BILLION_LAUGHS_DTD = '<!DOCTYPE w:document [<!ENTITY lol "lol">' + "".join(map(_laugh, range(1, 10))) + "]>"


def billion_laughs(template: bytes) -> bytes:
    """Entities that expand to a billion "lol"s, used in a paragraph of the document."""

    def change(xml: str) -> str:
        xml = re.sub(r"^(<\?xml[^>]*\?>)", lambda m: m.group(1) + BILLION_LAUGHS_DTD, xml, count=1)
        return _before_section(xml, "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>")

    return with_document(template, change)


def zip_bomb_member(template: bytes, unpacked: int = 50 * 1024 * 1024) -> bytes:
    """A picture part of `unpacked` zero bytes, which deflate packs a thousand times smaller."""
    return rezip(template, {}, {"word/media/image1.png": b"\0" * unpacked})


def many_members(template: bytes, count: int = 20_000) -> bytes:
    """Thousands of tiny members (the zip's directory alone is costly to read)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for number in range(count):
            target.writestr(f"customXml/item{number + 10}.xml", b"<a/>")
    return buffer.getvalue()


def not_a_zip() -> bytes:
    """A PDF's first bytes, under a .docx or .xlsx name."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# --- Not hostile: the most a person may put in the template (the limits must let it through) ---

_KEY = re.compile(r"\{ph:([a-z_]+)\}")


def _tables(document: Any) -> dict[str, Any]:
    return {m.group(1): t for t in document.tables if (m := _KEY.search(t.rows[0].cells[0].text))}


def filled_to_the_maxima(template: bytes) -> bytes:
    """What the most a person may type looks like: every long text at the form's maximum, in short
    paragraphs and list items, 40 organizations and 20 links, and a picture."""
    document = Document(io.BytesIO(template))
    tables = _tables(document)
    sentence = "Migrants find advice, shelter and work through the centres in every district. "
    for name in LONG_TEXT_PARTS:
        cell = tables[name].rows[1].cells[0]
        cell.text = "Summary of what was done."
        written = len(cell.text)
        while written + len(sentence) < LONG_TEXT_MAX - 200:
            style = "List Bullet" if written % 3 else None
            cell.add_paragraph(sentence, style=style)
            written += len(sentence) + 2
    for _ in range(40):
        cells = tables["organizations"].add_row().cells
        cells[0].text, cells[2].text, cells[4].text = "Centro de Apoyo al Migrante", "partner", "Mexico"
    for number in range(20):
        cells = tables["links"].add_row().cells
        cells[0].text, cells[1].text = "Report", f"https://example.org/report-{number}"
    tables["title"].rows[1].cells[0].text = "Migrant resource centres"
    buffer = io.BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), {}, {"word/media/image1.png": bytes(range(256)) * 4000})


# --- Workbooks and JSON for the bulk import ---------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list[object]]) -> bytes:
    """A plain workbook of these rows, as openpyxl writes it (with a true <dimension>)."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(SHEET).decode("utf-8")


def with_sheet(content: bytes, change: Callable[[str], str]) -> bytes:
    return rezip(content, {SHEET: change(_sheet_xml(content)).encode("utf-8")})


def false_dimension(content: bytes, claimed: str) -> bytes:
    """The workbook with a sheet that declares its used range to be `claimed` (e.g. A1:XFD1048576)."""
    declared = f'<dimension ref="{claimed}"'
    return with_sheet(content, lambda xml: re.sub(r'<dimension ref="[^"]*"', declared, xml))


def far_row(content: bytes, number: int = 10**12) -> bytes:
    """A last row numbered `number` (openpyxl yields an empty row for every number before it)."""
    row = f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>far</t></is></c></row>'
    return with_sheet(content, lambda xml: xml.replace("</sheetData>", row + "</sheetData>"))


def wide_row(content: bytes, cells: int = 100_000) -> bytes:
    """A row of `cells` cells without references (openpyxl builds the whole row in memory)."""
    row = '<row r="900">' + "".join(f"<c><v>{n * 7919 % 100003}</v></c>" for n in range(cells)) + "</row>"
    return with_sheet(content, lambda xml: xml.replace("</sheetData>", row + "</sheetData>"))


def workbook_zip_bomb(content: bytes, unpacked: int = 50 * 1024 * 1024) -> bytes:
    """A member of `unpacked` zero bytes, which deflate packs a thousand times smaller."""
    return rezip(content, {}, {"xl/media/image1.png": b"\0" * unpacked})


def nested_json(depth: int = 100_000) -> bytes:
    """A list nested `depth` deep (json.loads recurses once per level)."""
    return b'[{"title": ' + b"[" * depth + b"]" * depth + b"}]"


def multipart(fields: dict[str, str | list[str]], files: dict[str, tuple[bytes, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body whose file names are raw bytes (a test client would encode them):
    files maps a field to (file name bytes, content). Returns (body, content type)."""
    boundary = b"----hostile-boundary-7MA4YWxkTrZu0gW"

    def part(disposition: bytes, content: bytes, extra: bytes = b"") -> bytes:
        return b"--%s\r\nContent-Disposition: form-data; %s\r\n%s\r\n%s\r\n" % (
            boundary, disposition, extra, content
        )

    parts = [
        part(b'name="%s"' % name.encode(), value.encode("utf-8"))
        for name, values in fields.items()
        for value in ([values] if isinstance(values, str) else values)
    ]
    parts += [
        part(
            b'name="%s"; filename="%s"' % (name.encode(), filename),
            content,
            b"Content-Type: application/octet-stream\r\n",
        )
        for name, (filename, content) in files.items()
    ]
    body = b"".join(parts) + b"--" + boundary + b"--\r\n"
    return body, "multipart/form-data; boundary=" + boundary.decode()
