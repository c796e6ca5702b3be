"""What a Word file must fit before python-docx reads it as a filled template.

python-docx builds a Python object for every cell of the grid a table declares: one cell claiming a
span of millions of columns (``w:gridSpan``), or tens of thousands of empty cells, cost minutes and
gigabytes. So the zip is checked first (core/ooxml.py: members, unpacked sizes, compression ratio),
then every XML part is read once as a stream, counting what python-docx would build; a file beyond
any limit is refused before it is parsed.

The limits leave a wide margin over the generated template (21 tables, 168 rows, 326 cells whose
spans add up to 340 grid cells, at most 5 per row, no vertical merge, 388 paragraphs, 21,541 XML
elements in 874 KB of XML, 17 members, a document part of 57 KB) filled to the form's maxima (every
long text at 30,000 characters in paragraphs and list items, dozens of organization rows, a
picture), and keep the worst file within them to about two seconds of reading: python-docx's cost
grows with the square of a vertical merge's length, hence the low limit on merged cells.
"""

import zipfile
from dataclasses import dataclass, field
from typing import IO

from practicehub.core.ooxml import PackageLimits, PackageRefused, member_head, package_open, xml_scan

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE, ROW, CELL, PARAGRAPH = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p"
GRID_SPAN, VERTICAL_MERGE, VALUE = f"{_W}gridSpan", f"{_W}vMerge", f"{_W}val"

PACKAGE_LIMITS = PackageLimits(
    max_members=300,
    max_total_bytes=60 * 1024 * 1024,
    max_member_bytes=20 * 1024 * 1024,
    max_ratio=100,
)


@dataclass(frozen=True)
class DocumentLimits:
    max_xml_part_bytes: int = 10 * 1024 * 1024
    max_xml_bytes: int = 30 * 1024 * 1024
    max_elements: int = 500_000
    max_depth: int = 100
    max_tables: int = 200
    max_table_nesting: int = 3
    max_rows: int = 2_000
    max_cells: int = 5_000
    max_grid_cells: int = 10_000  # cells with their column spans: what python-docx builds
    max_row_columns: int = 64
    max_merged_cells: int = 100  # cells continuing a vertical merge (python-docx: quadratic)
    max_paragraphs: int = 10_000


DOCUMENT_LIMITS = DocumentLimits()
# Refusals that mean the file is broken (or not what Office writes), rather than too big.
DAMAGED_REASONS = frozenset(
    {
        "not a zip",
        "unexpected compression",
        "encrypted member",
        "damaged member",
        "xml declarations",
        "xml not well-formed",
    }
)
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class _Open:
    """A table or row being read: the depth of its element, and the columns of a row so far."""

    tag: str
    depth: int
    columns: int = 0


@dataclass
class _Counts:
    limits: DocumentLimits
    elements: int = 0
    tables: int = 0
    rows: int = 0
    cells: int = 0
    grid_cells: int = 0
    merged_cells: int = 0
    paragraphs: int = 0
    # Tables and rows not closed yet: an element at depth d closes those at depth d or deeper.
    open: list[_Open] = field(default_factory=list)

    def _over(self, count: int, limit: int, what: str) -> None:
        if count > limit:
            raise PackageRefused(f"too many {what}")

    def _row_columns(self, added: int) -> None:
        row = next((entry for entry in reversed(self.open) if entry.tag == ROW), None)
        if row is not None:
            row.columns += added
            self._over(row.columns, self.limits.max_row_columns, "columns in a row")
        self.grid_cells += added
        self._over(self.grid_cells, self.limits.max_grid_cells, "grid cells")

    def __call__(self, tag: str, attributes: dict[str, str], depth: int) -> None:
        limits = self.limits
        self.elements += 1
        self._over(self.elements, limits.max_elements, "elements")
        while self.open and self.open[-1].depth >= depth:
            self.open.pop()
        if tag == PARAGRAPH:
            self.paragraphs += 1
            self._over(self.paragraphs, limits.max_paragraphs, "paragraphs")
        elif tag == TABLE:
            self.tables += 1
            self._over(self.tables, limits.max_tables, "tables")
            self.open.append(_Open(TABLE, depth))
            nesting = sum(1 for entry in self.open if entry.tag == TABLE)
            self._over(nesting, limits.max_table_nesting, "nested tables")
        elif tag == ROW:
            self.rows += 1
            self._over(self.rows, limits.max_rows, "rows")
            self.open.append(_Open(ROW, depth))
        elif tag == CELL:
            self.cells += 1
            self._over(self.cells, limits.max_cells, "cells")
            self._row_columns(1)
        elif tag == GRID_SPAN:
            value = attributes.get(VALUE, "1").strip()
            if not value.isdigit() or len(value) > 6:
                raise PackageRefused("grid span")
            self._row_columns(max(int(value) - 1, 0))
        elif tag == VERTICAL_MERGE and attributes.get(VALUE, "continue") == "continue":
            self.merged_cells += 1
            self._over(self.merged_cells, limits.max_merged_cells, "merged cells")


def document_check(archive: zipfile.ZipFile, limits: DocumentLimits = DOCUMENT_LIMITS) -> None:
    """PackageRefused when any XML part of the file, counted together, is beyond the limits."""
    counts = _Counts(limits)
    xml_bytes = 0
    for info in archive.infolist():
        if info.is_dir() or not member_head(archive, info).lstrip().startswith(_XML_STARTS):
            continue  # pictures and other binary parts: python-docx does not parse them
        if info.file_size > limits.max_xml_part_bytes:
            raise PackageRefused("xml part too large")
        xml_bytes += info.file_size
        if xml_bytes > limits.max_xml_bytes:
            raise PackageRefused("xml too large")
        counts.open.clear()
        xml_scan(archive, info.filename, counts, max_depth=limits.max_depth)


def docx_check(handle: IO[bytes]) -> None:
    """The whole check of a .docx in a seekable binary file; PackageRefused says what is wrong."""
    with package_open(handle, PACKAGE_LIMITS) as archive:
        document_check(archive)
