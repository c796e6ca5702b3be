"""Import files that lie about themselves, or are built to exhaust the server, give a clear error in
the import report; nothing a file declares is trusted, and no row is dropped without a word."""

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from practicehub.catalogue.models import Practice
from practicehub.transfer import readers as import_readers
from practicehub.transfer.readers import ImportFileError, read_file
from practicehub.transfer.readers import base as reader_limits
from tests import hostile_files as hostile

pytestmark = pytest.mark.django_db
IMPORT = "/exports/import/"
FORBIDDEN_MESSAGE = (
    "The text contains the character {}, which the repository cannot store or export (a control "
    "character or a broken one); remove it."
)


def _rows(count: int) -> list[list[object]]:
    return [["title", "start_year"]] + [[f"Practice {n}", 2000 + n % 20] for n in range(1, count + 1)]


def _read(content: bytes, name: str = "practices.xlsx") -> import_readers.ImportFile:
    return read_file(io.BytesIO(content), filename=name)


def _report(client: Any, content: bytes, name: str) -> str:
    response = client.post(
        IMPORT, {"action": "check", "file": SimpleUploadedFile(name, content), "status": "published"}
    )
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_sheet_claiming_the_whole_grid_reads_only_its_rows() -> None:
    """Three rows, the last on the grid's last row, under <dimension ref="A1:XFD1048576">: three
    practices, not a million rows of 16,384 cells (a 5 KB file of this kind once filled 4 GB)."""
    three = hostile.false_dimension(hostile.workbook(_rows(2)), "A1:XFD1048576")
    found = _read(hostile.far_row(three, 1_048_576))
    assert [row.record["title"] for row in found.rows] == ["Practice 1", "Practice 2", "far"]
    assert [row.number for row in found.rows] == [2, 3, 1_048_576]


def test_a_sheet_understating_its_size_loses_no_row() -> None:
    content = hostile.false_dimension(hostile.workbook(_rows(50)), "A1:A2")
    found = _read(content)
    assert len(found.rows) == 50
    assert found.rows[-1].record == {"title": "Practice 50", "start_year": 2010}


def test_a_sheet_over_the_row_limit_is_a_clear_error_in_the_report(
    client: Any, editor: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(reader_limits, "MAX_IMPORT_ROWS", 5)
    client.force_login(editor)
    html = _report(client, hostile.workbook(_rows(6)), "practices.xlsx")
    assert "The file holds more than 5 practices; split it into several files." in html
    for name in ("practices.csv", "practices.json"):
        content = (
            "title\n" + "".join(f"P{n}\n" for n in range(6))
            if name.endswith(".csv")
            else json.dumps([{"title": f"P{n}"} for n in range(6)])
        )
        assert "The file holds more than 5 practices" in _report(client, content.encode(), name)
    assert Practice.objects.count() == 0


def test_a_sheet_over_the_column_limit_is_a_clear_error(client: Any, editor: Any) -> None:
    header = ["title"] + [f"extra_{n}" for n in range(reader_limits.MAX_IMPORT_COLUMNS)]
    client.force_login(editor)
    message = "The file has more than 200 named columns; an import reads at most 200."
    assert message in _report(client, hostile.workbook([header, ["A practice"]]), "practices.xlsx")
    assert message in _report(client, (",".join(header) + "\nA practice\n").encode(), "practices.csv")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.far_row, "The sheet has rows or cells beyond the last row or column Excel allows"),
        (hostile.wide_row, "The sheet has rows or cells beyond the last row or column Excel allows"),
        (hostile.workbook_zip_bomb, "The workbook unpacks to far more than an import file can hold"),
    ],
)
def test_a_hostile_workbook_is_refused_before_openpyxl_reads_it(
    make: Any, message: str, monkeypatch: Any
) -> None:
    import openpyxl

    content = make(hostile.workbook(_rows(3)))
    read_rows: list[object] = []
    real_iter_rows = openpyxl.worksheet._read_only.ReadOnlyWorksheet.iter_rows
    monkeypatch.setattr(
        openpyxl.worksheet._read_only.ReadOnlyWorksheet,
        "iter_rows",
        lambda *args, **kwargs: read_rows.append(args) or real_iter_rows(*args, **kwargs),
    )
    with pytest.raises(ImportFileError) as caught:
        _read(content)
    assert str(caught.value).startswith(message)
    assert read_rows == []  # openpyxl never read a row


def test_a_file_that_is_not_a_zip_under_an_xlsx_name_is_a_clear_error() -> None:
    with pytest.raises(ImportFileError, match=r"The file is not an Excel workbook \(\.xlsx\)\."):
        _read(hostile.not_a_zip())


def test_json_nested_too_deeply_is_a_clear_error(client: Any, editor: Any) -> None:
    client.force_login(editor)
    html = _report(client, hostile.nested_json(), "practices.json")
    assert "The file nests lists or objects far deeper than practices do." in html


def test_lone_surrogates_in_json_are_row_errors_not_a_crash(client: Any, editor: Any) -> None:
    content = b'[{"title": "Skills \\ud800 passports", "summary": "ok", "\\udfff": 1}, {"title": "Fine"}]'
    client.force_login(editor)
    html = _report(client, content, "practices.json")
    assert FORBIDDEN_MESSAGE.format("U+D800") in html
    assert "1 error: nothing was imported." in html
    assert Practice.objects.count() == 0


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x01", "\x0b", "\x1f"])
def test_a_cell_with_a_character_xml_forbids_is_a_row_error(character: str) -> None:
    found = _read(f"title,summary\nFine,\nSkills,a{character}b\n".encode(), "practices.csv")
    assert found.rows[0].errors == {}
    assert found.rows[1].errors == {"summary": FORBIDDEN_MESSAGE.format(f"U+{ord(character):04X}")}
    # (A workbook cannot carry them: its XML parser refuses them, and openpyxl does not write them.)


@pytest.mark.parametrize(
    "content",
    [
        b"title" + b"," * 20_000 + b"\nx\n",
        b"title\nx" + b"," * 20_000 + b"\n",
        b"title\nx" + (b"," * 9_000 + b'"\n"') * 3 + b"\n",  # one row, its lines joined by quotes
    ],
)
def test_a_csv_row_wider_than_a_sheet_is_a_clear_error(content: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"^The file has a row of more than 16,384 cells"):
        _read(content, "practices.csv")


def test_blank_lines_between_rows_are_skipped_and_counted_in_row_numbers() -> None:
    found = _read(b"title\nFirst\n\n,\nSecond\n", "practices.csv")
    assert [(row.number, row.record["title"]) for row in found.rows] == [(2, "First"), (5, "Second")]
