"""Bulk import for editors: the import_practices command and the admin page, in the downloads' format."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.opendata.columns import COLUMN_NAMES, escape, join, split
from practicehub.opendata.tabular import csv_safe
from practicehub.transfer.bulk_import import practices_import
from practicehub.transfer.readers import ImportFileError, read_file
from practicehub.transfer.readers.base import _unguard
from tests.factories import UserFactory
from tests.open_data import FOCAL_EMAIL, OpenCatalogue

pytestmark = pytest.mark.django_db


def sheet(rows: list[dict[str, str]]) -> str:
    """A CSV in the download format: every column, the given cells filled in."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in COLUMN_NAMES})
    return "\ufeff" + out.getvalue()


def good(title: str, **cells: str) -> dict[str, str]:
    row = {
        "title": title,
        "primary_objectives": "2 | 23",
        "countries": "KEN",
        "start_year": "2021",
        "is_ongoing": "yes",
        "practice_type": "project-programme",
        "organizations": "Kenya Skills Office | Friends of Mombasa",
        "organization_roles": "main | partner",
        "organization_acronyms": "KSO | ",
        "organization_types": " | ",
        "organization_countries": "KEN | KEN",
        "summary": "Skills passports for returnees.",
    }
    row.update(cells)
    return row


def run(tmp_path: Path, content: str | bytes, *args: str, name: str = "practices.csv") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}")
    return out.getvalue(), err.getvalue()


def test_dry_run_reports_and_changes_nothing(tmp_path: Path) -> None:
    out, err = run(tmp_path, sheet([good("Skills passports"), good("Returnee desks")]), "--dry-run")
    assert "2 rows: 2 would be created, 0 would be updated. Dry run: nothing was changed." in out
    assert "2/2" in err  # the progress bar
    assert Practice.objects.count() == 0


def test_import_creates_published_practices_with_their_values(tmp_path: Path, editor) -> None:  # type: ignore[no-untyped-def]
    content = sheet(
        [good("Skills passports", id="skills-passports", published_at="2024-02-03T10:00:00+00:00")]
    )
    out, _err = run(tmp_path, content, "--actor", editor.email)
    assert "1 rows: 1 created, 0 updated." in out
    practice = Practice.objects.get(slug="skills-passports")
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at.isoformat() == "2024-02-03T10:00:00+00:00"
    assert sorted(practice.primary_objectives.values_list("number", flat=True)) == [2, 23]
    links = list(practice.organization_links.select_related("organization").order_by("role"))
    assert [(link.organization.name, link.role) for link in links] == [
        ("Kenya Skills Office", "main"),
        ("Friends of Mombasa", "partner"),
    ]
    assert links[0].organization.acronym == "KSO"
    event = AuditEvent.objects.get(action="practice.imported")
    assert event.actor == editor and event.data["row"] == 2 and event.data["file"] == "practices.csv"


def test_every_row_error_is_reported_with_its_row_and_column_and_nothing_is_imported(tmp_path: Path) -> None:
    rows = [
        good("Fine practice"),
        good("Unknown country", countries="KEN | XYZ"),
        good("Bad year", start_year="twenty"),
        good("", summary="No title at all"),
        good("Ends before it starts", start_year="2020", end_year="2010", is_ongoing="no"),
        good("Bad link", links="not a web address", link_titles="Somewhere"),
        good("Missing entries", organization_roles="main"),
        good("Unknown role", organization_roles="main | sponsor"),
    ]
    out, err = run(tmp_path, sheet(rows))
    assert "CommandError: " in err and "nothing was imported" in err
    assert "row 3, countries: Unknown values: XYZ." in out
    assert "row 4, start_year: Expected a whole number, found 'twenty'." in out
    assert "row 5, title:" in out
    assert "row 6, end_year: The end year is before the start year." in out
    assert "row 7, links: Not a web address" in out
    assert "row 8, organization_roles: 1 entries for 2 items; leave an entry empty rather than out." in out
    assert "row 9, organization_roles: Unknown role 'sponsor'" in out
    assert "row 2" not in out  # the good row has no error...
    assert Practice.objects.count() == 0  # ...and was not imported either: all or nothing


def test_a_row_with_an_existing_identifier_updates_it_and_keeps_private_data(
    tmp_path: Path, open_catalogue: OpenCatalogue
) -> None:
    practice = open_catalogue.published
    rows = [good("Return desks, second edition", id=practice.slug, summary="New summary.")]
    out, _err = run(tmp_path, sheet(rows))
    assert "1 rows: 0 created, 1 updated." in out
    practice.refresh_from_db()
    assert practice.title == "Return desks, second edition" and practice.summary == "New summary."
    assert practice.focal_point_email == FOCAL_EMAIL
    assert practice.submitter is not None and practice.status == PracticeStatus.PUBLISHED
    assert practice.call == open_catalogue.call


def test_a_file_exported_from_the_site_imports_back_as_updates(
    client, tmp_path: Path, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    for kind in ("csv", "xlsx", "json"):
        body = b"".join(client.get(f"/exports/practices.{kind}").streaming_content)
        out, err = run(tmp_path, body, "--dry-run", name=f"export.{kind}")
        assert "2 rows: 0 would be created, 2 would be updated." in out, (kind, out, err)


def test_the_same_identifier_twice_is_an_error(tmp_path: Path) -> None:
    out, _err = run(tmp_path, sheet([good("One", id="twin"), good("Two", id="twin")]))
    assert "row 3, id: The identifier is also on row 2." in out
    assert Practice.objects.count() == 0


def test_new_practices_can_be_imported_as_drafts(tmp_path: Path) -> None:
    run(tmp_path, sheet([good("Draft from a file")]), "--status", "draft")
    practice = Practice.objects.get()
    assert practice.status == PracticeStatus.DRAFT and practice.published_at is None


def test_xlsx_and_json_files_are_read_too(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["title", "countries", "start_year", "unknown_column"])
    workbook.active.append(["From Excel", "MEX", 2019, "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    out, _err = run(tmp_path, buffer.getvalue(), name="practices.xlsx")
    assert "Column 'unknown_column' is not known and was ignored." in out
    assert Practice.objects.get(title="From Excel").start_year == 2019

    records = [
        {
            "title": "From JSON",
            "countries": [{"key": "BRA"}],
            "sdgs": ["4"],
            "is_ongoing": True,
            "start_year": 2022,
        }
    ]
    run(tmp_path, json.dumps(records), name="practices.json")
    practice = Practice.objects.get(title="From JSON")
    assert list(practice.countries.values_list("iso3", flat=True)) == ["BRA"]
    assert list(practice.sdgs.values_list("number", flat=True)) == [4]

    out, _err = run(tmp_path, json.dumps([{"title": 5, "start_year": "soon"}]), name="bad.json")
    assert "row 1, title: Expected text." in out and "row 1, start_year:" in out
    out, _err = run(tmp_path, json.dumps([{"title": "a\u0000b", "countries": ["K\u0000"]}]), name="nul.json")
    assert "row 1, title: The text contains the character U+0000, which the repository cannot" in out
    assert "row 1, countries: The text contains the character U+0000," in out


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("title,summary\n".encode("utf-16"), "practices.csv", "not UTF-8"),
        (b"summary\nno title column\n", "practices.csv", "must be \u201ctitle\u201d"),
        (b"title\n", "practices.csv", "holds no practices"),
        (b"", "practices.csv", "empty"),
        (b"not a workbook", "practices.xlsx", "not an Excel workbook"),
        (b"{not json", "practices.json", "not valid JSON"),
        (b'{"a": 1}', "practices.json", "list of practices"),
        (b"title\nx\n", "practices.txt", "Unknown file type"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_clear_error(
    tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    _out, err = run(tmp_path, content, name=name)
    assert "CommandError" in err and message in err


# --- the admin page ----------------------------------------------------------------------------------

IMPORT = "/exports/import/"


def upload(client, content: str, name: str = "practices.csv", status: str = "published"):  # type: ignore[no-untyped-def]
    file = io.BytesIO(content.encode("utf-8"))
    file.name = name
    return client.post(IMPORT, {"action": "check", "file": file, "status": status})


def test_only_editors_reach_the_import_page(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(IMPORT).status_code == 302  # to the admin sign-in
    staff = UserFactory(username="staff", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT).status_code == 403
    staff.is_editor = True
    staff.save()
    page = client.get(IMPORT)
    assert page.status_code == 200 and "Upload a file" in page.content.decode()


def test_editor_checks_a_file_then_confirms_the_import(client, editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(editor)
    changelist = client.get("/admin/catalogue/practice/").content.decode()
    assert f'href="{IMPORT}"' in changelist

    report = upload(client, sheet([good("Skills passports", id="skills"), good("Returnee desks")]))
    html = report.content.decode()
    assert report.status_code == 200
    assert "2 rows checked: 2 practices would be created, 0 updated." in html
    assert "Skills passports" in html and "Returnee desks" in html
    assert Practice.objects.count() == 0
    token = html.split('name="token" value="')[1].split('"')[0]

    done = client.post(IMPORT, {"action": "confirm", "token": token})
    assert done.status_code == 302 and done["Location"] == "/admin/catalogue/practice/"
    assert sorted(Practice.objects.values_list("title", flat=True)) == ["Returnee desks", "Skills passports"]
    # The same confirmation cannot run twice.
    again = client.post(IMPORT, {"action": "confirm", "token": token})
    assert again.status_code == 302 and again["Location"] == IMPORT
    assert Practice.objects.count() == 2


def test_a_file_with_errors_shows_them_and_offers_no_confirmation(client, editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(editor)
    html = upload(client, sheet([good("Fine"), good("Nowhere", countries="ZZZ")])).content.decode()
    assert "1 error: nothing was imported." in html
    assert "<code>countries</code>: Unknown values: ZZZ." in html
    assert 'name="token"' not in html
    unreadable = upload(client, "whatever", name="practices.pdf")
    assert unreadable.status_code == 400 and "Unknown file type" in unreadable.content.decode()
    assert Practice.objects.count() == 0


# --- any input: a report or a clear file error, never a crash -----------------------------------------


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)))))
def test_joined_values_split_back(values: list[str]) -> None:
    assume(values != [""] and all(v == v.strip() for v in values))
    assert split(join(values)) == values
    assert all("|" not in escape(v).replace("\\|", "") for v in values)


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_the_formula_guard_is_undone_exactly(value: str) -> None:
    guarded = csv_safe(value)
    assert not guarded.startswith(("=", "+", "-", "@"))
    assert _unguard(guarded) == value


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=300), kind=st.sampled_from(["csv", "xlsx", "json"]))
def test_any_bytes_give_rows_or_a_file_error(content: bytes, kind: str) -> None:
    try:
        found = read_file(io.BytesIO(content), filename=f"f.{kind}")
    except ImportFileError as error:
        assert str(error)
    else:
        assert found.rows


_CELL = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
) | st.sampled_from(["KEN", "1 | 2", "yes", "2020", "main | x", "https://example.org", "=1", "0", "-1"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.dictionaries(st.sampled_from(COLUMN_NAMES), _CELL, max_size=10), min_size=1, max_size=3)
)
def test_any_cells_give_a_report_and_never_a_crash(editor, rows: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    try:
        found = read_file(io.BytesIO(sheet(rows).encode("utf-8")), filename="fuzz.csv")
    except ImportFileError as error:  # only blank rows
        assert "no practices" in str(error)
        return
    report = practices_import(actor=editor, rows=found.rows, dry_run=True)
    assert len(report.rows) == len(found.rows)
    assert all(isinstance(number, int) and isinstance(message, str) for number, _c, message in report.errors)
    assert Practice.objects.count() == 0  # a dry run keeps nothing
